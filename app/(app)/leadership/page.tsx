// Leadership: spend, revenue and new customers by month; CAC and LTV by channel and cohort follow.
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { monthlySpendAndRevenue } from "@/lib/data/overview";
import { formatInt, formatMoney } from "@/lib/format";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SpendRevenueChart } from "@/components/charts/spend-revenue-chart";

export const metadata: Metadata = { title: "Leadership" };

export default async function LeadershipPage() {
  await requireArea("leadership");
  const months = await monthlySpendAndRevenue();
  const totals = months.reduce((t, m) => ({ spend: t.spend + m.spend, revenue: t.revenue + m.revenue, customers: t.customers + m.newCustomers }), {
    spend: 0,
    revenue: 0,
    customers: 0,
  });
  return (
    <>
      <PageHeader title="Leadership" description="What acquisition costs and what customers are worth, by month. CAC and LTV by channel and cohort arrive with the metrics release." />
      {months.length === 0 ? (
        <EmptyState title="Nothing to chart yet" icon="📈">
          <p>Record marketing spend and send revenue events (a track call with a numeric revenue property) to see them here.</p>
        </EmptyState>
      ) : (
        <>
          <dl className="mb-6 grid gap-4 sm:grid-cols-3">
            {[
              ["Marketing spend", formatMoney(totals.spend), "Sum of recorded spend over all channels and months."],
              ["Revenue", formatMoney(totals.revenue), "Sum of the numeric revenue property on track events."],
              ["New paying customers", formatInt(totals.customers), "People whose first event with revenue > 0 fell in the period."],
            ].map(([label, value, definition]) => (
              <div key={label} className="rounded-lg border border-slate-200 bg-white p-4">
                <dt className="text-sm text-slate-600">{label}</dt>
                <dd className="mt-1 text-2xl font-semibold">{value}</dd>
                {/* Shown, not a hover tooltip: keyboard and touch users read it too. */}
                <dd className="mt-1 text-xs text-slate-500">{definition}</dd>
              </div>
            ))}
          </dl>
          <section className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="mb-2 text-sm font-semibold">Spend, revenue and new paying customers by month (UTC)</h2>
            <SpendRevenueChart data={months} />
          </section>
        </>
      )}
    </>
  );
}
