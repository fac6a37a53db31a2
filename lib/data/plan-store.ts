// What the ingest transaction writes for tracking plans (the collector imports this, so no
// "server-only"): the rows of violations and quarantined messages a request carries (inserted by
// events.ts's store statement), and the quarantine's bounds — retention and a per-source cap, applied in
// the same transaction as soon as messages are quarantined, counting what they drop.
import type { NormalizedEvent } from "../ingest/normalize";
import type { Verdict, Violation } from "../ingest/plan-check";
import { QUARANTINE_DEFAULTS } from "../sources/plan";
import type { Sql } from "./sql";
import { payloadSuppressed } from "./suppression-sql";

/** Violations older than this are deleted by pruneQuarantine (the page shows the last 7 days). */
export const VIOLATION_RETENTION_DAYS = 30;
/** A violation keeps the checked object (properties or traits) as its example when at most this long. */
export const MAX_EXAMPLE_BYTES = 4096;

export interface ViolationRow {
  messageId: string;
  type: string;
  eventName: string;
  kind: string;
  path: string;
  detail: string;
  action: "flag" | "block";
  userId: string | null;
  anonymousId: string | null;
  email: string | null;
  example: unknown;
}

export interface QuarantineRow {
  messageId: string;
  type: string;
  eventName: string;
  userId: string | null;
  anonymousId: string | null;
  email: string | null;
  violations: Violation[];
  event: NormalizedEvent;
  raw: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function emailOf(e: NormalizedEvent): string | null {
  const ctxTraits = isObject(e.context.traits) ? e.context.traits : {};
  const v = e.traits.email ?? ctxTraits.email ?? e.properties.email;
  return typeof v === "string" && v.trim() ? v.trim().toLowerCase() : null;
}

/** The name a violation is counted under: the track event's name, or the call type ("identify"). */
export function eventNameOf(e: NormalizedEvent): string {
  return e.type === "track" ? (e.event ?? "") : e.type;
}

function example(e: NormalizedEvent): unknown {
  const value = e.type === "identify" ? e.traits : e.properties;
  const bytes = JSON.stringify(value).length;
  return bytes <= MAX_EXAMPLE_BYTES ? value : { truncated: true, bytes };
}

/** The rows a flagged or blocked message adds to its request. */
export function planRows(e: NormalizedEvent, raw: unknown, verdict: Exclude<Verdict, { action: "allow" }>): { violations: ViolationRow[]; quarantined: QuarantineRow | null } {
  const who = { userId: e.userId, anonymousId: e.anonymousId, email: emailOf(e) };
  const eventName = eventNameOf(e);
  const ex = example(e);
  const violations = verdict.violations.map((v) => ({ messageId: e.messageId, type: e.type, eventName, kind: v.kind, path: v.path, detail: v.detail, action: verdict.action, ...who, example: ex }));
  const quarantined = verdict.action === "block" ? { messageId: e.messageId, type: e.type, eventName, ...who, violations: verdict.violations, event: e, raw } : null;
  return { violations, quarantined };
}

export function violationParam(sourceId: string, receivedAt: Date, rows: ViolationRow[]) {
  return rows.map((v) => ({
    source_id: sourceId,
    received_at: receivedAt,
    message_id: v.messageId,
    type: v.type,
    event_name: v.eventName,
    kind: v.kind,
    path: v.path,
    detail: v.detail,
    action: v.action,
    user_id: v.userId,
    anonymous_id: v.anonymousId,
    email: v.email,
    example: v.example,
  }));
}

export function quarantineParam(sourceId: string, receivedAt: Date, rows: QuarantineRow[]) {
  return rows.map((q) => ({
    source_id: sourceId,
    received_at: receivedAt,
    message_id: q.messageId,
    type: q.type,
    event_name: q.eventName,
    user_id: q.userId,
    anonymous_id: q.anonymousId,
    email: q.email,
    violations: q.violations,
    event: q.event,
    raw: q.raw,
  }));
}

/**
 * The store statement's CTEs for plans ($3 violations, $4 quarantined; `ins` is the events insert).
 * A violation is recorded only with its message: a flagged one when its event was newly stored, a
 * blocked one when it was newly quarantined — a retried request records nothing twice.
 */
export const PLAN_CTES = `
  qua AS (
    INSERT INTO quarantined_messages (source_id, received_at, message_id, type, event_name, user_id, anonymous_id, email, violations, event, raw)
    SELECT r.source_id, r.received_at, r.message_id, r.type, r.event_name, r.user_id, r.anonymous_id, r.email, r.violations, r.event, r.raw
    FROM jsonb_to_recordset($4::jsonb) AS r(source_id text, received_at timestamptz, message_id text, type text, event_name text,
      user_id text, anonymous_id text, email text, violations jsonb, event jsonb, raw jsonb)
    -- A blocked message of a deleted or suppressed person is dropped, not kept (lib/data/privacy.ts).
    WHERE NOT ${payloadSuppressed("r.raw")}
    ON CONFLICT (source_id, message_id) DO NOTHING
    RETURNING source_id, message_id
  ),
  vio AS (
    INSERT INTO plan_violations (source_id, received_at, message_id, type, event_name, kind, path, detail, action, user_id, anonymous_id, email, example)
    SELECT r.source_id, r.received_at, r.message_id, r.type, r.event_name, r.kind, r.path, r.detail, r.action, r.user_id, r.anonymous_id, r.email, r.example
    FROM jsonb_to_recordset($3::jsonb) AS r(source_id text, received_at timestamptz, message_id text, type text, event_name text,
      kind text, path text, detail text, action text, user_id text, anonymous_id text, email text, example jsonb)
    WHERE (r.action = 'flag' AND EXISTS (SELECT 1 FROM ins WHERE ins.source_id = r.source_id AND ins.message_id = r.message_id))
       OR (r.action = 'block' AND EXISTS (SELECT 1 FROM qua WHERE qua.source_id = r.source_id AND qua.message_id = r.message_id))
    RETURNING 1
  )`;

/** Adds what a transaction newly quarantined to each source's `held` (rows locked in source order). */
const HELD_SQL = `
  INSERT INTO quarantine_settings (source_id, retention_days, cap, held)
  SELECT r.source_id, $2::int, $3::int, r.n FROM jsonb_to_recordset($1::jsonb) AS r(source_id text, n int) ORDER BY r.source_id
  ON CONFLICT (source_id) DO UPDATE SET held = quarantine_settings.held + excluded.held
  RETURNING source_id, held > cap AS over_cap`;

/**
 * Retention is counted in days: a process applies it to a source at most this often from the ingest
 * path (the cap, at every transaction that goes over it). The page applies both whenever it opens.
 */
export const RETENTION_CHECK_MS = 60_000;
const state = globalThis as unknown as { tandemRetentionChecked?: Map<string, number> };
const retentionChecked = (): Map<string, number> => (state.tandemRetentionChecked ??= new Map());

/**
 * The bounds of some sources: messages past the retention period go, then the oldest beyond the cap
 * (how many from `held`, so only the excess is read: an index range on (source, seq)); both counted,
 * and `held` brought down by what went. Violations past VIOLATION_RETENTION_DAYS go too. Going over
 * the cap brings the quarantine down to 99 % of it (integer division: small caps exactly to the cap),
 * so a full quarantine is pruned once per 1 % of its cap, not by every transaction that adds to it.
 */
const PRUNE_SQL = `
  WITH cfg AS (
    SELECT source_id, retention_days, cap, held, $2::timestamptz - make_interval(days => retention_days) AS cutoff
    FROM quarantine_settings WHERE source_id = ANY($1::text[])
  ),
  expired AS (
    DELETE FROM quarantined_messages q USING cfg
    WHERE q.source_id = cfg.source_id AND q.received_at < cfg.cutoff
    RETURNING q.source_id
  ),
  over AS (
    DELETE FROM quarantined_messages q
    WHERE q.id IN (
      SELECT x.id FROM cfg
      CROSS JOIN LATERAL (SELECT cfg.held - (SELECT count(*) FROM expired e WHERE e.source_id = cfg.source_id) AS n) x_held
      CROSS JOIN LATERAL (SELECT CASE WHEN x_held.n > cfg.cap THEN x_held.n - (cfg.cap - cfg.cap / 100) ELSE 0 END AS n) x_left
      CROSS JOIN LATERAL (
        SELECT k.id FROM quarantined_messages k
        WHERE k.source_id = cfg.source_id AND k.received_at >= cfg.cutoff
        ORDER BY k.seq
        LIMIT x_left.n
      ) x)
    RETURNING q.source_id
  ),
  old_violations AS (
    DELETE FROM plan_violations v USING cfg
    WHERE v.source_id = cfg.source_id AND v.received_at < $2::timestamptz - make_interval(days => $3::int)
    RETURNING 1
  ),
  counts AS (
    SELECT source_id, sum(r)::int AS by_retention, sum(c)::int AS by_cap
    FROM (SELECT source_id, 1 AS r, 0 AS c FROM expired UNION ALL SELECT source_id, 0, 1 FROM over) u
    GROUP BY source_id
  ),
  counted AS (
    UPDATE quarantine_settings s SET
      held = greatest(s.held - c.by_retention - c.by_cap, 0),
      dropped_by_retention = s.dropped_by_retention + c.by_retention,
      dropped_by_cap = s.dropped_by_cap + c.by_cap
    FROM counts c WHERE s.source_id = c.source_id
    RETURNING 1
  )
  SELECT source_id, by_retention, by_cap FROM counts`;

export interface Pruned {
  sourceId: string;
  byRetention: number;
  byCap: number;
}

/**
 * Inside the caller's transaction: adds what it newly quarantined per source to `held`, then applies
 * the bounds (pruneQuarantine) of the sources now over their cap — so the cap holds at commit — and of
 * those whose retention this process has not applied for RETENTION_CHECK_MS. Runs in every ingest
 * transaction that quarantined something; each source's settings row stays locked to its commit
 * (quarantining transactions of one source serialise on their last statements only).
 */
export async function countAndPrune(sql: Sql, quarantinedBySource: Map<string, number>, now: Date): Promise<Pruned[]> {
  const rows = [...quarantinedBySource].filter(([, n]) => n > 0).map(([source_id, n]) => ({ source_id, n }));
  if (rows.length === 0) return [];
  const held = await sql.query<{ source_id: string; over_cap: boolean }>(HELD_SQL, [JSON.stringify(rows), QUARANTINE_DEFAULTS.retentionDays, QUARANTINE_DEFAULTS.cap]);
  const checked = retentionChecked();
  const due = held.filter((h) => h.over_cap || (checked.get(h.source_id) ?? 0) + RETENTION_CHECK_MS <= now.getTime()).map((h) => h.source_id);
  if (due.length === 0) return [];
  // Remembered before commit: a rollback only delays the next retention check by a minute.
  if (checked.size > 10_000) checked.clear();
  for (const id of due) checked.set(id, now.getTime());
  return pruneQuarantine(sql, due, now);
}

/** Applies the bounds of these sources (that have a settings row) inside the caller's transaction. */
export async function pruneQuarantine(sql: Sql, sourceIds: string[], now: Date): Promise<Pruned[]> {
  if (sourceIds.length === 0) return [];
  const rows = await sql.query<{ source_id: string; by_retention: number; by_cap: number }>(PRUNE_SQL, [[...new Set(sourceIds)], now, VIOLATION_RETENTION_DAYS]);
  return rows.map((r) => ({ sourceId: r.source_id, byRetention: r.by_retention, byCap: r.by_cap }));
}

/**
 * Sets a source's `held` to what it really holds (creating its settings row with the defaults), then
 * applies its bounds: the page does before listing, so a drifted count heals and nothing past the
 * bounds is shown.
 */
export async function recountAndPrune(sql: Sql, sourceId: string, now: Date): Promise<Pruned[]> {
  await sql.query(
    `INSERT INTO quarantine_settings (source_id, retention_days, cap, held)
     VALUES ($1, $2::int, $3::int, (SELECT count(*) FROM quarantined_messages WHERE source_id = $1)::int)
     ON CONFLICT (source_id) DO UPDATE SET held = excluded.held`,
    [sourceId, QUARANTINE_DEFAULTS.retentionDays, QUARANTINE_DEFAULTS.cap],
  );
  return pruneQuarantine(sql, [sourceId], now);
}

/** Lowers sources' `held` by what was taken out of the quarantine otherwise (released, deleted). */
export async function releaseHeld(sql: Sql, removedBySource: Map<string, number>): Promise<void> {
  const rows = [...removedBySource].filter(([, n]) => n > 0).map(([source_id, n]) => ({ source_id, n }));
  if (rows.length === 0) return;
  await sql.query(
    `UPDATE quarantine_settings s SET held = greatest(s.held - r.n, 0)
     FROM (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(source_id text, n int) ORDER BY source_id) r WHERE s.source_id = r.source_id`,
    [JSON.stringify(rows)],
  );
}

/** A quarantined event as stored (JSON) back to a NormalizedEvent. */
export function reviveEvent(stored: Record<string, unknown>): NormalizedEvent {
  const date = (v: unknown) => (typeof v === "string" ? new Date(v) : null);
  const e = stored as unknown as NormalizedEvent;
  return { ...e, timestamp: date(stored.timestamp)!, originalTimestamp: date(stored.originalTimestamp), sentAt: date(stored.sentAt), receivedAt: date(stored.receivedAt)! };
}
