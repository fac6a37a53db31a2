// The metrics and spend APIs' query schemas: what zod itself refuses (only an unknown groupBy), and
// what it leaves to the pure range parser, so a bad range stays a 400 invalid_range.
import { describe, expect, it } from "vitest";
import { describeZodError } from "./errors";
import { cacQuery, ltvQuery, metricQuery, spendQuery } from "./metrics";

describe("the metrics query schemas", () => {
  it.each([
    [{}, "channel"],
    [{ groupBy: "" }, "channel"],
    [{ groupBy: "month" }, "month"],
  ])("cac groupBy %j → %s", (input, groupBy) => {
    expect(cacQuery.parse(input).groupBy).toBe(groupBy);
  });

  it("takes ltv's own groups, defaulting to the first", () => {
    expect(ltvQuery.parse({}).groupBy).toBe("channel");
    expect(ltvQuery.parse({ groupBy: "cohort" }).groupBy).toBe("cohort");
  });

  it.each([
    [cacQuery, "cohort", 'groupBy: must be one of channel, month, got "cohort".'],
    [ltvQuery, "month", 'groupBy: must be one of channel, cohort, got "month".'],
  ])("refuses another operation's group with a message naming the allowed ones", (schema, groupBy, message) => {
    const parsed = schema.safeParse({ groupBy });
    expect(parsed.success).toBe(false);
    expect(describeZodError(parsed.error!).message).toBe(message);
  });

  it("leaves months and channels to the range parser (bad ones are invalid_range there, not invalid_request)", () => {
    const odd = { from: "2025-1", to: "later", channel: "Facebook Ads" };
    expect(metricQuery.parse(odd)).toEqual(odd);
    expect(cacQuery.parse(odd)).toEqual({ ...odd, groupBy: "channel" });
    expect(spendQuery.parse({ from: "x", to: "" })).toEqual({ from: "x", to: "" });
  });
});
