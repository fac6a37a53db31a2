// The collector's fast path: the checks of lib/ingest/schema.ts's zod schemas, written out by hand
// for messages that pass them, which is nearly every message an SDK sends. It only ever accepts: a
// message it is not sure about (a check fails, or a value is of a shape it does not handle) returns
// undefined and the zod schema decides, so a verdict and a reject reason always come from zod.
// Accepting means producing exactly what the schema's safeParse would output (fields toEvent reads).
// The differential test (fast-path.test.ts) holds the two to the same verdicts and output.
import { MAX_ID_LENGTH, MAX_MESSAGE_ID_LENGTH, type CallType, type Message } from "./schema";

/** "Not sure: let zod decide." */
const UNSURE = Symbol("unsure");
type Unsure = typeof UNSURE;

/** schema.ts's id(): a string or finite number, trimmed; absent, null or blank is undefined. */
function id(v: unknown, max: number = MAX_ID_LENGTH): string | undefined | Unsure {
  if (v === undefined || v === null) return undefined;
  let s: string;
  if (typeof v === "string") s = v;
  else if (typeof v === "number" && Number.isFinite(v)) s = String(v);
  else return UNSURE;
  s = s.trim();
  if (s === "") return undefined;
  return s.length <= max ? s : UNSURE;
}

/**
 * schema.ts's object(): absent or null is {}; a JSON object is kept. zod's record copies own
 * enumerable string keys but drops "__proto__" and refuses symbol keys, and its plain-object test
 * reads `constructor`: objects with any of those, or another prototype, go to zod.
 */
function object(v: unknown): Record<string, unknown> | Unsure {
  if (v === undefined || v === null) return {};
  if (typeof v !== "object" || Object.getPrototypeOf(v) !== Object.prototype) return UNSURE;
  if (Object.hasOwn(v, "__proto__") || Object.hasOwn(v, "constructor") || Object.getOwnPropertySymbols(v).length) return UNSURE;
  return v as Record<string, unknown>;
}

/** schema.ts's timestamp(): absent, null or "" is undefined; else a date in years 1970–9999. */
function timestamp(v: unknown): Date | undefined | Unsure {
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v !== "string" && !(typeof v === "number" && Number.isFinite(v))) return UNSURE;
  const d = new Date(v);
  const year = d.getUTCFullYear();
  return Number.isNaN(year) || year < 1970 || year > 9999 ? UNSURE : d;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export interface FastPathOptions {
  batchContext?: Record<string, unknown>;
  batchIntegrations?: Record<string, unknown>;
  batchSentAt?: unknown;
}

/**
 * The message as the call type's zod schema would output it, or undefined when zod must decide.
 * `raw` has passed normalize.ts's precheck (an object, a known type, at most 32 KB).
 */
export function fastValidate(raw: Record<string, unknown>, type: CallType, opts: FastPathOptions): Message | undefined {
  // The same candidate normalize.ts hands zod: batch-level context and integrations under the
  // message's own, the batch's sentAt when the message has none.
  const rawContext = raw.context;
  const rawIntegrations = raw.integrations;
  const context = object(opts.batchContext && isPlainObject(rawContext) ? { ...opts.batchContext, ...rawContext } : (rawContext ?? opts.batchContext));
  if (context === UNSURE) return undefined;
  const integrations = object(
    opts.batchIntegrations && isPlainObject(rawIntegrations) ? { ...opts.batchIntegrations, ...rawIntegrations } : (rawIntegrations ?? opts.batchIntegrations),
  );
  if (integrations === UNSURE) return undefined;
  const messageId = id(raw.messageId);
  if (messageId === UNSURE || (messageId !== undefined && messageId.length >= MAX_MESSAGE_ID_LENGTH)) return undefined;
  const userId = id(raw.userId);
  if (userId === UNSURE) return undefined;
  const anonymousId = id(raw.anonymousId);
  if (anonymousId === UNSURE) return undefined;
  const ts = timestamp(raw.timestamp);
  if (ts === UNSURE) return undefined;
  const originalTimestamp = timestamp(raw.originalTimestamp);
  if (originalTimestamp === UNSURE) return undefined;
  const sentAt = timestamp(raw.sentAt ?? opts.batchSentAt);
  if (sentAt === UNSURE) return undefined;
  // Object literals written out in full: spreading a shared object of these fields costs more than
  // all the checks above.

  switch (type) {
    case "identify": {
      const traits = object(raw.traits);
      if (traits === UNSURE || !(userId || anonymousId)) return undefined;
      return { type, messageId, userId, anonymousId, timestamp: ts, originalTimestamp, sentAt, context, integrations, traits };
    }
    case "track": {
      const e = raw.event;
      if (typeof e !== "string" && !(typeof e === "number" && Number.isFinite(e))) return undefined;
      const event = String(e).trim();
      if (event.length === 0 || event.length > 500) return undefined;
      const properties = object(raw.properties);
      if (properties === UNSURE || !(userId || anonymousId)) return undefined;
      return { type, messageId, userId, anonymousId, timestamp: ts, originalTimestamp, sentAt, context, integrations, event, properties };
    }
    case "page":
    case "screen": {
      const name = id(raw.name);
      const category = id(raw.category);
      const properties = object(raw.properties);
      if (name === UNSURE || category === UNSURE || properties === UNSURE || !(userId || anonymousId)) return undefined;
      return { type, messageId, userId, anonymousId, timestamp: ts, originalTimestamp, sentAt, context, integrations, name, category, properties };
    }
    case "group": {
      const groupId = id(raw.groupId);
      const traits = object(raw.traits);
      if (groupId === UNSURE || groupId === undefined || traits === UNSURE || !(userId || anonymousId)) return undefined;
      return { type, messageId, userId, anonymousId, timestamp: ts, originalTimestamp, sentAt, context, integrations, groupId, traits };
    }
    case "alias": {
      const previousId = id(raw.previousId);
      if (previousId === UNSURE || previousId === undefined || userId === undefined) return undefined;
      return { type, messageId, userId, anonymousId, timestamp: ts, originalTimestamp, sentAt, context, integrations, previousId };
    }
  }
}
