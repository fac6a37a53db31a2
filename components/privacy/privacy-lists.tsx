// The Privacy page's lists: past requests (status and counts) and the suppression list (hashes).
import type { PrivacyRequestView, SuppressionRow } from "@/lib/data/privacy";
import { ScrollRegion } from "@/components/ui/scroll-region";

const when = (iso: string) => new Date(iso).toISOString().replace("T", " ").slice(0, 16) + " UTC";

export const STATUS_LABELS: Record<PrivacyRequestView["status"], string> = {
  pending: "Pending",
  running: "Running",
  done: "Done",
  nothing_found: "Nothing found",
  failed: "Failed",
};

/** "events 12 · identities 3 · …" for the kinds with a count. */
export function removedSummary(removed: Record<string, number>): string {
  const parts = Object.entries(removed)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k.replace(/([A-Z])/g, " $1").toLowerCase()} ${n.toLocaleString("en-US")}`);
  return parts.length ? parts.join(" · ") : "—";
}

export function PrivacyRequests({ requests }: { requests: PrivacyRequestView[] }) {
  if (requests.length === 0)
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">No deletion or suppression yet.</p>;
  return (
    <ScrollRegion label="Privacy requests" className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">When</th>
            <th scope="col" className="px-3 py-2 font-medium">Request</th>
            <th scope="col" className="px-3 py-2 font-medium">Identifier</th>
            <th scope="col" className="px-3 py-2 font-medium">Status</th>
            <th scope="col" className="px-3 py-2 font-medium">Removed</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Suppressed</th>
            <th scope="col" className="px-3 py-2 font-medium">By</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {requests.map((r) => (
            <tr key={r.id} data-testid="privacy-request">
              <td className="whitespace-nowrap px-3 py-2">{when(r.requestedAt)}</td>
              <td className="px-3 py-2">
                {r.kind === "deletion" ? `Deletion${r.contact === "delete" ? " (with contact)" : ""}` : "Suppression"}
              </td>
              <td className="px-3 py-2">
                {r.identifierType} <code className="font-mono text-xs text-slate-600" title={r.identifierHash}>{r.identifierHash.slice(0, 12)}…</code>
              </td>
              <td className="px-3 py-2">
                <span className={r.status === "failed" ? "text-red-700" : r.status === "done" ? "text-emerald-700" : "text-slate-700"}>{STATUS_LABELS[r.status]}</span>
                {r.error ? <span className="block text-xs text-red-700">{r.error}</span> : null}
              </td>
              <td className="px-3 py-2">{removedSummary(r.removed)}</td>
              <td className="px-3 py-2 text-right">{r.suppressedIdentifiers}</td>
              <td className="px-3 py-2">{r.requestedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function SuppressionList({ total, rows }: { total: number; rows: SuppressionRow[] }) {
  if (total === 0) return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">Nothing is suppressed.</p>;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">
        {total.toLocaleString("en-US")} identifier{total === 1 ? "" : "s"}
        {total > rows.length ? `, the latest ${rows.length} shown` : ""}.
      </p>
      <ScrollRegion label="Suppression list" className="max-h-96 overflow-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Type</th>
              <th scope="col" className="px-3 py-2 font-medium">SHA-256 of type:value</th>
              <th scope="col" className="px-3 py-2 font-medium">Since</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((s) => (
              <tr key={s.hash}>
                <td className="px-3 py-2">{s.identifierType}</td>
                <td className="px-3 py-2">
                  <code className="break-all font-mono text-xs">{s.hash}</code>
                </td>
                <td className="whitespace-nowrap px-3 py-2">{when(s.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
