"use client";
// Delete or suppress a person by identifier: "Review" runs the deletion as a dry run and shows what it
// would remove; only then can it be confirmed. Suppression alone is confirmed the same way.
import { useState, useTransition } from "react";
import { deletePersonAction, previewDeletionAction, suppressPersonAction } from "@/lib/actions/privacy";
import type { PrivacyRequestView } from "@/lib/data/privacy";
import { removedSummary, STATUS_LABELS } from "./privacy-lists";

type Step =
  | { kind: "form" }
  | { kind: "confirm-delete"; identifier: string; contact: "keep" | "delete"; suppress: boolean; found: boolean; removed: Record<string, number> }
  | { kind: "confirm-suppress"; identifier: string };

export function PrivacyConsole({ prefill = "" }: { prefill?: string }) {
  const [pending, startTransition] = useTransition();
  const [step, setStep] = useState<Step>({ kind: "form" });
  const [identifier, setIdentifier] = useState(prefill);
  const [contact, setContact] = useState<"keep" | "delete">("keep");
  const [suppress, setSuppress] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<PrivacyRequestView | null>(null);

  function review(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setDone(null);
    startTransition(async () => {
      const res = await previewDeletionAction({ identifier, contact });
      if (!res.ok) return setError(res.message);
      setStep({ kind: "confirm-delete", identifier, contact, suppress, found: res.data.found, removed: res.data.removed });
    });
  }

  function confirmDelete(s: Extract<Step, { kind: "confirm-delete" }>) {
    startTransition(async () => {
      const res = await deletePersonAction({ identifier: s.identifier, contact: s.contact, suppress: s.suppress });
      if (!res.ok) return setError(res.message);
      setDone(res.data);
      setStep({ kind: "form" });
      setIdentifier("");
    });
  }

  function confirmSuppress(s: Extract<Step, { kind: "confirm-suppress" }>) {
    startTransition(async () => {
      const res = await suppressPersonAction({ identifier: s.identifier });
      if (!res.ok) return setError(res.message);
      setDone(res.data);
      setStep({ kind: "form" });
      setIdentifier("");
    });
  }

  return (
    <div className="space-y-4">
      {step.kind === "form" ? (
        <form onSubmit={review} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-label="Delete or suppress a person">
          <div>
            <label htmlFor="privacy-identifier" className="text-sm font-medium">
              Identifier
            </label>
            <input
              id="privacy-identifier"
              name="identifier"
              required
              value={identifier}
              onChange={(e) => setIdentifier(e.target.value)}
              placeholder="email:ann@example.com"
              aria-describedby="privacy-identifier-help"
              className="mt-1 block w-full max-w-xl rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
            />
            <p id="privacy-identifier-help" className="mt-1 text-xs text-slate-600">
              type:value — email, user_id, anonymous_id, phone or a custom external id type. The person is found through any identifier they have; everything merged
              into them goes too.
            </p>
          </div>
          <fieldset>
            <legend className="text-sm font-medium">The CRM contact</legend>
            <div className="mt-1 flex flex-wrap gap-4 text-sm">
              <label className="flex items-center gap-2">
                <input type="radio" name="contact" value="keep" checked={contact === "keep"} onChange={() => setContact("keep")} />
                Keep it, unlinked from the deleted profile
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="contact" value="delete" checked={contact === "delete"} onChange={() => setContact("delete")} />
                Delete it too, with its interactions, tickets and tasks
              </label>
            </div>
          </fieldset>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="suppress" checked={suppress} onChange={(e) => setSuppress(e.target.checked)} />
            Suppress their identifiers: drop their future messages so they do not come straight back
          </label>
          <div className="flex flex-wrap gap-3">
            <button type="submit" disabled={pending} className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60">
              {pending ? "Checking…" : "Review deletion"}
            </button>
            <button
              type="button"
              disabled={pending || !identifier.trim()}
              onClick={() => {
                setError(null);
                setDone(null);
                setStep({ kind: "confirm-suppress", identifier });
              }}
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60"
            >
              Suppress only…
            </button>
          </div>
        </form>
      ) : step.kind === "confirm-delete" ? (
        <div role="region" aria-label="Confirm the deletion" className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-4">
          <h3 className="font-medium text-red-900">
            Delete <code className="font-mono">{step.identifier}</code>?
          </h3>
          {step.found ? (
            <>
              <p className="text-sm text-red-900">This removes, for good:</p>
              <ul className="grid grid-cols-2 gap-x-6 text-sm text-red-900 sm:grid-cols-3" aria-label="What the deletion removes">
                {Object.entries(step.removed)
                  .filter(([, n]) => n > 0)
                  .map(([k, n]) => (
                    <li key={k}>
                      {k.replace(/([A-Z])/g, " $1").toLowerCase()}: <strong>{n.toLocaleString("en-US")}</strong>
                    </li>
                  ))}
              </ul>
            </>
          ) : (
            <p className="text-sm text-red-900">Nothing is stored for this identifier.{step.suppress ? " It will still be suppressed." : ""}</p>
          )}
          <p className="text-sm text-red-900">{step.suppress ? "Their identifiers will be suppressed." : "Their identifiers will not be suppressed: new messages can bring them back."}</p>
          <div className="flex gap-3">
            <button type="button" disabled={pending} onClick={() => confirmDelete(step)} className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60">
              {pending ? "Deleting…" : "Delete permanently"}
            </button>
            <button type="button" disabled={pending} onClick={() => setStep({ kind: "form" })} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div role="region" aria-label="Confirm the suppression" className="space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-4">
          <h3 className="font-medium text-amber-900">
            Suppress <code className="font-mono">{step.identifier}</code>?
          </h3>
          <p className="text-sm text-amber-900">
            Every identifier of this person goes on the suppression list: the Tracking API will drop their messages. Their stored data stays.
          </p>
          <div className="flex gap-3">
            <button type="button" disabled={pending} onClick={() => confirmSuppress(step)} className="rounded-md bg-amber-700 px-4 py-2 text-sm font-medium text-white hover:bg-amber-800 disabled:opacity-60">
              {pending ? "Suppressing…" : "Suppress"}
            </button>
            <button type="button" disabled={pending} onClick={() => setStep({ kind: "form" })} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">
              Cancel
            </button>
          </div>
        </div>
      )}
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {done.kind === "deletion" ? "Deletion" : "Suppression"}: {STATUS_LABELS[done.status].toLowerCase()}
          {done.kind === "deletion" ? ` — removed ${removedSummary(done.removed)}` : ""}; {done.suppressedIdentifiers} identifier{done.suppressedIdentifiers === 1 ? "" : "s"} suppressed.
        </p>
      ) : null}
    </div>
  );
}
