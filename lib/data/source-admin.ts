// Sources administration: list with recent volume, create, rename, enable/disable, rotate the write
// key, web settings, the volume chart and the live debugger's messages. Keys are only ever stored
// as hashes; the full key leaves this module once, from addSource and rotateWriteKey.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import { generateSecret, maskSecret } from "../auth/secrets";
import { createSource } from "./sources";
import { recordAudit } from "./audit";
import { prismaSql } from "./sql";
import { changedFields, type AuditActor, type AuditRecord, type AuditTarget } from "../audit/actions";
import { SOURCE_MESSAGES, type NewSourceInput, type MessageStatus, type MessagesQuery, type SourceKind, type WebSettingsInput } from "../sources/inputs";
import {
  encodeCursor,
  mergeNewestFirst,
  MAX_MESSAGES_PER_POLL,
  parseCursor,
  type AcceptedMessage,
  type MessagesPage,
  type PlanViolation,
  type QuarantinedMessage,
  type RejectedMessage,
} from "../sources/messages";
import type { VolumePoint, VolumeWindow } from "../sources/volume";

export class SourceAdminError extends Error {
  constructor(
    readonly code: "not_found" | "not_allowed" | "name_taken" | "built_in",
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const DAY_MS = 24 * 3600 * 1000;

export interface SourceSummary {
  id: string;
  name: string;
  kind: SourceKind;
  enabled: boolean;
  builtIn: boolean;
  maskedWriteKey: string;
  createdAt: Date;
  events24h: number;
  rejected24h: number;
  lastEventAt: Date | null;
}

/** Every source with its accepted and rejected counts over the last 24 h and its last event. */
export async function listSourcesWithStats(now = new Date()): Promise<SourceSummary[]> {
  const since = new Date(now.getTime() - DAY_MS);
  // Correlated subqueries: each is an index range scan on (source_id, received_at).
  const rows = await db().$queryRaw<
    { id: string; name: string; kind: SourceKind; enabled: boolean; built_in: boolean; write_key_prefix: string; created_at: Date; events_24h: number; rejected_24h: number; last_event_at: Date | null }[]
  >`
    SELECT s.id, s.name, s.kind::text AS kind, s.enabled, s.built_in, s.write_key_prefix, s.created_at,
      (SELECT count(*) FROM events e WHERE e.source_id = s.id AND e.received_at >= ${since}::timestamptz)::int AS events_24h,
      (SELECT count(*) FROM rejected_messages r WHERE r.source_id = s.id AND r.received_at >= ${since}::timestamptz)::int AS rejected_24h,
      (SELECT max(e.received_at) FROM events e WHERE e.source_id = s.id) AS last_event_at
    FROM sources s
    ORDER BY s.built_in ASC, lower(s.name) ASC, s.created_at ASC`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    enabled: r.enabled,
    builtIn: r.built_in,
    maskedWriteKey: maskSecret(r.write_key_prefix),
    createdAt: r.created_at,
    events24h: r.events_24h,
    rejected24h: r.rejected_24h,
    lastEventAt: r.last_event_at,
  }));
}

export interface SourceDetail {
  id: string;
  name: string;
  kind: SourceKind;
  enabled: boolean;
  builtIn: boolean;
  maskedWriteKey: string;
  allowedOrigins: string[];
  rateLimitPerSec: number | null;
  createdAt: Date;
  updatedAt: Date;
}

const detailSelect = {
  id: true,
  name: true,
  kind: true,
  enabled: true,
  builtIn: true,
  writeKeyPrefix: true,
  allowedOrigins: true,
  rateLimitPerSec: true,
  createdAt: true,
  updatedAt: true,
} as const;

function toDetail({ writeKeyPrefix, ...s }: Prisma.SourceGetPayload<{ select: typeof detailSelect }>): SourceDetail {
  return { ...s, kind: s.kind as SourceKind, maskedWriteKey: maskSecret(writeKeyPrefix) };
}

export async function getSourceDetail(id: string): Promise<SourceDetail | null> {
  const row = await db().source.findUnique({ where: { id }, select: detailSelect });
  return row ? toDetail(row) : null;
}

