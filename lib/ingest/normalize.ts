// From one raw Segment message to the row Tandem stores, or the reason it is refused. Pure: the
// receive time and the id generator are passed in.
import { channelFor } from "../analytics/channel";
import { extractAttribution } from "../analytics/utm";
import { fastValidate } from "./fast-path";
import { isCallType, messageSchemas, type CallType, type Message } from "./schema";

export const MAX_MESSAGE_BYTES = 32 * 1024;

export interface NormalizedEvent {
  messageId: string;
  type: CallType;
  event: string | null;
  name: string | null;
  userId: string | null;
  anonymousId: string | null;
  groupId: string | null;
  previousId: string | null;
  properties: Record<string, unknown>;
  traits: Record<string, unknown>;
  context: Record<string, unknown>;
  integrations: Record<string, unknown>;
  /** GA4 channel; null for events Tandem writes itself (CRM). */
  channel: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  referrer: string | null;
  referringDomain: string | null;
  pageUrl: string | null;
  pagePath: string | null;
  clickIds: Record<string, string> | null;
  timestamp: Date;
  originalTimestamp: Date | null;
  sentAt: Date | null;
  receivedAt: Date;
}

export type Rejection = { code: RejectionCode; reason: string; type: string | null; messageId: string | null };
export type RejectionCode = "invalid_message" | "message_too_large" | "invalid_type";
export type Outcome = { ok: true; event: NormalizedEvent } | ({ ok: false } & Rejection);

export interface NormalizeOptions {
  /** The call type the endpoint implies (/v1/track → "track"); batch items carry their own. */
  endpointType?: CallType;
  /** Batch-level context and integrations, merged under each message's own. */
  batchContext?: Record<string, unknown>;
  batchIntegrations?: Record<string, unknown>;
  /** The request's sentAt when the message has none (batch-level sentAt). */
  batchSentAt?: unknown;
  receivedAt: Date;
  newMessageId: () => string;
  /** Hosts of the source's own site: a referrer there is internal, not Referral. */
  siteHosts?: string[];
  /**
   * UTF-8 bytes of the JSON text the message was parsed from (or of a text holding it), when known.
   * JSON.stringify of a parsed value is at most JSON_EXPANSION times its text, so a message from a
   * small enough text is within the size limit without serialising it again.
   */
  sourceBytes?: number;
}

/**
 * JSON.stringify of a value parsed from a JSON text (and cleaned) is at most this many times the
 * text's UTF-8 bytes. Only numbers grow: "1e20" (4 bytes) comes back as 21 digits, 5.25 times; strings
 * never grow (an escape comes back no longer than it went in, an unescaped character as itself, a
 * cleaned NUL or surrogate escape as 3 bytes), white space and repeated keys go. The property is
 * tested in normalize.test.ts.
 */
export const JSON_EXPANSION = 6;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Segment's clock-skew correction: timestamp = receivedAt − (sentAt − originalTimestamp). */
export function correctedTimestamp(receivedAt: Date, originalTimestamp: Date | undefined, sentAt: Date | undefined): Date {
  if (!originalTimestamp) return receivedAt;
  if (!sentAt) return originalTimestamp;
  return new Date(receivedAt.getTime() - (sentAt.getTime() - originalTimestamp.getTime()));
}

function messageIdOf(raw: Record<string, unknown>): string | null {
  const v = raw.messageId;
  return typeof v === "string" || typeof v === "number" ? String(v).slice(0, 200) : null;
}

export function byteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
}

/** A message that passed the checks, in the shape the call type's zod schema outputs. */
export type Validated = { ok: true; message: Message } | ({ ok: false } & Rejection);

/** The checks every message goes through before its schema: an object, a known type, at most 32 KB. */
export function precheck(raw: unknown, opts: NormalizeOptions): ({ ok: true; raw: Record<string, unknown>; type: CallType }) | ({ ok: false } & Rejection) {
  if (!isPlainObject(raw)) {
    return { ok: false, code: "invalid_message", reason: "Each message must be a JSON object", type: null, messageId: null };
  }
  const messageId = messageIdOf(raw);
  const declared = typeof raw.type === "string" ? raw.type.trim().toLowerCase() : undefined;
  const type = opts.endpointType ?? declared;
  if (!isCallType(type)) {
    return {
      ok: false,
      code: "invalid_type",
      reason: declared
        ? `Unknown type "${declared}": use identify, track, page, screen, group or alias`
        : "type is required in a batch (identify, track, page, screen, group or alias)",
      type: declared ?? null,
      messageId,
    };
  }
  // Within the limit for certain when its text was small enough; otherwise measured.
  const surelySmall = opts.sourceBytes !== undefined && opts.sourceBytes * JSON_EXPANSION <= MAX_MESSAGE_BYTES;
  const size = surelySmall ? 0 : byteLength(raw);
  if (size > MAX_MESSAGE_BYTES) {
    return { ok: false, code: "message_too_large", reason: `The message is ${size} bytes; each message must be at most 32 KB`, type, messageId };
  }
  return { ok: true, raw, type };
}

