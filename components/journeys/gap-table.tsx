// The actionable gaps as a paged table: who, which gap, since when, and what to do — each person links
// to their Customer 360 page. Server-rendered; filters and pages are links, so the view is in the URL.
import Link from "next/link";
import { GAP_DEFINITIONS, GAP_LABELS, type GapKind } from "@/lib/customer360/journey";
import type { GapPage } from "@/lib/data/journeys";
import { formatDateTime, formatInt } from "@/lib/format";
import { CreateContactButton } from "@/components/customer360/gap-actions";

const ACTION: Record<GapKind, string> = {
  lead_no_contact: "Create the contact",
  no_owner: "Assign an owner",
  trial_no_touch: "Reach out",
  never_seen: "Invite to try the product",
};

export function GapTable({
  data,
  basePath,
  kind,
  kinds,
  page,
  size,
  canCreateContact,
  caption,
}: {
  data: GapPage;
  basePath: string;
  kind: GapKind | null;
  kinds: GapKind[];
  page: number;
  size: number;
  canCreateContact: boolean;
  caption: string;
}) {
  const href = (k: GapKind | null, p = 1) => {
    const q = new URLSearchParams();
    if (k) q.set("gap", k);
    if (p > 1) q.set("page", String(p));
    const s = q.toString();
    return `${basePath}${s ? `?${s}` : ""}#gaps`;
  };
  const total = kind ? data.counts[kind] : kinds.reduce((n, k) => n + data.counts[k], 0);
  const pages = Math.max(1, Math.ceil(total / size));
  return (
    <div className="space-y-3">
      {kinds.length > 1 ? (
        <nav aria-label="Filter gaps" className="flex flex-wrap gap-2 text-sm">
          <Link href={href(null)} aria-current={kind === null ? "page" : undefined} className={`rounded-full border px-3 py-1 underline ${kind === null ? "border-brand-600 bg-brand-50 font-semibold text-brand-700" : "border-slate-300 text-slate-800"}`}>
            All ({formatInt(kinds.reduce((n, k) => n + data.counts[k], 0))})
          </Link>
          {kinds.map((k) => (
            <Link key={k} href={href(k)} aria-current={kind === k ? "page" : undefined} className={`rounded-full border px-3 py-1 underline ${kind === k ? "border-brand-600 bg-brand-50 font-semibold text-brand-700" : "border-slate-300 text-slate-800"}`}>
              {GAP_LABELS[k]} ({formatInt(data.counts[k])})
            </Link>
          ))}
        </nav>
      ) : null}
      {kind ? <p className="text-sm text-slate-700">{GAP_DEFINITIONS[kind]}</p> : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="gap-table">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">Person</th>
              <th scope="col" className="px-3 py-2">Gap</th>
              <th scope="col" className="px-3 py-2">First-touch channel</th>
              <th scope="col" className="px-3 py-2">Since</th>
              <th scope="col" className="px-3 py-2">Last seen</th>
              <th scope="col" className="px-3 py-2">Next step</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {data.rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-700">
                  No gaps here: the CRM and the product agree.
                </td>
              </tr>
            ) : (
              data.rows.map((r) => (
                <tr key={`${r.kind}:${r.personId}`} data-testid="gap-row" data-gap={r.kind}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    <Link href={r.href} className="link">
                      {r.name || r.email || "Anonymous visitor"}
                    </Link>
                    {r.email && r.name ? <span className="block text-xs font-normal text-slate-700">{r.email}</span> : null}
                  </th>
                  <td className="px-3 py-2">{GAP_LABELS[r.kind]}</td>
                  <td className="px-3 py-2">{r.channel ?? "—"}</td>
                  <td className="px-3 py-2">{r.since ? formatDateTime(r.since) : "—"}</td>
                  <td className="px-3 py-2">{r.lastSeen ? formatDateTime(r.lastSeen) : "Never"}</td>
                  <td className="px-3 py-2">
                    {r.kind === "lead_no_contact" && canCreateContact && !r.personId.startsWith("contact:") ? (
                      <CreateContactButton profileId={r.personId} />
                    ) : (
                      <Link href={r.href} className="link">
                        {ACTION[r.kind]}
                      </Link>
                    )}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex items-center justify-between text-sm text-slate-800">
        <span>
          Page {page} of {pages} · {formatInt(total)} {total === 1 ? "person" : "people"}
        </span>
        <span className="flex gap-3">
          {page > 1 ? (
            <Link href={href(kind, page - 1)} className="link">
              Previous
            </Link>
          ) : null}
          {page < pages ? (
            <Link href={href(kind, page + 1)} className="link">
              Next
            </Link>
          ) : null}
        </span>
      </nav>
    </div>
  );
}
