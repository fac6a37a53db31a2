// The Tracking API's request pipeline: parse → authenticate the write key → check origin and rate
// → validate and normalise each message → store accepted and rejected messages in one statement →
// answer. A 200 is only returned after the commit; a bad message never sinks its neighbours.
import { randomUUID } from "node:crypto";
import { hashSecret } from "../auth/secrets";
import { env, publicUrl } from "../env";
import { findSourceByWriteKeyHash, type IngestSource } from "../data/sources";
import { storeRequests, type RejectedRow, type StoreRequest, type StoreResult } from "../data/events";
import { isEmbeddedDatabase } from "../data/database-kind";
import { createCoalescer, type Coalescer } from "./coalescer";
import { cleanJson } from "./clean";
import { byteLength, MAX_MESSAGE_BYTES, normalizeMessage, normalizeMessageWithSchema, type NormalizedEvent } from "./normalize";
import { IngestError, parseTrackingRequest, unknownWriteKey } from "./request";
import { takeSourceToken } from "../data/rate-limits";
import { msUntilToken } from "./token-bucket";
import { checkMessage, compiledPlanFor, verdictMessage, type CompiledPlan } from "./plan-check";
import { planRows, type QuarantineRow, type ViolationRow } from "../data/plan-store";

export interface TrackingRequest {
  segment: string;
  body: Uint8Array;
  contentEncoding: string | null;
  authorization: string | null;
  origin: string | null;
}

export interface MessageError {
  index: number;
  messageId: string | null;
  code: string;
  message: string;
}

