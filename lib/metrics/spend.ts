// Marketing spend input, pure: the rows the API, the grid and the CSV import accept, validated
// all-or-nothing with an error per bad row (negative amount, unknown channel, malformed month, a key
// repeated within one request), and CSV text read into those rows.
import { z } from "zod";
import { CHANNELS, isChannel } from "../analytics/channel";
import { parseCsvText } from "../crm/import-csv";
import { isMonth, type Month } from "./months";

/** The most rows one request or import may carry. */
export const MAX_SPEND_ROWS = 5000;
/** The largest amount the column holds (numeric(14, 2)). */
export const MAX_SPEND_AMOUNT = 999_999_999_999.99;
export const MAX_SOURCE_LENGTH = 100;

export interface SpendInput {
  month: Month;
  channel: string;
  /** "" when the spend has no source. */
  source: string;
  /** In the currency's units, rounded to cents. */
  amount: number;
  currency: string;
}

export interface RowError {
  /** 1-based position in the request (or CSV line number for an import). */
  row: number;
  errors: string[];
}

export type SpendValidation = { ok: true; rows: SpendInput[] } | { ok: false; errors: RowError[] };

export const spendKey = (r: Pick<SpendInput, "month" | "channel" | "source">) => `${r.month}|${r.channel}|${r.source}`;

const CURRENCY = /^[A-Z]{3}$/;

/** One row as given (JSON object or CSV record) → the row, or what is wrong with it. */
function checkRow(raw: unknown, defaultCurrency: string): { row: SpendInput | null; errors: string[] } {
  const errors: string[] = [];
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return { row: null, errors: ['must be an object like {"month":"2025-03","channel":"Paid Social","source":"facebook","amount":6000}'] };
  const r = raw as Record<string, unknown>;
  const known = new Set(["month", "channel", "source", "amount", "currency"]);
  const unknown = Object.keys(r).filter((k) => !known.has(k));
  if (unknown.length) errors.push(`unknown field${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")} (fields: month, channel, source, amount, currency)`);

  const month = typeof r.month === "string" ? r.month.trim() : r.month;
  if (!isMonth(month)) errors.push(`month must be YYYY-MM (e.g. "2025-03"), got ${JSON.stringify(r.month ?? null)}`);

  const channel = typeof r.channel === "string" ? r.channel.trim() : r.channel;
  if (!isChannel(channel)) errors.push(`channel ${JSON.stringify(r.channel ?? null)} is not a channel group; use one of ${CHANNELS.join(", ")}`);

  let source = "";
  if (r.source !== undefined && r.source !== null) {
    if (typeof r.source !== "string") errors.push("source must be text (or left out)");
    else if (r.source.trim().length > MAX_SOURCE_LENGTH) errors.push(`source is longer than ${MAX_SOURCE_LENGTH} characters`);
    else source = r.source.trim();
  }

  const amount = typeof r.amount === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(r.amount) ? Number(r.amount) : r.amount;
  if (typeof amount !== "number" || !Number.isFinite(amount)) errors.push(`amount must be a number, got ${JSON.stringify(r.amount ?? null)}`);
  else if (amount < 0) errors.push(`amount ${amount} is negative; spend is 0 or more`);
  else if (amount > MAX_SPEND_AMOUNT) errors.push(`amount ${amount} is above ${MAX_SPEND_AMOUNT}`);

  let currency = defaultCurrency;
  if (r.currency !== undefined && r.currency !== null && r.currency !== "") {
    const c = typeof r.currency === "string" ? r.currency.trim().toUpperCase() : "";
    if (!CURRENCY.test(c)) errors.push(`currency must be a three-letter ISO 4217 code such as USD, got ${JSON.stringify(r.currency)}`);
    else currency = c;
  }
  if (errors.length) return { row: null, errors };
  return { row: { month: month as Month, channel: channel as string, source, amount: Math.round((amount as number) * 100) / 100, currency }, errors };
}

/**
 * Every row, or every problem: nothing is written unless all rows are good. `rowNumber(i)` names a
 * row in messages (its index + 1 for the API, its line for a CSV).
 */
