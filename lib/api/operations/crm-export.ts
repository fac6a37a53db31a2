// GET /api/v1/crm/export: the whole CRM as one streamed JSON document, or one entity as CSV.
import { z } from "zod";
import { EXPORT_COLUMNS, EXPORT_ENTITIES, exportQuerySchema } from "../../crm/export";
import { defineOperation } from "../operation";
import { invalidRequestError, missingScopeExample, missingTokenExample, tokenErrors } from "./common";

const SCOPE = "export:read";
const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const rowOf = (columns: readonly string[]) => z.strictObject(Object.fromEntries(columns.map((c) => [c, cell])));

const jsonExport = z.strictObject({
  exportedAt: z.iso.datetime({ offset: true }),
  ...Object.fromEntries(EXPORT_ENTITIES.map((e) => [e, z.array(rowOf(EXPORT_COLUMNS[e]))])),
});

export const crmExportOperation = defineOperation({
  method: "GET",
  path: "/api/v1/crm/export",
  operationId: "exportCrm",
  tag: "CRM export",
  summary: "Export the CRM",
  description:
    "Every row, no caps, streamed in constant memory (keyset-paged underneath), as a download. " +
    "`format=json` gives one document with every entity; `format=csv&entity=…` one entity whose columns are what the importer maps, so an export re-imports unchanged. " +
    `CSV columns — ${EXPORT_ENTITIES.map((e) => `${e}: ${EXPORT_COLUMNS[e].join(", ")}`).join("; ")}.`,
  access: { token: SCOPE },
  query: exportQuerySchema,
  responses: {
    200: {
      description: "The export, as an attachment (`Content-Disposition`), never cached.",
      content: {
        "application/json": jsonExport,
        "text/csv": z.string().describe("A header row of the entity's columns, then one row per record (RFC 4180)."),
      },
      headers: { "Content-Disposition": "attachment; filename=\"tandem-<what>-<date>.<format>\"" },
    },
  },
  errors: { 400: ["invalid_request"], ...tokenErrors(SCOPE) },
  examples: [
    { name: "everything", summary: "The whole CRM as JSON", status: 200, query: { format: "json" } },
    { name: "contactsCsv", summary: "Contacts as CSV", status: 200, query: { format: "csv", entity: "contacts" } },
    { name: "unknownFormat", summary: "An unknown format", status: 400, query: { format: "xml" }, error: invalidRequestError(exportQuerySchema, { format: "xml" }) },
    missingTokenExample(SCOPE, undefined, { format: "json" }),
    missingScopeExample(SCOPE, undefined, { format: "json" }),
  ],
});
