// Destinations' administration (the Settings page and the admin API share it): create, list, read,
// update (headers write-only, secret rotation, backfill), delete, the delivery log, the health chart
// and resend. Every change is audited in its own transaction. The outbox itself (dispatch and send) is
// in destination-outbox.ts.
import "server-only";
import { db } from "../db/prisma";
import { env } from "../env";
import { recordAudit } from "./audit";
import { prismaSql, type Sql } from "./sql";
import { changedFields, type AuditActor } from "../audit/actions";
import { decrypt, encrypt, newSigningSecret } from "../destinations/crypto";
import { destinationsKey } from "../destinations/app-key";
import { checkWebhookUrl, RefusedUrlError } from "../destinations/http-send";
import { DestinationError, notFoundMessage } from "../destinations/errors";
import { lockIdentities } from "./identity-store";
import { PROFILE_DESTINATION_KIND } from "./profile-changes";
import {
  filterProblem,
  MASK,
  type DestinationKind,
  type CreateDestination,
  type DeliveryStatus,
  type DeliveryView,
  type DestinationView,
  type UpdateDestination,
} from "../destinations/inputs";

/** How long the previous signing secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60_000;

export { DestinationError, notFoundMessage };

interface Row {
  id: string;
  name: string;
  kind: string;
  url: string;
  enabled: boolean;
  header_names: string[];
  headers_ciphertext: string | null;
  filter_sources: string[];
  filter_types: string[];
  filter_names: string[];
  batch_size: number;
  max_concurrency: number;
  previous_secret_expires_at: Date | null;
  backfill_from: Date | null;
  backfill_after_seq: string | null;
  backfill_started: Date | null;
  created_at: Date;
  updated_at: Date;
  pending: number;
  retrying: number;
  dead: number;
  succeeded: number;
}

const SELECT = `SELECT d.id, d.name, d.kind, d.url, d.enabled, d.header_names, d.headers_ciphertext, d.filter_sources, d.filter_types,
    d.filter_names, d.batch_size, d.max_concurrency, d.previous_secret_expires_at, d.backfill_from, d.backfill_after_seq::text,
    d.created_at, d.updated_at,
    (SELECT count(*)::int FROM deliveries x WHERE x.destination_id = d.id AND x.status = 'pending' AND x.attempts = 0) AS pending,
    (SELECT count(*)::int FROM deliveries x WHERE x.destination_id = d.id AND x.status = 'pending' AND x.attempts > 0) AS retrying,
    (SELECT count(*)::int FROM deliveries x WHERE x.destination_id = d.id AND x.status = 'dead') AS dead,
    (SELECT count(*)::int FROM deliveries x WHERE x.destination_id = d.id AND x.status = 'succeeded') AS succeeded
  FROM destinations d`;

function toView(r: Row, now: Date): DestinationView {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as DestinationKind,
    url: r.url,
    enabled: r.enabled,
    headers: r.header_names.map((name) => ({ name, value: MASK })),
    filter: { sources: r.filter_sources, types: r.filter_types, names: r.filter_names },
    batchSize: r.batch_size,
    maxConcurrency: r.max_concurrency,
    secretRotationEndsAt: r.previous_secret_expires_at && r.previous_secret_expires_at > now ? r.previous_secret_expires_at.toISOString() : null,
    // backfill_after_seq is null once a backfill finished; backfill_from stays to say it ran.
    backfill: r.backfill_from ? { from: r.backfill_from.toISOString(), running: r.backfill_after_seq !== null } : null,
    counts: { pending: r.pending, retrying: r.retrying, dead: r.dead, succeeded: r.succeeded },
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function allowPrivate(): boolean {
  return env().TANDEM_DESTINATIONS_ALLOW_PRIVATE;
}

async function checkUrl(url: string): Promise<void> {
  try {
    await checkWebhookUrl(url, allowPrivate());
  } catch (err) {
    if (err instanceof RefusedUrlError) throw new DestinationError(400, "invalid_url", err.message);
    throw err;
  }
}

async function checkSources(sql: Sql, sources: readonly string[]): Promise<void> {
  if (!sources.length) return;
  const found = await sql.query<{ id: string }>(`SELECT id FROM sources WHERE id = ANY($1::text[])`, [sources]);
  const missing = sources.filter((s) => !found.some((f) => f.id === s));
  if (missing.length) throw new DestinationError(400, "unknown_source", `No source has the id ${missing.join(", ")}: take source ids from Sources (or GET /api/v1/sources).`);
}

function checkFilter(kind: DestinationKind, filter: { sources: readonly string[]; types: readonly string[]; names: readonly string[] }): void {
  const problem = filterProblem(kind, filter);
  if (problem) throw new DestinationError(400, "invalid_filter", problem);
}

async function checkName(sql: Sql, name: string, except: string | null): Promise<void> {
  const clash = await sql.query(`SELECT 1 FROM destinations WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2`, [name, except]);
  if (clash.length) throw new DestinationError(409, "name_taken", `A destination is already named “${name}”: choose another name.`);
}

const sealHeaders = (h: Record<string, string>) => (Object.keys(h).length ? encrypt(destinationsKey(), JSON.stringify(h)) : null);

export function openHeaders(ciphertext: string | null): Record<string, string> {
  return ciphertext ? (JSON.parse(decrypt(destinationsKey(), ciphertext)) as Record<string, string>) : {};
}

/**
 * Creates a destination; its cursor starts at the current transaction horizon (events, or profile
 * changes, from now on). A profile-change destination first takes the identity lock exclusively:
 * every transaction that could record a change has then either committed (below the horizon) or not
 * begun resolving (it will see this destination and record) — none can miss the feed being switched on.
 */
