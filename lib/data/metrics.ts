// The leadership metrics' SQL: the monthly aggregates (lib/metrics/model.ts) in one statement, the
// people behind any figure, and the plain facts (for the reference in tests and the benchmark).
// Every statement runs through runAnalysis. The algorithm is lib/metrics/aggregate.ts's, which the
// integration tests compare row for row:
// - ev: track events (not from a CRM source, not after `now`) that carry revenue or may reach the
//   lifecycle "customer" stage, each with its live person;
// - cust: each person's first customer-stage moment (lifecycle setting), hence their cohort month;
// - pay: payments (revenue ≠ 0) with currency and billing period;
// - pm: each person's MRR at each month's sample instant, from the recurring payments covering it
//   (a monthly payment: the end of its own month, and now while it runs; an annual one: each month end
//   of its year, by generate_series);
// - mv/moves: each person-month against the person's previous and next paying month (window
//   functions): new, expansion, contraction, reactivation, and churn in the month after the last;
// - the outputs grouped by month and channel, by cohort and age, and the money left out.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import type { LifecycleSettings } from "../analytics/lifecycle";
import { compactAggregates } from "../metrics/aggregate";
import { currencyOf, MOVEMENTS, NO_CHANNEL, periodMonthsOf, type Aggregates, type MetricFacts, type Movement, type PersonFacts } from "../metrics/model";
import { addMonths, monthOf } from "../metrics/months";
import type { Figure, FigureQuery } from "../metrics/query";
import type { MetricSettings } from "../metrics/settings";
import { profileDisplayName } from "../identity/customers-view";
import { computeDashboard, type Dashboard, type MetricQuery } from "../metrics/compute";
import { AnalyticsLimitError, runAnalysis, type AnalyticsQuery } from "./analytics-runner";
import { centsOfRevenueSql, lifecycleSettings, revenueCentsSql, revenueValueSql, stageConditionSql, stageMatchSql } from "./lifecycle";
import { metricSettings } from "./metric-settings";

/** A month start as SQL (timestamp without time zone, UTC). */
const monthTs = (m: string) => Prisma.sql`${`${m}-01 00:00:00`}::timestamp`;

/** Events worth reading: any with revenue, plus any named by the customer rule. */
function prefilter(lifecycle: LifecycleSettings): Prisma.Sql {
  const revenue = Prisma.sql`(e.properties->'revenue') IS NOT NULL`;
  return lifecycle.customer.event === null ? revenue : Prisma.sql`(${revenue} OR e.event = ${lifecycle.customer.event})`;
}