type Tx = Prisma.TransactionClient;

async function requireSource(id: string, client: Tx = db()) {
  const row = await client.source.findUnique({ where: { id }, select: detailSelect });
  if (!row) throw new SourceAdminError("not_found", "That source no longer exists; reload the page.");
  return row;
}

async function assertNameFree(name: string, exceptId?: string, client: Tx = db()): Promise<void> {
  const taken = await client.source.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) throw new SourceAdminError("name_taken", SOURCE_MESSAGES.nameTaken(name), "name");
}

export interface RevealedKey {
  id: string;
  name: string;
  kind: SourceKind;
  /** The full write key: shown once, never stored. */
  writeKey: string;
  maskedWriteKey: string;
}

const targetOf = (s: { id: string; name: string }): AuditTarget => ({ type: "source", id: s.id, label: s.name });

/** Runs a change to a source and its audit entry in one transaction. */
function audited<T>(actor: AuditActor, run: (tx: Tx, record: (entry: AuditRecord) => Promise<void>) => Promise<T>): Promise<T> {
  return db().$transaction((tx) => run(tx, (entry) => recordAudit(prismaSql(tx), actor, entry)));
}

export async function addSource(input: NewSourceInput, actor: AuditActor): Promise<RevealedKey> {
  await assertNameFree(input.name);
  return audited(actor, async (tx, record) => {
    const { id, writeKey } = await createSource(input, tx);
    const row = await requireSource(id, tx);
    const maskedWriteKey = maskSecret(row.writeKeyPrefix);
    await record({
      action: "source.created",
      target: targetOf(row),
      details: { kind: row.kind, allowedOrigins: row.allowedOrigins, rateLimitPerSec: row.rateLimitPerSec, maskedWriteKey },
    });
    return { id, name: row.name, kind: row.kind as SourceKind, writeKey, maskedWriteKey };
  });
}

type Record_ = (entry: AuditRecord) => Promise<void>;
type SourceRow = Prisma.SourceGetPayload<{ select: typeof detailSelect }>;

// The steps of a change, each inside the caller's transaction with its audit entry: the page's
// actions run one each, the Admin API's PATCH runs several in one transaction (all or nothing).

async function renameStep(tx: Tx, record: Record_, before: SourceRow, name: string): Promise<SourceRow> {
  await assertNameFree(name, before.id, tx);
  const after = await tx.source.update({ where: { id: before.id }, data: { name }, select: detailSelect });
  if (after.name !== before.name) await record({ action: "source.renamed", target: targetOf(after), details: { name: { from: before.name, to: after.name } } });
  return after;
}

async function enabledStep(tx: Tx, record: Record_, before: SourceRow, enabled: boolean): Promise<SourceRow> {
  if (!enabled && before.builtIn) {
    throw new SourceAdminError("not_allowed", SOURCE_MESSAGES.cannotDisableBuiltIn(before.name));
  }
  const after = await tx.source.update({ where: { id: before.id }, data: { enabled }, select: detailSelect });
  if (after.enabled !== before.enabled) await record({ action: enabled ? "source.enabled" : "source.disabled", target: targetOf(after) });
  return after;
}

async function webSettingsStep(
  tx: Tx,
  record: Record_,
  before: SourceRow,
  settings: { allowedOrigins: string[]; rateLimitPerSec: number | null },
): Promise<SourceRow> {
  if (before.kind !== "web") {
    throw new SourceAdminError("not_allowed", SOURCE_MESSAGES.webOnly);
  }
  const after = await tx.source.update({
    where: { id: before.id },
    data: { allowedOrigins: settings.allowedOrigins, rateLimitPerSec: settings.rateLimitPerSec },
    select: detailSelect,
  });
  const changed = changedFields(
    { allowedOrigins: before.allowedOrigins, rateLimitPerSec: before.rateLimitPerSec },
    { allowedOrigins: after.allowedOrigins, rateLimitPerSec: after.rateLimitPerSec },
  );
  if (Object.keys(changed).length) await record({ action: "source.web_settings_updated", target: targetOf(after), details: changed });
  return after;
}

