import { describe, expect, it } from "vitest";
import { compareTimeline, formatDuration, type TimelineItem } from "./timeline";
import { decodeCursor, encodeCursor } from "./timeline-cursor";

const item = (key: string, occurredAt: string): TimelineItem => ({
  key,
  kind: "note",
  verb: null,
  refId: key,
  occurredAt,
  actorId: null,
  actorName: null,
  title: null,
  body: null,
  outcome: null,
  durationSeconds: null,
  pinned: false,
  number: null,
  dueAt: null,
});

describe("cursor", () => {
  it.each([
    [{ occurredAt: "2026-01-02T03:04:05.678Z", key: "interaction:abc" }],
    [{ occurredAt: "1999-12-31T23:59:59.999Z", key: "task-completed:ü/+=" }],
  ])("round-trips %j", (c) => {
    const raw = encodeCursor(c);
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(raw)).toEqual(c);
  });

  it.each([
    ["", "empty"],
    ["not base64 !!", "garbage"],
    [Buffer.from("{}").toString("base64url"), "an object"],
    [Buffer.from('["nope","k"]').toString("base64url"), "a bad date"],
    [Buffer.from('["2026-01-01T00:00:00Z",""]').toString("base64url"), "an empty key"],
    [Buffer.from('["2026-01-01T00:00:00Z",3]').toString("base64url"), "a numeric key"],
  ])("refuses %j (%s)", (raw) => {
    expect(decodeCursor(raw)).toBeNull();
  });
});

describe("compareTimeline", () => {
  it("orders newest first, then key descending", () => {
    const items = [item("a", "2026-01-01T00:00:00Z"), item("b", "2026-01-02T00:00:00Z"), item("c", "2026-01-01T00:00:00Z")];
    expect(items.sort(compareTimeline).map((i) => i.key)).toEqual(["b", "c", "a"]);
  });
});


describe("formatDuration", () => {
  it.each([
    [null, null],
    [0, "0 s"],
    [45, "45 s"],
    [60, "1 min"],
    [299, "5 min"],
    [3600, "1 h"],
    [3900, "1 h 5 min"],
  ])("%s → %s", (s, want) => {
    expect(formatDuration(s)).toBe(want);
  });
});
