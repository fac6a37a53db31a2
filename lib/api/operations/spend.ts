// The spend API's operations (app/api/v1/spend): marketing spend by month, channel and source, read
// and upserted all or nothing. Token with spend:write.
import { z } from "zod";
import { spendQuery } from "../metrics";
import { MAX_SOURCE_LENGTH, MAX_SPEND_ROWS, refusedRowsMessage, spendBodySchema, validateSpendRows } from "../../metrics/spend";
import { DEFAULT_METRIC_SETTINGS } from "../../metrics/settings";
import { defineOperation, type OperationExample } from "../operation";
import { dateTime, invalidRequestError, missingScopeExample, missingTokenExample, rangeRefusalExample, tokenErrors, yearMonth } from "./common";

const SCOPE = "spend:write";
const access = { token: SCOPE } as const;
/** The largest request body PUT takes (5,000 rows fit with room to spare). */
export const MAX_SPEND_BODY_BYTES = 4 * 1024 * 1024;


const listResponse = z.strictObject({
  from: yearMonth(),
  to: yearMonth(),
  rows: z.array(
    z.strictObject({
      month: yearMonth(),
      channel: z.string().describe("A channel group."),
      source: z.string().nullable().describe("E.g. the ad platform; null when the spend has none."),
      amount: z.number().min(0).describe("In `currency`'s units."),
      currency: z.string(),
      updatedAt: dateTime(),
    }),
  ).describe("Ordered by month, channel and source."),
});

const writeResponse = z.strictObject({
  received: z.number().int().describe("Rows in the request."),
  created: z.number().int().describe("New month + channel + source cells."),
  updated: z.number().int().describe("Cells whose amount or currency changed (each change is recorded with this token's name)."),
  unchanged: z.number().int().describe("Cells that already held this amount."),
});

const RANGE = { from: "2026-01", to: "2026-03" };
const ROWS = [
  { month: "2026-03", channel: "Paid Social", source: "facebook", amount: 6000 },
  { month: "2026-03", channel: "Paid Search", source: "google", amount: 4000 },
];
const BAD_ROWS = [
  { month: "2026-03", channel: "Paid Social", source: "facebook", amount: -5 },
  { month: "2026-03", channel: "Facebook Ads", amount: 100 },
  { month: "2026-03", channel: "Email", amount: 250 },
];

function badRows(): OperationExample {
  // None of these rows' problems depends on the reporting currency.
  const checked = validateSpendRows(BAD_ROWS, DEFAULT_METRIC_SETTINGS.currency);
  if (checked.ok) throw new Error("expected refused rows");
  return {
    name: "badRows",
    summary: "A negative amount and an unknown channel: nothing is written",
    status: 400,
    body: BAD_ROWS,
    error: { code: "invalid_rows", message: refusedRowsMessage(checked.errors, BAD_ROWS.length) },
  };
}

export const listSpendOperation = defineOperation({
  method: "GET",
  path: "/api/v1/spend",
  operationId: "listSpend",
  tag: "Spend",
  summary: "Recorded spend",
  description: "The spend cells of a range of months (future months too: budgets may be recorded ahead), one row per month + channel + source.",
  access,
  query: spendQuery,
  responses: { 200: { description: "The spend.", content: { "application/json": listResponse } } },
  errors: { 400: ["invalid_range"], ...tokenErrors(SCOPE) },
  examples: [
    { name: "quarter", summary: "A quarter's spend", status: 200, query: RANGE },
    rangeRefusalExample("fromAfterTo", "`from` after `to`", { from: "2026-03", to: "2026-01" }),
    missingTokenExample(SCOPE, undefined, RANGE),
    missingScopeExample(SCOPE, undefined, RANGE),
  ],
});

export const putSpendOperation = defineOperation({
  method: "PUT",
  path: "/api/v1/spend",
  operationId: "putSpend",
  tag: "Spend",
  summary: "Record spend",
  description:
    `Upserts rows by month + channel + source (a row for an existing cell replaces its amount), from a JSON array of rows or \`{"rows": [...]}\`, at most ${MAX_SPEND_ROWS.toLocaleString("en-US")} rows. ` +
    `Each row: \`month\` (YYYY-MM), \`channel\` (a channel group, e.g. \`Paid Social\`), \`source\` (optional, up to ${MAX_SOURCE_LENGTH} characters), \`amount\` (0 or more), \`currency\` (optional; default: the reporting currency). ` +
    "All or nothing: a negative amount, an unknown channel, a malformed month or a cell repeated within the request refuses the whole request with `invalid_rows`, naming every bad row in `details.rows`. " +
    "Every change is recorded in the spend history with this token's name.",
  access,
  body: spendBodySchema,
  maxBodyBytes: MAX_SPEND_BODY_BYTES,
  responses: { 200: { description: "Written: what changed.", content: { "application/json": writeResponse } } },
  errors: { 400: ["invalid_json", "invalid_request", "invalid_rows"], ...tokenErrors(SCOPE), 413: ["payload_too_large"] },
  examples: [
    { name: "rows", summary: "A month's spend on two channels", status: 200, body: ROWS, response: { received: 2, created: 2, updated: 0, unchanged: 0 } },
    { name: "wrapped", summary: "The same rows, wrapped as {\"rows\": [...]}", status: 200, body: { rows: ROWS } },
    badRows(),
    { name: "notRows", summary: "A single row, not an array", status: 400, body: ROWS[0], error: invalidRequestError(spendBodySchema, ROWS[0]) },
    { ...missingTokenExample(SCOPE), body: ROWS },
    { ...missingScopeExample(SCOPE), body: ROWS },
  ],
});
