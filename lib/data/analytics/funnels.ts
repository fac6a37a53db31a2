// Funnels in SQL: the definitions of lib/analytics/funnels.ts (the reference the integration tests
// compare this with on random event streams), as ONE set-based statement run through runAnalysis.
//
// How it runs (k steps):
//   ev    the events that can matter — a step's or an exclusion's (every track/page/screen event in
//         strict order) — of non-CRM sources, from `from` to `to` + window, with their live person and
//         a bit mask of the steps (and exclusions) they match;
//   o     the same, ordered per person by (time, lowest step matched, seq) in ONE sort and one window
//         pass: cnt[j] = step-j events at or before this one (kj = that ordinal on step-j events);
//         with exclusions, xle[i] / xlt[i] = events of exclusion i at or before / strictly before
//         this one's millisecond; in strict order, grp = the rank of its millisecond;
//   s1…sk (sequential, strict) the attempts that reached step j. Step j after event `a` is the
//         person's step-j event with ordinal a.cnt[j] + 1 — an equality join on (person, kj), never
//         a per-row search — kept when within the window, with no excluded event strictly between
//         (n.xlt ≤ a.xle) and, in strict order, no other event between (n.grp ≤ a.grp + 1);
//   a1…ak (any order) every attempt through every step: step j takes the step-j event with ordinal
//         base[j] + 1 (base = step-j events before the start) or, when step j can match the same
//         events as an earlier step, the first of the next few that no earlier step took; then the
//         completions are put in event order and cut at the first excluded event between two;
//   best  per person the furthest attempt, earliest start on ties: max(ARRAY[reached, −time,
//         −rank, −seq of the start] || times), a hash aggregate.
// Counts, percentile_cont, the breakdown's top 20, the weekly trend (from every attempt), time to
// convert and the people lists all read `best`. A saved audience (its members, audienceMembersSql)
// narrows `ev` by person, so everything after it sees only members.
import "server-only";
import { Prisma } from "../../generated/prisma/client";
import { DECIMAL_PATTERN } from "../../identity/facts";
import { PAGEVIEW, SCREENVIEW } from "../../analytics/event-catalog";
import {
  BREAKDOWN_LIMIT,
  breakdownProperty,
  clausesOf,
  EVENT_COLUMNS,
  fillTrend,
  FIRST_TOUCH_PROPERTIES,
  NONE,
  OTHER,
  shapeSteps,
  shapeTimeToConvert,
  TTC_BOUNDS_SECONDS,
  windowMs,
  compareBreakdown,
  type EventClause,
  type FirstTouchProperty,
  type FunnelRequest,
  type FunnelResult,
  type PropertyFilter,
  type StepStats,
} from "../../analytics/funnel-definition";
import { runAnalysis, type AnalyticsQuery } from "../analytics-runner";

const sql = Prisma.sql;
const raw = Prisma.raw;
const join = Prisma.join;
const int = (n: number) => raw(String(Math.trunc(n)));
/** Step or exclusion j (0-based) → its mask bit. */
const bit = (j: number) => int(2 ** j);

// ───────────────────────────── event conditions ─────────────────────────────

const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** A property's numeric value (a JSON number, or a string holding a decimal), else NULL. */
function numericSql(v: Prisma.Sql): Prisma.Sql {
  return sql`(CASE jsonb_typeof(${v}) WHEN 'number' THEN (${v} #>> '{}')::numeric
    WHEN 'string' THEN CASE WHEN btrim(${v} #>> '{}', ' ') ~ ${DECIMAL_PATTERN} THEN btrim(${v} #>> '{}', ' ')::numeric END END)`;
}

function equalsSql(v: Prisma.Sql, value: string | number | boolean): Prisma.Sql {
  if (typeof value === "string") return sql`(jsonb_typeof(${v}) = 'string' AND ${v} #>> '{}' = ${value})`;
  // Numbers travel as text: a float8 parameter would lose digits on its way to numeric.
  if (typeof value === "number") return sql`(${numericSql(v)} = ${String(value)}::numeric)`;
  return sql`(${v} = ${JSON.stringify(value)}::jsonb)`;
}

