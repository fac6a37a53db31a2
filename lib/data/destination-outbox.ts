// The destinations' durable outbox (README, "Destinations: delivery"). Two steps, both callable one at
// a time with an injected clock (tests) and run in a loop by the dispatcher process (lib/destinations/
// dispatcher.ts):
//
// The dispatcher's statements (dispatching, claiming, bodies, recording) go through the plain pg pool
// (lib/db/pool.ts): with Prisma's engine in the dispatch step it spent ~15 % more CPU per event.
//
// dispatchOnce(now) — per enabled destination, in ONE short transaction: read H, the transaction
//   horizon (pg_snapshot_xmin of the current snapshot: every transaction below it has ended, and every
//   row not yet visible has txid ≥ H); lock the destination row; read the events matching its filter
//   with (txid, seq) past its cursor and txid < H, in (txid, seq) order, a bounded page; insert them as
//   deliveries (batches of seqs); move the cursor to the last row read — or, when the page was not
//   full, to (H', 0) where H' is the scan's upper bound: nothing below it is left. Rows that commit
//   later have txid ≥ H, so they are still ahead of the cursor: no event is skipped, whatever order
//   transactions commit in. The insert and the cursor move commit together: none is dispatched twice.
//
// sendDue(now) — per enabled destination, claim due deliveries with FOR UPDATE SKIP LOCKED up to its
//   concurrency (counting leases still held), lease them (locked_until), build the batch from the
//   events, POST it signed, and record the outcome: 2xx → succeeded (never sent again); otherwise a
//   retry after backoff, or dead after 24 h. A crash leaves a lease that expires and is claimed again.
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../db/prisma";
import { pool } from "../db/pool";
import { inTransaction, pgSql, prismaSql, type Sql } from "./sql";
import { batches } from "../destinations/filter";
import { eventsBody, WIRE_FIELDS, type WireField } from "../destinations/wire";
import { nextAttempt } from "../destinations/backoff";
import { signatureHeader, SIGNATURE_HEADER } from "../destinations/signature";
import type { WebhookResult, WebhookSender } from "../destinations/http-send";
import { openHeaders, signingSecrets } from "./destinations";
import { changesBySeq, PROFILE_DESTINATION_KIND } from "./profile-changes";
import { LIVE_PROFILE_ID_SQL } from "./raw-export";

/** Events read per dispatch transaction. */
export const DISPATCH_PAGE = 2000;
/** The most transaction ids one dispatch scans past the cursor (bounds each scan's sort). */
export const TXID_WINDOW = 50_000n;
/** How long a claimed delivery is leased: longer than the send timeout. */
export const LEASE_MS = 30_000;

interface DestinationCursor {
  id: string;
  kind: string;
  filter_sources: string[];
  filter_types: string[];
  filter_names: string[];
  batch_size: number;
  cursor_txid: string;
  cursor_seq: string;
  backfill_from: Date | null;
  backfill_until_txid: string | null;
  backfill_after_seq: string | null;
}

export interface DispatchReport {
  events: number;
  deliveries: number;
}

function filterSql(first: number): string {
  return `AND ($${first}::text[] = '{}' OR e.type::text = ANY($${first}::text[]))
          AND ($${first + 1}::text[] = '{}' OR coalesce(e.event, e.name) = ANY($${first + 1}::text[]))`;
}

async function insertDeliveries(sql: Sql, destinationId: string, seqs: string[], size: number, backfill: boolean, now: Date): Promise<number> {
  const groups = batches(seqs, size);
  if (!groups.length) return 0;
  await sql.query(
    `INSERT INTO deliveries (destination_id, event_seqs, event_count, backfill, next_attempt_at, created_at)
     SELECT $1, ARRAY(SELECT jsonb_array_elements_text(b)::bigint), jsonb_array_length(b), $3, $4, $4
     FROM jsonb_array_elements($2::jsonb) AS b`,
    [destinationId, JSON.stringify(groups), backfill, now],
  );
  return groups.length;
}

/** The sources an events destination reads: its filter's, or every source. */
async function sourcesOf(sql: Sql, d: DestinationCursor): Promise<string[]> {
  return d.filter_sources.length ? d.filter_sources : (await sql.query<{ id: string }>(`SELECT id FROM sources`)).map((s) => s.id);
}