export async function createDestination(input: CreateDestination, actor: AuditActor, now = new Date()): Promise<{ destination: DestinationView; secret: string }> {
  checkFilter(input.kind, input.filter);
  await checkUrl(input.url);
  const secret = newSigningSecret();
  const id = await db().$transaction(async (tx) => {
    const sql = prismaSql(tx);
    if (input.kind === PROFILE_DESTINATION_KIND) await lockIdentities(sql);
    await checkName(sql, input.name, null);
    await checkSources(sql, input.filter.sources);
    const [row] = await sql.query<{ id: string }>(
      `INSERT INTO destinations (kind, name, url, enabled, header_names, headers_ciphertext, filter_sources, filter_types, filter_names,
         secret_ciphertext, batch_size, max_concurrency, cursor_txid, cursor_seq, backfill_until_txid, created_at, updated_at)
       VALUES ($13, $1, $2, $3, $4::text[], $5, $6::text[], $7::text[], $8::text[], $9, $10, $11,
         pg_snapshot_xmin(pg_current_snapshot())::text::bigint, 0, pg_snapshot_xmin(pg_current_snapshot())::text::bigint, $12, $12)
       RETURNING id`,
      [
        input.name,
        input.url,
        input.enabled,
        Object.keys(input.headers),
        sealHeaders(input.headers),
        input.filter.sources,
        input.filter.types,
        input.filter.names,
        encrypt(destinationsKey(), secret),
        input.batchSize,
        input.maxConcurrency,
        now,
        input.kind,
      ],
    );
    await recordAudit(sql, actor, {
      action: "destination.created",
      target: { type: "destination", id: row!.id, label: input.name },
      details: { kind: input.kind, url: input.url, headerNames: Object.keys(input.headers), filter: input.filter, enabled: input.enabled },
    });
    return row!.id;
  });
  return { destination: (await getDestination(id, now))!, secret };
}

export async function listDestinations(now = new Date()): Promise<DestinationView[]> {
  const rows = await db().$queryRawUnsafe<Row[]>(`${SELECT} ORDER BY lower(d.name), d.created_at`);
  return rows.map((r) => toView(r, now));
}

export async function getDestination(id: string, now = new Date()): Promise<DestinationView | null> {
  const rows = await db().$queryRawUnsafe<Row[]>(`${SELECT} WHERE d.id = $1`, id);
  return rows[0] ? toView(rows[0], now) : null;
}

