"use client";
// Rotate the signing secret (the new one shown once; the old one keeps signing for 24 h), start a
// backfill from a date, delete the destination.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deleteDestinationAction, updateDestinationAction } from "@/app/(app)/settings/destinations/actions";

export function DestinationActions({
  id,
  name,
  backfillRunning,
  rotationEndsAt,
  canBackfill = true,
}: {
  id: string;
  name: string;
  backfillRunning: boolean;
  rotationEndsAt: string | null;
  /** False for a profile-change webhook: changes are recorded only while such a destination exists. */
  canBackfill?: boolean;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  const rotate = () => {
    if (!window.confirm(`Rotate the signing secret of “${name}”? The current secret keeps signing beside the new one for 24 hours.`)) return;
    startTransition(async () => {
      const res = await updateDestinationAction({ id, rotateSecret: true });
      if (res.ok) setSecret(res.data.secret);
      else setMessage({ ok: false, text: res.message });
      router.refresh();
    });
  };
  const backfill = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const day = String(new FormData(e.currentTarget).get("from") ?? "");
    if (!day) return;
    startTransition(async () => {
      const res = await updateDestinationAction({ id, backfillFrom: `${day}T00:00:00Z` });
      setMessage(res.ok ? { ok: true, text: `Backfill from ${day} started: its deliveries appear in the log.` } : { ok: false, text: res.message });
      router.refresh();
    });
  };
  const remove = () => {
    if (!window.confirm(`Delete “${name}” with its delivery log? Nothing more is sent to it.`)) return;
    startTransition(async () => {
      const res = await deleteDestinationAction({ id });
      if (res.ok) router.push("/settings/destinations");
      else setMessage({ ok: false, text: res.message });
    });
  };

  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">{canBackfill ? "Signing secret, backfill" : "Signing secret"}</h2>
      {secret ? (
        <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium">New signing secret — shown only once. The previous one keeps signing for 24 hours.</p>
          <code className="mt-1 block break-all font-mono">{secret}</code>
        </div>
      ) : null}
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={`rounded-md px-3 py-2 text-sm ${message.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700"}`}>
          {message.text}
        </p>
      ) : null}
      <p className="text-sm text-slate-600">
        Requests carry <code className="font-mono">X-Tandem-Signature: t=…, v1=…</code>
        {rotationEndsAt ? ` — two v1 values (new and previous secret) until ${rotationEndsAt.slice(0, 16).replace("T", " ")} UTC.` : "."}
      </p>
      <div className="flex flex-wrap items-end gap-4">
        <button type="button" disabled={pending} onClick={rotate} className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50">
          Rotate secret
        </button>
        {canBackfill ? (
          <form onSubmit={backfill} className="flex items-end gap-2">
            <div>
              <label htmlFor="backfill-from" className="text-sm font-medium">Backfill events received since</label>
              <input id="backfill-from" name="from" type="date" required className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm" />
            </div>
            <button type="submit" disabled={pending || backfillRunning} className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50">
              {backfillRunning ? "Backfill running…" : "Start backfill"}
            </button>
          </form>
        ) : null}
        <button type="button" disabled={pending} onClick={remove} className="ml-auto rounded-md border border-red-300 px-3 py-2 text-sm text-red-700 hover:bg-red-50">
          Delete destination
        </button>
      </div>
    </div>
  );
}
