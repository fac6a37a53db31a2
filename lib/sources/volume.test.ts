import { describe, expect, it } from "vitest";
import { bucketIndex, bucketLabel, bucketTimestamps, volumePoints, volumeTotals, volumeWindow, type VolumeRange } from "./volume";

const at = (s: string) => new Date(s);

describe("volumeWindow", () => {
  it.each([
    ["24h", "2026-05-03T14:25:10Z", "2026-05-02T15:00:00.000Z", "2026-05-03T15:00:00.000Z", 24],
    ["24h", "2026-05-03T14:00:00Z", "2026-05-02T15:00:00.000Z", "2026-05-03T15:00:00.000Z", 24],
    ["7d-6h", "2026-05-03T14:25:10Z", "2026-04-26T18:00:00.000Z", "2026-05-03T18:00:00.000Z", 28],
    ["7d-6h", "2026-05-03T00:00:00Z", "2026-04-26T06:00:00.000Z", "2026-05-03T06:00:00.000Z", 28],
    ["7d-day", "2026-05-03T14:25:10Z", "2026-04-27T00:00:00.000Z", "2026-05-04T00:00:00.000Z", 7],
    ["7d-day", "2026-05-03T23:59:59.999Z", "2026-04-27T00:00:00.000Z", "2026-05-04T00:00:00.000Z", 7],
  ] as [VolumeRange, string, string, string, number][])("%s at %s → [%s, %s) in %i buckets", (range, now, start, end, buckets) => {
    const w = volumeWindow(range, at(now));
    expect(w.start.toISOString()).toBe(start);
    expect(w.end.toISOString()).toBe(end);
    expect(w.buckets).toBe(buckets);
    expect((w.end.getTime() - w.start.getTime()) / 1000).toBe(w.buckets * w.stepSeconds);
  });
});

describe("bucketing", () => {
  const w = volumeWindow("24h", at("2026-05-03T14:25:00Z")); // [05-02 15:00, 05-03 15:00)

  it.each([
    ["before the window", "2026-05-02T14:59:59.999Z", null],
    ["first instant", "2026-05-02T15:00:00.000Z", 0],
    ["end of the first hour", "2026-05-02T15:59:59.999Z", 0],
    ["second hour", "2026-05-02T16:00:00.000Z", 1],
    ["the current hour", "2026-05-03T14:25:00Z", 23],
    ["the end is exclusive", "2026-05-03T15:00:00.000Z", null],
  ])("%s", (_n, t, want) => {
    expect(bucketIndex(at(t), w)).toBe(want);
  });

  it.each([
    ["no timestamps: every bucket is 0", [], Array(24).fill(0)],
    [
      "counts land in their buckets, empty ones stay 0, outside ones are dropped",
      ["2026-05-02T15:10:00Z", "2026-05-02T15:50:00Z", "2026-05-03T14:00:00Z", "2026-05-01T00:00:00Z", "2026-05-03T16:00:00Z"],
      [2, ...Array(22).fill(0), 1],
    ],
  ] as [string, string[], number[]][])("%s", (_n, times, want) => {
    expect(bucketTimestamps(times.map(at), w)).toEqual(want);
  });

  it("volumePoints pairs accepted and rejected per bucket start", () => {
    const d = volumeWindow("7d-day", at("2026-05-03T10:00:00Z"));
    const pts = volumePoints([at("2026-05-03T01:00:00Z"), at("2026-04-27T00:00:00Z")], [at("2026-05-03T09:00:00Z")], d);
    expect(pts).toHaveLength(7);
    expect(pts[0]).toEqual({ start: "2026-04-27T00:00:00.000Z", accepted: 1, rejected: 0, suppressed: 0 });
    expect(pts[6]).toEqual({ start: "2026-05-03T00:00:00.000Z", accepted: 1, rejected: 1, suppressed: 0 });
    expect(pts.slice(1, 6).every((p) => p.accepted === 0 && p.rejected === 0)).toBe(true);
    expect(volumeTotals(pts)).toEqual({ accepted: 2, rejected: 1, suppressed: 0 });
    const withSuppressed = volumePoints([], [], d, [at("2026-05-03T09:00:00Z"), at("2026-05-03T10:00:00Z")]);
    expect(withSuppressed[6]).toEqual({ start: "2026-05-03T00:00:00.000Z", accepted: 0, rejected: 0, suppressed: 2 });
  });
});

describe("bucketLabel", () => {
  it.each([
    ["2026-05-03T14:00:00.000Z", "24h", "14:00"],
    ["2026-05-03T06:00:00.000Z", "7d-6h", "May 3 06:00"],
    ["2026-12-31T00:00:00.000Z", "7d-day", "Dec 31"],
  ] as [string, VolumeRange, string][])("%s (%s) → %s", (iso, range, want) => {
    expect(bucketLabel(iso, range)).toBe(want);
  });
});
