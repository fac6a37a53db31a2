// Suggestions for the analytics builders' name fields: track event names and page paths seen in the
// last 30 days, most frequent first. A small bounded read of the events table (its time index, one
// month, at most `limit` names) — a stop-gap until the event catalog kept at ingest (issue 10, item
// 1, built on another branch) lands; the builders will read that instead.
import "server-only";
import { db } from "../db/prisma";

const DAY_MS = 86_400_000;

export interface NameSuggestions {
  events: string[];
  pages: string[];
}

export async function recentNames(now: Date, limit = 200): Promise<NameSuggestions> {
  const since = new Date(now.getTime() - 30 * DAY_MS);
  // One after the other: the embedded database mixes up concurrent statements from one pool.
  const events = await db().$queryRaw<{ name: string }[]>`
    SELECT event AS name FROM events WHERE type = 'track' AND event IS NOT NULL AND timestamp >= ${since} AND timestamp <= ${now}
    GROUP BY event ORDER BY count(*) DESC, event LIMIT ${limit}`;
  const pages = await db().$queryRaw<{ name: string }[]>`
    SELECT page_path AS name FROM events WHERE type = 'page' AND page_path IS NOT NULL AND timestamp >= ${since} AND timestamp <= ${now}
    GROUP BY page_path ORDER BY count(*) DESC, page_path LIMIT ${limit}`;
  return { events: events.map((r) => r.name), pages: pages.map((r) => r.name) };
}
