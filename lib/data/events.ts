// Writing raw events: one transaction per group of requests. Identity resolution runs in it (see
// identity-store.ts), then accepted events (with their profile) and rejected messages go in with one
// set-based statement: a 200 is only sent after the events, their profiles and the rejections are durable.
// The event catalog (event-catalog.ts) is brought up to date in the same transaction.
import { pool } from "../db/pool";
import type { NormalizedEvent } from "../ingest/normalize";
import { recordCatalog } from "./event-catalog";
import { IdentityLockRetry, isDeadlock, isLockTableFull, lockingFor, SERIAL, type IdentityLocking } from "./identity-locks";
import { ConcurrentDuplicate, resolveAndStore, type IngestMessage } from "./identity-store";
import { inTransaction, type Sql } from "./sql";
import { payloadSuppressed } from "./suppression-sql";
import { countAndPrune, PLAN_CTES, quarantineParam, violationParam, type QuarantineRow, type ViolationRow } from "./plan-store";

export interface RejectedRow {
  messageIndex: number | null;
  type: string | null;
  messageId: string | null;
  code: string;
  reason: string;
  payload: unknown;
}

export interface StoreRequest {
  sourceId: string;
  receivedAt: Date;
  events: NormalizedEvent[];
  rejected: RejectedRow[];
  /** Tracking-plan violations of flagged and blocked messages (plan-store.ts). */
  violations?: ViolationRow[];
  /** Messages a tracking plan blocked: quarantined, not stored as events. */
  quarantined?: QuarantineRow[];
}

/** Rows the store statement writes beside events: rejected messages, plan violations, quarantined messages. */
export interface SideRows {
  rejected: unknown[];
  violations?: unknown[];
  quarantined?: unknown[];
}

export interface StoreResult {
  /** Messages newly stored (the rest of the accepted ones were duplicates or suppressed). */
  inserted: number;
  /** Messages dropped unstored because they carry a suppressed identifier (lib/data/privacy.ts). */
  suppressed: number;
}

const STORE_SQL = `
  WITH ins AS (
    INSERT INTO events (source_id, message_id, type, event, name, user_id, anonymous_id, group_id, previous_id,
      properties, traits, context, integrations, channel, utm_source, utm_medium, utm_campaign, utm_term,
      utm_content, referrer, referring_domain, page_url, page_path, click_ids, timestamp, original_timestamp,
      sent_at, received_at, profile_id)
    SELECT r.source_id, r.message_id, r.type::"EventType", r.event, r.name, r.user_id, r.anonymous_id, r.group_id,
      r.previous_id, r.properties, r.traits, r.context, r.integrations, r.channel, r.utm_source, r.utm_medium,
      r.utm_campaign, r.utm_term, r.utm_content, r.referrer, r.referring_domain, r.page_url, r.page_path,
      r.click_ids, r.timestamp, r.original_timestamp, r.sent_at, r.received_at, r.profile_id
    FROM jsonb_to_recordset($1::jsonb) AS r(source_id text, message_id text, type text, event text, name text,
      user_id text, anonymous_id text, group_id text, previous_id text, properties jsonb, traits jsonb,
      context jsonb, integrations jsonb, channel text, utm_source text, utm_medium text, utm_campaign text,
      utm_term text, utm_content text, referrer text, referring_domain text, page_url text, page_path text,
      click_ids jsonb, timestamp timestamptz, original_timestamp timestamptz, sent_at timestamptz,
      received_at timestamptz, profile_id text)
    ON CONFLICT (source_id, message_id) DO NOTHING
    RETURNING source_id, message_id
  ),
  rej AS (
    INSERT INTO rejected_messages (source_id, received_at, message_index, type, message_id, code, reason, payload)
    -- A refused message of a deleted or suppressed person keeps no payload (lib/data/privacy.ts).
    SELECT r.source_id, r.received_at, r.message_index, r.type, r.message_id, r.code, r.reason,
      CASE WHEN ${payloadSuppressed("r.payload")} THEN '{"suppressed": true}'::jsonb ELSE r.payload END
    FROM jsonb_to_recordset($2::jsonb) AS r(source_id text, received_at timestamptz, message_index int,
      type text, message_id text, code text, reason text, payload jsonb)
    RETURNING 1
  ),${PLAN_CTES}
  SELECT source_id, message_id, false AS quarantined FROM ins
  UNION ALL SELECT source_id, message_id, true FROM qua`;

