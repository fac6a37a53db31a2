// The metrics API's JSON (GET /api/v1/metrics/cac|ltv|mrr): shaped from a computed dashboard, every
// result beside the inputs it was computed from, so anyone can recompute it. Pure.
import type { ChannelRow, CohortRow, Dashboard, Kpis } from "./compute";
import { cacOf } from "./compute";
import { MOVEMENTS } from "./model";
import type { MetricSettings } from "./settings";

export const CAC_GROUPS = ["channel", "month"] as const;
export const LTV_GROUPS = ["channel", "cohort"] as const;

function envelope(d: Dashboard, s: MetricSettings) {
  return { from: d.query.from, to: d.query.to, channels: d.query.channels, currency: d.currency, currentMonth: d.currentMonth, excluded: d.excluded, settings: s };
}

const blended = (k: Kpis) => ({ spend: k.spend, overhead: k.overhead, newCustomers: k.newCustomers, cac: k.blendedCac });
const paid = (k: Kpis) => ({ spend: k.paidSpend, newCustomers: k.paidNewCustomers, cac: k.paidCac });

export function cacResponse(d: Dashboard, s: MetricSettings, groupBy: (typeof CAC_GROUPS)[number]) {
  const rows =
    groupBy === "channel"
      ? d.channels.map((c) => ({ channel: c.channel, paid: c.paid, spend: c.spend, newCustomers: c.newCustomers, cac: c.cac }))
      : d.months.map(({ month }) => {
          const cells = d.cacByMonth.filter((r) => r.month === month);
          const spend = cells.reduce((n, r) => n + r.spend, 0);
          const newCustomers = cells.reduce((n, r) => n + r.newCustomers, 0);
          const overhead = d.query.channels === null ? s.monthlyOverhead : 0;
          return { month, spend, overhead, newCustomers, cac: cacOf(spend + overhead, newCustomers), channels: cells.map(({ channel, spend, newCustomers, cac }) => ({ channel, spend, newCustomers, cac })) };
        });
  return {
    ...envelope(d, s),
    groupBy,
    definition: "CAC = spend ÷ new customers. Blended adds the monthly sales-and-marketing overhead (not with a channel filter); paid counts the Paid…, Display and Cross-network channels only.",
    rows,
    blended: blended(d.kpis),
    paid: paid(d.kpis),
    previous: { from: d.previous.from, to: d.previous.to, blended: blended(d.previous), paid: paid(d.previous) },
  };
}

const channelLtv = (c: ChannelRow, margin: number) => ({
  channel: c.channel,
  payingCustomers: c.payingCustomers,
  mrr: c.mrr,
  arpa: c.arpa,
  churn: c.churn,
  churnCustomers: c.churnCustomers,
  grossMargin: margin,
  ltv: c.formulaLtv,
  spend: c.spend,
  newCustomers: c.newCustomers,
  cac: c.cac,
  ltvToCac: c.ltvToCac,
  paybackMonths: c.paybackMonths,
  realized: c.realized,
});

const cohortLtv = (c: CohortRow) => ({
  cohort: c.cohort,
  customers: c.customers,
  spend: c.spend,
  overhead: c.overhead,
  cac: c.cac,
  realized: c.realized,
  retention: c.cells.map(({ age, month, partial, mrr, payingCustomers, retention }) => ({ age, month, partial, mrr, payingCustomers, retention })),
});

export function ltvResponse(d: Dashboard, s: MetricSettings, groupBy: (typeof LTV_GROUPS)[number]) {
  const k = d.kpis;
  return {
    ...envelope(d, s),
    groupBy,
    definition:
      "Formula LTV = ARPA × gross margin ÷ customer churn (null when churn is 0). ARPA = MRR ÷ paying customers at the range's last month. Churn = mean monthly customer churn over the churn window's complete months. Realized LTV after N months = revenue in a cohort's first N months × gross margin ÷ its customers, for cohorts that have completed N months.",
    rows: groupBy === "channel" ? d.channels.map((c) => channelLtv(c, s.grossMargin)) : d.cohorts.map(cohortLtv),
    overall: {
      payingCustomers: k.payingCustomers,
      mrr: k.mrr,
      arpa: k.arpa,
      churn: k.churn.rate,
      churnMonths: k.churn.months,
      grossMargin: s.grossMargin,
      ltv: k.formulaLtv,
      cac: k.blendedCac,
      ltvToCac: k.ltvToCac,
      paybackMonths: k.paybackMonths,
    },
  };
}

export function mrrResponse(d: Dashboard, s: MetricSettings) {
  const k = d.kpis;
  return {
    ...envelope(d, s),
    definition:
      "MRR at each month's last instant (now for the current, partial month) from payments with a billing_period (monthly, or annual counted 1/12 a month), each covering one period from when it was paid. Movements as ChartMogul defines them; net new = new + expansion + reactivation − contraction − churn. NRR = MRR now of the customers who paid N months ago ÷ their MRR then.",
    rows: d.months.map((m) => ({
      month: m.month,
      partial: m.partial,
      mrr: m.mrr,
      arr: m.arr,
      payingCustomers: m.payingCustomers,
      arpa: m.arpa,
      ...Object.fromEntries(MOVEMENTS.map((x) => [x, m.movements[x]])),
      netNew: m.netNew,
      movementCustomers: m.movementCustomers,
      customersBefore: m.customersBefore,
      churnedCustomers: m.movementCustomers.churn,
      customerChurn: m.customerChurn,
      revenue: m.revenue,
    })),
    summary: { mrr: k.mrr, arr: k.arr, payingCustomers: k.payingCustomers, arpa: k.arpa, nrr: { ...k.nrr, windowMonths: s.nrrWindowMonths }, churn: { rate: k.churn.rate, months: k.churn.months } },
  };
}