/** The shared CTEs (see the header), as of `now`, in the settings' currency. */
function ctes(settings: MetricSettings, lifecycle: LifecycleSettings, now: Date): Prisma.Sql {
  const currency = settings.currency;
  const recurring = Prisma.sql`pay.period IS NOT NULL AND pay.cents > 0 AND pay.currency = ${currency}`;
  const nrrWindow = Prisma.sql`${`${settings.nrrWindowMonths} months`}::interval`;
  return Prisma.sql`
    params AS (SELECT date_trunc('month', ${now}::timestamptz AT TIME ZONE 'UTC') AS cur, ${now}::timestamptz AT TIME ZONE 'UTC' AS now_ts),
    ev AS MATERIALIZED (
      SELECT COALESCE(p.merged_into_id, p.id) AS person,
             coalesce(nullif(CASE WHEN p.merged_into_id IS NULL THEN p.first_channel ELSE lp.first_channel END, ''), ${NO_CHANNEL}) AS channel,
             x.timestamp AT TIME ZONE 'UTC' AS at,
             x.cents,
             coalesce(${stageMatchSql(lifecycle.customer, "x", Prisma.sql`x.cents`)}, false) AS is_customer,
             CASE WHEN jsonb_typeof(x.cur) = 'string' THEN coalesce(nullif(upper(btrim(x.cur #>> '{}')), ''), 'USD') ELSE 'USD' END AS currency,
             CASE WHEN jsonb_typeof(x.bp) = 'string' THEN
               CASE lower(btrim(x.bp #>> '{}')) WHEN 'monthly' THEN 1 WHEN 'annual' THEN 12 WHEN 'yearly' THEN 12 END
             END AS period
      FROM (
        -- Each property read once per event (OFFSET 0 keeps the planner from copying the expressions into each use).
        SELECT y.profile_id, y.timestamp, y.event, y.cur, y.bp, ${centsOfRevenueSql(Prisma.sql`y.rv`)}::bigint AS cents FROM (
          SELECT e.profile_id, e.timestamp, e.event, ${revenueValueSql(Prisma.sql`e.properties->'revenue'`)} AS rv,
            e.properties->'currency' AS cur, e.properties->'billing_period' AS bp
          FROM events e JOIN sources src ON src.id = e.source_id
          WHERE e.type = 'track' AND src.kind <> 'crm' AND e.timestamp <= ${now} AND ${prefilter(lifecycle)}
          OFFSET 0
        ) y
        OFFSET 0
      ) x
      JOIN profiles p ON p.id = x.profile_id
      LEFT JOIN profiles lp ON lp.id = p.merged_into_id
    ),
    cust AS MATERIALIZED (
      SELECT person, min(at) AS customer_at, date_trunc('month', min(at)) AS cohort FROM ev WHERE is_customer GROUP BY person
    ),
    -- Each person once: their channel (the live profile's first touch) and cohort.
    pc AS MATERIALIZED (
      SELECT DISTINCT ON (ev.person) ev.person, ev.channel, cust.cohort, cust.customer_at FROM ev LEFT JOIN cust USING (person)
    ),
    pay AS MATERIALIZED (
      SELECT ev.person, ev.channel, cust.cohort, ev.at, date_trunc('month', ev.at) AS month, ev.cents, ev.currency, ev.period
      FROM ev LEFT JOIN cust USING (person) WHERE ev.cents IS NOT NULL AND ev.cents <> 0
    ),
    -- Each person's month: revenue (reporting currency, refunds net) and MRR at the month's sample instant.
    pmx AS MATERIALIZED (
      SELECT c.person, c.channel, c.cohort, c.month, sum(c.revenue)::bigint AS revenue, sum(c.units)::bigint AS mrr FROM (
        -- Every payment's revenue in its month. A monthly payment covers the last instant of the month it
        -- was paid in (a calendar month later is never before the next month starts) and of no later month.
        SELECT pay.person, pay.channel, pay.cohort, pay.month, pay.cents AS revenue,
          CASE WHEN ${recurring} AND pay.period = 1 AND pay.month < params.cur THEN pay.cents * 12 ELSE 0 END AS units
        FROM pay CROSS JOIN params WHERE pay.currency = ${currency}
        UNION ALL
        -- The current month is read now: every payment whose period is still running.
        SELECT pay.person, pay.channel, pay.cohort, params.cur, 0, CASE WHEN pay.period = 1 THEN pay.cents * 12 ELSE pay.cents END FROM pay CROSS JOIN params
        WHERE ${recurring} AND pay.at + make_interval(months => pay.period) > params.now_ts
        UNION ALL
        -- An annual payment covers the last instant of each complete month its year spans.
        SELECT pay.person, pay.channel, pay.cohort, gs.m, 0, pay.cents FROM pay CROSS JOIN params
        CROSS JOIN LATERAL generate_series(pay.month, LEAST(params.cur - interval '1 month', date_trunc('month', pay.at + interval '12 months')), interval '1 month') AS gs(m)
        WHERE ${recurring} AND pay.period = 12 AND pay.at + interval '12 months' > gs.m + interval '1 month' - interval '1 millisecond'
      ) c
      GROUP BY c.person, c.channel, c.cohort, c.month
    ),
    -- Each person-month beside the same person's month before and after (their rows before and after,
    -- when those are the neighbouring months), whether they ever paid before, their cohort age, and the
    -- month the NRR window looks back to.
    w AS MATERIALIZED (
      SELECT y.*, sum(y.mrr) OVER (PARTITION BY y.person ORDER BY y.month RANGE BETWEEN ${nrrWindow} PRECEDING AND ${nrrWindow} PRECEDING) AS mrr_ago
      FROM (
        SELECT pmx.*,
          CASE WHEN lag(month) OVER o = month - interval '1 month' THEN lag(mrr) OVER o ELSE 0 END AS mrr_before,
          CASE WHEN lead(month) OVER o = month + interval '1 month' THEN lead(mrr) OVER o ELSE 0 END AS mrr_after,
          count(*) FILTER (WHERE mrr > 0) OVER o - (mrr > 0)::int > 0 AS paid_before,
          ((date_part('year', month) - date_part('year', cohort)) * 12 + date_part('month', month) - date_part('month', cohort))::int AS age
        FROM pmx WINDOW o AS (PARTITION BY person ORDER BY month ROWS UNBOUNDED PRECEDING)
      ) y
    ),
    pm AS (SELECT person, month, mrr FROM w WHERE mrr > 0),
    -- The movement into each paying month, and churn in the month after a paying month with none.
    moves AS MATERIALIZED (
      SELECT person, channel, month, kind, amount FROM (
        SELECT person, channel, month,
          CASE WHEN coalesce(mrr_before, 0) = 0 THEN (CASE WHEN paid_before THEN 'reactivation' ELSE 'new' END)
               WHEN mrr > mrr_before THEN 'expansion' WHEN mrr < mrr_before THEN 'contraction' END AS kind,
          CASE WHEN coalesce(mrr_before, 0) = 0 THEN mrr ELSE abs(mrr - mrr_before) END AS amount
        FROM w WHERE mrr > 0
      ) x WHERE kind IS NOT NULL
      UNION ALL
      SELECT w.person, w.channel, w.month + interval '1 month', 'churn', w.mrr FROM w CROSS JOIN params
      WHERE w.mrr > 0 AND coalesce(w.mrr_after, 0) = 0 AND w.month + interval '1 month' <= params.cur
    ),
    sp AS (
      SELECT date_trunc('month', month::timestamp) AS month, channel, upper(currency) AS currency, sum(round(amount * 100))::bigint AS cents
      FROM marketing_spend GROUP BY 1, 2, 3
    )`;
}

