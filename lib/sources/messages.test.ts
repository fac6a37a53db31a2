import { describe, expect, it } from "vitest";
import {
  encodeCursor,
  isCursor,
  mergeNewestFirst,
  messageJson,
  messageTitle,
  parseCursor,
  prependMessages,
  quarantineHref,
  type AcceptedMessage,
  type DebuggerMessage,
  type QuarantinedMessage,
  type RejectedMessage,
} from "./messages";

const acc = (seq: number, receivedAt: string, extra: Partial<AcceptedMessage> = {}): AcceptedMessage => ({
  kind: "accepted",
  key: `e${seq}`,
  seq: String(seq),
  type: "track",
  event: `E${seq}`,
  name: null,
  userId: "u",
  anonymousId: null,
  messageId: `m${seq}`,
  channel: "Direct",
  timestamp: receivedAt,
  receivedAt,
  raw: { seq: String(seq) },
  ...extra,
});
const rej = (seq: number, receivedAt: string): RejectedMessage => ({
  kind: "rejected",
  key: `r${seq}`,
  seq: String(seq),
  type: "track",
  event: null,
  messageId: null,
  messageIndex: null,
  code: "invalid_message",
  reason: "event is required",
  receivedAt,
  payload: { userId: "u" },
});
const qua = (seq: number, receivedAt: string, extra: Partial<QuarantinedMessage> = {}): QuarantinedMessage => ({
  kind: "quarantined",
  key: `q${seq}`,
  seq: String(seq),
  type: "track",
  event: `Q${seq}`,
  messageId: `qm${seq}`,
  userId: "u",
  anonymousId: null,
  violations: [{ kind: "missing_required", path: "properties.orderId", detail: "properties.orderId is required" }],
  receivedAt,
  payload: { event: `Q${seq}`, userId: "u" },
  normalized: { type: "track", event: `Q${seq}` },
  ...extra,
});
const keys = (ms: readonly DebuggerMessage[]) => ms.map((m) => m.key);

describe("cursor", () => {
  it.each([
    [undefined, null, false],
    ["", null, false],
    ["garbage", null, false],
    ["-1", null, false],
    ["12", 12n, true],
    ["0", 0n, true],
    ["9223372036854775807", 9223372036854775807n, true],
    ["9223372036854775808", null, false],
    // The seq cursor of the debugger before the horizon: accepted, read as a first poll.
    ["12-3", null, true],
    ["12-3-4", null, false],
  ])("parseCursor(%j)", (s, want, accepted) => {
    expect(parseCursor(s)).toBe(want);
    expect(isCursor(s ?? "")).toBe(accepted);
  });
  it("round-trips", () => {
    expect(parseCursor(encodeCursor(123456789012n))).toBe(123456789012n);
  });
});

describe("mergeNewestFirst", () => {
  const t = (s: number) => new Date(Date.UTC(2026, 4, 3, 12, 0, s)).toISOString();
  it.each([
    ["nothing", [], [], 100, [], false],
    ["interleaves by receivedAt", [acc(3, t(5)), acc(2, t(3))], [rej(9, t(4)), rej(8, t(1))], 100, ["e3", "r9", "e2", "r8"], false],
    ["same instant: rejected first, then seq descending", [acc(5, t(1)), acc(4, t(1))], [rej(2, t(1))], 100, ["r2", "e5", "e4"], false],
    ["keeps the newest when over the limit", [acc(3, t(3)), acc(2, t(2)), acc(1, t(1))], [], 2, ["e3", "e2"], true],
  ] as [string, AcceptedMessage[], RejectedMessage[], number, string[], boolean][])("%s", (_n, a, r, limit, want, truncated) => {
    const res = mergeNewestFirst(a, r, limit);
    expect(keys(res.messages)).toEqual(want);
    expect(res.truncated).toBe(truncated);
  });

  it.each([
    ["only quarantined", [], [], [qua(2, t(2)), qua(1, t(1))], 100, ["q2", "q1"], false],
    ["interleaves the three kinds by receivedAt", [acc(3, t(6)), acc(2, t(2))], [rej(9, t(4))], [qua(7, t(5)), qua(6, t(1))], 100, ["e3", "q7", "r9", "e2", "q6"], false],
    ["same instant: rejected, then quarantined, then accepted", [acc(5, t(1))], [rej(2, t(1))], [qua(4, t(1)), qua(3, t(1))], 100, ["r2", "q4", "q3", "e5"], false],
    ["quarantined rows count toward the limit", [acc(1, t(1))], [rej(1, t(2))], [qua(1, t(3))], 2, ["q1", "r1"], true],
  ] as [string, AcceptedMessage[], RejectedMessage[], QuarantinedMessage[], number, string[], boolean][])("%s", (_n, a, r, q, limit, want, truncated) => {
    const res = mergeNewestFirst(a, r, limit, q);
    expect(keys(res.messages)).toEqual(want);
    expect(res.truncated).toBe(truncated);
  });
});

