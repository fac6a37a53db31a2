// The definition of every figure, as the dashboard shows it beside the number and the API returns it
// (one text, so the two never disagree). Pure; the settings fill in margin, overhead and windows.
import { describeRule, type LifecycleRule } from "../analytics/lifecycle";
import type { MetricSettings } from "./settings";

export type Definition =
  | "customer"
  | "newCustomers"
  | "spend"
  | "blendedCac"
  | "paidCac"
  | "channelCac"
  | "mrr"
  | "arr"
  | "arpa"
  | "churn"
  | "formulaLtv"
  | "realizedLtv"
  | "ltvToCac"
  | "payback"
  | "nrr"
  | "movements"
  | "retention"
  | "currency";

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

export function definitions(s: MetricSettings, customerRule: LifecycleRule): Record<Definition, string> {
  return {
    customer: `A customer is a resolved person who reached the “became a customer” lifecycle moment (${describeRule(customerRule)}; refunds never make a customer). Their acquisition cohort is that month; their channel is their all-time first-touch channel.`,
    newCustomers: "People whose customer moment falls in the range, by their first-touch channel.",
    spend: `Recorded marketing spend (Leadership → Spend) in ${s.currency}; spend in another currency is left out.`,
    blendedCac: `(All spend + ${s.monthlyOverhead.toLocaleString("en-US")} ${s.currency} of sales-and-marketing overhead per month) ÷ all new customers. With a channel filter: that spend ÷ those customers, no overhead.`,
    paidCac: "Spend on the Paid…, Display and Cross-network channels ÷ the new customers whose first touch was one of them.",
    channelCac: "A channel's spend ÷ its new customers. A channel with no spend is organic: no CAC.",
    mrr: "Monthly recurring revenue at the month's last moment (now, for the current month, which is partial): every payment with a billing_period counts for one period from when it was paid — monthly as paid, annual one twelfth a month. Other revenue counts toward realized LTV only.",
    arr: "12 × MRR.",
    arpa: "MRR ÷ customers paying at that moment.",
    churn: `Customers paying the month before and not this month ÷ customers paying the month before, averaged over the ${s.churnWindowMonths} complete month${s.churnWindowMonths === 1 ? "" : "s"} up to the range's end (months with nobody paying before are skipped).`,
    formulaLtv: `ARPA × gross margin (${pct(s.grossMargin)}) ÷ customer churn; undefined when churn is 0.`,
    realizedLtv: `Revenue (refunds net) in a cohort's first N months × gross margin (${pct(s.grossMargin)}) ÷ its customers, for cohorts that have completed N months.`,
    ltvToCac: "Formula LTV ÷ CAC (3 or more is the usual rule of thumb).",
    payback: `CAC ÷ (ARPA × gross margin): months of a customer's margin to earn back what acquiring them cost.`,
    nrr: `Net revenue retention over ${s.nrrWindowMonths} months: the MRR now of the customers who paid ${s.nrrWindowMonths} months ago ÷ their MRR then (expansion, contraction, churn and reactivation of those customers included).`,
    movements: "As ChartMogul defines them, month over month per customer: new (first paying month), expansion (more MRR), contraction (less, still paying), churn (paid last month, not this month), reactivation (paying again after a gap). Net new = new + expansion + reactivation − contraction − churn.",
    retention: "A cohort's MRR at the end of each later month ÷ its MRR at the end of its first month (net MRR retention, can pass 100 %). * marks the current, partial month.",
    currency: `Everything is in ${s.currency}, the reporting currency. Revenue and spend in other currencies are left out and listed.`,
  };
}
