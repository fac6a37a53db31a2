// Packing queued messages into Tracking API requests within the server's limits: at most 32 KB per
// message and under 500 KB per request (lib/ingest: MAX_MESSAGE_BYTES, MAX_REQUEST_BYTES), and at
// most 64 KB for what sendBeacon and keepalive fetches may carry.
import type { Message } from "./message";

export const MAX_MESSAGE_BYTES = 32 * 1024;
export const MAX_REQUEST_BYTES = 500 * 1024 - 1;
export const MAX_BATCH_MESSAGES = 100;
/** Browsers cap all in-flight beacons and keepalive fetches of a page at 64 KiB together. */
export const MAX_BEACON_BYTES = 60 * 1024;
/** Room for the `sentAt` added to each message at send time. */
const SENT_AT_ALLOWANCE = 48;

/** Bytes of `s` in UTF-8, without TextEncoder. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The message's size as the server will measure it (with its sentAt), or -1 if it can't be serialised. */
export function messageBytes(m: Message): number {
  try {
    return utf8Length(JSON.stringify(m)) + SENT_AT_ALLOWANCE;
  } catch {
    return -1;
  }
}

export interface PackedBatch {
  /** How many messages from the front of the list the body carries (≥ 1 when the list isn't empty). */
  count: number;
  body: string;
  bytes: number;
}

/**
 * The request body for as many leading messages as fit in `maxCount` and `maxBytes`:
 * `{"batch":[…],"sentAt":…,"writeKey":…}` (the key in the body: no Authorization header, so a
 * text/plain POST needs no CORS preflight). Each message gets the same `sentAt`, set now.
 */
export function packBatch(messages: Message[], sentAt: string, writeKey: string, maxCount: number, maxBytes: number): PackedBatch {
  const tail = `],"sentAt":${JSON.stringify(sentAt)},"writeKey":${JSON.stringify(writeKey)}}`;
  const head = '{"batch":[';
  let bytes = utf8Length(head) + utf8Length(tail);
  const parts: string[] = [];
  for (const m of messages) {
    if (parts.length >= maxCount) break;
    const json = JSON.stringify(Object.assign({}, m, { sentAt }));
    const size = utf8Length(json) + (parts.length ? 1 : 0);
    if (parts.length && bytes + size > maxBytes) break;
    parts.push(json);
    bytes += size;
  }
  return { count: parts.length, body: head + parts.join(",") + tail, bytes };
}

/** How a list of messages splits into requests: the message count of each. */
export function splitCounts(messages: Message[], sentAt: string, writeKey: string, maxCount: number, maxBytes: number): number[] {
  const counts: number[] = [];
  let rest = messages;
  while (rest.length) {
    const { count } = packBatch(rest, sentAt, writeKey, maxCount, maxBytes);
    counts.push(count);
    rest = rest.slice(count);
  }
  return counts;
}