const moveSums = Prisma.join(
  MOVEMENTS.map((k) => Prisma.sql`coalesce(sum(amount) FILTER (WHERE kind = ${k}), 0)::bigint AS ${Prisma.raw(`"m_${k}"`)}, count(*) FILTER (WHERE kind = ${k})::int AS ${Prisma.raw(`"c_${k}"`)}`),
  ", ",
);

interface RawAggregates {
  firstMonth: string | null;
  channelMonths: ({ month: string; channel: string; newCustomers: number; revenueCents: number; mrr: number; paying: number; retainedMrr: number } & Record<`m_${Movement}` | `c_${Movement}`, number>)[];
  spend: { month: string; channel: string; cents: number }[];
  cohorts: { cohort: string; channel: string; age: number; revenueCents: number; mrr: number; paying: number }[];
  excluded: { month: string; currency: string; revenueCents: number; spendCents: number }[];
}

/** The monthly aggregates every dashboard figure is computed from, in one statement. */
export async function metricAggregates(q: AnalyticsQuery, settings: MetricSettings, lifecycle: LifecycleSettings, now: Date): Promise<Aggregates> {
  const currency = settings.currency;
  // Sorts and hashes over every paying person-month: more than the default 4 MB each, or they spill
  // to disk (PostgreSQL: for this transaction only; the embedded database runs it as its own statement).
  await q.$queryRawUnsafe(`SELECT set_config('work_mem', '32MB', true)`);
  const [row] = await q.$queryRaw<{ doc: RawAggregates }[]>`
    WITH ${ctes(settings, lifecycle, now)},
    u AS (
      SELECT month, channel, 0 AS n_new, revenue, mrr, (mrr > 0)::int AS paying, NULL::text AS kind, 0::bigint AS amount, CASE WHEN mrr_ago > 0 THEN mrr ELSE 0 END AS retained FROM w
      UNION ALL SELECT month, channel, 0, 0, 0, 0, kind, amount, 0 FROM moves
      UNION ALL SELECT cohort, channel, 1, 0, 0, 0, NULL, 0, 0 FROM pc WHERE cohort IS NOT NULL
    ),
    cm AS (
      SELECT to_char(month, 'YYYY-MM') AS month, channel, sum(n_new)::int AS "newCustomers", sum(revenue)::bigint AS "revenueCents",
        sum(mrr)::bigint AS mrr, sum(paying)::int AS paying, sum(retained)::bigint AS "retainedMrr", ${moveSums}
      FROM u GROUP BY 1, 2
    ),
    coh AS (
      SELECT to_char(cohort, 'YYYY-MM') AS cohort, channel, age, sum(revenue)::bigint AS "revenueCents", sum(mrr)::bigint AS mrr, count(*) FILTER (WHERE mrr > 0)::int AS paying
      FROM w WHERE age >= 0
      GROUP BY 1, 2, 3
    ),
    ex AS (
      SELECT to_char(month, 'YYYY-MM') AS month, currency, sum(rev)::bigint AS "revenueCents", sum(sp)::bigint AS "spendCents" FROM (
        SELECT month, currency, cents AS rev, 0::bigint AS sp FROM pay WHERE currency <> ${currency}
        UNION ALL SELECT month, currency, 0, cents FROM sp WHERE currency <> ${currency}
      ) y GROUP BY 1, 2
    )
    SELECT jsonb_build_object(
      'firstMonth', (SELECT to_char(min(m), 'YYYY-MM') FROM (SELECT min(month) AS m FROM pay UNION ALL SELECT min(cohort) FROM pc UNION ALL SELECT min(month) FROM sp) f),
      'channelMonths', (SELECT coalesce(jsonb_agg(to_jsonb(cm)), '[]'::jsonb) FROM cm),
      'spend', (SELECT coalesce(jsonb_agg(jsonb_build_object('month', to_char(month, 'YYYY-MM'), 'channel', channel, 'cents', cents)), '[]'::jsonb) FROM sp WHERE currency = ${currency}),
      'cohorts', (SELECT coalesce(jsonb_agg(to_jsonb(coh)), '[]'::jsonb) FROM coh),
      'excluded', (SELECT coalesce(jsonb_agg(to_jsonb(ex)), '[]'::jsonb) FROM ex)
    ) AS doc`;
  const doc = row!.doc;
  const n = (v: unknown) => Number(v);
  return compactAggregates({
    now: now.getTime(),
    currentMonth: monthOf(now.getTime()),
    firstMonth: doc.firstMonth,
    channelMonths: doc.channelMonths.map((r) => ({
      month: r.month,
      channel: r.channel,
      newCustomers: n(r.newCustomers),
      revenueCents: n(r.revenueCents),
      mrr: n(r.mrr),
      paying: n(r.paying),
      retainedMrr: n(r.retainedMrr),
      moves: Object.fromEntries(MOVEMENTS.map((k) => [k, n(r[`m_${k}`])])) as Record<Movement, number>,
      moveCounts: Object.fromEntries(MOVEMENTS.map((k) => [k, n(r[`c_${k}`])])) as Record<Movement, number>,
    })),
    spend: doc.spend.map((s) => ({ month: s.month, channel: s.channel, cents: n(s.cents) })),
    cohorts: doc.cohorts.map((c) => ({ cohort: c.cohort, channel: c.channel, age: n(c.age), revenueCents: n(c.revenueCents), mrr: n(c.mrr), paying: n(c.paying) })),
    excluded: doc.excluded.map((x) => ({ month: x.month, currency: x.currency, revenueCents: n(x.revenueCents), spendCents: n(x.spendCents) })),
  });
}