/** Applies a PATCH; returns the destination and, when the secret was rotated, the new secret. */
export async function updateDestination(id: string, input: UpdateDestination, actor: AuditActor, now = new Date()): Promise<{ destination: DestinationView; secret: string | null }> {
  if (input.url !== undefined) await checkUrl(input.url);
  const secret = input.rotateSecret ? newSigningSecret() : null;
  await db().$transaction(async (tx) => {
    const sql = prismaSql(tx);
    const [cur] = await sql.query<Row & { secret_ciphertext: string; backfill_until_txid: string }>(
      `SELECT *, backfill_after_seq::text, backfill_until_txid::text FROM destinations WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!cur) throw new DestinationError(404, "not_found", notFoundMessage(id));
    if (input.name !== undefined) await checkName(sql, input.name, id);
    if (input.filter) {
      checkFilter(cur.kind as DestinationKind, input.filter);
      await checkSources(sql, input.filter.sources);
    }
    let headerNames = cur.header_names;
    let headersCipher = cur.headers_ciphertext;
    if (input.headers) {
      const headers = openHeaders(cur.headers_ciphertext);
      for (const [k, v] of Object.entries(input.headers)) {
        for (const existing of Object.keys(headers)) if (existing.toLowerCase() === k.toLowerCase()) delete headers[existing];
        if (v !== null) headers[k] = v;
      }
      headerNames = Object.keys(headers);
      headersCipher = sealHeaders(headers);
    }
    let backfillFrom: Date | null = null;
    if (input.backfillFrom !== undefined) {
      if (cur.kind === PROFILE_DESTINATION_KIND)
        throw new DestinationError(400, "invalid_backfill", "A profile-change webhook cannot be backfilled: profile changes are recorded only while a profile-change destination exists.");
      if (cur.backfill_from && cur.backfill_after_seq !== null)
        throw new DestinationError(409, "backfill_running", "A backfill of this destination is still running: wait for it to finish (its deliveries show in the log).");
      backfillFrom = new Date(input.backfillFrom);
      if (backfillFrom > now) throw new DestinationError(400, "invalid_backfill", "The backfill must start in the past: choose a date before today.");
    }
    const before = { name: cur.name, url: cur.url, enabled: cur.enabled, headerNames: cur.header_names, filter: { sources: cur.filter_sources, types: cur.filter_types, names: cur.filter_names }, batchSize: cur.batch_size, maxConcurrency: cur.max_concurrency };
    const after = {
      name: input.name ?? cur.name,
      url: input.url ?? cur.url,
      enabled: input.enabled ?? cur.enabled,
      headerNames,
      filter: input.filter ?? before.filter,
      batchSize: input.batchSize ?? cur.batch_size,
      maxConcurrency: input.maxConcurrency ?? cur.max_concurrency,
    };
    await sql.query(
      `UPDATE destinations SET name = $2, url = $3, enabled = $4, header_names = $5::text[], headers_ciphertext = $6,
         filter_sources = $7::text[], filter_types = $8::text[], filter_names = $9::text[], batch_size = $10, max_concurrency = $11,
         secret_ciphertext = coalesce($12, secret_ciphertext),
         previous_secret_ciphertext = CASE WHEN $12::text IS NULL THEN previous_secret_ciphertext ELSE secret_ciphertext END,
         previous_secret_expires_at = CASE WHEN $12::text IS NULL THEN previous_secret_expires_at ELSE $13::timestamptz END,
         backfill_from = coalesce($14::timestamptz, backfill_from),
         backfill_after_seq = CASE WHEN $14::timestamptz IS NULL THEN backfill_after_seq ELSE 0 END,
         updated_at = $15
       WHERE id = $1`,
      [
        id,
        after.name,
        after.url,
        after.enabled,
        after.headerNames,
        headersCipher,
        after.filter.sources,
        after.filter.types,
        after.filter.names,
        after.batchSize,
        after.maxConcurrency,
        secret ? encrypt(destinationsKey(), secret) : null,
        new Date(now.getTime() + ROTATION_OVERLAP_MS),
        backfillFrom,
        now,
      ],
    );
    const target = { type: "destination" as const, id, label: after.name };
    const changes = changedFields(before, after);
    // A header whose value changed but not its name: say so without the value.
    const headersTouched = input.headers ? Object.keys(input.headers) : [];
    if (Object.keys(changes).length || headersTouched.length)
      await recordAudit(sql, actor, { action: "destination.updated", target, details: { ...changes, ...(headersTouched.length ? { headersSet: headersTouched } : {}) } });
    if (secret) await recordAudit(sql, actor, { action: "destination.secret_rotated", target, details: { previousValidUntil: new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString() } });
    if (backfillFrom) await recordAudit(sql, actor, { action: "destination.backfill_started", target, details: { from: backfillFrom.toISOString() } });
  });
  return { destination: (await getDestination(id, now))!, secret };
}

/**
 * Deletes a destination with its deliveries. When it was the last profile-change destination the
 * feed is switched off and emptied (under the identity lock: no transaction records into it after).
 */
export async function deleteDestination(id: string, actor: AuditActor): Promise<void> {
  await db().$transaction(async (tx) => {
    const sql = prismaSql(tx);
    const [kind] = await sql.query<{ kind: string }>(`SELECT kind FROM destinations WHERE id = $1`, [id]);
    if (kind?.kind === PROFILE_DESTINATION_KIND) await lockIdentities(sql);
    const [row] = await sql.query<{ name: string; url: string }>(`DELETE FROM destinations WHERE id = $1 RETURNING name, url`, [id]);
    if (!row) throw new DestinationError(404, "not_found", notFoundMessage(id));
    if (kind?.kind === PROFILE_DESTINATION_KIND) await sql.query(`DELETE FROM profile_changes WHERE NOT EXISTS (SELECT 1 FROM destinations WHERE kind = $1)`, [PROFILE_DESTINATION_KIND]);
    await recordAudit(sql, actor, { action: "destination.deleted", target: { type: "destination", id, label: row.name }, details: { url: row.url } });
  });
}

/** The signing secrets in force (current first, then the previous one while the rotation overlaps). */
export function signingSecrets(row: { secret_ciphertext: string; previous_secret_ciphertext: string | null; previous_secret_expires_at: Date | null }, now: Date): string[] {
  const key = destinationsKey();
  const out = [decrypt(key, row.secret_ciphertext)];
  if (row.previous_secret_ciphertext && row.previous_secret_expires_at && row.previous_secret_expires_at > now) out.push(decrypt(key, row.previous_secret_ciphertext));
  return out;
}

// ───────────────────────────── the delivery log ─────────────────────────────

interface DeliveryRow {
  id: string;
  status: string;
  attempts: number;
  event_count: number;
  backfill: boolean;
  created_at: Date;
  next_attempt_at: Date;
  delivered_at: Date | null;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  response_excerpt: string | null;
}

export function deliveryStatus(status: string, attempts: number): DeliveryStatus {
  if (status === "pending") return attempts > 0 ? "retrying" : "pending";
  return status === "dead" ? "dead" : "succeeded";
}

function toDelivery(r: DeliveryRow): DeliveryView {
  const status = deliveryStatus(r.status, r.attempts);
  return {
    id: r.id,
    status,
    eventCount: r.event_count,
    backfill: r.backfill,
    attempts: r.attempts,
    createdAt: r.created_at.toISOString(),
    nextAttemptAt: status === "pending" || status === "retrying" ? r.next_attempt_at.toISOString() : null,
    deliveredAt: r.delivered_at?.toISOString() ?? null,
    lastAttemptAt: r.last_attempt_at?.toISOString() ?? null,
    lastStatusCode: r.last_status_code,
    lastLatencyMs: r.last_latency_ms,
    lastError: r.last_error,
    responseExcerpt: r.response_excerpt,
  };
}

export interface DeliveriesPage {
  deliveries: DeliveryView[];
  /** The id to pass as `before` for the next (older) page; null on the last page. */
  next: string | null;
}

/** A destination's deliveries, newest first (keyset on id), optionally of one status; null when no such destination. */
export async function listDeliveries(id: string, q: { status?: DeliveryStatus; before?: string; limit?: number }): Promise<DeliveriesPage | null> {
  const found = await db().$queryRawUnsafe<unknown[]>(`SELECT 1 FROM destinations WHERE id = $1`, id);
  if (!found.length) return null;
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const statusSql =
    q.status === "pending" ? `AND status = 'pending' AND attempts = 0` : q.status === "retrying" ? `AND status = 'pending' AND attempts > 0` : q.status ? `AND status = '${q.status}'` : "";
  const rows = await db().$queryRawUnsafe<DeliveryRow[]>(
    `SELECT id::text, status, attempts, event_count, backfill, created_at, next_attempt_at, delivered_at, last_attempt_at, last_status_code,
       last_latency_ms, last_error, response_excerpt
     FROM deliveries WHERE destination_id = $1 ${statusSql} AND ($2::bigint IS NULL OR id < $2::bigint)
     ORDER BY id DESC LIMIT $3`,
    id,
    q.before ?? null,
    limit + 1,
  );
  const page = rows.slice(0, limit);
  return { deliveries: page.map(toDelivery), next: rows.length > limit ? page[page.length - 1]!.id : null };
}

export interface HealthPoint {
  /** The hour's start, ISO. */
  hour: string;
  succeeded: number;
  failed: number;
  /** Median latency of the hour's attempts (ms), null when none. */
  p50LatencyMs: number | null;
}

/** Attempts per hour over the last `hours` (succeeded vs failed) — the health chart. */
export async function destinationHealth(id: string, now: Date, hours = 24): Promise<HealthPoint[]> {
  const from = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 - (hours - 1) * 3_600_000);
  const rows = await db().$queryRawUnsafe<{ hour: Date; succeeded: number; failed: number; p50: number | null }[]>(
    `SELECT date_trunc('hour', at) AS hour, count(*) FILTER (WHERE ok)::int AS succeeded, count(*) FILTER (WHERE NOT ok)::int AS failed,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms)::float8 AS p50
     FROM delivery_attempts WHERE destination_id = $1 AND at >= $2 GROUP BY 1`,
    id,
    from,
  );
  const byHour = new Map(rows.map((r) => [r.hour.getTime(), r]));
  return Array.from({ length: hours }, (_, i) => {
    const t = from.getTime() + i * 3_600_000;
    const r = byHour.get(t);
    return { hour: new Date(t).toISOString(), succeeded: r?.succeeded ?? 0, failed: r?.failed ?? 0, p50LatencyMs: r?.p50 == null ? null : Math.round(r.p50) };
  });
}

/** Queues a retrying or dead delivery to be sent now, with a fresh 24-hour retry window. */
export async function resendDelivery(destinationId: string, deliveryId: string, actor: AuditActor, now = new Date()): Promise<void> {
  if (!/^\d{1,18}$/.test(deliveryId)) throw new DestinationError(404, "not_found", `No delivery has the id ${deliveryId}.`);
  await db().$transaction(async (tx) => {
    const sql = prismaSql(tx);
    const [row] = await sql.query<{ status: string; attempts: number; name: string }>(
      `SELECT x.status, x.attempts, d.name FROM deliveries x JOIN destinations d ON d.id = x.destination_id WHERE x.id = $1::bigint AND x.destination_id = $2 FOR UPDATE OF x`,
      [deliveryId, destinationId],
    );
    if (!row) throw new DestinationError(404, "not_found", `No delivery ${deliveryId} for this destination.`);
    const status = deliveryStatus(row.status, row.attempts);
    if (status === "succeeded" || status === "pending") throw new DestinationError(409, "not_failed", `Delivery ${deliveryId} is ${status}: only failed (retrying) or dead deliveries can be resent.`);
    await sql.query(`UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = $2, retry_from = NULL, locked_until = NULL, lease_id = NULL WHERE id = $1::bigint`, [deliveryId, now]);
    await recordAudit(sql, actor, { action: "delivery.resent", target: { type: "destination", id: destinationId, label: row.name }, details: { delivery: deliveryId, was: status } });
  });
}
