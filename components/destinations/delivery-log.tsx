"use client";
// A destination's delivery log (newest first): status, events, attempts, last answer, latency and the
// answer's excerpt, with one-click resend of a failed (retrying) or dead delivery.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { DeliveryView } from "@/lib/destinations/inputs";
import { resendDeliveryAction } from "@/app/(app)/settings/destinations/actions";

const STATUS_STYLE: Record<DeliveryView["status"], string> = {
  pending: "bg-slate-100 text-slate-700",
  retrying: "bg-amber-100 text-amber-900",
  succeeded: "bg-emerald-100 text-emerald-900",
  dead: "bg-red-100 text-red-800",
};
const STATUS_LABEL: Record<DeliveryView["status"], string> = { pending: "Pending", retrying: "Retrying", succeeded: "Succeeded", dead: "Dead letter" };
const when = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : "—");

export function DeliveryLog({ destinationId, deliveries, emptyText }: { destinationId: string; deliveries: DeliveryView[]; emptyText?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  function resend(d: DeliveryView) {
    setMessage(null);
    startTransition(async () => {
      const res = await resendDeliveryAction({ id: destinationId, deliveryId: d.id });
      setMessage(res.ok ? { ok: true, text: `Delivery ${d.id} is queued to be sent again.` } : { ok: false, text: res.message });
      router.refresh();
    });
  }

  const notice = message ? (
    <p role={message.ok ? "status" : "alert"} className={`rounded-md px-3 py-2 text-sm ${message.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700"}`}>
      {message.text}
    </p>
  ) : null;
  if (deliveries.length === 0)
    return (
      <div className="space-y-2">
        {notice}
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">{emptyText ?? "No deliveries yet: matching events are sent within seconds of arriving."}</p>
      </div>
    );
  return (
    <div className="space-y-2">
      {notice}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" aria-busy={pending}>
          <caption className="sr-only">Deliveries, newest first</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">Delivery</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2 text-right">Events</th>
              <th scope="col" className="px-3 py-2 text-right">Attempts</th>
              <th scope="col" className="px-3 py-2">Last attempt</th>
              <th scope="col" className="px-3 py-2">Answer</th>
              <th scope="col" className="px-3 py-2 text-right">Latency</th>
              <th scope="col" className="px-3 py-2">Response excerpt</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {deliveries.map((d) => (
              <tr key={d.id} data-testid={`delivery-${d.id}`}>
                <td className="px-3 py-2 font-mono text-xs">
                  #{d.id}
                  {d.backfill ? <span className="ml-1 rounded bg-slate-100 px-1 text-slate-700">backfill</span> : null}
                </td>
                <td className="px-3 py-2">
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[d.status]}`}>{STATUS_LABEL[d.status]}</span>
                  {d.status === "retrying" ? <span className="block text-xs text-slate-600">next {when(d.nextAttemptAt)}</span> : null}
                </td>
                <td className="px-3 py-2 text-right">{d.eventCount}</td>
                <td className="px-3 py-2 text-right">{d.attempts}</td>
                <td className="px-3 py-2 whitespace-nowrap">{when(d.lastAttemptAt)}</td>
                <td className="px-3 py-2">
                  {d.lastStatusCode ?? "—"}
                  {d.lastError ? <span className="block max-w-xs text-xs text-red-700">{d.lastError}</span> : null}
                </td>
                <td className="px-3 py-2 text-right">{d.lastLatencyMs === null ? "—" : `${d.lastLatencyMs} ms`}</td>
                <td className="px-3 py-2">
                  {d.responseExcerpt ? (
                    <details>
                      <summary className="cursor-pointer text-xs text-slate-700">{d.responseExcerpt.slice(0, 40) || "(empty)"}</summary>
                      <pre className="mt-1 max-h-48 max-w-md overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">{d.responseExcerpt}</pre>
                    </details>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-3 py-2 text-right">
                  {d.status === "retrying" || d.status === "dead" ? (
                    <button type="button" disabled={pending} onClick={() => resend(d)} className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-50" aria-label={`Resend delivery ${d.id}`}>
                      Resend
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