function filterSql(f: PropertyFilter): Prisma.Sql {
  const v = sql`(e.properties -> ${f.property}::text)`;
  switch (f.op) {
    case "is_set":
      return sql`(${v} IS NOT NULL AND jsonb_typeof(${v}) <> 'null')`;
    case "eq":
      return sql`COALESCE(${equalsSql(v, f.value!)}, false)`;
    case "neq":
      return sql`NOT COALESCE(${equalsSql(v, f.value!)}, false)`;
    case "contains":
      return sql`COALESCE(jsonb_typeof(${v}) = 'string' AND strpos(translate(${v} #>> '{}', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), ${asciiLower(String(f.value))}) > 0, false)`;
    case "gt":
      return sql`COALESCE(${numericSql(v)} > ${String(f.value)}::numeric, false)`;
    case "lt":
      return sql`COALESCE(${numericSql(v)} < ${String(f.value)}::numeric, false)`;
  }
}

function clauseSql(c: EventClause): Prisma.Sql {
  const kind = c.event === PAGEVIEW ? sql`e.type = 'page'` : c.event === SCREENVIEW ? sql`e.type = 'screen'` : sql`(e.type = 'track' AND e.event = ${c.event})`;
  return c.filters.length ? sql`(${kind} AND ${join(c.filters.map(filterSql), " AND ")})` : sql`(${kind})`;
}

const anyClauseSql = (clauses: EventClause[]) => sql`(${join(clauses.map(clauseSql), " OR ")})`;

/** The text a scalar JSON value breaks down as (numbers as float8 text, as JavaScript's String()). */
function scalarTextSql(v: Prisma.Sql): Prisma.Sql {
  return sql`(CASE jsonb_typeof(${v}) WHEN 'string' THEN ${v} #>> '{}' WHEN 'boolean' THEN ${v} #>> '{}'
    WHEN 'number' THEN CASE WHEN abs((${v} #>> '{}')::numeric) < 1e300 THEN ((${v} #>> '{}')::numeric)::float8::text ELSE ${v} #>> '{}' END END)`;
}

/** Whether two steps can match one event (they name a common event). */
const overlaps = (a: EventClause[], b: EventClause[]) => a.some((x) => b.some((y) => x.event === y.event));

// ───────────────────────────── the pipeline ─────────────────────────────

const eventMs = raw(`(extract(epoch FROM e.timestamp) * 1000)::bigint`);

/** `ev` and `o`: the events that matter (of `members` only, when given), ordered per person, with their counters. */
function orderedSql(def: FunnelRequest, members?: Prisma.Sql): Prisma.Sql {
  const k = def.steps.length;
  const W = windowMs(def.window);
  const stepConds = def.steps.map((s) => anyClauseSql(clausesOf(s)));
  const exclConds = def.exclusions.map((x) => anyClauseSql(clausesOf(x)));
  const maskOf = (conds: Prisma.Sql[]) => (conds.length ? join(conds.map((c, j) => sql`(CASE WHEN ${c} THEN ${bit(j)} ELSE 0 END)`), " + ") : sql`0`);
  const relevant = def.order === "strict" ? sql`TRUE` : join([...stepConds, ...exclConds], " OR ");
  const rank = sql`(CASE ${join(
    def.steps.map((_, j) => sql`WHEN mask & ${bit(j)} <> 0 THEN ${int(j + 1)}`),
    " ",
  )} ELSE ${int(k + 1)} END)`;
  const b = def.breakdown;
  const prop = b ? breakdownProperty(b) : "";
  const bd =
    b?.type !== "event"
      ? sql`NULL::text`
      : prop in EVENT_COLUMNS
        ? raw(`e.${EVENT_COLUMNS[prop as keyof typeof EVENT_COLUMNS]}`)
        : scalarTextSql(sql`(e.properties -> ${prop}::text)`);
  const X = def.exclusions.length;
  const perExclusion = (f: (i: number) => Prisma.Sql) => (X ? sql`ARRAY[${join(def.exclusions.map((_, i) => f(i)), ", ")}]::bigint[]` : sql`NULL::bigint[]`);
  return sql`
    ev AS (
      SELECT COALESCE(p.merged_into_id, p.id) AS person, e.seq, ${eventMs} AS ts,
        (${maskOf(stepConds)})::int AS mask, (${maskOf(exclConds)})::int AS xmask, ${bd} AS bd
      FROM events e
      JOIN sources src ON src.id = e.source_id AND src.kind <> 'crm'
      JOIN profiles p ON p.id = e.profile_id
      WHERE e.timestamp >= ${def.from} AND e.timestamp < ${new Date(def.to.getTime() + W)}
        AND e.type IN ('track', 'page', 'screen') AND (${relevant})
        ${members ? sql`AND COALESCE(p.merged_into_id, p.id) IN (${members})` : sql``}
    ),
    o AS (
      SELECT x.*, ${join(
        def.steps.map((_, j) => sql`CASE WHEN mask & ${bit(j)} <> 0 THEN cnt[${int(j + 1)}] END AS ${raw(`k${j + 1}`)}`),
        ", ",
      )}
      FROM (
        SELECT person, seq, ts, mask, bd, rank,
          ARRAY[${join(
            def.steps.map((_, j) => sql`count(*) FILTER (WHERE mask & ${bit(j)} <> 0) OVER w`),
            ", ",
          )}]::bigint[] AS cnt,
          ${perExclusion((i) => sql`count(*) FILTER (WHERE xmask & ${bit(i)} <> 0) OVER wt`)} AS xle,
          ${perExclusion((i) => sql`(count(*) FILTER (WHERE xmask & ${bit(i)} <> 0) OVER wt) - (count(*) FILTER (WHERE xmask & ${bit(i)} <> 0) OVER wp)`)} AS xlt,
          ${X ? sql`count(*) FILTER (WHERE xmask <> 0) OVER wt` : sql`0::bigint`} AS xle_any,
          ${X ? sql`(count(*) FILTER (WHERE xmask <> 0) OVER wt) - (count(*) FILTER (WHERE xmask <> 0) OVER wp)` : sql`0::bigint`} AS xlt_any,
          ${def.order === "strict" ? sql`dense_rank() OVER (PARTITION BY person ORDER BY ts)` : sql`0::bigint`} AS grp
        FROM (SELECT ev.*, ${rank} AS rank FROM ev) ev
        WINDOW w AS (PARTITION BY person ORDER BY ts, rank, seq ROWS UNBOUNDED PRECEDING),
          wt AS (PARTITION BY person ORDER BY ts RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
          wp AS (PARTITION BY person, ts)
      ) x
    )`;
}

