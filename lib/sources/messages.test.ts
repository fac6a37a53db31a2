import { describe, expect, it } from "vitest";
import {
  encodeCursor,
  isCursor,
  mergeNewestFirst,
  messageJson,
  messageTitle,
  parseCursor,
  prependMessages,
  type AcceptedMessage,
  type DebuggerMessage,
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
});

describe("prependMessages", () => {
  const t = "2026-05-03T12:00:00.000Z";
  it.each([
    ["first poll", [], [acc(2, t), acc(1, t)], 10, ["e2", "e1"]],
    ["new on top", [acc(2, t), acc(1, t)], [acc(3, t)], 10, ["e3", "e2", "e1"]],
    ["no duplicates", [acc(2, t), acc(1, t)], [acc(3, t), acc(2, t)], 10, ["e3", "e2", "e1"]],
    ["capped, oldest dropped", [acc(2, t), acc(1, t)], [acc(4, t), acc(3, t)], 3, ["e4", "e3", "e2"]],
    ["nothing new", [acc(1, t)], [], 10, ["e1"]],
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
  ] as [DebuggerMessage, string][])("title of %#", (m, want) => {
    expect(messageTitle(m)).toBe(want);
  });

  it("JSON is pretty-printed text, with the reason for rejected rows", () => {
    expect(messageJson(acc(1, "2026-05-03T12:00:00Z"))).toBe('{\n  "seq": "1"\n}');
    expect(JSON.parse(messageJson(rej(1, "2026-05-03T12:00:00Z")))).toEqual({ code: "invalid_message", reason: "event is required", messageIndex: null, payload: { userId: "u" } });
  });
});
