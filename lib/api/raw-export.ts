// The raw export's API pieces, shared by the token API (/api/v1/events/export, /api/v1/profiles/export)
// and the Export page's downloads: the query schemas and the streamed answer, with the data layer's
// refusals as 400s.
import "server-only";
import { z } from "zod";
import { ApiError } from "./errors";
import { instant, pageLimit } from "./query";
import { exportPages, exportWindow, RawExportError, type ExportFilters } from "../data/raw-export";
import { CONTENT_TYPES, EXPORT_MAX_LIMIT, exportBody, pagingHeaders, RAW_FORMATS, rawExportFileName, type RawFormat, type RawKind } from "../export/raw";
import { downloadResponse } from "../export/stream";

const format = z
  .enum(RAW_FORMATS, { message: "Choose format=ndjson (one JSON object per line) or format=csv" })
  .default("ndjson")
  .describe("`ndjson` (default): one JSON object per line; `csv`: a header row, then one row per record, JSON columns as JSON text.");

const paging = {
  cursor: z
    .string()
    .trim()
    .min(1)
    .max(512)
    .optional()
    .describe("Continue after a previous response: its `X-Next-Cursor` header. A cursor belongs to the export and filters it came from."),
  limit: pageLimit(EXPORT_MAX_LIMIT, "At most this many rows, then `X-Has-More` and a `Link: rel=\"next\"` to the rest. Leave it out to stream every row.", "leave limit out to stream every row")
    .optional(),
};

const beforeTo = { message: "from must be before to", path: ["from"] };

export const eventsExportQuery = z
  .object({
    format,
    from: instant("from").describe("Events whose `timestamp` is at or after this instant (ISO-8601; a bare date is its midnight UTC)."),
    to: instant("to").describe("Events whose `timestamp` is before this instant."),
    source: z.string().trim().min(1).max(200).optional().describe("Only events of this source (its id, as in Sources)."),
    event: z.string().trim().min(1).max(200).optional().describe("Only track events with this name (e.g. `Order Completed`)."),
    ...paging,
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, beforeTo);

export const profilesExportQuery = z
  .object({
    format,
    from: instant("from").describe("Profiles updated at or after this instant (ISO-8601; a bare date is its midnight UTC): what changed since your last export."),
    to: instant("to").describe("Profiles updated before this instant."),
    ...paging,
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, beforeTo);

interface ParsedQuery extends ExportFilters {
  format: RawFormat;
  cursor?: string;
  limit?: number;
}

/** The streamed download for a parsed query of `kind`, with its paging headers. */
export async function rawExportResponse(kind: RawKind, query: ParsedQuery, requestUrl: URL, now = new Date()): Promise<Response> {
  const { format: f, cursor, limit, ...filters } = query;
  let window;
  try {
    window = await exportWindow(kind, { filters, cursor, limit });
  } catch (err) {
    if (err instanceof RawExportError) throw new ApiError(400, err.code, err.message);
    throw err;
  }
  return downloadResponse(exportBody(kind, f, exportPages(window)), {
    contentType: CONTENT_TYPES[f],
    fileName: rawExportFileName(kind, f, now),
    headers: pagingHeaders(requestUrl, window),
  });
}