/** Sequential and strict: s1…sk, and `att` = every attempt at every step it reached. */
function orderedAttemptsSql(def: FunnelRequest): Prisma.Sql {
  const k = def.steps.length;
  const W = windowMs(def.window);
  // nx: the ordinal (among the person's events of the next step) of the event the next step wants.
  const parts: Prisma.Sql[] = [
    sql`s1 AS (SELECT person, seq AS start, ts AS t0, rank AS r0, ARRAY[ts] AS times, cnt[2] + 1 AS nx, xle, grp FROM o
      WHERE mask & 1 <> 0 AND ts >= ${String(def.from.getTime())}::bigint AND ts < ${String(def.to.getTime())}::bigint)`,
  ];
  for (let j = 2; j <= k; j++) {
    const conds = [sql`n.ts - a.t0 <= ${int(W)}`];
    if (def.order === "strict") conds.push(sql`n.grp <= a.grp + 1`);
    def.exclusions.forEach((x, i) => {
      if ((x.fromStep ?? 1) <= j - 1 && j <= (x.toStep ?? k)) conds.push(sql`n.xlt[${int(i + 1)}] <= a.xle[${int(i + 1)}]`);
    });
    parts.push(sql`${raw(`s${j}`)} AS (SELECT a.person, a.start, a.t0, a.r0, a.times || n.ts AS times, ${j < k ? sql`n.cnt[${int(j + 1)}] + 1` : sql`NULL::bigint`} AS nx, n.xle, n.grp
      FROM ${raw(`s${j - 1}`)} a JOIN o n ON n.person = a.person AND n.${raw(`k${j}`)} = a.nx
      WHERE ${join(conds, " AND ")})`);
  }
  parts.push(sql`att AS (${join(
    Array.from({ length: k }, (_, j) => sql`SELECT person, start, t0, r0, times FROM ${raw(`s${j + 1}`)}`),
    " UNION ALL ",
  )})`);
  return join(parts, ",\n");
}

