// Full CRM export, the database half: every row of each CRM table with readable labels joined
// beside its ids, a batch at a time by keyset on the primary key (`id > last id`, no OFFSET), so an
// export of any size runs in constant memory and never holds a long transaction.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import { csvStream } from "../crm/csv";
import { downloadResponse } from "../export/stream";
import { EXPORT_COLUMNS, exportFileName, jsonExportStream, type ExportEntity, type ExportQuery, type ExportRow } from "../crm/export";

const SELECTS: Record<ExportEntity, Prisma.Sql> = {
  contacts: Prisma.sql`SELECT x.id, x.email, x.first_name, x.last_name, x.phone, x.job_title, x.company_id, co.name AS company_name,
      x.owner_id, u.email AS owner_email, x.lifecycle_stage::text AS lifecycle_stage, x.last_interaction_at, x.created_at, x.updated_at
    FROM contacts x LEFT JOIN companies co ON co.id = x.company_id LEFT JOIN users u ON u.id = x.owner_id`,
  companies: Prisma.sql`SELECT x.id, x.name, x.domain, x.industry, x.size, x.owner_id, u.email AS owner_email, x.created_at, x.updated_at
    FROM companies x LEFT JOIN users u ON u.id = x.owner_id`,
  interactions: Prisma.sql`SELECT x.id, x.kind::text AS kind, x.occurred_at, x.contact_id, c.email AS contact_email, x.company_id, co.name AS company_name,
      x.author_id, u.email AS author_email, x.subject, x.body, x.outcome::text AS outcome, x.duration_seconds, x.pinned, x.created_at
    FROM interactions x LEFT JOIN contacts c ON c.id = x.contact_id LEFT JOIN companies co ON co.id = x.company_id LEFT JOIN users u ON u.id = x.author_id`,
  tickets: Prisma.sql`SELECT x.id, x.number, x.subject, x.description, x.status::text AS status, x.priority::text AS priority,
      x.contact_id, c.email AS contact_email, x.company_id, co.name AS company_name, x.assignee_id, u.email AS assignee_email,
      x.opened_at, x.first_response_at, x.resolved_at, x.closed_at, x.reopen_count, x.created_at
    FROM tickets x LEFT JOIN contacts c ON c.id = x.contact_id LEFT JOIN companies co ON co.id = x.company_id LEFT JOIN users u ON u.id = x.assignee_id`,
  tasks: Prisma.sql`SELECT x.id, x.title, x.notes, x.due_at, x.completed_at, x.assignee_id, a.email AS assignee_email, x.created_by_id, cb.email AS created_by_email,
      x.contact_id, c.email AS contact_email, x.company_id, co.name AS company_name, x.ticket_id, t.number AS ticket_number, x.created_at
    FROM tasks x LEFT JOIN users a ON a.id = x.assignee_id LEFT JOIN users cb ON cb.id = x.created_by_id LEFT JOIN contacts c ON c.id = x.contact_id
      LEFT JOIN companies co ON co.id = x.company_id LEFT JOIN tickets t ON t.id = x.ticket_id`,
  history: Prisma.sql`SELECT x.id, x.entity, x.entity_id, x.field, x.old_value, x.new_value, x.changed_by_id, u.email AS changed_by_email, x.changed_at
    FROM field_history x LEFT JOIN users u ON u.id = x.changed_by_id`,
};

/** Every row of an entity, in id order, `batchSize` at a time. */
export async function* exportBatches(entity: ExportEntity, batchSize = 1000): AsyncGenerator<ExportRow[]> {
  let after: string | null = null;
  for (;;) {
    const rows: ExportRow[] = await db().$queryRaw<ExportRow[]>`${SELECTS[entity]}
      ${after === null ? Prisma.empty : Prisma.sql`WHERE x.id > ${after}`}
      ORDER BY x.id LIMIT ${batchSize}`;
    if (rows.length) yield rows;
    if (rows.length < batchSize) return;
    after = String(rows[rows.length - 1]!.id);
  }
}

export function exportCsvStream(entity: ExportEntity, batchSize?: number): ReadableStream<Uint8Array> {
  const columns = EXPORT_COLUMNS[entity].map((header) => ({ header, get: (r: ExportRow) => r[header] }));
  return csvStream(columns, exportBatches(entity, batchSize));
}

export function exportJsonStream(now = new Date(), batchSize?: number): ReadableStream<Uint8Array> {
  return jsonExportStream((entity) => exportBatches(entity, batchSize), now);
}

/** The download for a parsed export query: streamed, no caps, never cached. */
export function exportResponse(query: ExportQuery, now = new Date()): Response {
  const csv = query.format === "csv";
  return downloadResponse(csv ? exportCsvStream(query.entity) : exportJsonStream(now), {
    contentType: csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
    fileName: exportFileName(csv ? query.entity : "crm", query.format, now),
  });
}
