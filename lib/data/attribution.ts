// Attribution in SQL: the definitions of lib/analytics/attribution.ts (whose reference the integration
// tests compare this with) as ONE set-based statement, run through the analytics runner.
//
// Touches come from sessionsSql over the events of the converting people in
// [from − lookback − 30 min, to): a session starting at or after `from − lookback` then has its true
// start and channel, because every event that could join it to an earlier one (≤ 30 min before) is
// read too; sessions starting earlier are only look-behind and are dropped.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import {
  ATTRIBUTION_MODELS,
  buildAttributionResult,
  DIRECT,
  NO_CAMPAIGN,
  NO_TOUCH,
  TIME_DECAY_HALF_LIFE_DAYS,
  type AttributionColumn,
  type AttributionQuery,
  type AttributionResult,
} from "../analytics/attribution";
import { SESSION_GAP_MS } from "../analytics/sessions";
import { runAnalysis, type AnalyticsQuery } from "./analytics-runner";
import { revenueCentsSql, stageConditionSql } from "./lifecycle";
import { sessionsSql } from "./sessions";

const DAY_MS = 86_400_000;

/** The statement: one row per (key, column) with credited conversions and revenue in cents, plus totals. */
export function attributionSql(query: AttributionQuery, members?: Prisma.Sql): Prisma.Sql {
  const lookbackMs = query.lookbackDays * DAY_MS;
  const readFrom = new Date(query.from.getTime() - lookbackMs - SESSION_GAP_MS);
  const person = Prisma.sql`COALESCE(p.merged_into_id, p.id)`;
  const memberFilter = members ? Prisma.sql`AND ${person} IN (${members})` : Prisma.empty;
  // "first": each person's first matching event ever (read up to `to`), kept when in [from, to).
  const conversions =
    query.count === "first"
      ? Prisma.sql`
        SELECT person_id, seq, ts, revenue_cents FROM (
          SELECT ${person} AS person_id, e.seq, e.timestamp AS ts, COALESCE(${revenueCentsSql("e")}, 0)::float8 AS revenue_cents,
            row_number() OVER (PARTITION BY ${person} ORDER BY e.timestamp, e.seq) AS rn
          FROM events e JOIN sources src ON src.id = e.source_id JOIN profiles p ON p.id = e.profile_id
          WHERE e.type = 'track' AND e.timestamp < ${query.to} AND ${stageConditionSql(query.rule)} ${memberFilter}
        ) f WHERE rn = 1 AND ts >= ${query.from}`
      : Prisma.sql`
        SELECT ${person} AS person_id, e.seq, e.timestamp AS ts, COALESCE(${revenueCentsSql("e")}, 0)::float8 AS revenue_cents
        FROM events e JOIN sources src ON src.id = e.source_id JOIN profiles p ON p.id = e.profile_id
        WHERE e.type = 'track' AND e.timestamp >= ${query.from} AND e.timestamp < ${query.to} AND ${stageConditionSql(query.rule)} ${memberFilter}`;
  const touchKey = query.dimension === "channel" ? Prisma.sql`s.channel` : Prisma.sql`COALESCE(s.campaign, ${NO_CAMPAIGN})`;
  const allTimeKey =
    query.dimension === "channel"
      ? Prisma.sql`COALESCE(lp.first_channel, ${NO_TOUCH})`
      : Prisma.sql`CASE WHEN lp.first_touch_at IS NULL THEN ${NO_TOUCH} ELSE COALESCE(lp.first_utm_campaign, ${NO_CAMPAIGN}) END`;
  const sessionScope = Prisma.sql`e.timestamp >= ${readFrom} AND e.timestamp < ${query.to} AND ${person} IN (SELECT person_id FROM conv)`;
  const halfLifeSeconds = TIME_DECAY_HALF_LIFE_DAYS * 86_400;
  return Prisma.sql`
    WITH conv AS MATERIALIZED (${conversions}),
    sess AS MATERIALIZED (
      SELECT person_id, start_at, first_seq, channel, campaign FROM (${sessionsSql(sessionScope)}) s0
      WHERE start_at >= ${new Date(query.from.getTime() - lookbackMs)}
    ),
    touch AS MATERIALIZED (
      SELECT c.person_id, c.seq AS conv_seq, c.revenue_cents, ${touchKey} AS key, s.channel,
        row_number() OVER w AS i,
        count(*) OVER (PARTITION BY c.person_id, c.seq) AS n,
        power(2::float8, -(extract(epoch FROM c.ts - s.start_at)::float8 / ${halfLifeSeconds}::float8)) AS decay
      FROM conv c JOIN sess s ON s.person_id = c.person_id AND s.start_at <= c.ts AND s.start_at >= c.ts - ${Prisma.raw(`interval '${query.lookbackDays * 24} hours'`)}
      WINDOW w AS (PARTITION BY c.person_id, c.seq ORDER BY s.start_at, s.first_seq)
    ),
    weighted AS (
      SELECT t.*,
        max(CASE WHEN channel <> ${DIRECT} THEN i END) OVER (PARTITION BY person_id, conv_seq) AS last_non_direct,
        decay / sum(decay) OVER (PARTITION BY person_id, conv_seq) AS decay_share
      FROM touch t
    ),
    credits AS (
      SELECT key, 'firstTouch' AS col, CASE WHEN i = 1 THEN 1 ELSE 0 END::float8 AS w, revenue_cents FROM weighted
      UNION ALL SELECT key, 'lastNonDirect', CASE WHEN i = COALESCE(last_non_direct, n) THEN 1 ELSE 0 END::float8, revenue_cents FROM weighted
      UNION ALL SELECT key, 'linear', 1::float8 / n, revenue_cents FROM weighted
      UNION ALL SELECT key, 'timeDecay', decay_share, revenue_cents FROM weighted
      UNION ALL SELECT key, 'uShaped', CASE WHEN n = 1 THEN 1 WHEN n = 2 THEN 0.5 WHEN i = 1 OR i = n THEN 0.4 ELSE 0.2 / (n - 2) END::float8, revenue_cents FROM weighted
      UNION ALL
      SELECT ${NO_TOUCH}, m.col, 1::float8, c.revenue_cents
      FROM conv c CROSS JOIN unnest(${[...ATTRIBUTION_MODELS]}::text[]) AS m(col)
      WHERE NOT EXISTS (SELECT 1 FROM touch t WHERE t.person_id = c.person_id AND t.conv_seq = c.seq)
      UNION ALL
      SELECT ${allTimeKey}, 'allTimeFirstTouch', 1::float8, c.revenue_cents FROM conv c JOIN profiles lp ON lp.id = c.person_id
    )
    SELECT 'credit' AS kind, key, col, sum(w)::float8 AS conversions, sum(w * revenue_cents)::float8 AS revenue_cents
    FROM credits WHERE w > 0 GROUP BY key, col
    UNION ALL
    SELECT 'totals', NULL, NULL, (SELECT count(*) FROM conv)::float8, (SELECT COALESCE(sum(revenue_cents), 0) FROM conv)::float8
    UNION ALL
    SELECT 'people', NULL, NULL, (SELECT count(DISTINCT person_id) FROM conv)::float8, (SELECT count(DISTINCT (person_id, conv_seq)) FROM touch)::float8
    UNION ALL
    SELECT 'touches', NULL, NULL, (SELECT count(*) FROM touch)::float8, NULL`;
}