/** Any order: a0…ak, then `att` = every attempt with its completions in event order. */
function anyOrderAttemptsSql(def: FunnelRequest): Prisma.Sql {
  const k = def.steps.length;
  const W = windowMs(def.window);
  const steps = def.steps.map(clausesOf);
  const parts: Prisma.Sql[] = [
    // base[j]: how many step-j events come before the start (the next one is ordinal base[j] + 1).
    sql`a0 AS (SELECT person, seq AS start, ts AS t0, rank AS r0,
      ARRAY[${join(
        def.steps.map((_, j) => sql`cnt[${int(j + 1)}] - (CASE WHEN mask & ${bit(j)} <> 0 THEN 1 ELSE 0 END)`),
        ", ",
      )}]::bigint[] AS base
      FROM o WHERE mask <> 0 AND ts >= ${String(def.from.getTime())}::bigint AND ts < ${String(def.to.getTime())}::bigint)`,
  ];
  const cols = (j: number) => ["p", "t", "r", "l", "g"].map((c) => `${c}${j}`);
  for (let j = 1; j <= k; j++) {
    // Earlier steps that can take this step's events: skip as many candidates as they may hold.
    const rivals = Array.from({ length: j - 1 }, (_, i) => i + 1).filter((i) => overlaps(steps[i - 1]!, steps[j - 1]!));
    const tries = Array.from({ length: rivals.length + 1 }, (_, d) => d);
    const joins = tries.map(
      (d) => sql`LEFT JOIN o ${raw(`n${d}`)} ON ${raw(`n${d}`)}.person = a.person AND ${raw(`n${d}.k${j}`)} = a.base[${int(j)}] + ${int(d + 1)} AND ${raw(`n${d}`)}.ts - a.t0 <= ${int(W)}`,
    );
    const free = (d: number) => join([sql`${raw(`n${d}`)}.seq IS NOT NULL`, ...rivals.map((i) => sql`${raw(`n${d}`)}.seq IS DISTINCT FROM a.${raw(`p${i}`)}`)], " AND ");
    const pick = (col: string) => (tries.length === 1 ? raw(`n0.${col}`) : sql`CASE ${join(tries.map((d) => sql`WHEN ${free(d)} THEN ${raw(`n${d}.${col}`)}`), " ")} END`);
    const [p, t, r, l, g] = cols(j);
    parts.push(sql`${raw(`a${j}`)} AS (SELECT a.*, ${pick("seq")} AS ${raw(p!)}, ${pick("ts")} AS ${raw(t!)}, ${pick("rank")} AS ${raw(r!)}, ${pick("xle_any")} AS ${raw(l!)}, ${pick("xlt_any")} AS ${raw(g!)}
      FROM ${raw(`a${j - 1}`)} a ${join(joins, " ")})`);
  }
  const arr = (c: string) => raw(`ARRAY[${Array.from({ length: k }, (_, j) => `${c}${j + 1}`).join(", ")}]`);
  // One row per completion, in event order; an excluded event between two ends the attempt.
  // Completions in event order: (time, rank, seq).
  parts.push(sql`comp AS (
    SELECT person, start, t0, r0, u.p, u.t, u.r, (u.g - lag(u.l) OVER (PARTITION BY start ORDER BY u.t, u.r, u.p)) > 0 AS blocked
    FROM ${raw(`a${k}`)} CROSS JOIN LATERAL unnest(${arr("p")}, ${arr("t")}, ${arr("r")}, ${arr("l")}, ${arr("g")}) AS u(p, t, r, l, g)
    WHERE u.p IS NOT NULL)`);
  parts.push(sql`done AS (
    SELECT person, start, t0, r0, p, t, r, bool_or(blocked) OVER (PARTITION BY start ORDER BY t, r, p ROWS UNBOUNDED PRECEDING) AS stop FROM comp)`);
  parts.push(sql`att AS (SELECT person, start, t0, r0, array_agg(t ORDER BY t, r, p) AS times FROM done WHERE stop IS NOT TRUE GROUP BY person, start, t0, r0)`);
  return join(parts, ",\n");
}

