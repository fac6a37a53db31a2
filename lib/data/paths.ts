// Paths in SQL: the definitions of lib/analytics/paths.ts (whose reference the integration tests
// compare this with) as ONE statement over sessionEventsSql, run through the analytics runner. It
// returns the aggregated rows (people, per-level steps, links, whole paths) that shapePaths() orders.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { ANY_PAGE, ANY_SCREEN, normalizeAnchor, shapePaths, stepKey, TOP_PATHS, type PathsQuery, type PathsResult } from "../analytics/paths";
import { runAnalysis, type AnalyticsQuery } from "./analytics-runner";
import { sessionEventsSql } from "./sessions";

function stepSql(pages: PathsQuery["pages"]): Prisma.Sql {
  const page = pages === "collapsed" ? Prisma.sql`${`page:${ANY_PAGE}`}` : Prisma.sql`'page:' || COALESCE(NULLIF(page_path, ''), NULLIF(name, ''), '(unknown)')`;
  const screen = pages === "collapsed" ? Prisma.sql`${`screen:${ANY_SCREEN}`}` : Prisma.sql`'screen:' || COALESCE(name, '(unknown)')`;
  return Prisma.sql`CASE type WHEN 'track' THEN 'event:' || COALESCE(event, '(no name)') WHEN 'page' THEN ${page} ELSE ${screen} END`;
}

export function pathsSql(query: PathsQuery): Prisma.Sql {
  const anchor = stepKey(normalizeAnchor(query.anchor, query.pages));
  const scope = Prisma.sql`e.timestamp >= ${query.from} AND e.timestamp < ${query.to}`;
  const level = query.direction === "after" ? Prisma.sql`k.pos - a.pos` : Prisma.sql`a.pos - k.pos`;
  return Prisma.sql`
    WITH stepped AS (
      SELECT person_id, session_no, ts, seq, ${stepSql(query.pages)} AS step FROM (${sessionEventsSql(scope)}) se
    ),
    compact AS (
      SELECT person_id, session_no, ts, seq, step FROM (
        SELECT s.*, lag(step) OVER (PARTITION BY person_id, session_no ORDER BY ts, seq) AS prev FROM stepped s
      ) x WHERE prev IS NULL OR prev <> step
    ),
    k AS MATERIALIZED (
      SELECT person_id, session_no, ts, seq, step, row_number() OVER (PARTITION BY person_id, session_no ORDER BY ts, seq) AS pos FROM compact
    ),
    a AS MATERIALIZED (
      SELECT DISTINCT ON (person_id) person_id, session_no, pos FROM k WHERE step = ${anchor} ORDER BY person_id, ts, seq
    ),
    steps AS MATERIALIZED (
      SELECT k.person_id, (${level})::int AS level, k.step
      FROM a JOIN k ON k.person_id = a.person_id AND k.session_no = a.session_no
      WHERE ${level} BETWEEN 1 AND ${query.steps}
    ),
    links AS (
      SELECT s.level, COALESCE(prev.step, ${anchor}) AS from_step, s.step AS to_step, count(*)::int AS people
      FROM steps s LEFT JOIN steps prev ON prev.person_id = s.person_id AND prev.level = s.level - 1
      GROUP BY 1, 2, 3
    ),
    whole AS (
      SELECT COALESCE(string_agg(s.step, chr(31) ORDER BY s.level), '') AS path
      FROM a LEFT JOIN steps s ON s.person_id = a.person_id
      GROUP BY a.person_id
    ),
    grouped AS (SELECT path, count(*)::int AS people FROM whole GROUP BY path)
    SELECT json_build_object(
      'people', (SELECT count(*)::int FROM a),
      'nodes', COALESCE((SELECT json_agg(json_build_object('level', level, 'key', step, 'people', people)) FROM (SELECT level, step, count(*)::int AS people FROM steps GROUP BY 1, 2) n), '[]'::json),
      'links', COALESCE((SELECT json_agg(json_build_object('level', level, 'from', from_step, 'to', to_step, 'people', people)) FROM links), '[]'::json),
      'paths', COALESCE((SELECT json_agg(json_build_object('key', path, 'people', people)) FROM (
        SELECT path, people FROM grouped ORDER BY people DESC, path COLLATE "C" LIMIT ${TOP_PATHS}) t), '[]'::json),
      'distinct', (SELECT count(*)::int FROM grouped)
    ) AS result`;
}

interface Raw {
  people: number;
  nodes: { level: number; key: string; people: number }[];
  links: { level: number; from: string; to: string; people: number }[];
  paths: { key: string; people: number }[];
  distinct: number;
}

export async function pathsWith(q: AnalyticsQuery, query: PathsQuery): Promise<PathsResult> {
  const [row] = await q.$queryRaw<{ result: Raw }[]>(pathsSql(query));
  const raw = row!.result;
  return { ...shapePaths(query, raw.people, raw.nodes, raw.links, raw.paths), distinctPaths: raw.distinct };
}

/** The paths of `query` under the analytics limits. */
export function findPaths(query: PathsQuery): Promise<PathsResult> {
  return runAnalysis((q) => pathsWith(q, query), { range: { from: query.from, to: query.to } });
}
