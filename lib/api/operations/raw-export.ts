// GET /api/v1/events/export and GET /api/v1/profiles/export: the raw CDP data, streamed as NDJSON or
// CSV, cursor-paged with no cap. Token with events:export.
import { z } from "zod";
import { eventsExportQuery, profilesExportQuery } from "../raw-export";
import { EVENT_COLUMNS, INVALID_EXPORT_CURSOR_MESSAGE, PROFILE_COLUMNS, unknownSourceMessage } from "../../export/raw";
import { defineOperation, type OperationExample, type ResponseDoc } from "../operation";
import { invalidRequestError, missingScopeExample, missingTokenExample, tokenErrors } from "./common";

const SCOPE = "events:export";
const access = { token: SCOPE } as const;
const list = (columns: readonly string[]) => columns.map((c) => `\`${c}\``).join(", ");

const PAGING =
  "**Paging.** Without `limit` the response streams every row to the end, read in keyset pages of 5,000 underneath (constant memory, no cap). " +
  "With `limit` it stops after that many rows. Every response carries `X-Next-Cursor` — pass it as `cursor` to continue after this response — and " +
  "`X-Has-More`; when more rows already follow there is also a `Link: <…>; rel=\"next\"` to them. A cursor belongs to the export and the filters it came from.";

const CSV =
  "**CSV**: a header row, RFC 4180 quoting, a UTF-8 byte-order mark, JSON columns as JSON text, and a `'` before a text cell that starts with `=`, `+`, `-` or `@` " +
  "(spreadsheet formula protection; NDJSON keeps every value exact). Instants are ISO-8601 UTC.";

function exportResponses(kind: "events" | "profiles", record: string): Record<number, ResponseDoc> {
  return {
    200: {
      description: "The export as an attachment, streamed, never cached.",
      content: {
        "application/x-ndjson": z.string().describe(`One JSON object per line: ${record}`),
        "text/csv": z.string().describe(`A header row of the columns, then one row per record: ${record}`),
      },
      headers: {
        "Content-Disposition": `attachment; filename="tandem-${kind}-<date>.<format>"`,
        "X-Next-Cursor": "Where this response ends: pass it as `cursor` to continue.",
        "X-Has-More": "`true` when rows already follow this response (a `limit` stopped it), else `false`.",
        Link: "`<…&cursor=…>; rel=\"next\"`, the next page's URL, when `X-Has-More` is true.",
      },
    },
  };
}

const badRange = (schema: z.ZodType): OperationExample => {
  const query = { from: "2026-03-01", to: "2026-02-01" };
  return { name: "backwardsRange", summary: "from after to", status: 400, query, error: invalidRequestError(schema, query) };
};
const badFormat = (schema: z.ZodType): OperationExample => {
  const query = { format: "xlsx" };
  return { name: "unknownFormat", summary: "A format other than ndjson or csv", status: 400, query, error: invalidRequestError(schema, query) };
};
const badCursor: OperationExample = {
  name: "foreignCursor",
  summary: "A cursor this export did not give out",
  status: 400,
  query: { cursor: "bm90LWEtY3Vyc29y" },
  error: { code: "invalid_cursor", message: INVALID_EXPORT_CURSOR_MESSAGE },
};

export const eventsExportOperation = defineOperation({
  method: "GET",
  path: "/api/v1/events/export",
  operationId: "exportEvents",
  tag: "Raw export",
  summary: "Export raw events",
  description:
    "Every stored event of every source (the built-in `crm` source too), as NDJSON or CSV, in the order they were stored. " +
    "`from` and `to` filter on the event's `timestamp`; `source` and `event` narrow further. " +
    `Each record is the event as stored: ${list(EVENT_COLUMNS)}. ` +
    "`profileId` is the person's live profile (an event stamped with a since-merged profile names its survivor), so it joins with `GET /api/v1/profiles/export`.\n\n" +
    `${PAGING} Events are a feed: keep the last \`X-Next-Cursor\` and call again later to receive exactly the events stored since, each once. ` +
    "A response includes every event committed when it started; since concurrent writes commit out of order, it first waits (milliseconds) for writes already in flight, so a cursor never passes an event still being written.\n\n" +
    CSV,
  access,
  query: eventsExportQuery,
  responses: exportResponses("events", list(EVENT_COLUMNS)),
  errors: { 400: ["invalid_request", "invalid_cursor", "unknown_source"], ...tokenErrors(SCOPE) },
  examples: [
    { name: "lastMonth", summary: "February's events as NDJSON", status: 200, query: { from: "2026-02-01", to: "2026-03-01", format: "ndjson" } },
    { name: "ordersCsv", summary: "Every Order Completed event as CSV", status: 200, query: { event: "Order Completed", format: "csv" } },
    { name: "firstPage", summary: "The first 1,000 events (then follow the Link header)", status: 200, query: { limit: "1000" } },
    badRange(eventsExportQuery),
    badFormat(eventsExportQuery),
    badCursor,
    { name: "unknownSource", summary: "A source id no source has", status: 400, query: { source: "no-such-source" }, error: { code: "unknown_source", message: unknownSourceMessage("no-such-source") } },
    missingTokenExample(SCOPE),
    missingScopeExample(SCOPE),
  ],
});

export const profilesExportOperation = defineOperation({
  method: "GET",
  path: "/api/v1/profiles/export",
  operationId: "exportProfiles",
  tag: "Raw export",
  summary: "Export profiles",
  description:
    "Every live customer profile with its identities and traits, as NDJSON or CSV, in id order. A profile merged into another is not a row of its own: " +
    "its id is in the survivor's `mergedProfileIds`, its identities and traits are the survivor's. `from` and `to` filter on when the profile last changed. " +
    `Each record: ${list(PROFILE_COLUMNS)} (\`identities\` as \`type:value\` strings, e.g. \`email:ann@example.com\`).\n\n` +
    `${PAGING} Profiles change in place, so to follow them export again with \`from\` set to the time of your previous export.\n\n` +
    CSV,
  access,
  query: profilesExportQuery,
  responses: exportResponses("profiles", list(PROFILE_COLUMNS)),
  errors: { 400: ["invalid_request", "invalid_cursor"], ...tokenErrors(SCOPE) },
  examples: [
    { name: "everyone", summary: "Every live profile as NDJSON", status: 200, query: { format: "ndjson" } },
    { name: "changedCsv", summary: "Profiles changed since March 1st, as CSV", status: 200, query: { from: "2026-03-01", format: "csv" } },
    { name: "firstPage", summary: "The first 500 profiles (then follow the Link header)", status: 200, query: { limit: "500" } },
    badRange(profilesExportQuery),
    badFormat(profilesExportQuery),
    badCursor,
    missingTokenExample(SCOPE),
    missingScopeExample(SCOPE),
  ],
});