export async function renameSource(id: string, name: string, actor: AuditActor): Promise<SourceDetail> {
  await assertNameFree(name, id);
  return audited(actor, async (tx, record) => toDetail(await renameStep(tx, record, await requireSource(id, tx), name)));
}

export async function setSourceEnabled(id: string, enabled: boolean, actor: AuditActor): Promise<SourceDetail> {
  return audited(actor, async (tx, record) => toDetail(await enabledStep(tx, record, await requireSource(id, tx), enabled)));
}

/** Replaces the write key; the old one stops working once the Tracking API's key cache expires (≤ 5 s). */
export async function rotateWriteKey(id: string, actor: AuditActor): Promise<RevealedKey> {
  const key = generateSecret("wk");
  return audited(actor, async (tx, record) => {
    const source = await requireSource(id, tx);
    await tx.source.update({ where: { id }, data: { writeKeyHash: key.hash, writeKeyPrefix: key.prefix } });
    // Only the masked forms admins see on the page, never either key.
    await record({ action: "source.key_rotated", target: targetOf(source), details: { maskedWriteKey: { from: maskSecret(source.writeKeyPrefix), to: maskSecret(key.prefix) } } });
    return { id, name: source.name, kind: source.kind as SourceKind, writeKey: key.value, maskedWriteKey: maskSecret(key.prefix) };
  });
}

export async function updateWebSettings(input: WebSettingsInput, actor: AuditActor): Promise<SourceDetail> {
  return audited(actor, async (tx, record) => toDetail(await webSettingsStep(tx, record, await requireSource(input.id, tx), input)));
}

/** What the Admin API's PATCH may change; an absent field is left as it is. */
export interface SourcePatch {
  name?: string;
  enabled?: boolean;
  allowedOrigins?: string[];
  /** null: no limit. */
  rateLimitPerSec?: number | null;
}

/**
 * Several changes to a source in one transaction, all or nothing, each audited as the page audits
 * it. The built-in CRM source is Tandem's own and is refused whole (`built_in`).
 */
export async function patchSource(id: string, patch: SourcePatch, actor: AuditActor): Promise<SourceDetail> {
  return audited(actor, async (tx, record) => {
    let row = await requireSource(id, tx);
    if (row.builtIn) {
      throw new SourceAdminError("built_in", SOURCE_MESSAGES.builtIn(row.name));
    }
    if (patch.name !== undefined) row = await renameStep(tx, record, row, patch.name);
    if (patch.allowedOrigins !== undefined || patch.rateLimitPerSec !== undefined) {
      row = await webSettingsStep(tx, record, row, {
        allowedOrigins: patch.allowedOrigins ?? row.allowedOrigins,
        rateLimitPerSec: patch.rateLimitPerSec === undefined ? row.rateLimitPerSec : patch.rateLimitPerSec,
      });
    }
    if (patch.enabled !== undefined) row = await enabledStep(tx, record, row, patch.enabled);
    return toDetail(row);
  });
}

