// Monthly aggregates → every figure the leadership dashboard and the metrics API show, for a range
// of months and an optional set of channels. Pure; the formulas, as the dashboard states them:
// - CAC = spend ÷ new customers. By channel: that channel's spend and customers (no spend: organic,
//   no CAC). Paid CAC: the Paid…, Display and Cross-network channels only. Blended CAC: all spend plus
//   the monthly sales-and-marketing overhead for each month of the range ÷ all new customers (with a
//   channel filter there is no overhead: it belongs to no channel).
// - MRR, paying customers and ARPA (= MRR ÷ paying customers) are taken at the range's last month
//   (its sample instant: the month's last moment, or now for the current month); ARR = 12 × MRR.
// - Customer churn = mean over the churn window's complete months (ending at the range's last
//   complete month) of: customers paying the month before and not this month ÷ customers paying the
//   month before; months with nobody paying before are skipped.
// - Formula LTV = ARPA × gross margin ÷ churn (undefined when churn is 0); LTV:CAC = formula LTV ÷ CAC;
//   CAC payback in months = CAC ÷ (ARPA × gross margin).
// - NRR = MRR at the range's last month of the customers who paid N months before ÷ their MRR then.
// - Realized LTV after N months, per customer of the acquisition cohorts in the range whose N-th month
//   is complete = their revenue in months 0…N−1 of their cohort × gross margin ÷ the cohorts' customers.
import { addMonths, monthIndex, monthSpan, type Month } from "./months";
import { isPaidChannel, MOVEMENTS, MRR_UNITS_PER_CENT, type Aggregates, type ChannelMonth, type Movement, type MovementAmounts } from "./model";
import type { MetricSettings } from "./settings";

export interface MetricQuery {
  from: Month;
  to: Month;
  /** null: every channel. */
  channels: string[] | null;
}

export interface ChurnMonth {
  month: Month;
  /** Customers paying the month before, and how many of them no longer paid. */
  base: number;
  churned: number;
  rate: number | null;
}

export interface Kpis {
  from: Month;
  to: Month;
  newCustomers: number;
  spend: number;
  overhead: number;
  blendedCac: number | null;
  paidSpend: number;
  paidNewCustomers: number;
  paidCac: number | null;
  mrr: number;
  arr: number;
  payingCustomers: number;
  arpa: number | null;
  churn: { rate: number | null; months: ChurnMonth[]; customers: number };
  formulaLtv: number | null;
  ltvToCac: number | null;
  paybackMonths: number | null;
  nrr: { value: number | null; startMonth: Month; startMrr: number; retainedMrr: number; customers: number };
  revenue: number;
}

export interface Realized {
  months: number;
  /** Customers of the cohorts that have completed `months` months. */
  customers: number;
  revenue: number;
  ltv: number | null;
}

export interface ChannelRow {
  channel: string;
  paid: boolean;
  spend: number;
  newCustomers: number;
  /** null with spend: no new customers; null without: organic. */
  cac: number | null;
  mrr: number;
  payingCustomers: number;
  arpa: number | null;
  churn: number | null;
  churnCustomers: number;
  formulaLtv: number | null;
  ltvToCac: number | null;
  paybackMonths: number | null;
  realized: Realized[];
}

export interface CacMonthRow {
  month: Month;
  channel: string;
  spend: number;
  newCustomers: number;
  cac: number | null;
}

export interface MonthRow {
  month: Month;
  partial: boolean;
  mrr: number;
  arr: number;
  payingCustomers: number;
  arpa: number | null;
  movements: MovementAmounts;
  movementCustomers: MovementAmounts;
  netNew: number;
  customersBefore: number;
  customerChurn: number | null;
  revenue: number;
}

export interface RetentionCell {
  age: number;
  month: Month;
  partial: boolean;
  mrr: number;
  payingCustomers: number;
  /** MRR now ÷ MRR at the end of the cohort month (null when that was 0). */
  retention: number | null;
}

export interface CohortRow {
  cohort: Month;
  customers: number;
  spend: number;
  overhead: number;
  cac: number | null;
  realized: (Realized & { ltvToCac: number | null })[];
  cells: RetentionCell[];
}