/** The reference path: the message's call type's zod schema (lib/ingest/schema.ts) decides. */
export function validateWithSchema(raw: Record<string, unknown>, type: CallType, opts: NormalizeOptions): Validated {
  const candidate = {
    ...raw,
    type,
    context: opts.batchContext && isPlainObject(raw.context) ? { ...opts.batchContext, ...raw.context } : (raw.context ?? opts.batchContext),
    integrations:
      opts.batchIntegrations && isPlainObject(raw.integrations) ? { ...opts.batchIntegrations, ...raw.integrations } : (raw.integrations ?? opts.batchIntegrations),
    sentAt: raw.sentAt ?? opts.batchSentAt,
  };
  const parsed = messageSchemas[type].safeParse(candidate);
  if (!parsed.success) {
    const reason = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
    return { ok: false, code: "invalid_message", reason, type, messageId: messageIdOf(raw) };
  }
  return { ok: true, message: parsed.data };
}

/** Validates one raw message with the zod schemas alone (the reference the fast path is tested against). */
export function validateMessageWithSchema(raw: unknown, opts: NormalizeOptions): Validated {
  const pre = precheck(raw, opts);
  return pre.ok ? validateWithSchema(pre.raw, pre.type, opts) : pre;
}

/** normalizeMessage through the zod schemas alone: the reference for the fast path. */
export function normalizeMessageWithSchema(raw: unknown, opts: NormalizeOptions): Outcome {
  const v = validateMessageWithSchema(raw, opts);
  return v.ok ? { ok: true, event: toEvent(v.message, opts) } : v;
}

/**
 * One raw message → its row, or why it is refused. The common shapes are checked by the fast path
 * (./fast-path.ts); whatever it is not sure about, every refusal among them, goes to the zod schema.
 */
export function normalizeMessage(raw: unknown, opts: NormalizeOptions): Outcome {
  const pre = precheck(raw, opts);
  if (!pre.ok) return pre;
  const fast = fastValidate(pre.raw, pre.type, opts);
  const v: Validated = fast ? { ok: true, message: fast } : validateWithSchema(pre.raw, pre.type, opts);
  return v.ok ? { ok: true, event: toEvent(v.message, opts) } : v;
}

export function toEvent(m: Message, opts: NormalizeOptions): NormalizedEvent {
  const properties = "properties" in m ? m.properties : {};
  const traits = "traits" in m ? m.traits : {};
  const originalTimestamp = m.originalTimestamp ?? m.timestamp;
  const attr = extractAttribution({ context: m.context, properties, type: m.type });
  const name = m.type === "page" || m.type === "screen" ? (m.name ?? null) : null;
  return {
    messageId: m.messageId ?? opts.newMessageId(),
    type: m.type,
    event: m.type === "track" ? m.event : null,
    name,
    userId: m.userId ?? null,
    anonymousId: m.anonymousId ?? null,
    groupId: m.type === "group" ? m.groupId! : null,
    previousId: m.type === "alias" ? m.previousId! : null,
    properties,
    traits,
    context: m.context,
    integrations: m.integrations,
    channel: channelFor(attr, { siteHosts: opts.siteHosts }),
    utmSource: attr.utmSource,
    utmMedium: attr.utmMedium,
    utmCampaign: attr.utmCampaign,
    utmTerm: attr.utmTerm,
    utmContent: attr.utmContent,
    referrer: attr.referrer,
    referringDomain: attr.referringDomain,
    pageUrl: attr.landingUrl,
    pagePath: attr.landingPath,
    clickIds: Object.keys(attr.clickIds).length ? (attr.clickIds as Record<string, string>) : null,
    timestamp: correctedTimestamp(opts.receivedAt, originalTimestamp, m.sentAt),
    originalTimestamp: originalTimestamp ?? null,
    sentAt: m.sentAt ?? null,
    receivedAt: opts.receivedAt,
  };
}