interface Row {
  kind: "credit" | "totals" | "people" | "touches";
  key: string | null;
  col: AttributionColumn | null;
  conversions: number;
  revenue_cents: number | null;
}

/** Runs the attribution with `q` (inside a runAnalysis). `members` is a person-id set (audienceMembersSql). */
export async function attributeWith(q: AnalyticsQuery, query: AttributionQuery, members?: Prisma.Sql): Promise<AttributionResult> {
  const rows = await q.$queryRaw<Row[]>(attributionSql(query, members));
  const pick = (kind: Row["kind"]) => rows.find((r) => r.kind === kind)!;
  const totals = pick("totals");
  const people = pick("people");
  return buildAttributionResult(
    query.dimension,
    {
      conversions: totals.conversions,
      revenue: (totals.revenue_cents ?? 0) / 100,
      people: people.conversions,
      withTouches: people.revenue_cents ?? 0,
      touches: pick("touches").conversions,
    },
    rows.filter((r) => r.kind === "credit").map((r) => ({ key: r.key!, column: r.col!, conversions: r.conversions, revenueCents: r.revenue_cents ?? 0 })),
  );
}

/** The attribution of `query` under the analytics limits. */
export function attribute(query: AttributionQuery, members?: Prisma.Sql): Promise<AttributionResult> {
  return runAnalysis((q) => attributeWith(q, query, members), { range: { from: new Date(query.from.getTime() - query.lookbackDays * DAY_MS), to: query.to } });
}