// ───────────────────────────── the people behind a figure ─────────────────────────────

export interface FigurePerson {
  id: string;
  name: string;
  email: string | null;
  channel: string;
  customerAt: Date | null;
  /** The figure's amount for this person (MRR, movement, …) in the reporting currency; null for new customers. */
  amount: number | null;
  /** Revenue to date in the reporting currency (refunds net). */
  revenue: number;
}

export interface FigurePeoplePage {
  rows: FigurePerson[];
  total: number;
}

/** The people behind a figure, one row each, with the amount the figure counts for them. */
function figureRowsSql(f: Figure): Prisma.Sql {
  switch (f.kind) {
    case "new":
      return Prisma.sql`SELECT person, NULL::bigint AS units FROM cust WHERE cohort BETWEEN ${monthTs(f.from)} AND ${monthTs(f.to)}`;
    case "paying":
      return Prisma.sql`SELECT person, mrr AS units FROM pm WHERE month = ${monthTs(f.month)}`;
    case "movement":
      return Prisma.sql`SELECT person, sum(amount)::bigint AS units FROM moves WHERE kind = ${f.movement} AND month BETWEEN ${monthTs(f.from)} AND ${monthTs(f.to)} GROUP BY person`;
    case "cohort":
      return f.age === null
        ? Prisma.sql`SELECT person, NULL::bigint AS units FROM cust WHERE cohort = ${monthTs(f.cohort)}`
        : Prisma.sql`SELECT pm.person, pm.mrr AS units FROM pm JOIN cust USING (person) WHERE cust.cohort = ${monthTs(f.cohort)} AND pm.month = ${monthTs(addMonths(f.cohort, f.age))}`;
  }
}