export const eventRow = (sourceId: string, e: NormalizedEvent, profileId: string | null) => ({
  source_id: sourceId,
  message_id: e.messageId,
  type: e.type,
  event: e.event,
  name: e.name,
  user_id: e.userId,
  anonymous_id: e.anonymousId,
  group_id: e.groupId,
  previous_id: e.previousId,
  properties: e.properties,
  traits: e.traits,
  context: e.context,
  integrations: e.integrations,
  channel: e.channel,
  utm_source: e.utmSource,
  utm_medium: e.utmMedium,
  utm_campaign: e.utmCampaign,
  utm_term: e.utmTerm,
  utm_content: e.utmContent,
  referrer: e.referrer,
  referring_domain: e.referringDomain,
  page_url: e.pageUrl,
  page_path: e.pagePath,
  click_ids: e.clickIds,
  timestamp: e.timestamp,
  original_timestamp: e.originalTimestamp,
  sent_at: e.sentAt,
  received_at: e.receivedAt,
  profile_id: profileId,
});

export interface EventRowInput {
  sourceId: string;
  event: NormalizedEvent;
  profileId: string | null;
}

/** The insert's events parameter: the rows as one JSON array for jsonb_to_recordset. */
export function insertParam(rows: EventRowInput[]): string {
  return JSON.stringify(rows.map((r) => eventRow(r.sourceId, r.event, r.profileId)));
}

const NONE = "[]";

/** Newly quarantined messages per source, filled by insertRows. */
type QuarantineCounts = Map<string, number>;

async function insertRows(sql: Sql, eventRows: EventRowInput[], side: SideRows, quarantined_: QuarantineCounts = new Map()): Promise<Set<string>> {
  const violations = side.violations ?? [];
  const quarantined = side.quarantined ?? [];
  if (eventRows.length === 0 && side.rejected.length === 0 && quarantined.length === 0) return new Set();
  const rows = await sql.query<{ source_id: string; message_id: string; quarantined: boolean }>(STORE_SQL, [
    insertParam(eventRows),
    JSON.stringify(side.rejected),
    violations.length ? JSON.stringify(violations) : NONE,
    quarantined.length ? JSON.stringify(quarantined) : NONE,
  ]);
  const inserted = new Set<string>();
  for (const r of rows) {
    if (r.quarantined) quarantined_.set(r.source_id, (quarantined_.get(r.source_id) ?? 0) + 1);
    else inserted.add(`${r.source_id}\u0000${r.message_id}`);
  }
  return inserted;
}

export interface StoreOptions {
  /** Resolve identities in the same transaction (default). Off only for benchmarks' baseline. */
  resolve?: boolean;
  /** How resolution locks (identity-locks.ts). storeEvents: serial unless told; storeRequests:
   * striped on PostgreSQL, serial on the embedded database, unless told. */
  locking?: IdentityLocking;
  /** Filled with `${sourceId}\0${messageId}` of the messages dropped for a suppressed identifier. */
  suppressed?: Set<string>;
}

/**
 * Stores messages (and rejected rows) inside the caller's transaction, resolving identities first
 * unless told not to. Returns `${sourceId}\0${messageId}` of the messages newly stored.
 */
export async function storeEvents(sql: Sql, messages: IngestMessage[], rejectedRows: unknown[] | SideRows = [], opts: StoreOptions = {}): Promise<Set<string>> {
  const side: SideRows = Array.isArray(rejectedRows) ? { rejected: rejectedRows } : rejectedRows;
  const quarantined: QuarantineCounts = new Map();
  let inserted: Set<string>;
  if (opts.resolve === false) {
    inserted = await insertRows(sql, messages.map((m) => ({ sourceId: m.sourceId, event: m.event, profileId: null })), side, quarantined);
    await recordCatalog(sql, messages);
  } else {
    const stored = await resolveAndStore(sql, messages, (rows) => insertRows(sql, rows, side, quarantined), new Date(), opts.locking ?? SERIAL);
    inserted = stored.inserted;
    if (stored.suppressed.length) {
      const dropped = new Set(stored.suppressed);
      await countSuppressed(sql, stored.suppressed);
      await recordCatalog(sql, messages.filter((m) => !dropped.has(m)));
      for (const m of stored.suppressed) opts.suppressed?.add(`${m.sourceId}\u0000${m.event.messageId}`);
    } else await recordCatalog(sql, messages);
  }
  // The quarantine's bounds hold at commit: applied where it grows, last (its settings row stays locked to the commit).
  if (quarantined.size) await countAndPrune(sql, quarantined, new Date());
  return inserted;
}

