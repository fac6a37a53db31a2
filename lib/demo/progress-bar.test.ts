import { describe, expect, it } from "vitest";
import { formatDuration, formatProgress } from "./progress-bar";

describe("progress bar", () => {
  it("formats durations", () => {
    expect(formatDuration(0)).toBe("00:00");
    expect(formatDuration(65_000)).toBe("01:05");
    expect(formatDuration(3_725_000)).toBe("1:02:05");
    expect(formatDuration(NaN)).toBe("--:--");
  });

  it("shows percent, rows, elapsed and an ETA from the rate so far", () => {
    const line = formatProgress({ phase: "people", peopleDone: 250, peopleTotal: 1000, rows: 12_345, elapsedMs: 10_000 }, 8);
    expect(line).toBe("[██░░░░░░]  25%  12,345 rows  00:10 elapsed  ETA 00:30");
  });

  it("has no ETA at the very start and none left when done", () => {
    expect(formatProgress({ phase: "setup", peopleDone: 0, peopleTotal: 1000, rows: 0, elapsedMs: 100 }, 0)).toContain("ETA --:--");
    expect(formatProgress({ phase: "done", peopleDone: 1000, peopleTotal: 1000, rows: 9, elapsedMs: 5000 }, 0)).toContain("100%  9 rows  00:05 elapsed  ETA 00:00");
  });
});
