"use client";
// After a connected call: "Next step?" — a task with a due date (defaults: "Follow up", in two business days).
import { useId } from "react";
import { input, primary, secondary } from "./styles";

export function NextStepForm({
  defaultDay,
  defaultTitle,
  pending,
  error,
  onCreate,
  onSkip,
}: {
  defaultDay: string;
  defaultTitle: string;
  pending: boolean;
  error: string | null;
  onCreate: (title: string, dueDay: string) => void;
  onSkip: () => void;
}) {
  const uid = useId();
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    onCreate(String(f.get("title") ?? ""), String(f.get("dueDay") ?? ""));
  }
  return (
    <form onSubmit={onSubmit} aria-label="Next step" className="rounded-lg border border-brand-200 bg-brand-50 p-3">
      <h3 className="text-sm font-semibold">Next step?</h3>
      <div className="mt-2 grid gap-3 sm:grid-cols-[1fr_auto]">
        <div>
          <label htmlFor={`${uid}-title`} className="text-sm font-medium">
            Task
          </label>
          <input id={`${uid}-title`} name="title" defaultValue={defaultTitle} required maxLength={200} className={input} />
        </div>
        <div>
          <label htmlFor={`${uid}-due`} className="text-sm font-medium">
            Due
          </label>
          <input id={`${uid}-due`} name="dueDay" type="date" defaultValue={defaultDay} required className={input} />
        </div>
      </div>
      <div className="mt-3 flex gap-2">
        <button type="submit" disabled={pending} className={primary}>
          {pending ? "Creating…" : "Create task"}
        </button>
        <button type="button" onClick={onSkip} className={secondary}>
          Skip
        </button>
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
