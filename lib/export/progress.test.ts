import { describe, expect, it } from "vitest";
import { formatExportProgress } from "./progress";

describe("formatExportProgress", () => {
  it.each([
    ["a quarter in", { rows: 25_000, total: 100_000, elapsedMs: 5_000, done: false }, 8, "[██░░░░░░]  25%  25,000 / 100,000 rows  5,000 rows/s  00:05 elapsed  ETA 00:15"],
    ["the start: no rate, no ETA yet", { rows: 0, total: 100_000, elapsedMs: 0, done: false }, 0, "  0%  0 / 100,000 rows  0 rows/s  00:00 elapsed  ETA --:--"],
    ["done, with fewer rows than counted (profiles merged meanwhile)", { rows: 998, total: 1000, elapsedMs: 2_000, done: true }, 4, "[████] 100%  998 / 1,000 rows  499 rows/s  00:02 elapsed  ETA 00:00"],
    ["an empty export", { rows: 0, total: 0, elapsedMs: 10, done: true }, 0, "100%  0 / 0 rows  0 rows/s  00:00 elapsed  ETA 00:00"],
    ["more rows than counted never passes 100%", { rows: 12, total: 10, elapsedMs: 1_000, done: false }, 0, "100%  12 / 10 rows  12 rows/s  00:01 elapsed  ETA 00:00"],
  ])("%s", (_name, p, width, line) => {
    expect(formatExportProgress(p, width)).toBe(line);
  });
});
