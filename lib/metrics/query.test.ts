import { describe, expect, it } from "vitest";
import { describeFigure, MetricQueryError, parseFigure, parseMetricQuery, peopleHref, queryParams } from "./query";

const CUR = "2025-06";

describe("parseMetricQuery", () => {
  it.each([
    [{}, { from: "2025-04", to: "2025-06", channels: null }],
    [{ to: "2025-03" }, { from: "2025-01", to: "2025-03", channels: null }],
    [{ from: "2024-01", to: "2024-12" }, { from: "2024-01", to: "2024-12", channels: null }],
    [{ from: "2025-06", to: "2025-06", channel: "Paid Social" }, { from: "2025-06", to: "2025-06", channels: ["Paid Social"] }],
    [{ channel: ["Paid Social", "Email,Paid Search", " Email "] }, { from: "2025-04", to: "2025-06", channels: ["Email", "Paid Search", "Paid Social"] }],
  ])("%j → %j", (params, want) => {
    expect(parseMetricQuery(params, CUR)).toEqual(want);
  });

  it.each([
    [{ from: "2025-1" }, /from must be a month written YYYY-MM/],
    [{ to: "2025-13" }, /to must be a month/],
    [{ to: "2025-07" }, /after the current month/],
    [{ from: "2025-05", to: "2025-04" }, /swap them/],
    [{ from: "2010-01", to: "2025-06" }, /longer than 120 months/],
    [{ channel: "Google Ads" }, /Unknown channel "Google Ads": use one of Direct/],
  ])("refuses %j", (params, message) => {
    expect(() => parseMetricQuery(params, CUR)).toThrow(MetricQueryError);
    expect(() => parseMetricQuery(params, CUR)).toThrow(message);
  });

  it("round-trips through its URL parameters", () => {
    const q = { from: "2025-01", to: "2025-03", channels: ["Email", "Paid Social"] };
    expect(parseMetricQuery(Object.fromEntries(queryParams(q)), CUR)).toEqual(q);
  });
});

describe("figures", () => {
  it.each([
    [{ kind: "new", from: "2025-01", to: "2025-03" }, ["Paid Social"], "New customers acquired Jan 2025 – Mar 2025 · Paid Social"],
    [{ kind: "paying", month: "2025-05" }, null, "Customers paying at the end of May 2025"],
    [{ kind: "movement", movement: "churn", from: "2025-05", to: "2025-05" }, null, "Churn MRR, May 2025"],
    [{ kind: "cohort", cohort: "2025-01", age: null }, null, "Customers acquired in Jan 2025"],
    [{ kind: "cohort", cohort: "2025-01", age: 3 }, ["Email"], "Customers acquired in Jan 2025 still paying in month 3 (Apr 2025) · Email"],
  ] as const)("%j round-trips through its URL and reads “%s”", (figure, channels, text) => {
    const href = peopleHref(figure, channels ? [...channels] : null);
    const parsed = parseFigure(Object.fromEntries(new URL(href, "http://x").searchParams));
    expect(parsed).toEqual({ figure, channels: channels ? [...channels] : null });
    expect(describeFigure(parsed)).toBe(text);
  });

  it.each([
    [{}, /Name a figure/],
    [{ figure: "paying" }, /month/],
    [{ figure: "movement", movement: "upsell", from: "2025-01", to: "2025-01" }, /movement/],
    [{ figure: "new", from: "2025-03", to: "2025-01" }, /swap them/],
    [{ figure: "cohort", cohort: "2025-01", age: "-1" }, /age/],
  ])("refuses %j", (params, message) => {
    expect(() => parseFigure(params)).toThrow(message);
  });
});
