// A source's quarantine (whoever manages sources): the messages its tracking plan blocked, newest first
// with keyset paging and a filter by event name, their violations and payloads, release into the normal
// path, and the bounds (retention period, cap) with what they dropped.
import { Breadcrumb } from "@/components/ui/breadcrumb";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireArea } from "@/lib/auth/guard";
import { findSource } from "@/lib/sources/find-source";
import { applyQuarantineBounds, getQuarantineBounds, listQuarantine } from "@/lib/data/tracking-plans";
import { formatDateTime, formatInt } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { QuarantineBoundsForm, QuarantineList } from "@/components/sources/quarantine-list";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireArea("sources");
  const source = await findSource((await params).id);
  return { title: source ? `Quarantine · ${source.name}` : "Source not found" };
}

const one = (v: string | string[] | undefined) => (typeof v === "string" && v !== "" ? v : null);

export default async function QuarantinePage({ params, searchParams }: Props) {
  await requireArea("sources");
  const { id } = await params;
  const source = await findSource(id);
  if (!source) notFound();
  const sp = await searchParams;
  const eventName = one(sp.event)?.slice(0, 500) ?? null;
  await applyQuarantineBounds(id);
  const [page, bounds] = await Promise.all([listQuarantine(id, { after: one(sp.after), eventName }), getQuarantineBounds(id)]);
  const matching = eventName === null ? page.total : (page.byEvent.find((e) => e.eventName === eventName)?.count ?? 0);
  const rows = page.items.map((q) => ({
    id: q.id,
    receivedAt: formatDateTime(q.receivedAt),
    messageId: q.messageId,
    type: q.type,
    eventName: q.eventName,
    who: q.userId ?? q.anonymousId ?? "",
    violations: q.violations,
    payload: JSON.stringify(q.raw ?? q.event, null, 2),
  }));
  const link = (params: Record<string, string | null>) => {
    const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== null));
    const s = q.toString();
    return `/sources/${id}/quarantine${s ? `?${s}` : ""}`;
  };
  return (
    <>
      <Breadcrumb trail={[{ href: "/sources", label: "Sources" }, { href: `/sources/${id}`, label: source.name }]} current="Quarantine" />
      <PageHeader
        title={`Quarantine: ${source.name}`}
        description="Messages this source's tracking plan blocked: kept, not stored as events, until you release them into the normal path (identity resolution included) or the bounds drop them."
      />
      <dl className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4">
        {[
          ["Held", formatInt(page.total)],
          ["Kept for", `${bounds.retentionDays} days`],
          ["Dropped past retention", formatInt(bounds.droppedByRetention)],
          ["Dropped over the cap", `${formatInt(bounds.droppedByCap)} (cap ${formatInt(bounds.cap)})`],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
            <dd className="mt-1 text-lg font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <section aria-labelledby="held-heading" className="min-w-0 space-y-3">
          <h2 id="held-heading" className="text-lg font-semibold">
            Messages{eventName ? ` named “${eventName}”` : ""}
          </h2>
          {page.byEvent.length ? (
            <nav aria-label="Filter by event name" className="flex flex-wrap gap-2 text-sm">
              <Link href={link({})} aria-current={eventName === null ? "page" : undefined} className={`rounded-full border px-3 py-1 ${eventName === null ? "border-brand-600 bg-brand-50" : "border-slate-300"}`}>
                All ({formatInt(page.total)})
              </Link>
              {page.byEvent.map((e) => (
                <Link
                  key={e.eventName}
                  href={link({ event: e.eventName })}
                  aria-current={eventName === e.eventName ? "page" : undefined}
                  className={`rounded-full border px-3 py-1 ${eventName === e.eventName ? "border-brand-600 bg-brand-50" : "border-slate-300"}`}
                >
                  {e.eventName} ({formatInt(e.count)})
                </Link>
              ))}
            </nav>
          ) : null}
          <QuarantineList key={`${eventName}-${one(sp.after)}`} sourceId={id} rows={rows} eventName={eventName} matching={matching} />
          <div className="flex gap-3 text-sm">
            {one(sp.after) ? (
              <Link href={link({ event: eventName })} className="link">
                Newest
              </Link>
            ) : null}
            {page.next ? (
              <Link href={link({ event: eventName, after: page.next })} className="link">
                Older messages
              </Link>
            ) : null}
          </div>
        </section>
        <QuarantineBoundsForm sourceId={id} retentionDays={bounds.retentionDays} cap={bounds.cap} />
      </div>
    </>
  );
}
