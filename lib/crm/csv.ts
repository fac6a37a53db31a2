// CSV writing per RFC 4180 (CRLF line ends, quotes doubled, fields with , " CR LF quoted) with
// protection against formula injection: a cell starting with =, +, -, @ (or tab / CR, which some
// spreadsheets skip before a formula) is prefixed with a single quote (OWASP's advice).

import { textStream } from "../export/stream";

export type CsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  // Numbers we write ourselves (counts) are safe; only text can carry a formula.
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** A minimal RFC 4180 reader, for tests and checks of what we wrote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * A streamed CSV body: the header row, then each batch of rows as it arrives (the source pages
 * through the database by keyset, so memory stays flat however many rows there are).
 */
export function csvStream<R>(columns: readonly { header: string; get(row: R): CsvValue }[], batches: AsyncIterable<R[]>): ReadableStream<Uint8Array> {
  return textStream(csvParts(columns, batches));
}

async function* csvParts<R>(columns: readonly { header: string; get(row: R): CsvValue }[], batches: AsyncIterable<R[]>): AsyncGenerator<string> {
  // A UTF-8 byte-order mark, so spreadsheet apps read accents right.
  yield `\uFEFF${csvRow(columns.map((c) => c.header))}`;
  for await (const batch of batches) yield batch.map((row) => csvRow(columns.map((c) => c.get(row)))).join("");
}

/** A file name like "contacts-2026-03-01.csv". */
export function csvFileName(kind: string, now: Date): string {
  return `${kind}-${now.toISOString().slice(0, 10)}.csv`;
}
