import { describe, expect, it } from "vitest";
import { describeRowErrors, MAX_SPEND_ROWS, parseSpendCsv, refusedRowsMessage, spendBodySchema, validateSpendRows } from "./spend";

describe("validateSpendRows", () => {
  it("accepts the issue's row, a missing source and a per-row currency", () => {
    const res = validateSpendRows(
      [
        { month: "2025-03", channel: "Paid Social", source: "facebook", amount: 6000 },
        { month: "2025-03", channel: "Display", amount: 120.456 },
        { month: "2025-04", channel: "Paid Search", source: " google ", amount: "99.5", currency: "eur" },
        { month: "2025-04", channel: "Paid Search", source: null, amount: 0 },
      ],
      "USD",
    );
    expect(res).toEqual({
      ok: true,
      rows: [
        { month: "2025-03", channel: "Paid Social", source: "facebook", amount: 6000, currency: "USD" },
        { month: "2025-03", channel: "Display", source: "", amount: 120.46, currency: "USD" },
        { month: "2025-04", channel: "Paid Search", source: "google", amount: 99.5, currency: "EUR" },
        { month: "2025-04", channel: "Paid Search", source: "", amount: 0, currency: "USD" },
      ],
    });
  });

  it("names every bad row and writes nothing: negative amount, unknown channel, malformed month, a repeated key", () => {
    const res = validateSpendRows(
      [
        { month: "2025-03", channel: "Paid Social", source: "facebook", amount: 6000 },
        { month: "2025-03", channel: "Paid Social", source: "facebook", amount: -1 },
        { month: "2025-3", channel: "Meta", amount: 5 },
        { month: "2025-03", channel: "Paid Social", source: "facebook", amount: 7000 },
        { month: "2025-03", channel: "Paid Social", amount: "lots", currency: "dollars", extra: 1 },
        "nope",
      ],
      "USD",
    );
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.errors.map((e) => e.row)).toEqual([2, 3, 4, 5, 6]);
    expect(res.errors[0]!.errors).toEqual(["amount -1 is negative; spend is 0 or more"]);
    expect(res.errors[1]!.errors.join(" ")).toMatch(/month must be YYYY-MM.*channel "Meta" is not a channel group/);
    expect(res.errors[2]!.errors).toEqual(['repeats month 2025-03, channel Paid Social and source "facebook" of row 1']);
    expect(res.errors[3]!.errors).toHaveLength(3);
    expect(describeRowErrors(res.errors, 2)).toMatch(/^row 2: amount -1 is negative.*; row 3: .*; and 3 more$/);
  });

  it("refuses an empty request and more than the limit", () => {
    expect(validateSpendRows([], "USD")).toMatchObject({ ok: false, errors: [{ row: 0 }] });
    const many = Array.from({ length: MAX_SPEND_ROWS + 1 }, () => ({}));
    expect(validateSpendRows(many, "USD")).toMatchObject({ ok: false, errors: [{ row: 0, errors: [expect.stringMatching(/at most 5,000 rows/)] }] });
  });

  it.each([
    [[{ row: 2, errors: ["amount -1 is negative; spend is 0 or more"] }], 3, "1 of 3 rows are invalid, so nothing was written: row 2: amount -1 is negative; spend is 0 or more. (At most 5,000 rows per request.)"],
    [[{ row: 0, errors: ["send at least one row"] }], 0, "Nothing was written: send at least one row. (At most 5,000 rows per request.)"],
  ])("says how many rows a refused request had wrong: %j of %i", (errors, received, message) => {
    expect(refusedRowsMessage(errors, received)).toBe(message);
  });

  it("takes a bare array or {rows: [...]}", () => {
    expect(spendBodySchema.safeParse([]).success).toBe(true);
    expect(spendBodySchema.safeParse({ rows: [] }).success).toBe(true);
    expect(spendBodySchema.safeParse({ month: "2025-01" }).success).toBe(false);
  });
});

describe("parseSpendCsv", () => {
  it("reads columns in any order and case, skipping empty cells", () => {
    const csv = "\uFEFFAmount,Month,Channel,Source\r\n6000,2025-03,Paid Social,facebook\r\n250,2025-03,Email,\r\n";
    expect(parseSpendCsv(csv)).toEqual({
      ok: true,
      records: [
        { amount: "6000", month: "2025-03", channel: "Paid Social", source: "facebook" },
        { amount: "250", month: "2025-03", channel: "Email" },
      ],
    });
  });

  it.each([
    ["", /empty/],
    ["month,channel\n2025-01,Email", /no amount column/],
    ["month,channel,amount,platform\n", /Unknown column "platform"/],
    ['month,channel,amount\n"2025-01,Email,5', /quoted/i],
  ])("explains a file it cannot read: %j", (csv, message) => {
    const res = parseSpendCsv(csv);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatch(message);
  });
});
