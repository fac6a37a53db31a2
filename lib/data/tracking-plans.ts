// Tracking plans and the quarantine, for admins (the source's page): the plan (save, delete, suggest
// from the event catalog), violations per event name with counts and examples, the quarantine (keyset
// list, bounds and what they dropped, release into the normal path) — every change audited in its own
// transaction — and the removal of a person's data from quarantined payloads and violation examples.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import { recordAudit } from "./audit";
import { prismaSql, type Sql } from "./sql";
import { inTransactionWithRetries, storeEvents } from "./events";
import { listEventCatalog } from "./event-catalog";
import { recountAndPrune, releaseHeld, reviveEvent, type Pruned } from "./plan-store";
import { toPlanDef } from "./sources";
import { compilePlan, PlanSchemaError, type Violation } from "../ingest/plan-check";
import { changedFields, type AuditActor, type AuditTarget } from "../audit/actions";
import { QUARANTINE_DEFAULTS, suggestPlan, type PlanDocument, type QuarantineSettingsInput, type ReleaseInput } from "../sources/plan";

export class PlanAdminError extends Error {
  constructor(
    readonly code: "not_found" | "invalid_plan" | "not_allowed",
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const DAY_MS = 24 * 3600 * 1000;
/** The source's page shows violations of this many days. */
export const VIOLATION_WINDOW_DAYS = 7;
export const QUARANTINE_PAGE_SIZE = 25;
/** Messages released per transaction (short transactions: the embedded database runs one at a time). */
export const RELEASE_CHUNK = 500;

type Tx = Prisma.TransactionClient;

async function requireSource(id: string, client: Tx | ReturnType<typeof db> = db()): Promise<{ id: string; name: string; builtIn: boolean }> {
  const row = await client.source.findUnique({ where: { id }, select: { id: true, name: true, builtIn: true } });
  if (!row) throw new PlanAdminError("not_found", "That source no longer exists; reload the page.");
  return row;
}

const targetOf = (s: { id: string; name: string }): AuditTarget => ({ type: "source", id: s.id, label: s.name });

export interface StoredPlan {
  version: number;
  updatedAt: Date;
  plan: PlanDocument;
}

/** The source's plan as a document, or null. */
export async function getTrackingPlan(sourceId: string): Promise<StoredPlan | null> {
  const row = await db().trackingPlan.findUnique({ where: { sourceId } });
  if (!row) return null;
  const def = toPlanDef(row);
  return { version: row.version, updatedAt: row.updatedAt, plan: { events: def.events, identify: def.identifySchema, unplanned: def.unplanned, invalid: def.invalid } };
}

/** Creates or replaces the plan (version + 1); refuses a schema ajv cannot compile, naming it. */
export async function saveTrackingPlan(sourceId: string, plan: PlanDocument, actor: AuditActor): Promise<StoredPlan> {
  try {
    compilePlan({ version: 0, events: plan.events, identifySchema: plan.identify, unplanned: plan.unplanned, invalid: plan.invalid });
  } catch (err) {
    if (err instanceof PlanSchemaError) throw new PlanAdminError("invalid_plan", err.message, "plan");
    throw err;
  }
  return db().$transaction(async (tx) => {
    const source = await requireSource(sourceId, tx);
    if (source.builtIn) throw new PlanAdminError("not_allowed", `"${source.name}" is built in: Tandem writes its events itself, not through the Tracking API, so a plan would check nothing.`);
    const before = await tx.trackingPlan.findUnique({ where: { sourceId } });
    const data = {
      events: plan.events as unknown as Prisma.InputJsonValue,
      identifySchema: plan.identify === null ? Prisma.DbNull : (plan.identify as Prisma.InputJsonValue),
      unplanned: plan.unplanned,
      invalid: plan.invalid,
    };
    const row = before
      ? await tx.trackingPlan.update({ where: { sourceId }, data: { ...data, version: { increment: 1 } } })
      : await tx.trackingPlan.create({ data: { sourceId, ...data } });
    const beforeNames = before ? toPlanDef(before).events.map((e) => e.name) : [];
    const names = plan.events.map((e) => e.name);
    await recordAudit(prismaSql(tx), actor, {
      action: "plan.updated",
      target: targetOf(source),
      details: {
        version: row.version,
        events: names.length,
        added: names.filter((n) => !beforeNames.includes(n)).slice(0, 50),
        removed: beforeNames.filter((n) => !names.includes(n)).slice(0, 50),
        identifySchema: plan.identify !== null,
        ...changedFields({ unplanned: before?.unplanned ?? null, invalid: before?.invalid ?? null }, { unplanned: plan.unplanned, invalid: plan.invalid }),
      },
    });
    return { version: row.version, updatedAt: row.updatedAt, plan };
  });
}

export async function deleteTrackingPlan(sourceId: string, actor: AuditActor): Promise<void> {
  await db().$transaction(async (tx) => {
    const source = await requireSource(sourceId, tx);
    const { count } = await tx.trackingPlan.deleteMany({ where: { sourceId } });
    if (count) await recordAudit(prismaSql(tx), actor, { action: "plan.deleted", target: targetOf(source) });
  });
}

/** A plan suggested from the event catalog's last 30 days. */
export async function suggestTrackingPlan(now = new Date()): Promise<PlanDocument> {
  return suggestPlan(await listEventCatalog(), now);
}

export interface QuarantineBounds {
  retentionDays: number;
  cap: number;
  droppedByRetention: number;
  droppedByCap: number;
}

export async function getQuarantineBounds(sourceId: string): Promise<QuarantineBounds> {
  const row = await db().quarantineSettings.findUnique({ where: { sourceId } });
  return {
    retentionDays: row?.retentionDays ?? QUARANTINE_DEFAULTS.retentionDays,
    cap: row?.cap ?? QUARANTINE_DEFAULTS.cap,
    droppedByRetention: Number(row?.droppedByRetention ?? 0),
    droppedByCap: Number(row?.droppedByCap ?? 0),
  };
}

/** Changes the bounds and applies them at once (in the same transaction), counting what they drop. */
export async function saveQuarantineBounds(input: QuarantineSettingsInput, actor: AuditActor, now = new Date()): Promise<QuarantineBounds> {
  await db().$transaction(async (tx) => {
    const source = await requireSource(input.sourceId, tx);
    const before = await tx.quarantineSettings.findUnique({ where: { sourceId: input.sourceId } });
    await tx.quarantineSettings.upsert({
      where: { sourceId: input.sourceId },
      create: { sourceId: input.sourceId, retentionDays: input.retentionDays, cap: input.cap },
      update: { retentionDays: input.retentionDays, cap: input.cap },
    });
    const changed = changedFields(
      { retentionDays: before?.retentionDays ?? QUARANTINE_DEFAULTS.retentionDays, cap: before?.cap ?? QUARANTINE_DEFAULTS.cap },
      { retentionDays: input.retentionDays, cap: input.cap },
    );
    const sql = prismaSql(tx);
    if (Object.keys(changed).length) await recordAudit(sql, actor, { action: "quarantine.settings_updated", target: targetOf(source), details: changed });
    await recountAndPrune(sql, input.sourceId, now);
  });
  return getQuarantineBounds(input.sourceId);
}

/** Applies a source's bounds now (the page does before listing, so nothing past them is shown). */
export async function applyQuarantineBounds(sourceId: string, now = new Date()): Promise<Pruned[]> {
  return db().$transaction((tx) => recountAndPrune(prismaSql(tx), sourceId, now));
}

export interface ViolationExample {
  messageId: string;
  kind: string;
  path: string;
  detail: string;
  action: string;
  receivedAt: Date;
  example: unknown;
}

export interface EventViolations {
  eventName: string;
  messages: number;
  flagged: number;
  blocked: number;
  kinds: Record<string, number>;
  lastAt: Date;
  examples: ViolationExample[];
}

/** Violations of the last VIOLATION_WINDOW_DAYS per event name: message counts, counts per kind, the 3 latest. */
export async function violationSummary(sourceId: string, now = new Date()): Promise<EventViolations[]> {
  const since = new Date(now.getTime() - VIOLATION_WINDOW_DAYS * DAY_MS);
  const [kinds, actions, examples] = await Promise.all([
    db().$queryRaw<{ event_name: string; kind: string; n: number }[]>`
      SELECT event_name, kind, count(*)::int AS n
      FROM plan_violations WHERE source_id = ${sourceId} AND received_at >= ${since}
      GROUP BY event_name, kind`,
    db().$queryRaw<{ event_name: string; action: string; messages: number; last_at: Date }[]>`
      SELECT event_name, action, count(DISTINCT message_id)::int AS messages, max(received_at) AS last_at
      FROM plan_violations WHERE source_id = ${sourceId} AND received_at >= ${since}
      GROUP BY event_name, action`,
    db().$queryRaw<{ event_name: string; message_id: string; kind: string; path: string; detail: string; action: string; received_at: Date; example: unknown }[]>`
      SELECT e.event_name, x.message_id, x.kind, x.path, x.detail, x.action, x.received_at, x.example
      FROM (SELECT DISTINCT event_name FROM plan_violations WHERE source_id = ${sourceId} AND received_at >= ${since} LIMIT 200) e
      CROSS JOIN LATERAL (
        SELECT v.message_id, v.kind, v.path, v.detail, v.action, v.received_at, v.example FROM plan_violations v
        WHERE v.source_id = ${sourceId} AND v.event_name = e.event_name AND v.received_at >= ${since}
        ORDER BY v.seq DESC LIMIT 3
      ) x`,
  ]);
  const byName = new Map<string, EventViolations>();
  for (const a of actions) {
    let e = byName.get(a.event_name);
    if (!e) byName.set(a.event_name, (e = { eventName: a.event_name, messages: 0, flagged: 0, blocked: 0, kinds: {}, lastAt: a.last_at, examples: [] }));
    if (a.action === "block") e.blocked += a.messages;
    else e.flagged += a.messages;
    e.messages += a.messages;
    if (a.last_at > e.lastAt) e.lastAt = a.last_at;
  }
  for (const k of kinds) {
    const e = byName.get(k.event_name);
    if (e) e.kinds[k.kind] = k.n;
  }
  for (const x of examples) {
    byName.get(x.event_name)?.examples.push({ messageId: x.message_id, kind: x.kind, path: x.path, detail: x.detail, action: x.action, receivedAt: x.received_at, example: x.example });
  }
  return [...byName.values()].sort((a, b) => b.messages - a.messages || (a.eventName < b.eventName ? -1 : 1));
}

/** The violations recorded with these messages of a source (the live debugger's badges). */
export async function violationsForMessages(sourceId: string, messageIds: string[]): Promise<Map<string, { action: string; violations: Violation[] }>> {
  const out = new Map<string, { action: string; violations: Violation[] }>();
  if (messageIds.length === 0) return out;
  const rows = await db().$queryRaw<{ message_id: string; kind: string; path: string; detail: string; action: string }[]>`
    SELECT message_id, kind, path, detail, action FROM plan_violations
    WHERE source_id = ${sourceId} AND message_id = ANY(${messageIds}::text[]) ORDER BY seq`;
  for (const r of rows) {
    const hit = out.get(r.message_id) ?? { action: r.action, violations: [] };
    hit.violations.push({ kind: r.kind as Violation["kind"], path: r.path, detail: r.detail });
    out.set(r.message_id, hit);
  }
  return out;
}

export interface QuarantinedItem {
  id: string;
  seq: string;
  receivedAt: Date;
  messageId: string;
  type: string;
  eventName: string;
  userId: string | null;
  anonymousId: string | null;
  violations: Violation[];
  event: Record<string, unknown>;
  raw: unknown;
}

export interface QuarantinePage {
  items: QuarantinedItem[];
  /** The cursor of the next (older) page, or null. */
  next: string | null;
  total: number;
  byEvent: { eventName: string; count: number }[];
}

/** One page of a source's quarantine, newest first, keyset on seq; optionally one event name. */
export async function listQuarantine(sourceId: string, opts: { after?: string | null; eventName?: string | null; pageSize?: number } = {}): Promise<QuarantinePage> {
  const size = opts.pageSize ?? QUARANTINE_PAGE_SIZE;
  const after = opts.after && /^\d{1,19}$/.test(opts.after) ? opts.after : null;
  const eventName = opts.eventName ?? null;
  const [rows, byEvent] = await Promise.all([
    db().$queryRaw<{ id: string; seq: bigint; received_at: Date; message_id: string; type: string; event_name: string; user_id: string | null; anonymous_id: string | null; violations: Violation[]; event: Record<string, unknown>; raw: unknown }[]>`
      SELECT id, seq, received_at, message_id, type, event_name, user_id, anonymous_id, violations, event, raw
      FROM quarantined_messages
      WHERE source_id = ${sourceId}
        AND (${eventName}::text IS NULL OR event_name = ${eventName}::text)
        AND (${after}::bigint IS NULL OR seq < ${after}::bigint)
      ORDER BY seq DESC LIMIT ${size + 1}`,
    db().$queryRaw<{ event_name: string; n: number }[]>`
      SELECT event_name, count(*)::int AS n FROM quarantined_messages WHERE source_id = ${sourceId} GROUP BY event_name ORDER BY n DESC, event_name LIMIT 200`,
  ]);
  const items = rows.slice(0, size).map((r) => ({
    id: r.id,
    seq: String(r.seq),
    receivedAt: r.received_at,
    messageId: r.message_id,
    type: r.type,
    eventName: r.event_name,
    userId: r.user_id,
    anonymousId: r.anonymous_id,
    violations: r.violations,
    event: r.event,
    raw: r.raw,
  }));
  return {
    items,
    next: rows.length > size ? items[items.length - 1]!.seq : null,
    total: byEvent.reduce((n, e) => n + e.n, 0),
    byEvent: byEvent.map((e) => ({ eventName: e.event_name, count: e.n })),
  };
}

export interface Released {
  released: number;
  /** Of those, newly stored as events (the rest were already stored under their message id). */
  stored: number;
}

/**
 * Releases quarantined messages into the normal path: in chunks of RELEASE_CHUNK, each one transaction
 * that deletes the rows from the quarantine, stores their events through storeEvents — the ingest's
 * own store, identity resolution and the event catalog included — and records the audit entry. A
 * retried transaction (resolution's lock retries) rolls the deletion back with it: nothing is lost or
 * stored twice.
 */
export async function releaseQuarantined(input: ReleaseInput, actor: AuditActor): Promise<Released> {
  const source = await requireSource(input.sourceId);
  const ids = "ids" in input ? input.ids : null;
  const eventName = "all" in input ? input.eventName : null;
  const selection = ids ? { selected: ids.length } : eventName !== null ? { all: true, eventName } : { all: true };
  const total: Released = { released: 0, stored: 0 };
  for (;;) {
    const chunk = await inTransactionWithRetries({}, async (sql, locking) => {
      const rows = await sql.query<{ event: Record<string, unknown> }>(
        `DELETE FROM quarantined_messages WHERE id IN (
           SELECT id FROM quarantined_messages
           WHERE source_id = $1 AND ($2::text[] IS NULL OR id = ANY($2::text[])) AND ($3::text IS NULL OR event_name = $3::text)
           ORDER BY seq LIMIT $4 FOR UPDATE)
         RETURNING event`,
        [source.id, ids, eventName, RELEASE_CHUNK],
      );
      if (rows.length === 0) return { released: 0, stored: 0 };
      const inserted = await storeEvents(
        sql,
        rows.map((r) => ({ sourceId: source.id, event: reviveEvent(r.event) })),
        [],
        { locking },
      );
      await releaseHeld(sql, new Map([[source.id, rows.length]]));
      await recordAudit(sql, actor, { action: "quarantine.released", target: targetOf(source), details: { count: rows.length, stored: inserted.size, ...selection } });
      return { released: rows.length, stored: inserted.size };
    });
    total.released += chunk.released;
    total.stored += chunk.stored;
    if (chunk.released < RELEASE_CHUNK) return total;
  }
}

export interface PersonKeys {
  messageIds?: string[];
  userIds?: string[];
  anonymousIds?: string[];
  /** Compared lower-cased with the email read from traits, context.traits or properties at ingest. */
  emails?: string[];
}

/**
 * For a person's deletion (issue 12, item 5): deletes, inside the caller's transaction, the quarantined
 * messages and the violations (with their example payloads) that hold the person's data — found by
 * message id, user id, anonymous id or email, on every source. Returns how many rows went.
 */
export async function deletePersonPlanData(sql: Sql, keys: PersonKeys): Promise<{ quarantined: number; violations: number }> {
  const params = [keys.messageIds ?? [], keys.userIds ?? [], keys.anonymousIds ?? [], (keys.emails ?? []).map((e) => e.trim().toLowerCase())];
  if (params.every((p) => p.length === 0)) return { quarantined: 0, violations: 0 };
  const where = `message_id = ANY($1::text[]) OR user_id = ANY($2::text[]) OR anonymous_id = ANY($3::text[]) OR email = ANY($4::text[])`;
  const rows = await sql.query<{ source_id: string | null; n: number }>(
    `WITH q AS (DELETE FROM quarantined_messages WHERE ${where} RETURNING source_id),
          v AS (DELETE FROM plan_violations WHERE ${where} RETURNING 1)
     SELECT source_id, count(*)::int AS n FROM q GROUP BY source_id
     UNION ALL SELECT NULL, (SELECT count(*) FROM v)::int`,
    params,
  );
  const bySource = new Map(rows.filter((r) => r.source_id !== null).map((r) => [r.source_id!, r.n]));
  await releaseHeld(sql, bySource);
  return { quarantined: [...bySource.values()].reduce((a, b) => a + b, 0), violations: rows.find((r) => r.source_id === null)?.n ?? 0 };
}
