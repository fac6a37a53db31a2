import { describe, expect, it } from "vitest";
import { decide, nextState, type RateLimitState } from "./rate-limit";

const rule = { limit: 3, windowMs: 60_000 };
const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

describe("nextState", () => {
  it.each<[string, RateLimitState | null, Date, RateLimitState]>([
    ["first hit opens a window", null, t(5), { count: 1, windowStart: t(5) }],
    ["a hit inside the window counts", { count: 2, windowStart: t(0) }, t(30), { count: 3, windowStart: t(0) }],
    ["the last instant of the window still counts", { count: 2, windowStart: t(0) }, t(59), { count: 3, windowStart: t(0) }],
    ["the window ending starts over", { count: 9, windowStart: t(0) }, t(60), { count: 1, windowStart: t(60) }],
  ])("%s", (_name, prev, now, want) => {
    expect(nextState(prev, now, rule)).toEqual(want);
  });
});

describe("decide", () => {
  it.each([
    [1, t(0), true, 2, 0],
    [3, t(0), true, 0, 0],
    [4, t(10), false, 0, 50],
    [100, t(59), false, 0, 1],
  ])("count %i at %s → allowed %s, remaining %i, retry %is", (count, now, allowed, remaining, retry) => {
    expect(decide({ count, windowStart: t(0) }, now, rule)).toEqual({ allowed, remaining, retryAfterSec: retry });
  });
});
