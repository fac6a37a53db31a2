// Marketing spend: the month × channel × source grid (edited by marketing and admins, read by
// leadership), CSV import with a preview, and the history of every change.
import type { Metadata } from "next";
import Link from "next/link";
import { requireArea } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { metricContext } from "@/lib/data/metrics";
import { listSpend, spendHistory } from "@/lib/data/spend";
import { CHANNELS } from "@/lib/analytics/channel";
import { addMonths, monthLabel, monthOf, monthSpan } from "@/lib/metrics/months";
import { MetricQueryError, parseMetricQuery } from "@/lib/metrics/query";
import { formatCurrency, formatDateTime } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/leadership/parts";
import { SpendGrid } from "@/components/leadership/spend-grid";
import { SpendImport } from "@/components/leadership/spend-import";
import { CsvButton } from "@/components/leadership/csv-button";

export const metadata: Metadata = { title: "Spend · Leadership" };
export const dynamic = "force-dynamic";

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const GRID_MONTHS = 6;

export default async function SpendPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("leadership");
  const params = await searchParams;
  const canEdit = can(user.role, "spend:write");
  const { settings, now } = await metricContext();
  const currentMonth = monthOf(now.getTime());
  // The grid shows six months ending next month (budgets are often entered ahead).
  let range = { from: addMonths(currentMonth, 2 - GRID_MONTHS), to: addMonths(currentMonth, 1) };
  let rangeError: string | null = null;
  try {
    if (params.from || params.to) {
      const q = parseMetricQuery({ from: first(params.from), to: first(params.to) ?? range.to }, addMonths(currentMonth, 12));
      range = { from: q.from, to: q.to };
    }
  } catch (err) {
    if (!(err instanceof MetricQueryError)) throw err;
    rangeError = err.message;
  }
  const months = monthSpan(range.from, range.to);
  const { currency } = settings;
  const cells = await listSpend(range.from, range.to);
  const history = await spendHistory({ limit: 50, before: first(params.before) ?? null });
  const shift = (n: number) => `/leadership/spend?from=${addMonths(range.from, n)}&to=${addMonths(range.to, n)}`;
  const via = { grid: "grid", csv: "CSV import", api: "API" } as const;
  const amount = (a: number | null, c: string | null) => (a === null || c === null ? "—" : formatCurrency(a, c, 2));

  return (
    <>
      <PageHeader title="Marketing spend" description={`Spend by month, GA4 channel group and source, in ${currency} (the reporting currency), the numerator of CAC. Every change is kept below.`}>
        <Link href="/leadership" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          Back to the dashboard
        </Link>
      </PageHeader>
      {rangeError ? (
        <p role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {rangeError} Showing the default months instead.
        </p>
      ) : null}
      <Section
        id="grid"
        title={`${monthLabel(range.from)} – ${monthLabel(range.to)}`}
        definition={canEdit ? "Type an amount per month; clear a cell to delete it. Save sends every change at once: all of it is saved, or nothing and the reason." : undefined}
        actions={
          <>
            <Link href={shift(-GRID_MONTHS)} className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs hover:bg-slate-50">
              ← Earlier
            </Link>
            <Link href={shift(GRID_MONTHS)} className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs hover:bg-slate-50">
              Later →
            </Link>
            <CsvButton filename={`tandem-spend-${range.from}-to-${range.to}.csv`} header={["month", "channel", "source", "amount", "currency"]} rows={cells.map((c) => [c.month, c.channel, c.source, c.amount, c.currency])} />
          </>
        }
      >
        <SpendGrid months={months} cells={cells.map(({ month, channel, source, amount, currency }) => ({ month, channel, source, amount, currency }))} channels={CHANNELS} currency={currency} canEdit={canEdit} />
      </Section>
      {canEdit ? (
        <Section id="import" title="Import a CSV">
          <SpendImport />
        </Section>
      ) : null}
      <Section
        id="history"
        title="Change history"
        definition="Every change to a spend cell, newest first: from the grid, a CSV import or the API (PUT /api/v1/spend)."
      >
        {history.rows.length === 0 ? (
          <p className="text-sm text-slate-600">No changes yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Spend change history</caption>
              <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-2 py-1.5">When (UTC)</th>
                  <th scope="col" className="px-2 py-1.5">Who</th>
                  <th scope="col" className="px-2 py-1.5">How</th>
                  <th scope="col" className="px-2 py-1.5">Month</th>
                  <th scope="col" className="px-2 py-1.5">Channel</th>
                  <th scope="col" className="px-2 py-1.5">Source</th>
                  <th scope="col" className="px-2 py-1.5 text-right">Before</th>
                  <th scope="col" className="px-2 py-1.5 text-right">After</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {history.rows.map((h) => (
                  <tr key={h.id} data-testid="spend-change">
                    <td className="whitespace-nowrap px-2 py-1">{formatDateTime(h.changedAt)}</td>
                    <td className="px-2 py-1">{h.actorName}</td>
                    <td className="px-2 py-1">{via[h.via]}</td>
                    <td className="whitespace-nowrap px-2 py-1">{monthLabel(h.month)}</td>
                    <td className="px-2 py-1">{h.channel}</td>
                    <td className="px-2 py-1">{h.source || <span className="text-slate-400">(none)</span>}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{amount(h.oldAmount, h.oldCurrency)}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{h.newAmount === null ? <span className="text-slate-500">deleted</span> : amount(h.newAmount, h.newCurrency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav aria-label="History pages" className="mt-2 flex gap-2 text-sm">
          {params.before ? (
            <Link href={`/leadership/spend?from=${range.from}&to=${range.to}`} className="rounded-md border border-slate-300 bg-white px-3 py-1">
              Newest
            </Link>
          ) : null}
          {history.next ? (
            <Link href={`/leadership/spend?from=${range.from}&to=${range.to}&before=${history.next}`} className="rounded-md border border-slate-300 bg-white px-3 py-1">
              Older changes
            </Link>
          ) : null}
        </nav>
      </Section>
    </>
  );
}
