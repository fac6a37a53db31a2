// Suggestions for the Paths builder's page-path field: the paths viewed in the last 30 days, most
// viewed first. The event catalog (lib/data/event-catalog.ts) holds event names and property keys,
// not property values, so this one list is a small bounded read of the events table (its time index,
// one month, at most `limit` paths).
import "server-only";
import { db } from "../db/prisma";

const DAY_MS = 86_400_000;

export async function recentPagePaths(now: Date, limit = 200): Promise<string[]> {
  const since = new Date(now.getTime() - 30 * DAY_MS);
  const rows = await db().$queryRaw<{ name: string }[]>`
    SELECT page_path AS name FROM events WHERE type = 'page' AND page_path IS NOT NULL AND timestamp >= ${since} AND timestamp <= ${now}
    GROUP BY page_path ORDER BY count(*) DESC, page_path LIMIT ${limit}`;
  return rows.map((r) => r.name);
}
