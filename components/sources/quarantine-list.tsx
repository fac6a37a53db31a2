"use client";
// A source's quarantine: messages its tracking plan blocked, newest first, each with its violations and
// payload (as text); release the selected ones, or every one matching the filter, into the normal path;
// and the quarantine's bounds (retention period and cap).
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { releaseQuarantinedAction, saveQuarantineBoundsAction } from "@/lib/actions/tracking-plans";
import { MAX_QUARANTINE_CAP, MAX_QUARANTINE_RETENTION_DAYS } from "@/lib/sources/plan";
import { ConfirmDialog } from "./confirm-dialog";

export interface QuarantineRowView {
  id: string;
  receivedAt: string;
  messageId: string;
  type: string;
  eventName: string;
  who: string;
  violations: { kind: string; path: string; detail: string }[];
  payload: string;
}

const small = "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60";
const primary = "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500";

export function QuarantineList({ sourceId, rows, eventName, matching }: { sourceId: string; rows: QuarantineRowView[]; eventName: string | null; matching: number }) {
  const router = useRouter();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);

  function release(input: { ids: string[] } | { all: true; eventName: string | null }) {
    setOutcome(null);
    startTransition(async () => {
      const res = await releaseQuarantinedAction({ sourceId, ...input });
      setConfirmAll(false);
      if (res.ok) {
        setSelected(new Set());
        setOutcome({
          ok: true,
          message: `Released ${res.data.released} message${res.data.released === 1 ? "" : "s"} into the normal path (${res.data.stored} newly stored, the rest were already stored under their message id).`,
        });
        router.refresh();
      } else setOutcome({ ok: false, message: res.message });
    });
  }

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={primary} disabled={pending || selected.size === 0} onClick={() => release({ ids: [...selected] })}>
          Release selected ({selected.size})
        </button>
        <button type="button" className={small} disabled={pending || matching === 0} onClick={() => setConfirmAll(true)}>
          Release all {matching} {eventName ? `“${eventName}”` : "matching"}
        </button>
        {outcome ? (
          <p role={outcome.ok ? "status" : "alert"} className={`text-sm ${outcome.ok ? "text-green-700" : "text-red-700"}`}>
            {outcome.message}
          </p>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">
          Nothing in quarantine{eventName ? ` for “${eventName}”` : ""}. Messages a plan blocks wait here until they are released.
        </p>
      ) : (
        <ul aria-label="Quarantined messages, newest first" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {rows.map((r) => (
            <li key={r.id} className="space-y-1 px-3 py-2 text-sm" data-testid="quarantine-row">
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <input type="checkbox" aria-label={`Select ${r.eventName} ${r.messageId}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
                <span className="font-mono text-xs text-slate-500">{r.receivedAt}</span>
                <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{r.type}</span>
                <span className="font-medium break-words">{r.eventName}</span>
                <span className="text-xs text-slate-500">{r.who}</span>
                <span className="font-mono text-xs text-slate-500">{r.messageId}</span>
              </div>
              <ul className="list-disc pl-8 text-xs text-red-800">
                {r.violations.map((v, i) => (
                  <li key={i}>
                    <span className="font-mono">{v.kind}</span>: {v.detail}
                  </li>
                ))}
              </ul>
              <details className="pl-6">
                <summary className="cursor-pointer text-xs text-brand-700">Payload</summary>
                <pre className="mt-1 max-h-72 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100" tabIndex={0} aria-label={`Payload of ${r.messageId}`}>
                  {r.payload}
                </pre>
              </details>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={confirmAll}
        title={`Release ${matching} message${matching === 1 ? "" : "s"}?`}
        confirmLabel="Release"
        pending={pending}
        onConfirm={() => release({ all: true, eventName })}
        onCancel={() => setConfirmAll(false)}
      >
        <p>
          Every quarantined message{eventName ? ` named “${eventName}”` : ""} of this source is stored as an event, as if it had passed the plan: identity resolution included. They leave the
          quarantine.
        </p>
      </ConfirmDialog>
    </div>
  );
}

export function QuarantineBoundsForm({ sourceId, retentionDays, cap }: { sourceId: string; retentionDays: number; cap: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string; fields?: Record<string, string> } | null>(null);
  const fields = outcome && !outcome.ok ? outcome.fields : undefined;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const num = (k: string) => (String(form.get(k) ?? "").trim() === "" ? Number.NaN : Number(form.get(k)));
    setOutcome(null);
    startTransition(async () => {
      const res = await saveQuarantineBoundsAction({ sourceId, retentionDays: num("retentionDays"), cap: num("cap") });
      if (res.ok) {
        setOutcome({ ok: true, message: "Saved and applied." });
        router.refresh();
      } else setOutcome({ ok: false, message: res.message, fields: res.fieldErrors });
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="bounds-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="bounds-heading" className="font-semibold">
        Bounds
      </h2>
      <p className="text-sm text-slate-600">Older messages beyond either bound are deleted (and counted above) when new ones are quarantined and when this page opens.</p>
      <div className="flex flex-wrap gap-3">
        <div className="w-40">
          <label htmlFor="q-retention" className="text-sm font-medium">
            Keep for (days)
          </label>
          <input id="q-retention" name="retentionDays" type="number" min={1} max={MAX_QUARANTINE_RETENTION_DAYS} defaultValue={retentionDays} className={input} aria-invalid={!!fields?.retentionDays} aria-describedby="q-retention-error" />
          <p id="q-retention-error" className="mt-1 text-xs text-red-700">
            {fields?.retentionDays}
          </p>
        </div>
        <div className="w-40">
          <label htmlFor="q-cap" className="text-sm font-medium">
            Keep at most (messages)
          </label>
          <input id="q-cap" name="cap" type="number" min={1} max={MAX_QUARANTINE_CAP} defaultValue={cap} className={input} aria-invalid={!!fields?.cap} aria-describedby="q-cap-error" />
          <p id="q-cap-error" className="mt-1 text-xs text-red-700">
            {fields?.cap}
          </p>
        </div>
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={primary}>
          {pending ? "Saving…" : "Save bounds"}
        </button>
        {outcome ? (
          <p role={outcome.ok ? "status" : "alert"} className={`text-sm ${outcome.ok ? "text-green-700" : "text-red-700"}`}>
            {outcome.ok ? outcome.message : fields && Object.keys(fields).length ? "Check the highlighted field." : outcome.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
