import { describe, expect, it } from "vitest";
import { BACKOFF_MAX_MS, backoffDelay, isRetryable, MAX_RETRY_AFTER_MS, retryAfterMs } from "./backoff";

describe("backoffDelay", () => {
  // [attempt, delay with random 0, delay with random 1]
  const schedule: [number, number, number][] = [
    [1, 500, 1000],
    [2, 1000, 2000],
    [3, 2000, 4000],
    [4, 4000, 8000],
    [5, 8000, 16000],
    [6, 16000, 32000],
    [7, 30000, 60000],
    [8, 30000, 60000],
    [30, 30000, 60000],
  ];
  it.each(schedule)("attempt %i waits between %i and %i ms", (attempt, min, max) => {
    expect(backoffDelay(attempt, 0)).toBe(min);
    expect(backoffDelay(attempt, 1)).toBe(max);
    expect(backoffDelay(attempt, 0.5)).toBe((min + max) / 2);
  });

  it("never exceeds the cap and never waits nothing", () => {
    for (let attempt = 0; attempt < 100; attempt++) {
      for (const r of [0, 0.3, 0.999, -1, 2]) {
        const d = backoffDelay(attempt, r);
        expect(d).toBeGreaterThanOrEqual(500);
        expect(d).toBeLessThanOrEqual(BACKOFF_MAX_MS);
      }
    }
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2026-03-01T12:00:00Z");
  const cases: [string | null, number | undefined][] = [
    [null, undefined],
    ["", undefined],
    ["3", 3000],
    [" 1.5 ", 1500],
    ["0", 0],
    ["Sun, 01 Mar 2026 12:00:30 GMT", 30000],
    ["Sun, 01 Mar 2026 11:00:00 GMT", 0],
    ["86400", MAX_RETRY_AFTER_MS],
    ["soon", undefined],
    ["-5", undefined],
  ];
  it.each(cases)("%j → %j", (header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });
});

describe("isRetryable", () => {
  const cases: [number, boolean][] = [
    [0, true],
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [413, false],
  ];
  it.each(cases)("HTTP %i → %s", (status, expected) => {
    expect(isRetryable(status)).toBe(expected);
  });
});