/** Every source's detail, the built-in one last (the Admin API's list). */
export async function listSourceDetails(): Promise<SourceDetail[]> {
  const rows = await db().source.findMany({ select: detailSelect, orderBy: [{ builtIn: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toDetail);
}

export interface SourceTotals {
  accepted: number;
  rejected: number;
  accepted24h: number;
  rejected24h: number;
  lastEventAt: Date | null;
  lastRejectedAt: Date | null;
}

export async function sourceTotals(id: string, now = new Date()): Promise<SourceTotals> {
  const since = new Date(now.getTime() - DAY_MS);
  const [row] = await db().$queryRaw<SourceTotals[]>`
    SELECT
      (SELECT count(*) FROM events WHERE source_id = ${id})::int AS accepted,
      (SELECT count(*) FROM rejected_messages WHERE source_id = ${id})::int AS rejected,
      (SELECT count(*) FROM events WHERE source_id = ${id} AND received_at >= ${since}::timestamptz)::int AS "accepted24h",
      (SELECT count(*) FROM rejected_messages WHERE source_id = ${id} AND received_at >= ${since}::timestamptz)::int AS "rejected24h",
      (SELECT max(received_at) FROM events WHERE source_id = ${id}) AS "lastEventAt",
      (SELECT max(received_at) FROM rejected_messages WHERE source_id = ${id}) AS "lastRejectedAt"`;
  return row!;
}

/**
 * Accepted events (by received_at), rejected messages and suppressed (dropped) messages per bucket of the window, every bucket
 * present: generate_series makes the buckets, date_bin puts each row in one, empty buckets are 0.
 */
export async function sourceVolume(id: string, w: VolumeWindow): Promise<VolumePoint[]> {
  const step = w.stepSeconds;
  const rows = await db().$queryRaw<{ start: Date; accepted: number; rejected: number; suppressed: number }[]>`
    WITH buckets AS (
      SELECT generate_series(${w.start}::timestamptz, ${w.end}::timestamptz - ${step}::int * interval '1 second', ${step}::int * interval '1 second') AS start
    ),
    accepted AS (
      SELECT date_bin(${step}::int * interval '1 second', received_at, timestamptz '1970-01-01 00:00:00+00') AS start, count(*)::int AS n
      FROM events
      WHERE source_id = ${id} AND received_at >= ${w.start}::timestamptz AND received_at < ${w.end}::timestamptz
      GROUP BY 1
    ),
    rejected AS (
      SELECT date_bin(${step}::int * interval '1 second', received_at, timestamptz '1970-01-01 00:00:00+00') AS start, count(*)::int AS n
      FROM rejected_messages
      WHERE source_id = ${id} AND received_at >= ${w.start}::timestamptz AND received_at < ${w.end}::timestamptz
      GROUP BY 1
    ),
    suppressed AS (
      -- Counted per hour (lib/data/events.ts countSuppressed); every bucket is whole hours.
      SELECT date_bin(${step}::int * interval '1 second', hour, timestamptz '1970-01-01 00:00:00+00') AS start, sum(count)::int AS n
      FROM suppressed_message_counts
      WHERE source_id = ${id} AND hour >= ${w.start}::timestamptz AND hour < ${w.end}::timestamptz
      GROUP BY 1
    )
    SELECT b.start, coalesce(a.n, 0)::int AS accepted, coalesce(r.n, 0)::int AS rejected, coalesce(s.n, 0)::int AS suppressed
    FROM buckets b
    LEFT JOIN accepted a ON a.start = b.start
    LEFT JOIN rejected r ON r.start = b.start
    LEFT JOIN suppressed s ON s.start = b.start
    ORDER BY b.start`;
  return rows.map((r) => ({ start: r.start.toISOString(), accepted: r.accepted, rejected: r.rejected, suppressed: r.suppressed }));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function likePattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

interface EventRow {
  seq: bigint;
  message_id: string;
  type: string;
  event: string | null;
  name: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  group_id: string | null;
  previous_id: string | null;
  properties: unknown;
  traits: unknown;
  context: unknown;
  integrations: unknown;
  channel: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  referrer: string | null;
  page_url: string | null;
  click_ids: unknown;
  profile_id: string | null;
  timestamp: Date;
  original_timestamp: Date | null;
  sent_at: Date | null;
  received_at: Date;
}

interface RejectedRow {
  seq: bigint;
  type: string | null;
  message_id: string | null;
  message_index: number | null;
  code: string;
  reason: string;
  payload: unknown;
  received_at: Date;
}

interface QuarantinedRow {
  seq: bigint;
  type: string;
  message_id: string;
  user_id: string | null;
  anonymous_id: string | null;
  violations: unknown;
  event: unknown;
  raw: unknown;
  received_at: Date;
}

function toAccepted(r: EventRow): AcceptedMessage {
  const raw: Record<string, unknown> = {
    type: r.type,
    messageId: r.message_id,
    ...(r.event !== null ? { event: r.event } : {}),
    ...(r.name !== null ? { name: r.name } : {}),
    userId: r.user_id,
    anonymousId: r.anonymous_id,
    ...(r.group_id !== null ? { groupId: r.group_id } : {}),
    ...(r.previous_id !== null ? { previousId: r.previous_id } : {}),
    properties: r.properties,
    traits: r.traits,
    context: r.context,
    integrations: r.integrations,
    timestamp: iso(r.timestamp),
    originalTimestamp: iso(r.original_timestamp),
    sentAt: iso(r.sent_at),
    receivedAt: iso(r.received_at),
    tandem: {
      seq: String(r.seq),
      channel: r.channel,
      utm: { source: r.utm_source, medium: r.utm_medium, campaign: r.utm_campaign, term: r.utm_term, content: r.utm_content },
      referrer: r.referrer,
      pageUrl: r.page_url,
      clickIds: r.click_ids,
      profileId: r.profile_id,
    },
  };
  return {
    kind: "accepted",
    key: `e${r.seq}`,
    seq: String(r.seq),
    type: r.type,
    event: r.event,
    name: r.name,
    userId: r.user_id,
    anonymousId: r.anonymous_id,
    messageId: r.message_id,
    channel: r.channel,
    timestamp: r.timestamp.toISOString(),
    receivedAt: r.received_at.toISOString(),
    raw,
  };
}

function eventNameOf(payload: unknown): string | null {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return null;
  const p = payload as Record<string, unknown>;
  const v = typeof p.event === "string" ? p.event : typeof p.name === "string" ? p.name : null;
  return v;
}

function toRejected(r: RejectedRow): RejectedMessage {
  return {
    kind: "rejected",
    key: `r${r.seq}`,
    seq: String(r.seq),
    type: r.type,
    event: eventNameOf(r.payload),
    messageId: r.message_id,
    messageIndex: r.message_index,
    code: r.code,
    reason: r.reason,
    receivedAt: r.received_at.toISOString(),
    payload: r.payload,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function toQuarantined(r: QuarantinedRow): QuarantinedMessage {
  const normalized = isRecord(r.event) ? r.event : {};
  const violations: PlanViolation[] = Array.isArray(r.violations)
    ? r.violations.filter(isRecord).map((v) => ({ kind: String(v.kind ?? ""), path: String(v.path ?? ""), detail: String(v.detail ?? "") }))
    : [];
  return {
    kind: "quarantined",
    key: `q${r.seq}`,
    seq: String(r.seq),
    type: r.type,
    event: eventNameOf(normalized),
    messageId: r.message_id,
    userId: r.user_id,
    anonymousId: r.anonymous_id,
    violations,
    receivedAt: r.received_at.toISOString(),
    payload: r.raw,
    normalized,
  };
}

/**
 * The debugger's poll: messages of one source received after the cursor — accepted events, rejected
 * messages and messages its tracking plan quarantined — newest first, at most 100, with the cursor for
 * the next poll, or null when there is no such source.
 *
 * The cursor is a transaction horizon, not a seq. A row's seq is drawn when it is inserted, and on a
 * PostgreSQL server concurrent ingest transactions commit out of seq order, so "seq above the last one
 * returned" would skip for ever a row that commits after a higher seq was returned. Each row instead
 * records the transaction that wrote it (txid). The poll first reads H, the oldest transaction still
 * running (the snapshot's xmin): every transaction below H has committed or rolled back, so the rows
 * with txid < H are final and all visible to the queries that follow. A poll returns the rows with
 * previous H ≤ txid < H and hands on H; rows of transactions still running wait for a later poll. The
 * first poll returns the newest rows below H, and rows from before txid existed (NULL). The ranges
 * never overlap, so no row is sent twice; an index on (source_id, txid) makes a poll a range scan of
 * what is new. The price: a long-running writing transaction anywhere on the server holds H back, and
 * the debugger shows nothing newer until it ends. (The embedded database runs one transaction at a
 * time, so there H is simply the next transaction.)
 */
export async function listSourceMessages(id: string, query: MessagesQuery): Promise<MessagesPage | null> {
  const after = parseCursor(query.after);
  const [head] = await db().$queryRaw<{ found: boolean; horizon: string }[]>`
    SELECT EXISTS (SELECT 1 FROM sources WHERE id = ${id}) AS found, pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`;
  if (!head?.found) return null;
  const now = BigInt(head.horizon);
  const horizon = after !== null && after > now ? after : now;
  const cursor = encodeCursor(horizon);
  if (after !== null && horizon === after) return { cursor, messages: [], truncated: false };
  const below = Prisma.sql`txid < ${String(horizon)}::xid8`;
  const final = after === null ? Prisma.sql`(${below} OR txid IS NULL)` : Prisma.sql`txid >= ${String(after)}::xid8 AND ${below}`;
  const limit = MAX_MESSAGES_PER_POLL + 1;
  const pattern = query.event ? likePattern(query.event) : null;

  const wants = (kind: Exclude<MessageStatus, "all">) => query.status === "all" || query.status === kind;

  const events =
    !wants("accepted")
      ? []
      : await db().$queryRaw<EventRow[]>`
          SELECT seq, message_id, type::text AS type, event, name, user_id, anonymous_id, group_id, previous_id,
            properties, traits, context, integrations, channel, utm_source, utm_medium, utm_campaign, utm_term,
            utm_content, referrer, page_url, click_ids, profile_id, timestamp, original_timestamp, sent_at, received_at
          FROM events
          WHERE source_id = ${id} AND ${final}
            ${query.type ? Prisma.sql`AND type = ${query.type}::"EventType"` : Prisma.empty}
            ${pattern ? Prisma.sql`AND (event ILIKE ${pattern} OR name ILIKE ${pattern})` : Prisma.empty}
          ORDER BY received_at DESC, seq DESC
          LIMIT ${limit}`;

  const rejected =
    !wants("rejected")
      ? []
      : await db().$queryRaw<RejectedRow[]>`
          SELECT seq, type, message_id, message_index, code, reason, payload, received_at
          FROM rejected_messages
          WHERE source_id = ${id} AND ${final}
            ${query.type ? Prisma.sql`AND type = ${query.type}` : Prisma.empty}
            ${pattern ? Prisma.sql`AND (payload->>'event' ILIKE ${pattern} OR payload->>'name' ILIKE ${pattern})` : Prisma.empty}
          ORDER BY received_at DESC, seq DESC
          LIMIT ${limit}`;

  // Messages the source's tracking plan blocked: the event name filter reads the normalised event they hold.
  const quarantined =
    !wants("quarantined")
      ? []
      : await db().$queryRaw<QuarantinedRow[]>`
          SELECT seq, type, message_id, user_id, anonymous_id, violations, event, raw, received_at
          FROM quarantined_messages
          WHERE source_id = ${id} AND ${final}
            ${query.type ? Prisma.sql`AND type = ${query.type}` : Prisma.empty}
            ${pattern ? Prisma.sql`AND (event->>'event' ILIKE ${pattern} OR event->>'name' ILIKE ${pattern})` : Prisma.empty}
          ORDER BY received_at DESC, seq DESC
          LIMIT ${limit}`;

  const accepted = events.map(toAccepted);
  if (accepted.length) {
    // Tracking-plan violations recorded with these messages (flagged ones): one query per poll.
    const flagged = await db().$queryRaw<{ message_id: string; kind: string; path: string; detail: string }[]>`
      SELECT message_id, kind, path, detail FROM plan_violations
      WHERE source_id = ${id} AND message_id = ANY(${accepted.map((a) => a.messageId)}::text[]) AND action = 'flag'
      ORDER BY seq`;
    const byId = new Map<string, { kind: string; path: string; detail: string }[]>();
    for (const v of flagged) byId.set(v.message_id, [...(byId.get(v.message_id) ?? []), { kind: v.kind, path: v.path, detail: v.detail }]);
    for (const a of accepted) {
      const v = byId.get(a.messageId);
      if (v) a.violations = v;
    }
  }
  const merged = mergeNewestFirst(accepted, rejected.map(toRejected), MAX_MESSAGES_PER_POLL, quarantined.map(toQuarantined));
  return { cursor, messages: merged.messages, truncated: merged.truncated };
}