/** The whole pipeline up to `bestv` (best attempt per person with its breakdown value) and, with a breakdown, `bucketed`. */
function pipelineSql(def: FunnelRequest, members?: Prisma.Sql): Prisma.Sql {
  const b = def.breakdown;
  const prop = b ? breakdownProperty(b) : "";
  const value =
    !b ? sql`NULL::text` : b.type === "event" ? sql`s.bd` : b.type === "first_touch" ? raw(`lp.${FIRST_TOUCH_PROPERTIES[prop as FirstTouchProperty]}`) : scalarTextSql(sql`(lp.traits -> ${prop}::text)`);
  return sql`WITH ${orderedSql(def, members)},
    ${def.order === "any" ? anyOrderAttemptsSql(def) : orderedAttemptsSql(def)},
    best AS (
      SELECT person, b[1]::int AS reached, -b[4] AS start, b[5:] AS times
      FROM (SELECT person, max(ARRAY[cardinality(times)::bigint, -t0, -r0::bigint, -start] || times) AS b FROM att GROUP BY person) x
    ),
    bestv AS (
      SELECT best.person, best.reached, best.times, COALESCE(${value}, ${NONE}) AS value
      FROM best
      ${b?.type === "event" ? sql`JOIN o s ON s.seq = best.start` : sql``}
      ${b && b.type !== "event" ? sql`JOIN profiles lp ON lp.id = best.person` : sql``}
    ),
    top AS (SELECT value FROM bestv GROUP BY value ORDER BY count(*) DESC, value COLLATE "C" LIMIT ${int(BREAKDOWN_LIMIT)}),
    bucketed AS (SELECT bestv.*, CASE WHEN bestv.value IN (SELECT value FROM top) THEN bestv.value ELSE ${OTHER} END AS bucket FROM bestv)`;
}

/** Per-step people and percentiles of the gap from the previous step (ms), as JSON. */
function statsSql(k: number): Prisma.Sql {
  return sql`json_build_array(${join(
    Array.from({ length: k }, (_, j) =>
      j === 0
        ? sql`json_build_object('people', count(*), 'pct', NULL)`
        : sql`json_build_object('people', count(*) FILTER (WHERE reached >= ${int(j + 1)}),
            'pct', percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY (times[${int(j + 1)}] - times[${int(j)}])::float8) FILTER (WHERE reached >= ${int(j + 1)}))`,
    ),
    ", ",
  )})`;
}

type StatsJson = { people: number; pct: [number, number] | null }[];
const toStats = (s: StatsJson): StepStats[] => s.map((x) => ({ people: Number(x.people), medianMs: x.pct?.[0] ?? null, p90Ms: x.pct?.[1] ?? null }));

/** Monday 00:00 UTC (epoch ms) of the week of `t` (epoch ms, after 1970). */
const weekSql = (t: Prisma.Sql) => sql`((${t} / 86400000 + 3) / 7 * 7 - 3) * 86400000`;

interface ResultRow {
  overall: StatsJson;
  breakdowns: { bucket: string; entered: number; stats: StatsJson }[] | null;
  trend: { week: string; entered: number; converted: number }[] | null;
  ttc: { bin: number; people: number }[] | null;
  ttc_median: number | null;
}

/**
 * Runs a funnel (already validated) through the analytics limits; `members` (a person-id set such
 * as audienceMembersSql) limits it to those people.
 */
export async function computeFunnel(def: FunnelRequest, members?: Prisma.Sql): Promise<FunnelResult> {
  return runAnalysis((q) => funnelQuery(q, def, members), { range: { from: def.from, to: new Date(def.to.getTime() + windowMs(def.window)) } });
}

/** The one statement a funnel runs (exported for EXPLAIN in the benchmark). */
export function funnelStatement(def: FunnelRequest, members?: Prisma.Sql): Prisma.Sql {
  const k = def.steps.length;
  const bounds = `ARRAY[${TTC_BOUNDS_SECONDS.slice(1)
    .map((s) => s * 1000)
    .join(", ")}]::float8[]`;
  return sql`${pipelineSql(def, members)}
    SELECT
      (SELECT ${statsSql(k)} FROM bestv) AS overall,
      ${
        def.breakdown
          ? sql`(SELECT json_agg(json_build_object('bucket', bucket, 'entered', entered, 'stats', stats)) FROM (
              SELECT bucket, count(*) AS entered, ${statsSql(k)} AS stats FROM bucketed GROUP BY bucket) x)`
          : sql`NULL::json`
      } AS breakdowns,
      (SELECT json_agg(json_build_object('week', to_char(to_timestamp(week / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 'entered', entered, 'converted', converted)) FROM (
        SELECT week, count(*) AS entered, count(*) FILTER (WHERE r = ${int(k)}) AS converted
        FROM (SELECT person, ${weekSql(sql`t0`)} AS week, max(cardinality(times)) AS r FROM att GROUP BY 1, 2) pw GROUP BY week) x) AS trend,
      (SELECT json_agg(json_build_object('bin', bin, 'people', people)) FROM (
        SELECT width_bucket((times[${int(k)}] - times[1])::float8, ${raw(bounds)}) AS bin, count(*) AS people
        FROM best WHERE reached = ${int(k)} GROUP BY 1) x) AS ttc,
      (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY (times[${int(k)}] - times[1])::float8) FROM best WHERE reached = ${int(k)}) AS ttc_median`;
}

