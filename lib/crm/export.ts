// Full CRM export, the pure half: the entities, each one's columns (ids with readable labels beside
// them: owner_email beside owner_id, company_name beside company_id, …) and the streamed JSON
// document. The contacts and companies columns are what the importer maps by default, so an export
// re-imports unchanged. lib/data/crm-export.ts pages through the tables by keyset.
import { z } from "zod";
import { textStream } from "../export/stream";

export const EXPORT_ENTITIES = ["contacts", "companies", "interactions", "tickets", "tasks", "history"] as const;
export type ExportEntity = (typeof EXPORT_ENTITIES)[number];

export const EXPORT_LABELS: Record<ExportEntity, string> = {
  contacts: "Contacts",
  companies: "Companies",
  interactions: "Interactions",
  tickets: "Tickets",
  tasks: "Tasks",
  history: "Field history",
};

export const EXPORT_COLUMNS: Record<ExportEntity, readonly string[]> = {
  contacts: ["id", "email", "first_name", "last_name", "phone", "job_title", "company_id", "company_name", "owner_id", "owner_email", "lifecycle_stage", "last_interaction_at", "created_at", "updated_at"],
  companies: ["id", "name", "domain", "industry", "size", "owner_id", "owner_email", "created_at", "updated_at"],
  interactions: ["id", "kind", "occurred_at", "contact_id", "contact_email", "company_id", "company_name", "author_id", "author_email", "subject", "body", "outcome", "duration_seconds", "pinned", "created_at"],
  tickets: ["id", "number", "subject", "description", "status", "priority", "contact_id", "contact_email", "company_id", "company_name", "assignee_id", "assignee_email", "opened_at", "first_response_at", "resolved_at", "closed_at", "reopen_count", "created_at"],
  tasks: ["id", "title", "notes", "due_at", "completed_at", "assignee_id", "assignee_email", "created_by_id", "created_by_email", "contact_id", "contact_email", "company_id", "company_name", "ticket_id", "ticket_number", "created_at"],
  history: ["id", "entity", "entity_id", "field", "old_value", "new_value", "changed_by_id", "changed_by_email", "changed_at"],
};

export type ExportRow = Record<string, string | number | boolean | Date | null>;

export const exportQuerySchema = z.discriminatedUnion("format", [
  z.object({ format: z.literal("json").describe("`json`: the whole CRM in one document; `csv`: one entity, named by `entity`.") }),
  z.object({
    format: z.literal("csv"),
    entity: z.enum(EXPORT_ENTITIES, { error: `Choose entity=${EXPORT_ENTITIES.join("|")}` }).describe("The entity to export (with format=csv)."),
  }),
], { error: "Choose format=json or format=csv" });
export type ExportQuery = z.infer<typeof exportQuerySchema>;

export function exportFileName(what: ExportEntity | "crm", format: "csv" | "json", now: Date): string {
  return `tandem-${what}-${now.toISOString().slice(0, 10)}.${format}`;
}

/**
 * The whole CRM as one JSON document, streamed: `{"exportedAt":…,"contacts":[…],…,"history":[…]}`
 * written a batch at a time from each entity's pages, so memory stays flat.
 */
export function jsonExportStream(batchesOf: (entity: ExportEntity) => AsyncIterable<ExportRow[]>, now: Date): ReadableStream<Uint8Array> {
  async function* parts(): AsyncGenerator<string> {
    yield `{"exportedAt":${JSON.stringify(now.toISOString())}`;
    for (const entity of EXPORT_ENTITIES) {
      yield `,${JSON.stringify(entity)}:[`;
      let first = true;
      for await (const batch of batchesOf(entity)) {
        if (!batch.length) continue;
        yield (first ? "" : ",") + batch.map((r) => JSON.stringify(r)).join(",");
        first = false;
      }
      yield "]";
    }
    yield "}\n";
  }
  return textStream(parts());
}