export interface TrackingResponse {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** How long a process trusts what it read about a source (enabled, origins, rate limit): a change
 * made anywhere reaches every collector process within this time. */
export const SOURCE_CACHE_MS = 5_000;
const sourceCache = new Map<string, { source: IngestSource | null; expires: number }>();
/** Per source, until when its shared bucket is known to be empty: no token can appear before then
 * (tokens only come with time), so this process answers 429 without asking the database. */
const emptyUntil = new Map<string, number>();

/** Group commit: concurrent requests share transactions; at most 4 in flight, 2,500 messages each. */
export const GROUP_COMMIT = { maxInFlight: 4, maxBatch: 2500, sizeOf: (q: StoreRequest) => q.events.length + q.rejected.length + (q.quarantined?.length ?? 0) };
/**
 * The embedded database runs one transaction at a time: a second one in flight only waits at its
 * socket, while with one in flight everything that arrives meanwhile joins the next transaction, so
 * each statement of resolution serves more messages (measured: single-event requests 442 → 798/s,
 * /v1/batch 2.0k → 2.5k events/s on the 2-core machine, in one bench:ingest run each).
 */
export const GROUP_COMMIT_EMBEDDED = { ...GROUP_COMMIT, maxInFlight: 1 };
let storer: Promise<Coalescer<StoreRequest, StoreResult>> | null = null;

function store(request: StoreRequest): Promise<StoreResult> {
  if (!storer) {
    const made = isEmbeddedDatabase().then((embedded) => createCoalescer<StoreRequest, StoreResult>(storeRequests, embedded ? GROUP_COMMIT_EMBEDDED : GROUP_COMMIT));
    made.catch(() => (storer = null));
    storer = made;
  }
  return storer.then((s) => s.submit(request));
}

/** Looks up a write key, caching for a few seconds (a disabled or rotated key stops within 5 s). */
async function sourceFor(writeKey: string, nowMs: number): Promise<IngestSource | null> {
  const hash = hashSecret(writeKey);
  const hit = sourceCache.get(hash);
  if (hit && hit.expires > nowMs) return hit.source;
  const source = await findSourceByWriteKeyHash(hash);
  if (sourceCache.size > 10_000) sourceCache.clear();
  sourceCache.set(hash, { source, expires: nowMs + SOURCE_CACHE_MS });
  return source;
}

export function forgetCachedSources(): void {
  sourceCache.clear();
  emptyUntil.clear();
}

/** Tandem's own pages (e.g. the demo landing page using /t.js) may always send. */
function ownOrigin(): string | null {
  try {
    return new URL(publicUrl()).origin.toLowerCase();
  } catch {
    return null;
  }
}

function originAllowed(source: IngestSource, origin: string | null): boolean {
  if (!origin || source.allowedOrigins.length === 0) return true;
  const o = origin.toLowerCase().replace(/\/$/, "");
  if (o === ownOrigin()) return true;
  return source.allowedOrigins.some((allowed) => {
    const a = allowed.toLowerCase().replace(/\/$/, "");
    if (a === "*" || a === o) return true;
    // "*.example.com" allows any subdomain over either scheme.
    if (a.startsWith("*.")) return new URL(o).hostname.endsWith(a.slice(1));
    return false;
  });
}

function siteHostsOf(source: IngestSource): string[] {
  return source.allowedOrigins.flatMap((o) => {
    try {
      return [new URL(o.replace("*.", "")).hostname];
    } catch {
      return [];
    }
  });
}

/** Takes a token from the source's bucket, shared deployment-wide, or throws 429 (burst: 2 s worth). */
async function checkRateLimit(sourceId: string, ratePerSec: number, nowMs: number): Promise<void> {
  let waitMs = (emptyUntil.get(sourceId) ?? 0) - nowMs;
  if (waitMs <= 0) {
    const d = await takeSourceToken(sourceId, nowMs, ratePerSec, ratePerSec * 2);
    if (d.allowed) return;
    waitMs = msUntilToken(d.tokens, ratePerSec);
    if (emptyUntil.size > 10_000) emptyUntil.clear();
    emptyUntil.set(sourceId, nowMs + waitMs);
  }
  const retryAfterSec = String(Math.max(1, Math.ceil(waitMs / 1000)));
  throw new IngestError(429, "rate_limited", `This write key is over its limit of ${ratePerSec} requests/s; retry after ${retryAfterSec} s.`, {
    "Retry-After": retryAfterSec,
    "X-RateLimit-Reset": retryAfterSec,
  });
}

/** The source's compiled tracking plan; a plan that no longer compiles is skipped (messages are stored), never a 500. */
function planOf(source: IngestSource): CompiledPlan | null {
  if (!source.plan) return null;
  try {
    return compiledPlanFor(source.id, source.plan);
  } catch (err) {
    console.error(`[ingest] the tracking plan of source ${source.id} does not compile; not checking`, err);
    return null;
  }
}

export async function handleTrackingRequest(req: TrackingRequest, now: Date = new Date()): Promise<TrackingResponse> {
  try {
    const parsed = parseTrackingRequest(req);
    const nowMs = now.getTime();
    const source = await sourceFor(parsed.writeKey, nowMs);
    if (!source) throw unknownWriteKey();
    if (!source.enabled) throw new IngestError(401, "source_disabled", `The source "${source.name}" is disabled; an admin can enable it in Sources.`);
    if (!originAllowed(source, req.origin)) {
      throw new IngestError(403, "origin_not_allowed", `Origin ${req.origin} is not allowed for this source; add it to the source's allowed origins.`);
    }
    if (source.rateLimitPerSec) await checkRateLimit(source.id, source.rateLimitPerSec, nowMs);

    const accepted: NormalizedEvent[] = [];
    const rejected: RejectedRow[] = [];
    const errors: MessageError[] = [];
    // Tracking plan: flagged messages are stored with their violations, blocked ones quarantined.
    const plan = planOf(source);
    const violations: ViolationRow[] = [];
    const quarantined: QuarantineRow[] = [];
    const held: MessageError[] = [];
    const options = {
      endpointType: parsed.endpoint === "batch" ? undefined : parsed.endpoint,
      batchContext: parsed.batchContext,
      batchIntegrations: parsed.batchIntegrations,
      batchSentAt: parsed.batchSentAt,
      receivedAt: now,
      newMessageId: () => `tdm-${randomUUID()}`,
      siteHosts: siteHostsOf(source),
      sourceBytes: parsed.textBytes,
    };
    const messages = parsed.needsCleaning ? parsed.messages.map(cleanJson) : parsed.messages;
    // The same verdicts either way (a differential test holds them to it); `previous` is for benchmarks.
    const normalize = env().TANDEM_INGEST_PATH === "previous" ? normalizeMessageWithSchema : normalizeMessage;
    messages.forEach((raw, index) => {
      const outcome = normalize(raw, options);
      if (outcome.ok) {
        const verdict = plan ? checkMessage(plan, outcome.event) : null;
        if (verdict && verdict.action !== "allow") {
          const rows = planRows(outcome.event, raw, verdict);
          violations.push(...rows.violations);
          if (rows.quarantined) {
            quarantined.push(rows.quarantined);
            held.push({ index, messageId: outcome.event.messageId, code: verdict.code, message: verdictMessage(verdict) });
            return;
          }
        }
        accepted.push(outcome.event);
        return;
      }
      errors.push({ index, messageId: outcome.messageId, code: outcome.code, message: outcome.reason });
      rejected.push({
        messageIndex: parsed.endpoint === "batch" ? index : null,
        type: outcome.type,
        messageId: outcome.messageId,
        code: outcome.code,
        reason: outcome.reason,
        payload: byteLength(raw) <= MAX_MESSAGE_BYTES ? raw : { truncated: true, bytes: byteLength(raw) },
      });
    });

    const { inserted, suppressed } = await store({ sourceId: source.id, receivedAt: now, events: accepted, rejected, violations, quarantined });
    if (parsed.endpoint !== "batch" && errors.length) {
      // A single call that is invalid fails as a whole (and is shown in the debugger).
      const e = errors[0]!;
      return { status: 400, body: { success: false, error: { code: e.code, message: e.message } } };
    }
    return {
      status: 200,
      body: {
        success: true,
        accepted: accepted.length,
        duplicates: accepted.length - inserted - suppressed,
        rejected: errors,
        // Kept, not stored as events: blocked by the source's tracking plan until an admin releases them.
        // `accepted` counts only messages stored as events (or duplicates or suppressed ones).
        quarantined: held,
        // Accepted but dropped unstored: they carry an identifier of a deleted or suppressed person.
        suppressed,
      },
    };
  } catch (err) {
    if (err instanceof IngestError) {
      return { status: err.status, body: { success: false, error: { code: err.code, message: err.message } }, headers: err.headers };
    }
    console.error("[ingest] unhandled error", err);
    return { status: 500, body: { success: false, error: { code: "internal_error", message: "The events were not stored; retry the request." } } };
  }
}

/** The enabled source for a write key (SDK settings endpoints), or null. */
export async function enabledSourceFor(writeKey: string, now: Date = new Date()): Promise<IngestSource | null> {
  const source = await sourceFor(writeKey, now.getTime());
  return source?.enabled ? source : null;
}
