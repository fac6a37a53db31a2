// The live debugger's messages (pure): their shape on the wire, the poll cursor, and how accepted
// events, rejected messages and messages a tracking plan quarantined are merged newest first.
//
// The cursor is a transaction horizon, one number for the three tables: every row written by a
// transaction below it has been returned (lib/data/source-admin.ts, listSourceMessages), so the next
// poll asks only for rows of transactions from the horizon on.

export const MAX_MESSAGES_PER_POLL = 100;

export interface AcceptedMessage {
  kind: "accepted";
  /** Unique across the three tables: "e<seq>". */
  key: string;
  seq: string;
  type: string;
  event: string | null;
  name: string | null;
  userId: string | null;
  anonymousId: string | null;
  messageId: string;
  channel: string | null;
  timestamp: string;
  receivedAt: string;
  /** The stored row as JSON: ids, properties, traits, context, integrations, times, attribution. */
  raw: Record<string, unknown>;
  /** Violations of the source's tracking plan recorded with this message (it was flagged), if any. */
  violations?: PlanViolation[];
}

export interface RejectedMessage {
  kind: "rejected";
  /** "r<seq>". */
  key: string;
  seq: string;
  type: string | null;
  event: string | null;
  messageId: string | null;
  /** The message's position in its batch, for /v1/batch requests. */
  messageIndex: number | null;
  code: string;
  reason: string;
  receivedAt: string;
  /** What was sent (or `{ truncated, bytes }` for an oversized message). */
  payload: unknown;
}

export interface PlanViolation {
  kind: string;
  path: string;
  detail: string;
}

/** A message the source's tracking plan blocked: held in its quarantine, not stored as an event. */
export interface QuarantinedMessage {
  kind: "quarantined";
  /** "q<seq>". */
  key: string;
  seq: string;
  type: string;
  /** The track event's name, or the page or screen name. */
  event: string | null;
  messageId: string;
  userId: string | null;
  anonymousId: string | null;
  /** Why the plan blocked it. */
  violations: PlanViolation[];
  receivedAt: string;
  /** What was sent, as received (null when not kept). */
  payload: unknown;
  /** The normalised event, as it would be stored if released from the quarantine. */
  normalized: Record<string, unknown>;
}

export type DebuggerMessage = AcceptedMessage | RejectedMessage | QuarantinedMessage;
export type MessageKind = DebuggerMessage["kind"];

export interface MessagesPage {
  cursor: string;
  messages: DebuggerMessage[];
  /** More new messages arrived than one poll returns; only the newest were sent. */
  truncated: boolean;
}

const HORIZON = /^\d{1,19}$/;
/** The seq cursor ("<events>-<rejected>") of the debugger before the horizon: still accepted. */
const SEQ_CURSOR = /^\d{1,19}-\d{1,19}$/;
const INT8_MAX = 2n ** 63n - 1n;

const horizonOf = (s: string): bigint | null => (HORIZON.test(s) && BigInt(s) <= INT8_MAX ? BigInt(s) : null);

/** Whether the API accepts `s` as a cursor. */
export function isCursor(s: string): boolean {
  return horizonOf(s) !== null || SEQ_CURSOR.test(s);
}

export function encodeCursor(horizon: bigint): string {
  return String(horizon);
}

/**
 * The horizon a cursor carries, or null for a first poll: no cursor, or a seq cursor from a page
 * opened before an upgrade (its next poll returns the newest messages again; the client drops the
 * ones it already shows by key).
 */
export function parseCursor(s: string | null | undefined): bigint | null {
  return s ? horizonOf(s) : null;
}

/** Within one instant (a request's rows share it): rejected, then quarantined, then accepted. */
const KIND_ORDER: Record<MessageKind, number> = { rejected: 0, quarantined: 1, accepted: 2 };

function newerFirst(a: DebuggerMessage, b: DebuggerMessage): number {
  const t = Date.parse(b.receivedAt) - Date.parse(a.receivedAt);
  if (t !== 0) return t;
  // Same instant: a request's rejected and quarantined rows are written with its accepted ones; keep seq order within each.
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  const d = BigInt(b.seq) - BigInt(a.seq);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
}

/** Accepted, rejected and quarantined rows (each newest first) merged newest first, at most `limit`. */
export function mergeNewestFirst(
  accepted: readonly AcceptedMessage[],
  rejected: readonly RejectedMessage[],
  limit = MAX_MESSAGES_PER_POLL,
  quarantined: readonly QuarantinedMessage[] = [],
): { messages: DebuggerMessage[]; truncated: boolean } {
  const all = [...accepted, ...rejected, ...quarantined].sort(newerFirst);
  return { messages: all.slice(0, limit), truncated: all.length > limit };
}

/** The client's list after a poll: new messages on top, no duplicates, at most `cap` kept. */
export function prependMessages(existing: readonly DebuggerMessage[], incoming: readonly DebuggerMessage[], cap: number): DebuggerMessage[] {
  if (incoming.length === 0) return existing.slice(0, cap);
  const seen = new Set(incoming.map((m) => m.key));
  return [...incoming, ...existing.filter((m) => !seen.has(m.key))].slice(0, cap);
}

/** What a row shows as its title: the event or page/screen name, else the call type. */
export function messageTitle(m: DebuggerMessage): string {
  if (m.kind === "accepted") return m.event ?? m.name ?? m.type;
  if (m.kind === "quarantined") return m.event ?? m.type;
  return m.event ?? m.type ?? "Unreadable message";
}

/** The JSON shown when a row is expanded. */
export function messageJson(m: DebuggerMessage): string {
  if (m.kind === "accepted") return JSON.stringify(m.raw, null, 2);
  if (m.kind === "quarantined") return JSON.stringify({ violations: m.violations, payload: m.payload, normalized: m.normalized }, null, 2);
  return JSON.stringify({ code: m.code, reason: m.reason, messageIndex: m.messageIndex, payload: m.payload }, null, 2);
}

/**
 * The source's quarantine page filtered to a quarantined message's group: the name the quarantine
 * files it under (lib/data/plan-store.ts eventNameOf) — the track event's name, else the call type.
 */
export function quarantineHref(sourceId: string, m: QuarantinedMessage): string {
  const name = m.type === "track" ? (m.event ?? "") : m.type;
  const base = `/sources/${encodeURIComponent(sourceId)}/quarantine`;
  return name ? `${base}?event=${encodeURIComponent(name)}` : base;
}
