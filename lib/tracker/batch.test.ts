import { describe, expect, it } from "vitest";
import { MAX_BATCH_MESSAGES, MAX_BEACON_BYTES, MAX_MESSAGE_BYTES, MAX_REQUEST_BYTES, messageBytes, packBatch, splitCounts, utf8Length } from "./batch";
import type { Message } from "./message";

const SENT_AT = "2026-03-01T12:00:00.000Z";

function message(i: number, padding = 0): Message {
  return {
    type: "track",
    messageId: `m-${i}`,
    anonymousId: "anon",
    timestamp: SENT_AT,
    context: {},
    event: "E",
    properties: { pad: "x".repeat(padding) },
  };
}

describe("utf8Length", () => {
  const cases: [string, number][] = [
    ["", 0],
    ["abc", 3],
    ["é", 2],
    ["€", 3],
    ["😀", 4],
    ["a😀b", 6],
    ["\ud800", 3],
    ["\udc00x", 4],
  ];
  it.each(cases)("%j → %i", (s, n) => {
    expect(utf8Length(s)).toBe(n);
    // Node writes a lone surrogate as U+FFFD (3 bytes), as browsers do.
    expect(utf8Length(s)).toBe(Buffer.byteLength(s, "utf8"));
  });
});

describe("packBatch", () => {
  it("writes {batch, sentAt, writeKey} with sentAt on every message, and counts its bytes exactly", () => {
    const { count, body, bytes } = packBatch([message(1), message(2)], SENT_AT, "wk_key", 10, MAX_REQUEST_BYTES);
    expect(count).toBe(2);
    const parsed = JSON.parse(body);
    expect(parsed).toEqual({ batch: [{ ...message(1), sentAt: SENT_AT }, { ...message(2), sentAt: SENT_AT }], sentAt: SENT_AT, writeKey: "wk_key" });
    expect(bytes).toBe(Buffer.byteLength(body));
  });

  it("measures multi-byte text in bytes, not characters", () => {
    const m = { ...message(1), properties: { name: "😀".repeat(100) } };
    const { body, bytes } = packBatch([m], SENT_AT, "k", 10, MAX_REQUEST_BYTES);
    expect(bytes).toBe(Buffer.byteLength(body));
  });

  // [messages, padding each, max count, max bytes, expected split]
  const splits: { name: string; n: number; pad: number; maxCount: number; maxBytes: number; expected: number[] }[] = [
    { name: "nothing", n: 0, pad: 0, maxCount: 20, maxBytes: MAX_REQUEST_BYTES, expected: [] },
    { name: "by count", n: 45, pad: 0, maxCount: 20, maxBytes: MAX_REQUEST_BYTES, expected: [20, 20, 5] },
    { name: "the request cap of 100", n: 250, pad: 0, maxCount: MAX_BATCH_MESSAGES, maxBytes: MAX_REQUEST_BYTES, expected: [100, 100, 50] },
    // 30 KB messages: 16 fit under 500 KB.
    { name: "by bytes", n: 40, pad: 30_000, maxCount: MAX_BATCH_MESSAGES, maxBytes: MAX_REQUEST_BYTES, expected: [16, 16, 8] },
    // Beacons carry at most 60 KB: 40 KB messages go one per beacon.
    { name: "beacon bytes", n: 3, pad: 40_000, maxCount: MAX_BATCH_MESSAGES, maxBytes: MAX_BEACON_BYTES, expected: [1, 1, 1] },
    { name: "an oversized message still goes alone", n: 2, pad: 100_000, maxCount: 20, maxBytes: 50_000, expected: [1, 1] },
  ];
  it.each(splits)("splits $name", ({ n, pad, maxCount, maxBytes, expected }) => {
    const messages = Array.from({ length: n }, (_, i) => message(i, pad));
    expect(splitCounts(messages, SENT_AT, "wk_key", maxCount, maxBytes)).toEqual(expected);
    let rest = messages;
    for (const c of expected) {
      const packed = packBatch(rest, SENT_AT, "wk_key", maxCount, maxBytes);
      if (c > 1 || pad < maxBytes) expect(Buffer.byteLength(packed.body)).toBeLessThanOrEqual(maxBytes);
      expect(JSON.parse(packed.body).batch.map((m: Message) => m.messageId)).toEqual(rest.slice(0, c).map((m) => m.messageId));
      rest = rest.slice(c);
    }
  });

  it("fills a request up to the byte limit and not one byte over", () => {
    const messages = Array.from({ length: 40 }, (_, i) => message(i, 30_000));
    const { count, body } = packBatch(messages, SENT_AT, "wk_key", MAX_BATCH_MESSAGES, MAX_REQUEST_BYTES);
    expect(Buffer.byteLength(body)).toBeLessThan(500 * 1024);
    const oneMore = packBatch(messages.slice(0, count + 1), SENT_AT, "wk_key", count + 1, Infinity);
    expect(Buffer.byteLength(oneMore.body)).toBeGreaterThan(MAX_REQUEST_BYTES);
  });
});

describe("messageBytes", () => {
  it("includes room for sentAt, so a message under the limit stays under it when sent", () => {
    const m = message(1, 1000);
    const sent = JSON.stringify({ ...m, sentAt: SENT_AT });
    expect(messageBytes(m)).toBeGreaterThanOrEqual(Buffer.byteLength(sent));
    expect(MAX_MESSAGE_BYTES).toBe(32 * 1024);
  });

  it("is -1 for what JSON cannot carry", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(messageBytes({ ...message(1), properties: cyclic })).toBe(-1);
    expect(messageBytes({ ...message(1), properties: { n: BigInt(1) } })).toBe(-1);
  });
});
