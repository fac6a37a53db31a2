// The event catalog in the database (table event_catalog), written inside every ingest transaction
// without becoming a hot spot:
//   1. the batch's distinct (event, property, type) entries are computed in memory;
//   2. entries this process already knows were seen less than CATALOG_GRANULARITY_MS before the batch
//      are dropped (a per-process memo, filled only from rows read back as committed) — for a steady
//      stream nearly every batch stops here and sends no statement at all;
//   3. the rest go in ONE statement that READS the catalog first and inserts or updates only entries
//      that are new or stale. PostgreSQL locks a row on `ON CONFLICT DO UPDATE` even when its WHERE is
//      false, so fresh rows are filtered out before the upsert, never by it: a fresh row is never
//      locked, and a stale one is updated once per granularity by whichever transaction gets there
//      first. Rows are written in key order so two transactions can never deadlock on them.
// CRM-source events are left out (they are not behaviour a funnel can use). No "server-only": the
// collector process (the Tracking API) imports this too, like events.ts.
import { db } from "../db/prisma";
import {
  CATALOG_GRANULARITY_MS,
  CATALOG_MAX_PROPERTIES_PER_EVENT,
  catalogEntriesOf,
  catalogKey,
  groupCatalog,
  type CatalogEvent,
  type CatalogMessage,
} from "../analytics/event-catalog";
import type { Sql } from "./sql";

const state = globalThis as unknown as { tandemCatalogMemo?: Map<string, number> };
const MEMO_MAX = 50_000;

function memo(): Map<string, number> {
  return (state.tandemCatalogMemo ??= new Map());
}

/** Forgets what this process knows about the catalog (tests that switch databases). */
export function forgetCatalogMemo(): void {
  memo().clear();
}

const RECORD_SQL = `
  WITH input AS (
    SELECT r.event, r.property, r.value_type, min(r.first_seen) AS first_seen, max(r.seen) AS seen
    FROM jsonb_to_recordset($1::jsonb) AS r(source_id text, event text, property text, value_type text, first_seen timestamptz, seen timestamptz)
    JOIN sources s ON s.id = r.source_id AND s.kind <> 'crm'
    GROUP BY r.event, r.property, r.value_type
  ),
  known AS (
    SELECT i.event, i.property, i.value_type, i.seen, c.last_seen_at
    FROM input i JOIN event_catalog c ON c.event = i.event AND c.property = i.property AND c.value_type = i.value_type
  ),
  written AS (
    INSERT INTO event_catalog (event, property, value_type, first_seen_at, last_seen_at)
    SELECT i.event, i.property, i.value_type, i.first_seen, i.seen
    FROM input i LEFT JOIN known k ON k.event = i.event AND k.property = i.property AND k.value_type = i.value_type
    WHERE (k.last_seen_at IS NULL AND (i.property = '' OR (SELECT count(*) FROM event_catalog c WHERE c.event = i.event AND c.property <> '') < ${CATALOG_MAX_PROPERTIES_PER_EVENT}))
       OR k.last_seen_at < i.seen - make_interval(secs => $2::double precision)
    ORDER BY i.event, i.property, i.value_type
    ON CONFLICT (event, property, value_type) DO UPDATE SET
      last_seen_at = GREATEST(event_catalog.last_seen_at, excluded.last_seen_at),
      first_seen_at = LEAST(event_catalog.first_seen_at, excluded.first_seen_at)
    RETURNING 1
  )
  SELECT event, property, value_type, last_seen_at FROM known
  WHERE last_seen_at >= seen - make_interval(secs => $2::double precision)`;

export interface CatalogSource {
  sourceId: string;
  event: CatalogMessage;
}

/**
 * Brings the catalog up to date with these messages, inside the caller's (ingest) transaction.
 * Returns the number of entries sent to the database (0 when the memo knew them all).
 */
export async function recordCatalog(sql: Sql, messages: CatalogSource[]): Promise<number> {
  const known = memo();
  const rows: { source_id: string; event: string; property: string; value_type: string; first_seen: Date; seen: Date }[] = [];
  const bySource = new Map<string, CatalogMessage[]>();
  for (const m of messages) {
    const list = bySource.get(m.sourceId);
    if (list) list.push(m.event);
    else bySource.set(m.sourceId, [m.event]);
  }
  for (const [sourceId, events] of bySource) {
    for (const e of catalogEntriesOf(events)) {
      const freshUntil = known.get(catalogKey(e));
      if (freshUntil !== undefined && freshUntil >= e.lastSeenAt.getTime()) continue;
      rows.push({ source_id: sourceId, event: e.event, property: e.property, value_type: e.valueType, first_seen: e.firstSeenAt, seen: e.lastSeenAt });
    }
  }
  if (rows.length === 0) return 0;
  const fresh = await sql.query<{ event: string; property: string; value_type: string; last_seen_at: Date }>(RECORD_SQL, [
    JSON.stringify(rows),
    CATALOG_GRANULARITY_MS / 1000,
  ]);
  if (known.size > MEMO_MAX) known.clear();
  // Only rows read as already committed are remembered: this transaction's own writes may roll back.
  for (const r of fresh) {
    known.set(catalogKey({ event: r.event, property: r.property, valueType: r.value_type as "" }), new Date(r.last_seen_at).getTime() + CATALOG_GRANULARITY_MS);
  }
  return rows.length;
}

/** The whole catalog, grouped per event (most recently seen first). */
export async function listEventCatalog(): Promise<CatalogEvent[]> {
  const rows = await db().$queryRaw<{ event: string; property: string; value_type: string; last_seen_at: Date }[]>`
    SELECT event, property, value_type, last_seen_at FROM event_catalog ORDER BY event, property, value_type LIMIT 50000`;
  return groupCatalog(rows.map((r) => ({ event: r.event, property: r.property, valueType: r.value_type, lastSeenAt: r.last_seen_at })));
}
