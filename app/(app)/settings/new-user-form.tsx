"use client";
import { useRef, useState, useTransition } from "react";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { createUserAction } from "./actions";

export function NewUserForm() {
  const form = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ error?: string; fields?: Record<string, string>; done?: string } | null>(null);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    startTransition(async () => {
      const res = await createUserAction({ email: data.email ?? "", name: data.name ?? "", role: (data.role ?? "sales") as never, password: data.password ?? "" });
      if (res.ok) {
        setResult({ done: `Added ${data.email}.` });
        form.current?.reset();
      } else setResult({ error: res.message, fields: res.fieldErrors });
    });
  }

  const field = (name: string) => result?.fields?.[name];
  const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";
  return (
    <form ref={form} onSubmit={onSubmit} className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="new-user-heading">
      <h3 id="new-user-heading" className="font-medium">
        Add a user
      </h3>
      <div className="mt-3 grid gap-3 sm:grid-cols-4">
        <div>
          <label htmlFor="new-name" className="text-sm font-medium">Name</label>
          <input id="new-name" name="name" required className={input} aria-invalid={!!field("name")} aria-describedby="new-name-error" />
          <p id="new-name-error" className="mt-1 text-xs text-red-700">{field("name")}</p>
        </div>
        <div>
          <label htmlFor="new-email" className="text-sm font-medium">Email</label>
          <input id="new-email" name="email" type="email" required className={input} aria-invalid={!!field("email")} aria-describedby="new-email-error" />
          <p id="new-email-error" className="mt-1 text-xs text-red-700">{field("email")}</p>
        </div>
        <div>
          <label htmlFor="new-role" className="text-sm font-medium">Role</label>
          <select id="new-role" name="role" defaultValue="sales" className={input}>
            {ROLES.map((r) => (
              <option key={r} value={r}>{ROLE_LABELS[r]}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="new-password" className="text-sm font-medium">Initial password</label>
          <input id="new-password" name="password" type="password" required minLength={10} autoComplete="new-password" className={input} aria-invalid={!!field("password")} aria-describedby="new-password-error" />
          <p id="new-password-error" className="mt-1 text-xs text-red-700">{field("password")}</p>
        </div>
      </div>
      <div className="mt-2 flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Adding…" : "Add user"}
        </button>
        {result?.done ? <p role="status" className="text-sm text-green-700">{result.done}</p> : null}
        {result?.error && !result.fields ? <p role="alert" className="text-sm text-red-700">{result.error}</p> : null}
      </div>
    </form>
  );
}
