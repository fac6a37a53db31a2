// Raw export of the CDP, the pure half: the columns of an exported event and profile, their NDJSON
// lines and CSV rows, the opaque cursors, and the paging headers. lib/data/raw-export.ts reads the
// tables a keyset page at a time; lib/api/raw-export.ts answers with the stream.
//
// Paging design (one for both kinds). A response is a window of the table in key order — events by
// `seq` (the order they were stored in), live profiles by `id`:
// - without `limit`, the window runs to the end: the whole table (after `cursor`, when given);
// - with `limit`, it holds at most that many rows.
// Either way the rows are read in keyset pages of EXPORT_PAGE_SIZE (`key > last key`, never OFFSET),
// so memory stays flat and nothing caps the row count. Every response carries `X-Next-Cursor` (the
// position after its window: pass it as `cursor` to continue), `X-Has-More` (whether rows already
// follow), and when they do a `Link: <…>; rel="next"`.
//
// Events: on PostgreSQL `events.seq` is drawn before a transaction commits and transactions commit out
// of order, so the newest seqs can have holes that a slower transaction fills a moment later; a cursor
// placed past such a hole would skip that event forever. A window therefore ends at the newest seq
// read after the writers in flight have finished (lib/data/raw-export.ts finalHorizon: every writer
// of events holds the identity lock while it draws seqs; the export takes it exclusively for one
// lookup), so a cursor kept between calls picks up exactly the events stored since — each once —
// which makes the events cursor an incremental feed. Profiles are state, not a
// log: a profile changed later keeps its id, so follow their changes with `from` (updated since).
import { csvStream, type CsvValue } from "../crm/csv";
import { textStream } from "./stream";

export const RAW_FORMATS = ["ndjson", "csv"] as const;
export type RawFormat = (typeof RAW_FORMATS)[number];
export type RawKind = "events" | "profiles";

/** Rows per database query. */
export const EXPORT_PAGE_SIZE = 5000;
/** The largest `limit`; leave it out to stream everything. */
export const EXPORT_MAX_LIMIT = 1_000_000;

export const CONTENT_TYPES: Record<RawFormat, string> = {
  ndjson: "application/x-ndjson; charset=utf-8",
  csv: "text/csv; charset=utf-8",
};

/** Event fields, in export order (NDJSON keys and CSV columns alike). */
export const EVENT_COLUMNS = [
  "messageId",
  "type",
  "event",
  "name",
  "userId",
  "anonymousId",
  "groupId",
  "previousId",
  "profileId",
  "sourceId",
  "timestamp",
  "originalTimestamp",
  "sentAt",
  "receivedAt",
  "channel",
  "utmSource",
  "utmMedium",
  "utmCampaign",
  "utmTerm",
  "utmContent",
  "referrer",
  "referringDomain",
  "pageUrl",
  "pagePath",
  "clickIds",
  "properties",
  "traits",
  "context",
  "integrations",
] as const;
export type EventColumn = (typeof EVENT_COLUMNS)[number];

export const PROFILE_COLUMNS = ["id", "createdAt", "updatedAt", "firstSeenAt", "lastSeenAt", "identities", "traits", "mergedProfileIds"] as const;
export type ProfileColumn = (typeof PROFILE_COLUMNS)[number];

/** Columns holding JSON (objects or arrays): written as JSON text in a CSV cell. */
const JSON_COLUMNS = new Set<string>(["clickIds", "properties", "traits", "context", "integrations", "identities", "mergedProfileIds"]);

export type ExportValue = string | number | boolean | Date | null | Record<string, unknown> | unknown[];
export type ExportRecord = Record<string, ExportValue>;

export const EXPORT_COLUMNS_OF: Record<RawKind, readonly string[]> = { events: EVENT_COLUMNS, profiles: PROFILE_COLUMNS };

/** One NDJSON line: the columns in order (instants as ISO-8601 UTC), then a newline. */
export function ndjsonLine(columns: readonly string[], row: ExportRecord): string {
  const ordered: Record<string, unknown> = {};
  for (const c of columns) ordered[c] = row[c] ?? null;
  return `${JSON.stringify(ordered)}\n`;
}

/** One CSV value: JSON columns as JSON text (quoted by the CSV writer), the rest as they are. */
export function csvValue(column: string, value: ExportValue | undefined): CsvValue {
  if (value === null || value === undefined) return null;
  if (JSON_COLUMNS.has(column)) return JSON.stringify(value);
  return value as CsvValue;
}

/**
 * The streamed body of an export: NDJSON lines, or a CSV (header row first) through the same writer
 * as every Tandem CSV. `pages` is read one page per pull of the stream.
 */
export function exportBody(kind: RawKind, format: RawFormat, pages: AsyncIterable<ExportRecord[]>): ReadableStream<Uint8Array> {
  const columns = EXPORT_COLUMNS_OF[kind];
  if (format === "csv") return csvStream(columns.map((c) => ({ header: c, get: (r: ExportRecord) => csvValue(c, r[c]) })), pages);
  return textStream(ndjsonParts(columns, pages));
}

async function* ndjsonParts(columns: readonly string[], pages: AsyncIterable<ExportRecord[]>): AsyncGenerator<string> {
  for await (const page of pages) yield page.map((r) => ndjsonLine(columns, r)).join("");
}

export function rawExportFileName(kind: RawKind, format: RawFormat, now: Date): string {
  return `tandem-${kind}-${now.toISOString().slice(0, 10)}.${format}`;
}

// ───────────────────────────── cursors ─────────────────────────────

export const INVALID_EXPORT_CURSOR_MESSAGE =
  "The cursor is not one this export gave out (an events cursor for events, a profiles cursor for profiles); start again without `cursor`, then pass the X-Next-Cursor header of each response.";

const TAG: Record<RawKind, string> = { events: "e", profiles: "p" };

/** An opaque cursor: base64url of `[kind tag, key]` (an event's seq, a profile's id; "" before the first). */
export function encodeExportCursor(kind: RawKind, key: string): string {
  return Buffer.from(JSON.stringify([TAG[kind], key]), "utf8").toString("base64url");
}

/** The key a cursor stands for, or null when it was not made by encodeExportCursor for this kind. */
export function decodeExportCursor(kind: RawKind, raw: string): string | null {
  try {
    const v = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(v) || v.length !== 2 || v[0] !== TAG[kind] || typeof v[1] !== "string") return null;
    const key = v[1];
    if (kind === "events") return /^(0|[1-9]\d{0,18})$/.test(key) ? key : null;
    return key.length <= 200 ? key : null;
  } catch {
    return null;
  }
}

export const unknownSourceMessage = (id: string): string =>
  `No source has the id ${JSON.stringify(id)}; copy a source's id from Sources (it ends the address of the source's page).`;

// ───────────────────────────── paging headers ─────────────────────────────

export interface ExportWindowHeaders {
  nextCursor: string;
  hasMore: boolean;
}

/**
 * `X-Next-Cursor`, `X-Has-More` and, when rows follow, `Link: <…>; rel="next"` — the request's own
 * path and query with the cursor replaced (relative, so it holds behind any proxy).
 */
export function pagingHeaders(requestUrl: URL, window: ExportWindowHeaders): Record<string, string> {
  const headers: Record<string, string> = { "X-Next-Cursor": window.nextCursor, "X-Has-More": String(window.hasMore) };
  if (window.hasMore) {
    const next = new URL(requestUrl);
    next.searchParams.set("cursor", window.nextCursor);
    headers.Link = `<${next.pathname}${next.search}>; rel="next"`;
  }
  return headers;
}