export async function figurePeople(
  q: AnalyticsQuery,
  settings: MetricSettings,
  lifecycle: LifecycleSettings,
  now: Date,
  f: FigureQuery,
  page: { limit: number; offset: number },
): Promise<FigurePeoplePage> {
  const channelFilter = f.channels ? Prisma.sql`WHERE pc.channel = ANY(${f.channels}::text[])` : Prisma.empty;
  const rows = await q.$queryRaw<{ person: string; channel: string; units: bigint | null; customer_at: Date | null; revenue: bigint; total: number; traits: Record<string, unknown>; email: string | null; user_id: string | null }[]>`
    WITH ${ctes(settings, lifecycle, now)},
    hits AS MATERIALIZED (
      SELECT h.person, pc.channel, h.units FROM (${figureRowsSql(f.figure)}) h JOIN pc USING (person) ${channelFilter}
    ),
    paged AS MATERIALIZED (
      SELECT hits.person, hits.channel, hits.units, cust.customer_at AT TIME ZONE 'UTC' AS customer_at, count(*) OVER ()::int AS total
      FROM hits LEFT JOIN cust USING (person)
      ORDER BY hits.units DESC NULLS LAST, cust.customer_at, hits.person
      LIMIT ${page.limit} OFFSET ${page.offset}
    ),
    rev AS (
      SELECT person, sum(cents)::bigint AS revenue FROM pay WHERE currency = ${settings.currency} AND person IN (SELECT person FROM paged) GROUP BY person
    )
    SELECT paged.*, coalesce(rev.revenue, 0)::bigint AS revenue, p.traits,
      (SELECT value FROM identities WHERE profile_id = p.id AND type = 'email' ORDER BY last_seen_at DESC, value LIMIT 1) AS email,
      (SELECT value FROM identities WHERE profile_id = p.id AND type = 'user_id' ORDER BY last_seen_at DESC, value LIMIT 1) AS user_id
    FROM paged LEFT JOIN rev USING (person) JOIN profiles p ON p.id = paged.person
    ORDER BY paged.units DESC NULLS LAST, paged.customer_at, paged.person`;
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page.offset > 0) {
    const [c] = await q.$queryRaw<{ n: number }[]>`
      WITH ${ctes(settings, lifecycle, now)} SELECT count(*)::int AS n FROM (${figureRowsSql(f.figure)}) h JOIN pc USING (person) ${channelFilter}`;
    total = c?.n ?? 0;
  }
  return {
    total,
    rows: rows.map((r) => {
      const traits = r.traits ?? {};
      return {
        id: r.person,
        name: profileDisplayName(traits, r.email, r.user_id, r.person),
        email: r.email ?? (typeof traits.email === "string" ? traits.email : null),
        channel: r.channel,
        customerAt: r.customer_at,
        amount: r.units === null ? null : Number(r.units) / 1200,
        revenue: Number(r.revenue) / 100,
      };
    }),
  };
}

