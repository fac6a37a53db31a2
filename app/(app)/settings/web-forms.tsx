"use client";
import { useState, useTransition } from "react";
import { createFormAction } from "./actions";
import { ScrollRegion } from "@/components/ui/scroll-region";

interface FormRow {
  id: string;
  name: string;
  enabled: boolean;
  redirectUrl: string | null;
}

export function WebForms({ forms, baseUrl }: { forms: FormRow[]; baseUrl: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function onCreate(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const el = e.currentTarget;
    const data = new FormData(el);
    setError(null);
    startTransition(async () => {
      const res = await createFormAction({ name: String(data.get("name") ?? ""), redirectUrl: String(data.get("redirectUrl") ?? "") });
      if (res.ok) el.reset();
      else setError(res.message);
    });
  }

  return (
    <div className="space-y-4">
      {forms.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">No forms yet. Create one and paste its HTML into your site.</p>
      ) : (
        <ul className="space-y-3">
          {forms.map((f) => {
            const endpoint = `${baseUrl}/api/v1/forms/${f.id}`;
            const html = `<form method="post" action="${endpoint}">\n  <input name="email" type="email" required>\n  <input name="name">\n  <input name="company">\n  <input name="_hp" style="display:none" tabindex="-1" autocomplete="off">\n  <button>Send</button>\n</form>`;
            return (
              <li key={f.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`form-${f.name}`}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-medium">{f.name}</h3>
                  <code className="font-mono text-xs text-slate-600">{f.id}</code>
                </div>
                <p className="mt-1 text-sm text-slate-600">
                  POST JSON or an HTML form to <code className="font-mono">{endpoint}</code>
                  {f.redirectUrl ? <> · thanks page: {f.redirectUrl}</> : null}. Known contacts only get blank fields filled; the
                  visitor&apos;s <code className="font-mono">tdm_aid</code> cookie joins their earlier visits.
                </p>
                <ScrollRegion label={`HTML form for ${f.name}`} className="mt-2 overflow-x-auto rounded bg-slate-50">
                  <pre className="p-2 text-xs">{html}</pre>
                </ScrollRegion>
              </li>
            );
          })}
        </ul>
      )}
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <form onSubmit={onCreate} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="new-form-heading">
        <h3 id="new-form-heading" className="w-full font-medium">
          Create a web form
        </h3>
        <div>
          <label htmlFor="form-name" className="text-sm font-medium">Name</label>
          <input id="form-name" name="name" required placeholder="Contact us" className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm" />
        </div>
        <div className="min-w-64 flex-1">
          <label htmlFor="form-redirect" className="text-sm font-medium">Thank-you page URL (optional)</label>
          <input id="form-redirect" name="redirectUrl" type="url" placeholder="https://www.example.com/thanks" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        </div>
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Creating…" : "Create form"}
        </button>
      </form>
    </div>
  );
}
