"use client";
// "Log activity": one click picks the kind, the form is prefilled (a call defaults to Connected), one
// click saves — three clicks at most. The parent adds the entry optimistically.
import { useId, useState } from "react";
import { CALL_OUTCOMES, KIND_LABELS, LOGGABLE_KINDS, OUTCOME_LABELS, type CallOutcome, type LoggableKind } from "@/lib/crm/interactions";
import { input, primary, secondary } from "./styles";

export interface LogDraft {
  kind: LoggableKind;
  subject?: string;
  body?: string;
  outcome?: CallOutcome;
  durationMinutes?: number;
}

export function LogActivityBar({ onLog, error }: { onLog: (draft: LogDraft) => void; error: string | null }) {
  const [kind, setKind] = useState<LoggableKind | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  const uid = useId();

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!kind) return;
    const f = new FormData(e.currentTarget);
    const body = String(f.get("body") ?? "");
    const subject = String(f.get("subject") ?? "").trim();
    if (kind === "note" && !body.trim()) {
      setLocal("Write the note first.");
      return;
    }
    const draft: LogDraft = { kind, body: body || undefined, subject: subject || undefined };
    if (kind === "call") {
      draft.outcome = String(f.get("outcome")) as CallOutcome;
      const minutes = String(f.get("durationMinutes") ?? "").trim();
      if (minutes) draft.durationMinutes = Number(minutes);
    }
    setLocal(null);
    setKind(null);
    onLog(draft);
  }

  return (
    <section aria-label="Log activity" className="rounded-lg border border-slate-200 bg-white p-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="mr-1 text-sm font-medium text-slate-600">Log</span>
        {LOGGABLE_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            aria-pressed={kind === k}
            onClick={() => setKind(kind === k ? null : k)}
            className={`rounded-full border px-3 py-1 text-sm ${kind === k ? "border-brand-600 bg-brand-50 text-brand-700" : "border-slate-300 text-slate-700 hover:bg-slate-50"}`}
          >
            {KIND_LABELS[k]}
          </button>
        ))}
      </div>
      {kind ? (
        <form key={kind} onSubmit={onSubmit} aria-label={`Log a ${KIND_LABELS[kind].toLowerCase()}`} className="mt-3 space-y-3">
          {kind === "call" ? (
            <div className="grid gap-3 sm:grid-cols-2">
              <div>
                <label htmlFor={`${uid}-outcome`} className="text-sm font-medium">
                  Outcome
                </label>
                <select id={`${uid}-outcome`} name="outcome" defaultValue="connected" className={input}>
                  {CALL_OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {OUTCOME_LABELS[o]}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor={`${uid}-duration`} className="text-sm font-medium">
                  Duration (minutes)
                </label>
                <input id={`${uid}-duration`} name="durationMinutes" type="number" min={0} max={1440} step={1} inputMode="numeric" className={input} />
              </div>
            </div>
          ) : null}
          {kind !== "note" && kind !== "call" ? (
            <div>
              <label htmlFor={`${uid}-subject`} className="text-sm font-medium">
                Subject
              </label>
              <input id={`${uid}-subject`} name="subject" maxLength={200} className={input} />
            </div>
          ) : null}
          <div>
            <label htmlFor={`${uid}-body`} className="text-sm font-medium">
              {kind === "note" ? "Note" : "Notes"}
            </label>
            <textarea
              id={`${uid}-body`}
              name="body"
              rows={3}
              maxLength={20000}
              autoFocus={kind === "note"}
              className={input}
              placeholder={kind === "note" ? "Marc just had a baby boy…" : "What was said, what was agreed"}
            />
            <p className="mt-1 text-xs text-slate-500">Plain text; **bold** and links are recognised.</p>
          </div>
          <div className="flex gap-2">
            <button type="submit" className={primary}>
              Save {KIND_LABELS[kind].toLowerCase()}
            </button>
            <button type="button" className={secondary} onClick={() => setKind(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {local || error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {local ?? error}
        </p>
      ) : null}
    </section>
  );
}