// ───────────────────────────── facts (for the reference) ─────────────────────────────

/** Everything the metrics read, as plain facts: the brute-force reference's input. */
export async function metricFacts(q: AnalyticsQuery, lifecycle: LifecycleSettings, now: Date): Promise<MetricFacts> {
  const events = await q.$queryRaw<{ person: string; channel: string | null; at: Date; cents: bigint | null; is_customer: boolean; currency: unknown; billing_period: unknown }[]>`
    SELECT COALESCE(p.merged_into_id, p.id) AS person, lp.first_channel AS channel, e.timestamp AS at, ${revenueCentsSql("e")}::bigint AS cents,
      ${stageConditionSql(lifecycle.customer, "e", "src")} AS is_customer, e.properties->'currency' AS currency, e.properties->'billing_period' AS billing_period
    FROM events e JOIN sources src ON src.id = e.source_id JOIN profiles p ON p.id = e.profile_id
    JOIN profiles lp ON lp.id = COALESCE(p.merged_into_id, p.id)
    WHERE e.type = 'track' AND src.kind <> 'crm' AND e.timestamp <= ${now}`;
  const people = new Map<string, PersonFacts>();
  for (const e of events) {
    let p = people.get(e.person);
    if (!p) people.set(e.person, (p = { id: e.person, channel: e.channel || NO_CHANNEL, customerAt: null, payments: [] }));
    const at = e.at.getTime();
    if (e.is_customer && (p.customerAt === null || at < p.customerAt)) p.customerAt = at;
    const cents = e.cents === null ? 0 : Number(e.cents);
    if (cents !== 0) p.payments.push({ at, cents, currency: currencyOf(e.currency), periodMonths: periodMonthsOf(e.billing_period) });
  }
  const spend = await q.$queryRaw<{ month: string; channel: string; source: string; cents: bigint; currency: string }[]>`
    SELECT to_char(month, 'YYYY-MM') AS month, channel, source, round(amount * 100)::bigint AS cents, upper(currency) AS currency FROM marketing_spend`;
  return {
    now: now.getTime(),
    people: [...people.values()],
    spend: spend.map((s) => ({ month: s.month, channel: s.channel, source: s.source, cents: Number(s.cents), currency: s.currency })),
  };
}

// ───────────────────────────── what the pages and APIs call ─────────────────────────────

export interface MetricContext {
  settings: MetricSettings;
  lifecycle: LifecycleSettings;
  now: Date;
}

/** The settings and lifecycle rule in force, read one after the other (see the embedded-server note). */
export async function metricContext(now = new Date()): Promise<MetricContext> {
  const settings = await metricSettings();
  const lifecycle = await lifecycleSettings();
  return { settings, lifecycle, now };
}

const wholeHistory = (now: Date) => ({ range: { from: new Date(0), to: new Date(now.getTime() + 1) } });

/**
 * The embedded database runs one analysis at a time and refuses another at once (429 analytics_busy):
 * a dashboard or API call waits its turn for up to `waitMs` instead, since these analyses take well
 * under a second. Other refusals (and a wait that runs out) are passed on.
 */
async function inTurn<T>(run: () => Promise<T>, waitMs = 8000): Promise<T> {
  const until = Date.now() + waitMs;
  for (let delay = 25; ; delay = Math.min(400, delay * 2)) {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof AnalyticsLimitError && err.code === "analytics_busy") || Date.now() + delay > until) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** Every figure of the dashboard for a query. */
export async function loadDashboard(ctx: MetricContext, query: MetricQuery): Promise<Dashboard> {
  const aggregates = await inTurn(() => runAnalysis((q) => metricAggregates(q, ctx.settings, ctx.lifecycle, ctx.now), wholeHistory(ctx.now)));
  return computeDashboard(aggregates, ctx.settings, query);
}

export async function loadFigurePeople(ctx: MetricContext, f: FigureQuery, page: { limit: number; offset: number }): Promise<FigurePeoplePage> {
  return inTurn(() => runAnalysis((q) => figurePeople(q, ctx.settings, ctx.lifecycle, ctx.now, f, page), wholeHistory(ctx.now)));
}
