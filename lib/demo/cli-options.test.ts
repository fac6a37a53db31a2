import { describe, expect, it } from "vitest";
import { parseSeedArgs, resolveSeedOptions, todayUtc } from "./cli-options";

const TODAY = "2025-06-30";

describe("parseSeedArgs", () => {
  it("uses the defaults and today's date as the anchor", () => {
    expect(parseSeedArgs([], TODAY)).toEqual({ ok: true, help: false, options: { profiles: 2000, days: 180, seed: 42, anchor: TODAY } });
  });

  it("reads every option", () => {
    const r = parseSeedArgs(["--profiles", "100000", "--days", "90", "--seed", "7", "--anchor", "2024-02-29"], TODAY);
    expect(r).toEqual({ ok: true, help: false, options: { profiles: 100_000, days: 90, seed: 7, anchor: "2024-02-29" } });
  });

  it.each([
    [["--profiles", "abc"], "--profiles must be a whole number"],
    [["--profiles", "1.5"], "--profiles must be a whole number"],
    [["--profiles", "0"], "--profiles must be at least 1"],
    [["--profiles", "2000000"], "--profiles must be at most 1,000,000"],
    [["--days", "0"], "--days must be at least 1"],
    [["--seed=-1"], "--seed must be at least 0"],
    [["--anchor", "2025-02-30"], "--anchor must be a real calendar date"],
    [["--anchor", "yesterday"], "--anchor must be a real calendar date"],
    [["--frobnicate"], "Unknown option '--frobnicate'"],
  ])("rejects %j with a clear message", (argv, message) => {
    const r = parseSeedArgs(argv, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it("recognises --help", () => {
    expect(parseSeedArgs(["--help"], TODAY)).toMatchObject({ ok: true, help: true });
  });
});

describe("resolveSeedOptions", () => {
  it("accepts numbers from the start script and rejects NaN", () => {
    expect(resolveSeedOptions({ profiles: 200, days: 60 }, TODAY)).toMatchObject({ ok: true, options: { profiles: 200, days: 60, seed: 42 } });
    expect(resolveSeedOptions({ profiles: Number("x") }, TODAY)).toMatchObject({ ok: false });
  });

  it("todayUtc is the UTC calendar date", () => {
    expect(todayUtc(new Date("2025-06-30T23:30:00-05:00"))).toBe("2025-07-01");
  });
});