/** One page of one destination's live feed (events, or profile changes); returns whether more may be waiting. */
async function dispatchPage(id: string, now: Date, pageSize: number, report: DispatchReport): Promise<boolean> {
  return inTransaction(pool(), async (sql) => {
    // The horizon first, before this transaction takes an id of its own (the row lock below).
    const [{ h }] = (await sql.query<{ h: string }>(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS h`)) as [{ h: string }];
    const [d] = await sql.query<DestinationCursor>(
      `SELECT id, kind, filter_sources, filter_types, filter_names, batch_size, cursor_txid::text, cursor_seq::text
       FROM destinations WHERE id = $1 AND enabled FOR UPDATE SKIP LOCKED`,
      [id],
    );
    if (!d) return false;
    const horizon = BigInt(h);
    const from = BigInt(d.cursor_txid);
    if (from >= horizon) return false;
    const upper = horizon < from + TXID_WINDOW ? horizon : from + TXID_WINDOW;
    const rows =
      d.kind === PROFILE_DESTINATION_KIND
        ? // The profile-change feed: the same cursor over its own (txid, seq); the type filter is the change kinds.
          await sql.query<{ seq: string; txid: string }>(
            `SELECT c.seq::text, c.txid::text FROM profile_changes c
             WHERE c.txid >= $1::text::xid8 AND c.txid < $2::text::xid8 AND (c.txid > $1::text::xid8 OR c.seq > $3::bigint)
               AND ($4::text[] = '{}' OR c.kind = ANY($4::text[]))
             ORDER BY c.txid, c.seq LIMIT $5`,
            [String(from), String(upper), d.cursor_seq, d.filter_types, pageSize],
          )
        : await sql.query<{ seq: string; txid: string }>(
            `SELECT e.seq::text, e.txid::text FROM events e
             WHERE e.source_id = ANY($1::text[]) AND e.txid >= $2::text::xid8 AND e.txid < $3::text::xid8
               AND (e.txid > $2::text::xid8 OR e.seq > $4::bigint)
               ${filterSql(5)}
             ORDER BY e.txid, e.seq LIMIT $7`,
            [await sourcesOf(sql, d), String(from), String(upper), d.cursor_seq, d.filter_types, d.filter_names, pageSize],
          );
    const full = rows.length === pageSize;
    const last = rows[rows.length - 1];
    const [cursorTxid, cursorSeq] = full && last ? [last.txid, last.seq] : [String(upper), "0"];
    report.deliveries += await insertDeliveries(sql, id, rows.map((r) => r.seq), d.batch_size, false, now);
    report.events += rows.length;
    await sql.query(`UPDATE destinations SET cursor_txid = $2::bigint, cursor_seq = $3::bigint WHERE id = $1`, [id, cursorTxid, cursorSeq]);
    return full || upper < horizon;
  });
}

/** One page of a running backfill: events received since backfill_from that precede the cursor's start. */
async function backfillPage(id: string, now: Date, pageSize: number, report: DispatchReport): Promise<boolean> {
  return inTransaction(pool(), async (sql) => {
    const [d] = await sql.query<DestinationCursor>(
      `SELECT id, filter_sources, filter_types, filter_names, batch_size, backfill_from, backfill_until_txid::text, backfill_after_seq::text
       FROM destinations WHERE id = $1 AND enabled AND backfill_after_seq IS NOT NULL FOR UPDATE SKIP LOCKED`,
      [id],
    );
    if (!d || !d.backfill_from) return false;
    const sources = await sourcesOf(sql, d);
    // Every row below the cursor's starting point is final, so seq order is safe here.
    const rows = await sql.query<{ seq: string }>(
      `SELECT e.seq::text FROM events e
       WHERE e.source_id = ANY($1::text[]) AND e.received_at >= $2 AND (e.txid < $3::text::xid8 OR e.txid IS NULL) AND e.seq > $4::bigint
         ${filterSql(5)}
       ORDER BY e.seq LIMIT $7`,
      [sources, d.backfill_from, d.backfill_until_txid ?? "0", d.backfill_after_seq, d.filter_types, d.filter_names, pageSize],
    );
    const full = rows.length === pageSize;
    report.deliveries += await insertDeliveries(sql, id, rows.map((r) => r.seq), d.batch_size, true, now);
    report.events += rows.length;
    await sql.query(`UPDATE destinations SET backfill_after_seq = $2::bigint WHERE id = $1`, [id, full ? rows[rows.length - 1]!.seq : null]);
    return full;
  });
}

/** Moves every enabled destination's cursor as far as the horizon allows (at most maxPages pages each). */
export async function dispatchOnce(now: Date, opts: { pageSize?: number; maxPages?: number } = {}): Promise<DispatchReport> {
  const pageSize = opts.pageSize ?? DISPATCH_PAGE;
  const maxPages = opts.maxPages ?? 10;
  const report: DispatchReport = { events: 0, deliveries: 0 };
  const { rows: ids } = await pool().query<{ id: string; backfill: boolean }>(
    `SELECT id, backfill_after_seq IS NOT NULL AS backfill FROM destinations WHERE enabled ORDER BY created_at`,
  );
  for (const { id, backfill } of ids) {
    for (let i = 0; i < maxPages && (await dispatchPage(id, now, pageSize, report)); i++);
    if (backfill) for (let i = 0; i < maxPages && (await backfillPage(id, now, pageSize, report)); i++);
  }
  return report;
}

// ───────────────────────────── sending ─────────────────────────────

export interface SendDeps {
  send: WebhookSender;
  allowPrivate: boolean;
  /** In [0, 1): the backoff's jitter. */
  random?: () => number;
  timeoutMs?: number;
  leaseMs?: number;
  /** When an attempt ended (the dispatcher's wall clock); tests leave it out: the step's `now`. */
  clock?: () => Date;
}

export interface Claimed {
  id: string;
  lease_id: string;
  attempts: number;
  event_seqs: string[];
  retry_from: Date | null;
}

export interface SendTarget {
  id: string;
  kind: string;
  url: string;
  max_concurrency: number;
  headers_ciphertext: string | null;
  secret_ciphertext: string;
  previous_secret_ciphertext: string | null;
  previous_secret_expires_at: Date | null;
}

/** Leases up to `limit` due deliveries of one destination (its concurrency minus the leases it holds). */
export async function claimDue(destinationId: string, maxConcurrency: number, now: Date, leaseMs = LEASE_MS): Promise<Claimed[]> {
  const lease = randomUUID();
  const { rows } = await pool().query<Claimed>(
    `WITH held AS (
       SELECT count(*)::int AS n FROM deliveries WHERE destination_id = $1 AND status = 'pending' AND locked_until > $2),
     due AS (
       SELECT id FROM deliveries
       WHERE destination_id = $1 AND status = 'pending' AND next_attempt_at <= $2 AND (locked_until IS NULL OR locked_until <= $2)
       ORDER BY next_attempt_at, id
       LIMIT greatest(0, $3 - (SELECT n FROM held))
       FOR UPDATE SKIP LOCKED)
     UPDATE deliveries x SET locked_until = $4, lease_id = $5, attempts = x.attempts + 1, retry_from = coalesce(x.retry_from, $2)
     FROM due WHERE x.id = due.id
     RETURNING x.id::text, x.lease_id, x.attempts, x.event_seqs::text[] AS event_seqs, x.retry_from`,
    [destinationId, now, maxConcurrency, new Date(now.getTime() + leaseMs), lease],
  );
  return rows;
}

/**
 * The SQL of each field of an event on the wire, as text (the raw export's fields): strings as they
 * are, jsonb as its text, timestamps JSON-encoded by PostgreSQL (the same text row_to_json gave).
 * Selected in lib/destinations/wire.ts WIRE_FIELDS order; the live profile as the export finds it.
 */
const WIRE_SQL: Record<WireField, string> = {
  messageId: "e.message_id",
  type: "e.type::text",
  event: "e.event",
  name: "e.name",
  userId: "e.user_id",
  anonymousId: "e.anonymous_id",
  groupId: "e.group_id",
  previousId: "e.previous_id",
  profileId: LIVE_PROFILE_ID_SQL,
  sourceId: "e.source_id",
  timestamp: "to_json(e.timestamp)::text",
  originalTimestamp: "to_json(e.original_timestamp)::text",
  sentAt: "to_json(e.sent_at)::text",
  receivedAt: "to_json(e.received_at)::text",
  channel: "e.channel::text",
  utmSource: "e.utm_source",
  utmMedium: "e.utm_medium",
  utmCampaign: "e.utm_campaign",
  utmTerm: "e.utm_term",
  utmContent: "e.utm_content",
  referrer: "e.referrer",
  referringDomain: "e.referring_domain",
  pageUrl: "e.page_url",
  pagePath: "e.page_path",
  clickIds: "e.click_ids::text",
  properties: "e.properties::text",
  traits: "e.traits::text",
  context: "e.context::text",
  integrations: "e.integrations::text",
};
const WIRE_COLUMNS = WIRE_FIELDS.map((f) => WIRE_SQL[f.name]).join(", ");

/**
 * The request body of a delivery, as UTF-8 bytes: its events as stored now (a deleted event is simply
 * gone), in (txid, seq) order. PostgreSQL sends the columns as text and lib/destinations/wire.ts
 * joins them (building the JSON in PostgreSQL cost it ~4 ms per 100 events, beside ingest); read
 * through the plain pg pool as arrays — the sender's hot path. Encoded once here, then hashed and
 * written as bytes.
 */
export async function batchBody(seqs: readonly string[]): Promise<{ body: Buffer; count: number }> {
  const { rows } = await pool().query<(string | null)[]>({
    text: `SELECT ${WIRE_COLUMNS} FROM events e WHERE e.seq = ANY($1::bigint[]) ORDER BY e.txid, e.seq`,
    values: [seqs],
    rowMode: "array",
  });
  return { body: Buffer.from(eventsBody(rows), "utf8"), count: rows.length };
}

/** The request body of a profile-change delivery: `{"batch":[change,…]}` (lib/destinations/profile-changes.ts). */
export async function changesBody(seqs: readonly string[]): Promise<{ body: Buffer; count: number }> {
  const changes = await changesBySeq(pgSql(pool()), seqs);
  return { body: Buffer.from(JSON.stringify({ batch: changes }), "utf8"), count: changes.length };
}

/**
 * Records an attempt in one statement (atomic without a transaction; the plain pool: the sender's hot
 * path). A 2xx settles the delivery whoever holds the lease now; a failure only counts while this
 * sender's lease holds (after it expired, another sender owns the delivery).
 */
async function record(c: Claimed, result: WebhookResult, now: Date, random: () => number): Promise<void> {
  const retryAt = result.ok ? null : nextAttempt(c.attempts, c.retry_from ?? now, now, random());
  await pool().query(
    `WITH u AS (
       UPDATE deliveries SET
         status = CASE WHEN $3 THEN 'succeeded' WHEN $4::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
         delivered_at = CASE WHEN $3 THEN $5::timestamptz ELSE delivered_at END,
         next_attempt_at = coalesce($4::timestamptz, next_attempt_at),
         locked_until = NULL, lease_id = NULL,
         last_attempt_at = $5, last_status_code = $6, last_latency_ms = $7, last_error = $8, response_excerpt = $9
       WHERE id = $1::bigint AND status = 'pending' AND ($3 OR lease_id = $2)
       RETURNING id, destination_id)
     INSERT INTO delivery_attempts (delivery_id, destination_id, at, ok, status_code, latency_ms, error, response_excerpt)
     SELECT u.id, u.destination_id, $5, $3, $6, $7, $8, $9 FROM u`,
    [c.id, c.lease_id, result.ok, retryAt, now, result.statusCode, result.latencyMs, result.error, result.excerpt],
  );
}

/** Sends one claimed delivery and records the outcome; never throws. */
export async function sendClaimed(target: SendTarget, c: Claimed, now: Date, deps: SendDeps): Promise<WebhookResult> {
  const random = deps.random ?? Math.random;
  let result: WebhookResult;
  try {
    const { body, count } = target.kind === PROFILE_DESTINATION_KIND ? await changesBody(c.event_seqs) : await batchBody(c.event_seqs);
    if (count === 0) {
      // Every event (or change) of the batch was deleted since it was queued: nothing left to send.
      result = { ok: true, statusCode: null, latencyMs: 0, error: null, excerpt: "(no events left to send: they were deleted)" };
    } else {
      const headers = { ...openHeaders(target.headers_ciphertext), [SIGNATURE_HEADER]: signatureHeader(signingSecrets(target, now), now, body) };
      result = await deps.send({ url: target.url, headers, body, allowPrivate: deps.allowPrivate, timeoutMs: deps.timeoutMs });
    }
  } catch (err) {
    result = { ok: false, statusCode: null, latencyMs: 0, error: (err as Error).message, excerpt: null };
  }
  await record(c, result, deps.clock ? deps.clock() : now, random);
  return result;
}

/** Claims and sends one destination's due deliveries; resolves when they are all recorded. */
export async function sendDestination(target: SendTarget, now: Date, deps: SendDeps, slots = target.max_concurrency): Promise<WebhookResult[]> {
  const claimed = await claimDue(target.id, Math.min(slots, target.max_concurrency), now, deps.leaseMs);
  return Promise.all(claimed.map((c) => sendClaimed(target, c, now, deps)));
}

export async function sendTargets(): Promise<SendTarget[]> {
  const { rows } = await pool().query<SendTarget>(
    `SELECT id, kind, url, max_concurrency, headers_ciphertext, secret_ciphertext, previous_secret_ciphertext, previous_secret_expires_at
     FROM destinations WHERE enabled ORDER BY created_at`,
  );
  return rows;
}

/**
 * Starts every enabled destination's due sends at once and hands back one promise per destination, so
 * a caller (a test) can see a healthy destination finish while another hangs.
 */
export async function startDue(now: Date, deps: SendDeps): Promise<Map<string, Promise<WebhookResult[]>>> {
  const out = new Map<string, Promise<WebhookResult[]>>();
  for (const t of await sendTargets()) out.set(t.id, sendDestination(t, now, deps));
  return out;
}

/** startDue, then waits for all of it: how many attempts were made and how many succeeded. */
export async function sendDue(now: Date, deps: SendDeps): Promise<{ attempts: number; succeeded: number }> {
  const all = (await Promise.all([...(await startDue(now, deps)).values()])).flat();
  return { attempts: all.length, succeeded: all.filter((r) => r.ok).length };
}

// ───────────────────────────── deletion ─────────────────────────────

export interface OutboxErasure {
  /** Deliveries that held the person's events and held nothing else (removed with their attempts). */
  deliveriesDeleted: number;
  /** Deliveries that also held other events: the person's seqs were taken out and excerpts cleared. */
  deliveriesTrimmed: number;
}

/**
 * Removes a person's events from every destination's outbox and delivery log: their seqs leave the
 * deliveries that hold them (a delivery holding nothing else is deleted with its attempts), and the
 * response excerpts of those deliveries and their attempts are cleared (an endpoint may echo what it
 * was sent). Call it BEFORE deleting the events (it finds their seqs through them), inside or outside
 * the deletion's transaction (pass its Sql).
 */
export async function eraseFromOutbox(who: { messageIds?: readonly string[]; profileIds?: readonly string[] }, sql = prismaSql(db())): Promise<OutboxErasure> {
  return eraseSeqs(
    sql,
    "webhook",
    `SELECT array_agg(seq) AS seqs FROM events WHERE message_id = ANY($1::text[]) OR profile_id = ANY($2::text[])
       OR profile_id IN (SELECT id FROM profiles WHERE merged_into_id = ANY($2::text[]))`,
    [who.messageIds ?? [], who.profileIds ?? []],
  );
}

/**
 * Takes the seqs `seqsSql` selects (one row, one array column `seqs`, with `params`) out of
 * the deliveries of destinations of `kind` — events or profile changes: the two feeds' seqs are
 * different sequences — deleting a delivery left empty with its attempts, and clears the response
 * excerpts and errors of the ones trimmed.
 */
export async function eraseSeqs(sql: Sql, kind: "webhook" | "profile_webhook", seqsSql: string, params: unknown[]): Promise<OutboxErasure> {
  const rows = await sql.query<{ deleted: number; trimmed: number }>(
    `WITH s AS (${seqsSql}
     ), hit AS (
       SELECT x.id, ARRAY(SELECT v FROM unnest(x.event_seqs) v WHERE v <> ALL(s.seqs)) AS rest
       FROM deliveries x JOIN destinations d ON d.id = x.destination_id AND d.kind = $${params.length + 1}, s
       WHERE s.seqs IS NOT NULL AND x.event_seqs && s.seqs
     ), scrub AS (
       UPDATE delivery_attempts a SET response_excerpt = NULL, error = NULL FROM hit WHERE a.delivery_id = hit.id AND cardinality(hit.rest) > 0 RETURNING 1
     ), gone AS (
       DELETE FROM deliveries x USING hit WHERE x.id = hit.id AND cardinality(hit.rest) = 0 RETURNING 1
     ), trimmed AS (
       UPDATE deliveries x SET event_seqs = hit.rest, event_count = cardinality(hit.rest), response_excerpt = NULL, last_error = NULL
       FROM hit WHERE x.id = hit.id AND cardinality(hit.rest) > 0 RETURNING 1
     )
     SELECT (SELECT count(*)::int FROM gone) AS deleted, (SELECT count(*)::int FROM trimmed) AS trimmed, (SELECT count(*) FROM scrub) AS scrubbed`,
    [...params, kind],
  );
  return { deliveriesDeleted: rows[0]?.deleted ?? 0, deliveriesTrimmed: rows[0]?.trimmed ?? 0 };
}
