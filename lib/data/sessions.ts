// Sessions in SQL: the rules of lib/analytics/sessions.ts (the reference the integration tests compare
// this with) as window functions, for one person (the Customer 360 page) or for everyone (paths and
// attribution touches). A person is a live profile with every profile merged into it.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import { SESSION_GAP_MS, type Session } from "../analytics/sessions";

/**
 * One row per session-eligible event (page, screen or track from a web or mobile source, with a
 * profile) matching `scope` (a condition on `e`, the events row, and `p`, its profile), with its
 * person and session: person_id, seq, ts, type, event, name, channel, page_path, referrer, utm_campaign,
 * session_no (1, 2, … per person, oldest first).
 */
export function sessionEventsSql(scope: Prisma.Sql = Prisma.sql`TRUE`): Prisma.Sql {
  const gap = Prisma.raw(`interval '${SESSION_GAP_MS / 1000} seconds'`);
  return Prisma.sql`
    SELECT person_id, seq, ts, type, event, name, channel, page_path, referrer, utm_campaign,
      count(starts) OVER (PARTITION BY person_id ORDER BY ts, seq ROWS UNBOUNDED PRECEDING)::int AS session_no
    FROM (
      SELECT x.*, CASE WHEN lag(ts) OVER w IS NULL OR ts - lag(ts) OVER w > ${gap} THEN 1 END AS starts
      FROM (
        SELECT COALESCE(p.merged_into_id, p.id) AS person_id, e.seq, e.timestamp AS ts, e.type::text AS type, e.event, e.name,
          e.channel, e.page_path, e.referrer, e.utm_campaign
        FROM events e
        JOIN sources src ON src.id = e.source_id AND src.kind IN ('web', 'mobile')
        JOIN profiles p ON p.id = e.profile_id
        WHERE e.type IN ('page', 'screen', 'track') AND ${scope}
      ) x
      WINDOW w AS (PARTITION BY person_id ORDER BY ts, seq)
    ) y`;
}

/** One row per session of the events `scope` selects (see sessionEventsSql). */
export function sessionsSql(scope?: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT person_id, session_no,
      (array_agg(seq ORDER BY ts, seq))[1] AS first_seq,
      min(ts) AS start_at, max(ts) AS end_at,
      round(extract(epoch FROM max(ts) - min(ts)))::int AS duration_seconds,
      count(*)::int AS events,
      (count(*) FILTER (WHERE type IN ('page', 'screen')))::int AS pages,
      COALESCE((array_agg(channel ORDER BY ts, seq))[1], 'Direct') AS channel,
      (array_agg(page_path ORDER BY ts, seq))[1] AS landing_page,
      (array_agg(referrer ORDER BY ts, seq))[1] AS referrer,
      (array_agg(utm_campaign ORDER BY ts, seq))[1] AS campaign
    FROM (${sessionEventsSql(scope)}) se
    GROUP BY person_id, session_no`;
}

interface SessionRow {
  person_id: string;
  session_no: number;
  first_seq: bigint;
  start_at: Date;
  end_at: Date;
  duration_seconds: number;
  events: number;
  pages: number;
  channel: string;
  landing_page: string | null;
  referrer: string | null;
  campaign: string | null;
}

export type StoredSession = Omit<Session, "seqs" | "firstSeq"> & { personId: string; number: number; firstSeq: string };

const toSession = (r: SessionRow): StoredSession => ({
  personId: r.person_id,
  number: r.session_no,
  firstSeq: String(r.first_seq),
  start: r.start_at,
  end: r.end_at,
  durationSeconds: r.duration_seconds,
  events: r.events,
  pages: r.pages,
  channel: r.channel,
  landingPage: r.landing_page,
  referrer: r.referrer,
  campaign: r.campaign,
});

/** Every session of the people whose events `scope` selects, by person then oldest first. */
export async function listSessions(scope?: Prisma.Sql): Promise<StoredSession[]> {
  const rows = await db().$queryRaw<SessionRow[]>`${sessionsSql(scope)} ORDER BY person_id, session_no`;
  return rows.map(toSession);
}

/** One person's sessions (their profile family), oldest first. */
export async function personSessions(familyIds: string[]): Promise<StoredSession[]> {
  return listSessions(Prisma.sql`e.profile_id = ANY(${familyIds}::text[])`);
}
