// Leadership: CAC, LTV, LTV:CAC, payback, cohorts and MRR movements by channel for a range of months,
// every figure defined beside it and linked to the people behind it. The view (range, channels) is the URL.
import type { Metadata } from "next";
import Link from "next/link";
import { requireArea } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { AnalyticsLimitError } from "@/lib/data/analytics-runner";
import { loadDashboard, metricContext } from "@/lib/data/metrics";
import { CHANNELS } from "@/lib/analytics/channel";
import { definitions } from "@/lib/metrics/definitions";
import { monthLabel, monthOf } from "@/lib/metrics/months";
import { MetricQueryError, parseMetricQuery } from "@/lib/metrics/query";
import { formatCurrency } from "@/lib/format";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { MetricFilters } from "@/components/leadership/filters";
import { KpiTiles } from "@/components/leadership/kpis";
import { CacByMonth, ChannelTable, CohortTable, MovementsSection, RetentionHeatmap } from "@/components/leadership/tables";

export const metadata: Metadata = { title: "Leadership" };
export const dynamic = "force-dynamic";

function Problem({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
      <p className="font-medium">{title}</p>
      <p className="mt-1">{children}</p>
    </div>
  );
}

export default async function LeadershipPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("leadership");
  const params = await searchParams;
  const ctx = await metricContext();
  const currentMonth = monthOf(ctx.now.getTime());
  const links = (
    <>
      <Link href="/leadership/spend" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
        {can(user.role, "spend:write") ? "Edit spend" : "Spend"}
      </Link>
      <Link href="/leadership/settings" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
        Metric settings
      </Link>
    </>
  );
  const header = (
    <PageHeader title="Leadership" description="What acquiring a customer costs and what a customer is worth, by channel and by cohort. Every number says how it is computed and opens the people behind it.">
      {links}
    </PageHeader>
  );

  let query;
  try {
    query = parseMetricQuery(params, currentMonth);
  } catch (err) {
    if (!(err instanceof MetricQueryError)) throw err;
    return (
      <>
        {header}
        <Problem title="That range cannot be shown">
          {err.message} <Link href="/leadership" className="underline">Show the last three months</Link>.
        </Problem>
      </>
    );
  }

  let d;
  try {
    d = await loadDashboard(ctx, query);
  } catch (err) {
    if (!(err instanceof AnalyticsLimitError)) throw err;
    return (
      <>
        {header}
        <Problem title="The figures could not be computed just now">{err.message}</Problem>
      </>
    );
  }
  const defs = definitions(ctx.settings, ctx.lifecycle.customer);
  const horizons = ctx.settings.realizedMonths;

  return (
    <>
      {header}
      <MetricFilters from={query.from} to={query.to} channels={query.channels} allChannels={CHANNELS} currentMonth={currentMonth} />
      {d.firstMonth === null ? (
        <EmptyState title="Nothing to measure yet" icon="📈" action={can(user.role, "spend:write") ? { href: "/leadership/spend", label: "Record marketing spend" } : undefined}>
          <p>Record marketing spend by month and channel, and send payments as track events with a numeric revenue property (and billing_period &quot;monthly&quot; or &quot;annual&quot; for subscriptions) to see CAC, LTV and MRR here.</p>
        </EmptyState>
      ) : (
        <>
          {d.excluded.length ? (
            <p role="note" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              Left out of every figure (not in {d.currency}, the reporting currency):{" "}
              {d.excluded.map((x) => [x.revenue ? `${formatCurrency(x.revenue, x.currency)} of revenue` : null, x.spend ? `${formatCurrency(x.spend, x.currency)} of spend` : null].filter(Boolean).join(" and ")).join("; ")}.
            </p>
          ) : null}
          <KpiTiles d={d} defs={defs} />
          <CacByMonth d={d} defs={defs} />
          <ChannelTable d={d} defs={defs} horizons={horizons} />
          <CohortTable d={d} defs={defs} horizons={horizons} />
          <RetentionHeatmap d={d} defs={defs} />
          <MovementsSection d={d} defs={defs} />
          <section aria-labelledby="definitions-title" className="mb-6 rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <h2 id="definitions-title" className="mb-2 text-base font-semibold">
              Definitions
            </h2>
            <dl className="grid gap-x-6 gap-y-2 md:grid-cols-2">
              {(
                [
                  ["Customer", defs.customer],
                  ["Spend", defs.spend],
                  ["Reporting currency", defs.currency],
                  ["MRR", defs.mrr],
                  ["Customer churn", defs.churn],
                  ["Net revenue retention", defs.nrr],
                ] as const
              ).map(([term, text]) => (
                <div key={term}>
                  <dt className="font-medium">{term}</dt>
                  <dd className="text-slate-600">{text}</dd>
                </div>
              ))}
            </dl>
            <p className="mt-3 text-xs text-slate-500">
              Data since {monthLabel(d.firstMonth)}. The same figures, with their inputs, come from <code>GET /api/v1/metrics/cac</code>, <code>/ltv</code> and <code>/mrr</code>.
            </p>
          </section>
        </>
      )}
    </>
  );
}