async function funnelQuery(q: AnalyticsQuery, def: FunnelRequest, members?: Prisma.Sql): Promise<FunnelResult> {
  const [row] = await q.$queryRaw<ResultRow[]>`${funnelStatement(def, members)}`;
  const breakdowns = (row!.breakdowns ?? [])
    .map((b) => ({ value: b.bucket, entered: Number(b.entered), steps: shapeSteps(def.steps, toStats(b.stats)) }))
    .sort(compareBreakdown)
    .map(({ value, steps }) => ({ value, steps }));
  return {
    steps: shapeSteps(def.steps, toStats(row!.overall)),
    breakdowns,
    trend: fillTrend(def.from, def.to, new Map((row!.trend ?? []).map((t) => [t.week, { entered: Number(t.entered), converted: Number(t.converted) }]))),
    timeToConvert: shapeTimeToConvert(windowMs(def.window), new Map((row!.ttc ?? []).map((t) => [Number(t.bin), Number(t.people)]))),
    medianSecondsToConvert: row!.ttc_median === null ? null : Number(row!.ttc_median) / 1000,
  };
}

// ───────────────────────────── people behind a step ─────────────────────────────

export interface FunnelPeopleQuery {
  /** 1-based step. */
  step: number;
  outcome: "converted" | "dropped";
  /** Only people with this breakdown value (or "(other)"). */
  breakdownValue?: string;
  limit: number;
  offset: number;
}

export interface FunnelPerson {
  profileId: string;
  name: string | null;
  email: string | null;
  /** When they reached the step (converted) or the step before it (dropped). */
  at: Date;
  enteredAt: Date;
}

export interface FunnelPeoplePage {
  total: number;
  people: FunnelPerson[];
}

/**
 * The people who converted at a step (their best attempt reached it) or dropped off before it (it
 * reached the step before, not this one), latest first, paged; among `members` when given.
 */
export async function funnelPeople(def: FunnelRequest, query: FunnelPeopleQuery, members?: Prisma.Sql): Promise<FunnelPeoplePage> {
  return runAnalysis((q) => peopleQuery(q, def, query, members), { range: { from: def.from, to: new Date(def.to.getTime() + windowMs(def.window)) } });
}

async function peopleQuery(q: AnalyticsQuery, def: FunnelRequest, query: FunnelPeopleQuery, members?: Prisma.Sql): Promise<FunnelPeoplePage> {
  const j = query.step;
  if (query.outcome === "dropped" && j === 1) return { total: 0, people: [] };
  const at = query.outcome === "converted" ? j : j - 1;
  const who = query.outcome === "converted" ? sql`reached >= ${int(j)}` : sql`reached = ${int(j - 1)}`;
  const source = def.breakdown && query.breakdownValue !== undefined ? sql`bucketed WHERE bucket = ${query.breakdownValue} AND` : sql`bestv WHERE`;
  const rows = await q.$queryRaw<{ person: string; at: bigint; entered: bigint; total: bigint; name: string | null; email: string | null }[]>`${pipelineSql(def, members)}
    SELECT x.person, x.at, x.entered, count(*) OVER () AS total, lp.traits ->> 'email' AS email,
      COALESCE(NULLIF(lp.traits ->> 'name', ''), NULLIF(btrim(concat_ws(' ', COALESCE(lp.traits ->> 'firstName', lp.traits ->> 'first_name'), COALESCE(lp.traits ->> 'lastName', lp.traits ->> 'last_name'))), '')) AS name
    FROM (SELECT person, times[${int(at)}] AS at, times[1] AS entered FROM ${source} ${who}) x
    JOIN profiles lp ON lp.id = x.person
    ORDER BY x.at DESC, x.person COLLATE "C"
    LIMIT ${int(query.limit)} OFFSET ${int(query.offset)}`;
  // count(*) OVER () is gone when the page is past the end: count separately then.
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && query.offset > 0) {
    const [c] = await q.$queryRaw<{ n: bigint }[]>`${pipelineSql(def, members)} SELECT count(*) AS n FROM ${source} ${who}`;
    total = Number(c?.n ?? 0);
  }
  return {
    total,
    people: rows.map((r) => ({ profileId: r.person, name: r.name, email: r.email, at: new Date(Number(r.at)), enteredAt: new Date(Number(r.entered)) })),
  };
}