/**
 * Stores several requests' messages in one transaction. Each request learns how many of its
 * messages were new: a message id stored by this transaction counts for the first request, in
 * order, that carried it; everything else was a duplicate.
 */
export async function storeRequests(requests: StoreRequest[], opts: StoreOptions = {}): Promise<StoreResult[]> {
  const rejectedRows = requests.flatMap((q) =>
    q.rejected.map((r) => ({
      source_id: q.sourceId,
      received_at: q.receivedAt,
      message_index: r.messageIndex,
      type: r.type,
      message_id: r.messageId,
      code: r.code,
      reason: r.reason,
      payload: r.payload,
    })),
  );
  const violations = requests.flatMap((q) => (q.violations?.length ? violationParam(q.sourceId, q.receivedAt, q.violations) : []));
  const quarantined = requests.flatMap((q) => (q.quarantined?.length ? quarantineParam(q.sourceId, q.receivedAt, q.quarantined) : []));
  const messages = requests.flatMap((q) => q.events.map((event) => ({ sourceId: q.sourceId, event })));
  if (messages.length === 0 && rejectedRows.length === 0 && quarantined.length === 0) return requests.map(() => ({ inserted: 0, suppressed: 0 }));
  const suppressed = new Set<string>();
  const fresh = await storeWithRetries(messages, { rejected: rejectedRows, violations, quarantined }, { ...opts, suppressed });
  return requests.map((q) => {
    let inserted = 0;
    let dropped = 0;
    for (const e of q.events) {
      const key = `${q.sourceId}\u0000${e.messageId}`;
      if (fresh.delete(key)) inserted++;
      else if (suppressed.has(key)) dropped++;
    }
    return { inserted, suppressed: dropped };
  });
}

/** Counts dropped messages per source and hour, for the source's volume (never the messages). */
async function countSuppressed(sql: Sql, dropped: IngestMessage[]): Promise<void> {
  const counts = new Map<string, { source_id: string; hour: string; n: number }>();
  for (const m of dropped) {
    const hour = new Date(Math.floor(m.event.receivedAt.getTime() / 3_600_000) * 3_600_000).toISOString();
    const k = `${m.sourceId}\u0000${hour}`;
    const c = counts.get(k) ?? { source_id: m.sourceId, hour, n: 0 };
    c.n++;
    counts.set(k, c);
  }
  await sql.query(
    `INSERT INTO suppressed_message_counts (source_id, hour, count)
       SELECT r.source_id, r.hour, r.n FROM jsonb_to_recordset($1::jsonb) AS r(source_id text, hour timestamptz, n int) ORDER BY r.source_id, r.hour
     ON CONFLICT (source_id, hour) DO UPDATE SET count = suppressed_message_counts.count + excluded.count`,
    [JSON.stringify([...counts.values()])],
  );
}

/** Attempts before giving up; the last ones run serially, which no other ingest transaction can disturb. */
const MAX_ATTEMPTS = 5;

/**
 * One transaction, run again when it had to roll back without anything being wrong with the
 * messages: resolution needed a lock it could not wait for (IdentityLockRetry), a message of it was
 * stored by a concurrent request (ConcurrentDuplicate), PostgreSQL broke a deadlock between two
 * requests carrying the same messages, or its lock table was full (then serially at once). From the
 * third attempt on it runs serially.
 */
async function storeWithRetries(messages: IngestMessage[], side: SideRows, opts: StoreOptions): Promise<Set<string>> {
  return inTransactionWithRetries(opts, (sql, locking) => {
    opts.suppressed?.clear();
    return storeEvents(sql, messages, side, { ...opts, locking });
  });
}

/**
 * Runs fn in one transaction, again when it had to roll back for a reason of resolution (see
 * storeWithRetries); fn stores with the locking it is given. Releasing quarantined messages uses it too.
 */
export async function inTransactionWithRetries<T>(opts: StoreOptions, fn: (sql: Sql, locking: IdentityLocking) => Promise<T>): Promise<T> {
  const db = pool();
  let locking = opts.locking ?? (opts.resolve === false ? SERIAL : await lockingFor(db));
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(db, (sql) => fn(sql, locking));
    } catch (err) {
      const full = locking.mode === "striped" && isLockTableFull(err);
      const retry = err instanceof IdentityLockRetry || err instanceof ConcurrentDuplicate || isDeadlock(err) || full;
      if (!retry || attempt >= MAX_ATTEMPTS) throw err;
      locking = attempt >= 2 || full ? SERIAL : err instanceof IdentityLockRetry ? err.next : locking;
    }
  }
}