export interface Dashboard {
  query: MetricQuery;
  currency: string;
  currentMonth: Month;
  firstMonth: Month | null;
  kpis: Kpis;
  previous: Kpis;
  channels: ChannelRow[];
  cacByMonth: CacMonthRow[];
  months: MonthRow[];
  cohorts: CohortRow[];
  excluded: { currency: string; revenue: number; spend: number }[];
}

export const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
export const money = (cents: number) => cents / 100;
export const mrrMoney = (units: number) => units / (100 * MRR_UNITS_PER_CENT);

/** CAC: null without cost (organic) or without customers. */
export function cacOf(cost: number, customers: number): number | null {
  return cost === 0 || customers === 0 ? null : cost / customers;
}

/** Formula LTV: undefined (null) when churn is 0 or unknown, or without an ARPA. */
export function formulaLtvOf(arpa: number | null, grossMargin: number, churn: number | null): number | null {
  return arpa === null || churn === null || churn === 0 ? null : (arpa * grossMargin) / churn;
}

export function paybackMonthsOf(cac: number | null, arpa: number | null, grossMargin: number): number | null {
  return cac === null || arpa === null || arpa === 0 ? null : cac / (arpa * grossMargin);
}

export function mean(xs: number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** Net new MRR: new + expansion + reactivation − contraction − churn. */
export function netNewOf(m: MovementAmounts): number {
  return m.new + m.expansion + m.reactivation - m.contraction - m.churn;
}

class Index {
  readonly cm = new Map<Month, ChannelMonth[]>();
  readonly spend = new Map<Month, { channel: string; cents: number }[]>();
  readonly cohorts = new Map<Month, Aggregates["cohorts"]>();
  constructor(readonly a: Aggregates) {
    for (const r of a.channelMonths) this.cm.set(r.month, [...(this.cm.get(r.month) ?? []), r]);
    for (const s of a.spend) this.spend.set(s.month, [...(this.spend.get(s.month) ?? []), s]);
    for (const c of a.cohorts) this.cohorts.set(c.cohort, [...(this.cohorts.get(c.cohort) ?? []), c]);
  }
}

type ChannelFilter = (channel: string) => boolean;

function sumMonths<T extends { channel: string }>(map: Map<Month, T[]>, months: Month[], keep: ChannelFilter, f: (r: T) => number): number {
  let s = 0;
  for (const m of months) for (const r of map.get(m) ?? []) if (keep(r.channel)) s += f(r);
  return s;
}

function filterOf(channels: string[] | null): ChannelFilter {
  if (channels === null) return () => true;
  const set = new Set(channels);
  return (c) => set.has(c);
}

function kpisOf(ix: Index, s: MetricSettings, from: Month, to: Month, channels: string[] | null): Kpis {
  const keep = filterOf(channels);
  const paid: ChannelFilter = (c) => keep(c) && isPaidChannel(c);
  const months = monthSpan(from, to);
  const cm = (ms: Month[], f: (r: ChannelMonth) => number, k = keep) => sumMonths(ix.cm, ms, k, f);
  const newCustomers = cm(months, (r) => r.newCustomers);
  const spend = money(sumMonths(ix.spend, months, keep, (r) => r.cents));
  const overhead = channels === null ? s.monthlyOverhead * months.length : 0;
  const paidSpend = money(sumMonths(ix.spend, months, paid, (r) => r.cents));
  const paidNewCustomers = cm(months, (r) => r.newCustomers, paid);
  const mrr = mrrMoney(cm([to], (r) => r.mrr));
  const payingCustomers = cm([to], (r) => r.paying);
  const arpa = ratio(mrr, payingCustomers);

  const cur = ix.a.currentMonth;
  const churnEnd = monthIndex(to) < monthIndex(cur) ? to : addMonths(cur, -1);
  const churnMonths: ChurnMonth[] = monthSpan(addMonths(churnEnd, 1 - s.churnWindowMonths), churnEnd).map((month) => {
    const base = cm([addMonths(month, -1)], (r) => r.paying);
    const churned = cm([month], (r) => r.moveCounts.churn);
    return { month, base, churned, rate: ratio(churned, base) };
  });
  const churnRate = mean(churnMonths.flatMap((m) => (m.rate === null ? [] : [m.rate])));
  const blendedCac = cacOf(spend + overhead, newCustomers);
  const formulaLtv = formulaLtvOf(arpa, s.grossMargin, churnRate);

  const startMonth = addMonths(to, -s.nrrWindowMonths);
  const startMrr = mrrMoney(cm([startMonth], (r) => r.mrr));
  const retainedMrr = mrrMoney(cm([to], (r) => r.retainedMrr));

  return {
    from,
    to,
    newCustomers,
    spend,
    overhead,
    blendedCac,
    paidSpend,
    paidNewCustomers,
    paidCac: cacOf(paidSpend, paidNewCustomers),
    mrr,
    arr: 12 * mrr,
    payingCustomers,
    arpa,
    churn: { rate: churnRate, months: churnMonths, customers: churnMonths.reduce((n, m) => n + m.base, 0) },
    formulaLtv,
    ltvToCac: formulaLtv === null || blendedCac === null ? null : formulaLtv / blendedCac,
    paybackMonths: paybackMonthsOf(blendedCac, arpa, s.grossMargin),
    nrr: { value: ratio(retainedMrr, startMrr), startMonth, startMrr, retainedMrr, customers: cm([startMonth], (r) => r.paying) },
    revenue: money(cm(months, (r) => r.revenueCents)),
  };
}

/** Realized LTV after each horizon, for the cohorts in [from, to] whose horizon is complete. */
function realizedOf(ix: Index, s: MetricSettings, cohortMonths: Month[], keep: ChannelFilter): Realized[] {
  const cur = monthIndex(ix.a.currentMonth);
  return s.realizedMonths.map((n) => {
    const complete = cohortMonths.filter((k) => monthIndex(k) + n - 1 < cur);
    const customers = sumMonths(ix.cm, complete, keep, (r) => r.newCustomers);
    const revenue = money(sumMonths(ix.cohorts, complete, keep, (c) => (c.age < n ? c.revenueCents : 0)));
    return { months: n, customers, revenue, ltv: customers === 0 ? null : (revenue * s.grossMargin) / customers };
  });
}

export function computeDashboard(a: Aggregates, s: MetricSettings, q: MetricQuery): Dashboard {
  const ix = new Index(a);
  const keep = filterOf(q.channels);
  const months = monthSpan(q.from, q.to);
  const length = months.length;
  const kpis = kpisOf(ix, s, q.from, q.to, q.channels);
  const previous = kpisOf(ix, s, addMonths(q.from, -length), addMonths(q.from, -1), q.channels);

  // Channels with anything to show in the range.
  const seen = new Set<string>();
  for (const m of months) {
    for (const r of ix.cm.get(m) ?? []) if (keep(r.channel) && (r.newCustomers > 0 || (m === q.to && r.paying > 0))) seen.add(r.channel);
    for (const r of ix.spend.get(m) ?? []) if (keep(r.channel)) seen.add(r.channel);
  }
  const channels: ChannelRow[] = [...seen].sort().map((channel) => {
    const k = kpisOf(ix, s, q.from, q.to, [channel]);
    const cac = k.blendedCac;
    return {
      channel,
      paid: isPaidChannel(channel),
      spend: k.spend,
      newCustomers: k.newCustomers,
      cac,
      mrr: k.mrr,
      payingCustomers: k.payingCustomers,
      arpa: k.arpa,
      churn: k.churn.rate,
      churnCustomers: k.churn.customers,
      formulaLtv: k.formulaLtv,
      ltvToCac: k.ltvToCac,
      paybackMonths: k.paybackMonths,
      realized: realizedOf(ix, s, months, (c) => c === channel),
    };
  });

  const cacByMonth: CacMonthRow[] = months.flatMap((month) => {
    const by = new Map<string, { spend: number; newCustomers: number }>();
    const at = (c: string) => by.get(c) ?? by.set(c, { spend: 0, newCustomers: 0 }).get(c)!;
    for (const r of ix.spend.get(month) ?? []) if (keep(r.channel)) at(r.channel).spend += money(r.cents);
    for (const r of ix.cm.get(month) ?? []) if (keep(r.channel) && r.newCustomers > 0) at(r.channel).newCustomers += r.newCustomers;
    return [...by]
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([channel, v]) => ({ month, channel, spend: v.spend, newCustomers: v.newCustomers, cac: cacOf(v.spend, v.newCustomers) }));
  });

  const monthRows: MonthRow[] = months.map((month) => {
    const rows = (ix.cm.get(month) ?? []).filter((r) => keep(r.channel));
    const sum = (f: (r: ChannelMonth) => number) => rows.reduce((n, r) => n + f(r), 0);
    const movements = Object.fromEntries(MOVEMENTS.map((k) => [k, mrrMoney(sum((r) => r.moves[k]))])) as Record<Movement, number>;
    const movementCustomers = Object.fromEntries(MOVEMENTS.map((k) => [k, sum((r) => r.moveCounts[k])])) as Record<Movement, number>;
    const mrr = mrrMoney(sum((r) => r.mrr));
    const paying = sum((r) => r.paying);
    const before = sumMonths(ix.cm, [addMonths(month, -1)], keep, (r) => r.paying);
    return {
      month,
      partial: month === a.currentMonth,
      mrr,
      arr: 12 * mrr,
      payingCustomers: paying,
      arpa: ratio(mrr, paying),
      movements,
      movementCustomers,
      netNew: netNewOf(movements),
      customersBefore: before,
      customerChurn: ratio(movementCustomers.churn, before),
      revenue: money(sum((r) => r.revenueCents)),
    };
  });

  const cur = monthIndex(a.currentMonth);
  const cohorts: CohortRow[] = months.map((cohort) => {
    const customers = sumMonths(ix.cm, [cohort], keep, (r) => r.newCustomers);
    const spend = money(sumMonths(ix.spend, [cohort], keep, (r) => r.cents));
    const overhead = q.channels === null ? s.monthlyOverhead : 0;
    const cac = cacOf(spend + overhead, customers);
    const cellsOf = (ix.cohorts.get(cohort) ?? []).filter((c) => keep(c.channel));
    const at = (age: number, f: (c: (typeof cellsOf)[number]) => number) => cellsOf.reduce((n, c) => n + (c.age === age ? f(c) : 0), 0);
    const base = at(0, (c) => c.mrr);
    const cells: RetentionCell[] = [];
    for (let age = 0; monthIndex(cohort) + age <= cur; age++) {
      const mrr = at(age, (c) => c.mrr);
      cells.push({ age, month: addMonths(cohort, age), partial: monthIndex(cohort) + age === cur, mrr: mrrMoney(mrr), payingCustomers: at(age, (c) => c.paying), retention: ratio(mrr, base) });
    }
    const realized = realizedOf(ix, s, [cohort], keep).map((r) => ({ ...r, ltvToCac: r.ltv === null || cac === null ? null : r.ltv / cac }));
    return { cohort, customers, spend, overhead, cac, realized, cells };
  });

  const excluded = new Map<string, { currency: string; revenue: number; spend: number }>();
  for (const x of a.excluded) {
    if (monthIndex(x.month) < monthIndex(q.from) || monthIndex(x.month) > monthIndex(q.to)) continue;
    const e = excluded.get(x.currency) ?? { currency: x.currency, revenue: 0, spend: 0 };
    e.revenue += money(x.revenueCents);
    e.spend += money(x.spendCents);
    excluded.set(x.currency, e);
  }

  return {
    query: q,
    currency: s.currency,
    currentMonth: a.currentMonth,
    firstMonth: a.firstMonth,
    kpis,
    previous,
    channels,
    cacByMonth,
    months: monthRows,
    cohorts,
    excluded: [...excluded.values()].filter((x) => x.revenue !== 0 || x.spend !== 0).sort((x, y) => (x.currency < y.currency ? -1 : 1)),
  };
}