describe("prependMessages", () => {
  const t = "2026-05-03T12:00:00.000Z";
  it.each([
    ["first poll", [], [acc(2, t), acc(1, t)], 10, ["e2", "e1"]],
    ["new on top", [acc(2, t), acc(1, t)], [acc(3, t)], 10, ["e3", "e2", "e1"]],
    ["no duplicates", [acc(2, t), acc(1, t)], [acc(3, t), acc(2, t)], 10, ["e3", "e2", "e1"]],
    ["capped, oldest dropped", [acc(2, t), acc(1, t)], [acc(4, t), acc(3, t)], 3, ["e4", "e3", "e2"]],
    ["nothing new", [acc(1, t)], [], 10, ["e1"]],
    ["kinds with the same seq are distinct rows", [acc(1, t)], [qua(1, t), rej(1, t)], 10, ["q1", "r1", "e1"]],
  ] as [string, DebuggerMessage[], DebuggerMessage[], number, string[]][])("%s", (_n, existing, incoming, cap, want) => {
    expect(keys(prependMessages(existing, incoming, cap))).toEqual(want);
  });
});

describe("display", () => {
  it.each([
    [acc(1, "2026-05-03T12:00:00Z", { event: "Signed Up" }), "Signed Up"],
    [acc(1, "2026-05-03T12:00:00Z", { type: "page", event: null, name: "Pricing" }), "Pricing"],
    [acc(1, "2026-05-03T12:00:00Z", { type: "identify", event: null, name: null }), "identify"],
    [rej(1, "2026-05-03T12:00:00Z"), "track"],
    [{ ...rej(1, "2026-05-03T12:00:00Z"), type: null }, "Unreadable message"],
    [qua(1, "2026-05-03T12:00:00Z", { event: "Order Completed" }), "Order Completed"],
    [qua(1, "2026-05-03T12:00:00Z", { type: "page", event: "Pricing" }), "Pricing"],
    [qua(1, "2026-05-03T12:00:00Z", { type: "identify", event: null }), "identify"],
  ] as [DebuggerMessage, string][])("title of %#", (m, want) => {
    expect(messageTitle(m)).toBe(want);
  });

  it("JSON is pretty-printed text, with the reason for rejected rows", () => {
    expect(messageJson(acc(1, "2026-05-03T12:00:00Z"))).toBe('{\n  "seq": "1"\n}');
    expect(JSON.parse(messageJson(rej(1, "2026-05-03T12:00:00Z")))).toEqual({ code: "invalid_message", reason: "event is required", messageIndex: null, payload: { userId: "u" } });
  });

  it("JSON of a quarantined row: its violations, what was sent, and the event it would store", () => {
    expect(JSON.parse(messageJson(qua(1, "2026-05-03T12:00:00Z")))).toEqual({
      violations: [{ kind: "missing_required", path: "properties.orderId", detail: "properties.orderId is required" }],
      payload: { event: "Q1", userId: "u" },
      normalized: { type: "track", event: "Q1" },
    });
    expect(messageJson(qua(1, "2026-05-03T12:00:00Z", { payload: null }))).toContain('"payload": null');
  });

  it.each([
    ["a track event: filtered to its name", "src-1", qua(1, "2026-05-03T12:00:00Z", { event: "Order Completed" }), "/sources/src-1/quarantine?event=Order%20Completed"],
    ["a page: filed under its call type", "src-1", qua(1, "2026-05-03T12:00:00Z", { type: "page", event: "Pricing" }), "/sources/src-1/quarantine?event=page"],
    ["an identify", "src-1", qua(1, "2026-05-03T12:00:00Z", { type: "identify", event: null }), "/sources/src-1/quarantine?event=identify"],
    ["a track without a name: the whole quarantine", "src-1", qua(1, "2026-05-03T12:00:00Z", { event: null }), "/sources/src-1/quarantine"],
    ["characters escaped", "a/b", qua(1, "2026-05-03T12:00:00Z", { event: "A&B?" }), "/sources/a%2Fb/quarantine?event=A%26B%3F"],
  ] as [string, string, QuarantinedMessage, string][])("quarantineHref: %s", (_n, sourceId, m, want) => {
    expect(quarantineHref(sourceId, m)).toBe(want);
  });
});
