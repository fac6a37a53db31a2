// What the ingest transaction writes for tracking plans (the collector imports this, so no
// "server-only"): the rows of violations and quarantined messages a request carries (inserted by
// events.ts's store statement), and the quarantine's bounds — retention and a per-source cap, applied in
// the same transaction as soon as messages are quarantined, counting what they drop.
import type { NormalizedEvent } from "../ingest/normalize";
import type { Verdict, Violation } from "../ingest/plan-check";
import { QUARANTINE_DEFAULTS } from "../sources/plan";
import type { Sql } from "./sql";

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

const PRUNE_SQL = `
  WITH cfg AS (
    SELECT s.id AS source_id, coalesce(qs.retention_days, $3::int) AS retention_days, coalesce(qs.cap, $4::int) AS cap
    FROM unnest($1::text[]) AS s(id) LEFT JOIN quarantine_settings qs ON qs.source_id = s.id
  ),
  expired AS (
    DELETE FROM quarantined_messages q USING cfg
    WHERE q.source_id = cfg.source_id AND q.received_at < $2::timestamptz - make_interval(days => cfg.retention_days)
    RETURNING q.source_id
  ),
  over AS (
    DELETE FROM quarantined_messages q
    WHERE q.id IN (
      SELECT x.id FROM cfg CROSS JOIN LATERAL (
        SELECT k.id FROM quarantined_messages k
        WHERE k.source_id = cfg.source_id AND k.received_at >= $2::timestamptz - make_interval(days => cfg.retention_days)
        ORDER BY k.seq DESC OFFSET cfg.cap
      ) x)
    RETURNING q.source_id
  ),
  old_violations AS (
    DELETE FROM plan_violations v USING cfg
    WHERE v.source_id = cfg.source_id AND v.received_at < $2::timestamptz - make_interval(days => $5::int)
    RETURNING 1
  ),
  counts AS (
    SELECT source_id, sum(r)::int AS by_retention, sum(c)::int AS by_cap
    FROM (SELECT source_id, 1 AS r, 0 AS c FROM expired UNION ALL SELECT source_id, 0, 1 FROM over) u
    GROUP BY source_id
  ),
  counted AS (
    INSERT INTO quarantine_settings (source_id, retention_days, cap, dropped_by_retention, dropped_by_cap)
    SELECT source_id, $3::int, $4::int, by_retention, by_cap FROM counts
    ON CONFLICT (source_id) DO UPDATE SET
      dropped_by_retention = quarantine_settings.dropped_by_retention + excluded.dropped_by_retention,
      dropped_by_cap = quarantine_settings.dropped_by_cap + excluded.dropped_by_cap
    RETURNING 1
  )
  SELECT source_id, by_retention, by_cap FROM counts`;

export interface Pruned {
  sourceId: string;
  byRetention: number;
  byCap: number;
}

/**
 * Applies the quarantine bounds of these sources inside the caller's transaction: messages past the
 * retention period, then the oldest beyond the cap, are deleted and counted on quarantine_settings
 * (violations past VIOLATION_RETENTION_DAYS go too). Runs in every ingest transaction that quarantined
 * something, so the cap holds at commit; the settings row is only written (and locked) when something
 * was dropped.
 */
export async function pruneQuarantine(sql: Sql, sourceIds: string[], now: Date): Promise<Pruned[]> {
  if (sourceIds.length === 0) return [];
  const rows = await sql.query<{ source_id: string; by_retention: number; by_cap: number }>(PRUNE_SQL, [
    [...new Set(sourceIds)],
    now,
    QUARANTINE_DEFAULTS.retentionDays,
    QUARANTINE_DEFAULTS.cap,
    VIOLATION_RETENTION_DAYS,
  ]);
  return rows.map((r) => ({ sourceId: r.source_id, byRetention: r.by_retention, byCap: r.by_cap }));
}

/** A quarantined event as stored (JSON) back to a NormalizedEvent. */
export function reviveEvent(stored: Record<string, unknown>): NormalizedEvent {
  const date = (v: unknown) => (typeof v === "string" ? new Date(v) : null);
  const e = stored as unknown as NormalizedEvent;
  return { ...e, timestamp: date(stored.timestamp)!, originalTimestamp: date(stored.originalTimestamp), sentAt: date(stored.sentAt), receivedAt: date(stored.receivedAt)! };
}
