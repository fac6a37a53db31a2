// The brute-force reference for every leadership figure: straight from the definitions, person by
// person and month by month, with none of the production code's aggregation (each month's MRR is
// recomputed from every payment; movements compare a person's months directly). Slow on purpose and
// easy to read. The property tests hold aggregate() + computeDashboard() to it on generated data;
// the integration tests hold the SQL to it on the demo data; the benchmark times it.
import { addCalendarMonths, addMonths, monthIndex, monthOf, monthSpan, monthStart, type Month } from "./months";
import { isPaidChannel, MOVEMENTS, type MetricFacts, type Movement, type PersonFacts } from "./model";
import type { MetricSettings } from "./settings";
import type { ChannelRow, CohortRow, Dashboard, Kpis, MetricQuery, MonthRow, Realized } from "./compute";

interface Person extends PersonFacts {
  cohort: Month | null;
}

export function referenceDashboard(facts: MetricFacts, s: MetricSettings, q: MetricQuery): Dashboard {
  const now = facts.now;
  const current = monthOf(now);
  const inChannels = (c: string, channels: string[] | null) => channels === null || channels.includes(c);
  const people: Person[] = facts.people.map((p) => ({
    ...p,
    payments: p.payments.filter((x) => x.at <= now),
    cohort: p.customerAt !== null && p.customerAt <= now ? monthOf(p.customerAt) : null,
  }));

  // The moment a month's MRR is read: its last millisecond, or now while it is the current month.
  const sampleOf = (m: Month) => (m === current ? now : monthStart(addMonths(m, 1)) - 1);
  // One person's MRR in a month, in the reporting currency's units (not cents).
  const mrrCache = new Map<string, number>();
  const mrrOf = (p: Person, m: Month): number => {
    const key = `${p.id}|${m}`;
    const hit = mrrCache.get(key);
    if (hit !== undefined) return hit;
    let v = 0;
    if (monthIndex(m) <= monthIndex(current)) {
      const t = sampleOf(m);
      for (const x of p.payments) {
        if (x.currency !== s.currency || x.periodMonths === null || x.cents <= 0) continue;
        if (x.at <= t && t < addCalendarMonths(x.at, x.periodMonths)) v += x.cents / 100 / x.periodMonths;
      }
    }
    mrrCache.set(key, v);
    return v;
  };
  // Every month that could hold anything: from the earliest fact to now.
  const factMonths = [
    ...people.flatMap((p) => [...p.payments.map((x) => monthOf(x.at)), ...(p.cohort ? [p.cohort] : [])]),
    ...facts.spend.map((x) => x.month),
  ];
  const firstMonth = factMonths.length ? factMonths.reduce((a, b) => (a < b ? a : b)) : null;
  const everMonths = (m: Month) => (firstMonth === null || monthIndex(m) <= monthIndex(firstMonth) ? [] : monthSpan(firstMonth, addMonths(m, -1)));

  const movementOf = (p: Person, m: Month): { kind: Movement; amount: number } | null => {
    const now_ = mrrOf(p, m);
    const before = mrrOf(p, addMonths(m, -1));
    if (before === 0 && now_ > 0) return everMonths(addMonths(m, -1)).some((e) => mrrOf(p, e) > 0) ? { kind: "reactivation", amount: now_ } : { kind: "new", amount: now_ };
    if (before > 0 && now_ === 0) return { kind: "churn", amount: before };
    if (now_ > before && before > 0) return { kind: "expansion", amount: now_ - before };
    if (now_ < before && now_ > 0) return { kind: "contraction", amount: before - now_ };
    return null;
  };

  const spendIn = (months: Month[], keep: (c: string) => boolean) =>
    facts.spend.filter((x) => x.currency === s.currency && months.includes(x.month) && keep(x.channel)).reduce((n, x) => n + x.cents / 100, 0);

  const churnOver = (to: Month, keep: (c: string) => boolean) => {
    const end = monthIndex(to) < monthIndex(current) ? to : addMonths(current, -1);
    const months = monthSpan(addMonths(end, 1 - s.churnWindowMonths), end).map((month) => {
      const base = people.filter((p) => keep(p.channel) && mrrOf(p, addMonths(month, -1)) > 0);
      const churned = base.filter((p) => mrrOf(p, month) === 0).length;
      return { month, base: base.length, churned, rate: base.length ? churned / base.length : null };
    });
    const rates = months.filter((m) => m.rate !== null).map((m) => m.rate!);
    return { rate: rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null, months, customers: months.reduce((n, m) => n + m.base, 0) };
  };

  const kpis = (from: Month, to: Month, channels: string[] | null): Kpis => {
    const keep = (c: string) => inChannels(c, channels);
    const months = monthSpan(from, to);
    const fresh = people.filter((p) => keep(p.channel) && p.cohort !== null && months.includes(p.cohort));
    const spend = spendIn(months, keep);
    const overhead = channels === null ? s.monthlyOverhead * months.length : 0;
    const blendedCac = spend + overhead > 0 && fresh.length > 0 ? (spend + overhead) / fresh.length : null;
    const paidKeep = (c: string) => keep(c) && isPaidChannel(c);
    const paidSpend = spendIn(months, paidKeep);
    const paidNew = fresh.filter((p) => isPaidChannel(p.channel)).length;
    const payers = people.filter((p) => keep(p.channel) && mrrOf(p, to) > 0);
    const mrr = payers.reduce((n, p) => n + mrrOf(p, to), 0);
    const arpa = payers.length ? mrr / payers.length : null;
    const churn = churnOver(to, keep);
    const ltv = arpa !== null && churn.rate ? (arpa * s.grossMargin) / churn.rate : null;
    const startMonth = addMonths(to, -s.nrrWindowMonths);
    const starters = people.filter((p) => keep(p.channel) && mrrOf(p, startMonth) > 0);
    const startMrr = starters.reduce((n, p) => n + mrrOf(p, startMonth), 0);
    const retainedMrr = starters.reduce((n, p) => n + mrrOf(p, to), 0);
    const revenue = people
      .filter((p) => keep(p.channel))
      .flatMap((p) => p.payments)
      .filter((x) => x.currency === s.currency && months.includes(monthOf(x.at)))
      .reduce((n, x) => n + x.cents / 100, 0);
    return {
      from,
      to,
      newCustomers: fresh.length,
      spend,
      overhead,
      blendedCac,
      paidSpend,
      paidNewCustomers: paidNew,
      paidCac: paidSpend > 0 && paidNew > 0 ? paidSpend / paidNew : null,
      mrr,
      arr: mrr * 12,
      payingCustomers: payers.length,
      arpa,
      churn,
      formulaLtv: ltv,
      ltvToCac: ltv !== null && blendedCac !== null ? ltv / blendedCac : null,
      paybackMonths: blendedCac !== null && arpa ? blendedCac / (arpa * s.grossMargin) : null,
      nrr: { value: startMrr > 0 ? retainedMrr / startMrr : null, startMonth, startMrr, retainedMrr, customers: starters.length },
      revenue,
    };
  };

  const realized = (cohorts: Month[], keep: (c: string) => boolean): Realized[] =>
    s.realizedMonths.map((n) => {
      const members = people.filter((p) => keep(p.channel) && p.cohort !== null && cohorts.includes(p.cohort) && monthIndex(p.cohort) + n - 1 < monthIndex(current));
      const revenue = members
        .flatMap((p) => p.payments.filter((x) => x.currency === s.currency && monthIndex(monthOf(x.at)) >= monthIndex(p.cohort!) && monthIndex(monthOf(x.at)) < monthIndex(p.cohort!) + n))
        .reduce((t, x) => t + x.cents / 100, 0);
      return { months: n, customers: members.length, revenue, ltv: members.length ? (revenue * s.grossMargin) / members.length : null };
    });

  const keep = (c: string) => inChannels(c, q.channels);
  const range = monthSpan(q.from, q.to);
  const length = range.length;

  const channelNames = new Set<string>();
  for (const p of people) if (keep(p.channel) && ((p.cohort && range.includes(p.cohort)) || mrrOf(p, q.to) > 0)) channelNames.add(p.channel);
  for (const x of facts.spend) if (x.currency === s.currency && x.cents !== 0 && range.includes(x.month) && keep(x.channel)) channelNames.add(x.channel);
  const channels: ChannelRow[] = [...channelNames].sort().map((channel) => {
    const k = kpis(q.from, q.to, [channel]);
    return {
      channel,
      paid: isPaidChannel(channel),
      spend: k.spend,
      newCustomers: k.newCustomers,
      cac: k.blendedCac,
      mrr: k.mrr,
      payingCustomers: k.payingCustomers,
      arpa: k.arpa,
      churn: k.churn.rate,
      churnCustomers: k.churn.customers,
      formulaLtv: k.formulaLtv,
      ltvToCac: k.ltvToCac,
      paybackMonths: k.paybackMonths,
      realized: realized(range, (c) => c === channel),
    };
  });

  const cacByMonth = range.flatMap((month) => {
    const names = new Set<string>();
    for (const x of facts.spend) if (x.currency === s.currency && x.cents !== 0 && x.month === month && keep(x.channel)) names.add(x.channel);
    for (const p of people) if (p.cohort === month && keep(p.channel)) names.add(p.channel);
    return [...names].sort().map((channel) => {
      const spend = spendIn([month], (c) => c === channel);
      const newCustomers = people.filter((p) => p.cohort === month && p.channel === channel).length;
      return { month, channel, spend, newCustomers, cac: spend > 0 && newCustomers > 0 ? spend / newCustomers : null };
    });
  });

  const months: MonthRow[] = range.map((month) => {
    const mine = people.filter((p) => keep(p.channel));
    const movements = Object.fromEntries(MOVEMENTS.map((k) => [k, 0])) as Record<Movement, number>;
    const movementCustomers = Object.fromEntries(MOVEMENTS.map((k) => [k, 0])) as Record<Movement, number>;
    for (const p of mine) {
      const mv = monthIndex(month) <= monthIndex(current) ? movementOf(p, month) : null;
      if (mv) {
        movements[mv.kind] += mv.amount;
        movementCustomers[mv.kind]++;
      }
    }
    const payers = mine.filter((p) => mrrOf(p, month) > 0);
    const mrr = payers.reduce((n, p) => n + mrrOf(p, month), 0);
    const before = mine.filter((p) => mrrOf(p, addMonths(month, -1)) > 0).length;
    return {
      month,
      partial: month === current,
      mrr,
      arr: 12 * mrr,
      payingCustomers: payers.length,
      arpa: payers.length ? mrr / payers.length : null,
      movements,
      movementCustomers,
      netNew: movements.new + movements.expansion + movements.reactivation - movements.contraction - movements.churn,
      customersBefore: before,
      customerChurn: before ? movementCustomers.churn / before : null,
      revenue: mine.flatMap((p) => p.payments).filter((x) => x.currency === s.currency && monthOf(x.at) === month).reduce((n, x) => n + x.cents / 100, 0),
    };
  });

  const cohorts: CohortRow[] = range.map((cohort) => {
    const members = people.filter((p) => keep(p.channel) && p.cohort === cohort);
    const spend = spendIn([cohort], keep);
    const overhead = q.channels === null ? s.monthlyOverhead : 0;
    const cac = spend + overhead > 0 && members.length > 0 ? (spend + overhead) / members.length : null;
    const base = members.reduce((n, p) => n + mrrOf(p, cohort), 0);
    const cells = [];
    for (let age = 0; monthIndex(cohort) + age <= monthIndex(current); age++) {
      const month = addMonths(cohort, age);
      const mrr = members.reduce((n, p) => n + mrrOf(p, month), 0);
      cells.push({ age, month, partial: month === current, mrr, payingCustomers: members.filter((p) => mrrOf(p, month) > 0).length, retention: base > 0 ? mrr / base : null });
    }
    return {
      cohort,
      customers: members.length,
      spend,
      overhead,
      cac,
      realized: realized([cohort], keep).map((r) => ({ ...r, ltvToCac: r.ltv !== null && cac !== null ? r.ltv / cac : null })),
      cells,
    };
  });

  const excluded = new Map<string, { currency: string; revenue: number; spend: number }>();
  const other = (c: string) => excluded.get(c) ?? excluded.set(c, { currency: c, revenue: 0, spend: 0 }).get(c)!;
  for (const p of people) for (const x of p.payments) if (x.currency !== s.currency && range.includes(monthOf(x.at))) other(x.currency).revenue += x.cents / 100;
  for (const x of facts.spend) if (x.currency !== s.currency && range.includes(x.month)) other(x.currency).spend += x.cents / 100;

  return {
    query: q,
    currency: s.currency,
    currentMonth: current,
    firstMonth,
    kpis: kpis(q.from, q.to, q.channels),
    previous: kpis(addMonths(q.from, -length), addMonths(q.from, -1), q.channels),
    channels,
    cacByMonth,
    months,
    cohorts,
    excluded: [...excluded.values()].filter((x) => x.revenue !== 0 || x.spend !== 0).sort((x, y) => (x.currency < y.currency ? -1 : 1)),
  };
}
