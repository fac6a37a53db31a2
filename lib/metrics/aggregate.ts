// Facts → monthly aggregates in TypeScript: the same algorithm as the SQL in lib/data/metrics.ts
// (each recurring payment spread over the month ends it covers, then each customer's months compared
// with the month before and after), so the integration tests can hold the SQL to it row for row, and
// the property tests can check the whole pipeline against the brute-force reference. Pure.
import { addCalendarMonths, monthFromIndex, monthIndex, monthOf, monthStart } from "./months";
import {
  emptyMoves,
  MRR_UNITS_PER_CENT,
  type Aggregates,
  type ChannelMonth,
  type CohortCell,
  type ExcludedMonth,
  type MetricFacts,
  type SpendMonth,
} from "./model";

export interface AggregateOptions {
  currency: string;
  nrrWindowMonths: number;
}

/** The instant a month's MRR is taken at: its last millisecond, or now for the current month. */
export function sampleInstant(monthIdx: number, currentIdx: number, now: number): number {
  return monthIdx === currentIdx ? now : monthStart(monthFromIndex(monthIdx + 1)) - 1;
}

/** MRR units a recurring payment adds to each month end it covers. */
export function mrrUnits(cents: number, periodMonths: 1 | 12): number {
  return (cents * MRR_UNITS_PER_CENT) / periodMonths;
}

export function aggregate(facts: MetricFacts, opts: AggregateOptions): Aggregates {
  const { now } = facts;
  const currentMonth = monthOf(now);
  const cur = monthIndex(currentMonth);
  const W = opts.nrrWindowMonths;
  const rows = new Map<string, ChannelMonth>();
  const cohorts = new Map<string, CohortCell>();
  const spend = new Map<string, SpendMonth>();
  const excluded = new Map<string, ExcludedMonth>();
  let first = Infinity;

  const row = (i: number, channel: string): ChannelMonth => {
    const month = monthFromIndex(i);
    const key = `${month}|${channel}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { month, channel, newCustomers: 0, revenueCents: 0, mrr: 0, paying: 0, moves: emptyMoves(), moveCounts: emptyMoves(), retainedMrr: 0 }));
    return r;
  };
  const cell = (k: number, channel: string, age: number): CohortCell => {
    const cohort = monthFromIndex(k);
    const key = `${cohort}|${channel}|${age}`;
    let c = cohorts.get(key);
    if (!c) cohorts.set(key, (c = { cohort, channel, age, revenueCents: 0, mrr: 0, paying: 0 }));
    return c;
  };
  const other = (month: string, currency: string): ExcludedMonth => {
    const key = `${month}|${currency}`;
    let x = excluded.get(key);
    if (!x) excluded.set(key, (x = { month, currency, revenueCents: 0, spendCents: 0 }));
    return x;
  };

  for (const person of facts.people) {
    const ch = person.channel;
    const cohort = person.customerAt !== null && person.customerAt <= now ? monthIndex(monthOf(person.customerAt)) : null;
    if (cohort !== null) {
      row(cohort, ch).newCustomers++;
      first = Math.min(first, cohort);
    }
    const mrrByMonth = new Map<number, number>();
    for (const p of person.payments) {
      if (p.at > now) continue;
      const i = monthIndex(monthOf(p.at));
      first = Math.min(first, i);
      if (p.currency !== opts.currency) {
        other(monthFromIndex(i), p.currency).revenueCents += p.cents;
        continue;
      }
      row(i, ch).revenueCents += p.cents;
      if (cohort !== null && i >= cohort) cell(cohort, ch, i - cohort).revenueCents += p.cents;
      if (p.periodMonths === null || p.cents <= 0) continue;
      const end = addCalendarMonths(p.at, p.periodMonths);
      const units = mrrUnits(p.cents, p.periodMonths);
      for (let m = i, last = Math.min(cur, monthIndex(monthOf(end))); m <= last; m++) {
        const s = sampleInstant(m, cur, now);
        if (p.at <= s && end > s) mrrByMonth.set(m, (mrrByMonth.get(m) ?? 0) + units);
      }
    }
    const months = [...mrrByMonth.keys()].sort((a, b) => a - b);
    months.forEach((m, k) => {
      const mrr = mrrByMonth.get(m)!;
      const r = row(m, ch);
      r.mrr += mrr;
      r.paying++;
      const prev = k > 0 ? months[k - 1]! : null;
      if (prev === null) {
        r.moves.new += mrr;
        r.moveCounts.new++;
      } else if (prev === m - 1) {
        const before = mrrByMonth.get(prev)!;
        if (mrr > before) {
          r.moves.expansion += mrr - before;
          r.moveCounts.expansion++;
        } else if (mrr < before) {
          r.moves.contraction += before - mrr;
          r.moveCounts.contraction++;
        }
      } else {
        r.moves.reactivation += mrr;
        r.moveCounts.reactivation++;
      }
      const next = months[k + 1];
      if ((next === undefined || next > m + 1) && m + 1 <= cur) {
        const c = row(m + 1, ch);
        c.moves.churn += mrr;
        c.moveCounts.churn++;
      }
      if (mrrByMonth.has(m - W)) r.retainedMrr += mrr;
      if (cohort !== null && m >= cohort) {
        const c = cell(cohort, ch, m - cohort);
        c.mrr += mrr;
        c.paying++;
      }
    });
  }

  for (const s of facts.spend) {
    first = Math.min(first, monthIndex(s.month));
    if (s.currency !== opts.currency) {
      other(s.month, s.currency).spendCents += s.cents;
      continue;
    }
    const key = `${s.month}|${s.channel}`;
    const r = spend.get(key) ?? { month: s.month, channel: s.channel, cents: 0 };
    r.cents += s.cents;
    spend.set(key, r);
  }

  return compactAggregates({
    now,
    currentMonth,
    firstMonth: first === Infinity ? null : monthFromIndex(first),
    channelMonths: [...rows.values()],
    spend: [...spend.values()],
    cohorts: [...cohorts.values()],
    excluded: [...excluded.values()],
  });
}

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const nonZero = (...xs: number[]) => xs.some((x) => x !== 0);

/** Aggregates in one canonical form: all-zero rows dropped, rows sorted by their keys. */
export function compactAggregates(a: Aggregates): Aggregates {
  return {
    ...a,
    channelMonths: a.channelMonths
      .filter((r) => nonZero(r.newCustomers, r.revenueCents, r.mrr, r.paying, r.retainedMrr, ...Object.values(r.moves), ...Object.values(r.moveCounts)))
      .sort((x, y) => cmp(x.month, y.month) || cmp(x.channel, y.channel)),
    spend: a.spend.filter((s) => s.cents !== 0).sort((x, y) => cmp(x.month, y.month) || cmp(x.channel, y.channel)),
    cohorts: a.cohorts.filter((c) => nonZero(c.revenueCents, c.mrr, c.paying)).sort((x, y) => cmp(x.cohort, y.cohort) || cmp(x.channel, y.channel) || cmp(x.age, y.age)),
    excluded: a.excluded.filter((x) => nonZero(x.revenueCents, x.spendCents)).sort((x, y) => cmp(x.month, y.month) || cmp(x.currency, y.currency)),
  };
}
