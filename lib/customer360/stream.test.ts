import { describe, expect, it } from "vitest";
import { alignByDay, compareStream, groupSessions, mergeSides, positionOf, type StreamItem, type StreamSession } from "./stream";
import { decodeStreamCursor, encodeStreamCursor } from "./stream-cursor";
import type { TimelineItem } from "../crm/timeline";

const crm = (key: string, at: string): StreamItem => ({ side: "crm", key, at, crm: { key, occurredAt: at } as TimelineItem });
const session = (id: string): StreamSession => ({ id, start: "", end: "", durationSeconds: 0, events: 1, pages: 1, channel: "Direct", landingPage: null, referrer: null, campaign: null });
const cdp = (seq: string, at: string, s: string | null = null): StreamItem => ({
  side: "cdp",
  key: seq,
  at,
  cdp: { seq, messageId: seq, type: "page", event: null, name: null, sourceId: "w", sourceName: null, channel: null, pagePath: null, pageUrl: null, referrer: null, properties: {}, revenueCents: null, session: s ? session(s) : null, keys: [] },
});

describe("compareStream", () => {
  const T = "2026-03-03T10:00:00.000Z";
  const cases: [string, StreamItem, StreamItem][] = [
    ["newer first", crm("a", "2026-03-03T11:00:00.000Z"), crm("b", T)],
    ["CRM before CDP at the same instant", crm("a", T), cdp("99", T)],
    ["CRM keys descending in byte order", crm("task:b", T), crm("task:a", T)],
    ["CDP seqs descending as numbers, not text", cdp("10", T), cdp("9", T)],
  ];
  for (const [name, first, second] of cases)
    it(name, () => {
      expect(compareStream(positionOf(first), positionOf(second))).toBeLessThan(0);
      expect(compareStream(positionOf(second), positionOf(first))).toBeGreaterThan(0);
      expect(compareStream(positionOf(first), positionOf(first))).toBe(0);
    });
});

describe("mergeSides", () => {
  it("takes the first items of the merge and reports the last as the next position", () => {
    const a = [crm("c2", "2026-03-03T12:00:00Z"), crm("c1", "2026-03-01T12:00:00Z")];
    const b = [cdp("5", "2026-03-03T12:00:00Z"), cdp("4", "2026-03-02T12:00:00Z")];
    const page = mergeSides([a, b], 3);
    expect(page.items.map((i) => i.key)).toEqual(["c2", "5", "4"]);
    expect(page.next).toEqual({ at: "2026-03-02T12:00:00Z", side: "cdp", key: "4" });
    expect(mergeSides([a, b], 4).next).toBeNull();
  });
});

describe("alignByDay and groupSessions", () => {
  it("puts a day's CRM and CDP items in one row, newest day first", () => {
    const rows = alignByDay([crm("call", "2026-03-05T15:00:00Z"), cdp("3", "2026-03-05T09:00:00Z"), cdp("2", "2026-03-04T23:59:59Z")]);
    expect(rows.map((r) => [r.day, r.crm.length, r.cdp.length])).toEqual([
      ["2026-03-05", 1, 1],
      ["2026-03-04", 0, 1],
    ]);
  });
  it("groups consecutive events of one session; events outside sessions stand alone", () => {
    const groups = groupSessions([cdp("5", "2026-03-05T10:05:00Z", "3"), cdp("4", "2026-03-05T10:04:00Z", "3"), cdp("9", "2026-03-05T10:03:00Z"), cdp("3", "2026-03-05T10:00:00Z", "3")]);
    expect(groups.map((g) => [g.session?.id ?? null, g.items.map((i) => i.key)])).toEqual([
      ["3", ["5", "4"]],
      [null, ["9"]],
      ["3", ["3"]],
    ]);
  });
});

describe("stream cursor", () => {
  it("round-trips a position", () => {
    const p = { at: "2026-03-03T10:00:00.000Z", side: "cdp" as const, key: "12345" };
    expect(decodeStreamCursor(encodeStreamCursor(p))).toEqual(p);
  });
  it.each([
    ["not base64 JSON", "%%%"],
    ["a wrong side", Buffer.from(JSON.stringify(["2026-03-03T10:00:00Z", "x", "k"])).toString("base64url")],
    ["a CDP key that is not a seq", Buffer.from(JSON.stringify(["2026-03-03T10:00:00Z", "cdp", "1; drop"])).toString("base64url")],
    ["a bad time", Buffer.from(JSON.stringify(["yesterday", "crm", "k"])).toString("base64url")],
  ])("refuses %s", (_n, raw) => expect(decodeStreamCursor(raw)).toBeNull());
});
