import { describe, expect, it } from "vitest";
import { msUntilToken, takeToken, type Bucket } from "./token-bucket";

describe("takeToken", () => {
  it("starts full: a burst of `burst` requests passes, the next is refused", () => {
    let b: Bucket | undefined;
    const results: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const d = takeToken(b, 1000, 2, 4);
      b = d.bucket;
      results.push(d.allowed);
    }
    expect(results).toEqual([true, true, true, true, false]);
  });

  it.each([
    // [tokens before, ms elapsed, rate, burst, allowed, retryAfter]
    [0, 0, 10, 20, false, 1],
    [0, 100, 10, 20, true, 0], // 0.1 s × 10/s = 1 token
    [0, 50, 10, 20, false, 1],
    [0, 0, 0.5, 1, false, 2], // one token every 2 s
    [0.5, 0, 0.25, 1, false, 2],
    [19.5, 10_000, 10, 20, true, 0], // refill caps at burst
  ])("tokens %d, +%dms at %d/s burst %d → allowed %s, retry %ds", (tokens, elapsed, rate, burst, allowed, retry) => {
    const d = takeToken({ tokens, updatedMs: 0 }, elapsed, rate, burst);
    expect(d.allowed).toBe(allowed);
    expect(d.retryAfterSec).toBe(retry);
    expect(d.bucket.tokens).toBeLessThanOrEqual(burst);
  });

  it("does not rewind when a clock steps back: the bucket keeps its latest instant", () => {
    const first = takeToken(undefined, 10_000, 1, 2);
    const back = takeToken(first.bucket, 9_000, 1, 2); // another machine, a second behind
    expect(back.bucket.updatedMs).toBe(10_000);
    expect(back.bucket.tokens).toBe(0);
    // Once the clock is past the latest instant, only that time refills.
    expect(takeToken(back.bucket, 10_500, 1, 2).bucket.tokens).toBe(0.5);
  });

  it("msUntilToken: how long until a bucket has a whole token", () => {
    expect(msUntilToken(0, 1)).toBe(1000);
    expect(msUntilToken(0.75, 2)).toBe(125);
    expect(msUntilToken(1, 5)).toBe(0);
  });
});