export function validateSpendRows(raw: unknown[], defaultCurrency: string, rowNumber: (i: number) => number = (i) => i + 1): SpendValidation {
  if (raw.length === 0) return { ok: false, errors: [{ row: 0, errors: ["send at least one row"] }] };
  if (raw.length > MAX_SPEND_ROWS) return { ok: false, errors: [{ row: 0, errors: [`send at most ${MAX_SPEND_ROWS.toLocaleString("en-US")} rows at a time (got ${raw.length.toLocaleString("en-US")})`] }] };
  const errors: RowError[] = [];
  const rows: SpendInput[] = [];
  const firstSeen = new Map<string, number>();
  raw.forEach((r, i) => {
    const { row, errors: e } = checkRow(r, defaultCurrency);
    if (row) {
      const key = spendKey(row);
      const seen = firstSeen.get(key);
      if (seen !== undefined) e.push(`repeats month ${row.month}, channel ${row.channel} and source ${row.source ? `"${row.source}"` : "(none)"} of row ${seen}`);
      else firstSeen.set(key, rowNumber(i));
    }
    if (e.length) errors.push({ row: rowNumber(i), errors: e });
    else rows.push(row!);
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

/** "row 2: amount -5 is negative…; row 7: …" (at most `limit` rows named). */
export function describeRowErrors(errors: RowError[], limit = 5, noun = "row"): string {
  const shown = errors.slice(0, limit).map((e) => (e.row === 0 ? e.errors.join("; ") : `${noun} ${e.row}: ${e.errors.join("; ")}`));
  const more = errors.length > limit ? `; and ${errors.length - limit} more` : "";
  return `${shown.join("; ")}${more}`;
}

/** The API's 400 invalid_rows message for a refused request of `received` rows: every bad row named, nothing written. */
export function refusedRowsMessage(errors: RowError[], received: number): string {
  const bad = errors.filter((e) => e.row > 0).length;
  const head = bad ? `${bad} of ${received} rows are invalid, so nothing was written` : "Nothing was written";
  return `${head}: ${describeRowErrors(errors)}. (At most ${MAX_SPEND_ROWS.toLocaleString("en-US")} rows per request.)`;
}

const ROW_EXAMPLE = '{"month":"2025-03","channel":"Paid Social","source":"facebook","amount":6000}';
const row = z
  .unknown()
  .describe(
    `A row like ${ROW_EXAMPLE}: \`month\` (YYYY-MM), \`channel\` (a channel group), \`source\` (optional, up to ${MAX_SOURCE_LENGTH} characters), ` +
      "`amount` (0 or more, in the currency's units), `currency` (optional ISO 4217 code; default: the reporting currency). Checked row by row: any bad row refuses the whole request.",
  );

/** The API body: an array of rows, or {"rows": [...]}; the rows themselves are checked by validateSpendRows. */
export const spendBodySchema = z.union([z.array(row), z.object({ rows: z.array(row) })], {
  error: `Send a JSON array of rows, or {"rows": [...]}, each like ${ROW_EXAMPLE}`,
});

export const SPEND_CSV_COLUMNS = ["month", "channel", "source", "amount", "currency"] as const;

export type ParsedSpendCsv = { ok: true; records: Record<string, string>[] } | { ok: false; error: string };

/**
 * CSV text with a header naming month, channel, amount and optionally source and currency (any
 * order, any case) → one record per data row (row 1 is the first line after the header; blank lines skipped).
 */
export function parseSpendCsv(text: string): ParsedSpendCsv {
  const parsed = parseCsvText(text);
  if (parsed.error) return { ok: false, error: parsed.error };
  const [header, ...data] = parsed.rows;
  if (!header) return { ok: false, error: "The file is empty: the first line must name the columns month, channel, source, amount (and optionally currency)." };
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = ["month", "channel", "amount"].filter((c) => !names.includes(c));
  if (missing.length) return { ok: false, error: `The header has no ${missing.join(", ")} column; name the columns month, channel, source, amount (and optionally currency).` };
  const unknown = names.filter((n) => n && !(SPEND_CSV_COLUMNS as readonly string[]).includes(n));
  if (unknown.length) return { ok: false, error: `Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}; the columns are month, channel, source, amount, currency.` };
  const records = data.map((cells) => Object.fromEntries(names.flatMap((n, i) => (n && cells[i] !== undefined && cells[i]!.trim() !== "" ? [[n, cells[i]!]] : []))));
  return { ok: true, records };
}
