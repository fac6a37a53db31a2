import { describe, expect, it } from "vitest";
import { nextAttempt, RETRY_WINDOW_MS, retryDelayMs } from "./backoff";

describe("retryDelayMs", () => {
  it.each([
    [1, 0, 2_500],
    [1, 0.999999, 5_000],
    [2, 0, 5_000],
    [3, 1, 20_000],
    [10, 0.5, 1_920_000],
    [12, 1, 3_600_000],
    [40, 1, 3_600_000],
  ])("retry %i with random %d waits %i ms", (attempt, r, ms) => expect(retryDelayMs(attempt, r)).toBe(ms));

  it("retries first within 10 s, for whatever random", () => {
    for (const r of [0, 0.3, 0.7, 0.99]) expect(retryDelayMs(1, r)).toBeLessThanOrEqual(10_000);
  });

  it("keeps retrying for 24 h and then gives up", () => {
    const start = new Date("2026-12-08T00:00:00Z");
    let now = start;
    let attempts = 1;
    let next: Date | null = nextAttempt(attempts, start, now, 1);
    while (next) {
      now = next;
      attempts++;
      next = nextAttempt(attempts, start, now, 1);
    }
    expect(now.getTime() - start.getTime()).toBeGreaterThanOrEqual(RETRY_WINDOW_MS - 3_600_000);
    expect(now.getTime() - start.getTime()).toBeLessThan(RETRY_WINDOW_MS + 3_600_000);
    expect(attempts).toBeGreaterThan(20);
    expect(attempts).toBeLessThan(40);
  });
});
