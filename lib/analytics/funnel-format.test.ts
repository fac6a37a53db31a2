import { describe, expect, it } from "vitest";
import { binLabel, formatDuration, formatPercent } from "./funnel-format";

describe("funnel formatting", () => {
  it.each([
    [0, "0%"],
    [1, "100%"],
    [0.4237, "42.4%"],
    [0.5, "50%"],
    [0.0004, "<0.1%"],
    [0.001, "0.1%"],
  ])("percent %s → %s", (r, want) => expect(formatPercent(r)).toBe(want));

  it.each([
    [null, "—"],
    [0, "0 s"],
    [4.26, "4.3 s"],
    [42, "42 s"],
    [210, "3.5 min"],
    [7200, "2 h"],
    [129_600, "1.5 d"],
    [1_209_600, "14 d"],
  ])("duration %s → %s", (s, want) => expect(formatDuration(s)).toBe(want));

  it.each([
    [{ fromSeconds: 0, toSeconds: 60 }, "< 1 min"],
    [{ fromSeconds: 60, toSeconds: 300 }, "1–5 min"],
    [{ fromSeconds: 3600, toSeconds: 10_800 }, "1–3 h"],
    [{ fromSeconds: 43_200, toSeconds: 86_400 }, "12 h – 1 d"],
    [{ fromSeconds: 15_552_000, toSeconds: null }, "≥ 180 d"],
  ])("bin %j → %s", (b, want) => expect(binLabel(b)).toBe(want));
});
