// The audit log in the database: recordAudit() writes one entry inside the caller's transaction (so
// an action and its entry commit or roll back together), and the list, filter options and CSV export
// read it newest first by keyset on (at, seq). Codes and actors: lib/audit/actions.ts.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import { csvFileName, csvStream } from "../crm/csv";
import { assertNoSecrets, type AuditActor, type AuditRecord } from "../audit/actions";
import { actorKeyOf, AUDIT_CSV_COLUMNS, AUDIT_PAGE_SIZE, encodeCursor, parseActorKey, rangeOf, type AuditCursor, type AuditEntryRow, type AuditFilter } from "../audit/query";
import type { Sql } from "./sql";

/**
 * Records one admin action. Pass the transaction the action runs in (prismaSql(tx) inside a Prisma
 * transaction, the pg client's Sql inside inTransaction). Refuses details with a secret-like key.
 */
export async function recordAudit(sql: Sql, actor: AuditActor, entry: AuditRecord): Promise<void> {
  const details = entry.details ?? {};
  assertNoSecrets(details);
  await sql.query(
    `INSERT INTO audit_log (at, actor_user_id, actor_token_id, actor_label, action, target_type, target_id, target_label, details, peer)
     VALUES (coalesce($1::timestamptz, now()), $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
     RETURNING id`,
    [
      entry.at ?? null,
      actor.userId,
      actor.tokenId ?? null,
      actor.label,
      entry.action,
      entry.target?.type ?? null,
      entry.target?.id ?? null,
      entry.target?.label ?? null,
      JSON.stringify(details),
      actor.peer,
    ],
  );
}

interface Row {
  id: string;
  seq: bigint;
  at: Date;
  actor_user_id: string | null;
  actor_token_id: string | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  details: Record<string, unknown> | null;
  peer: string | null;
}

const toEntry = (r: Row): AuditEntryRow => ({
  id: r.id,
  seq: String(r.seq),
  at: r.at,
  actorUserId: r.actor_user_id,
  actorTokenId: r.actor_token_id,
  actorLabel: r.actor_label,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  targetLabel: r.target_label,
  details: r.details ?? {},
  peer: r.peer,
});

function whereOf(filter: AuditFilter, ...extra: Prisma.Sql[]): Prisma.Sql {
  const parts: Prisma.Sql[] = [...extra];
  const actor = filter.actor ? parseActorKey(filter.actor) : null;
  if (actor?.kind === "user") parts.push(Prisma.sql`actor_user_id = ${actor.value}`);
  else if (actor?.kind === "token") parts.push(Prisma.sql`actor_token_id = ${actor.value}`);
  else if (actor?.kind === "label") parts.push(Prisma.sql`actor_user_id IS NULL AND actor_token_id IS NULL AND actor_label = ${actor.value}`);
  if (filter.action) parts.push(Prisma.sql`action = ${filter.action}`);
  const { since, until } = rangeOf(filter);
  if (since) parts.push(Prisma.sql`at >= ${since}::timestamptz`);
  if (until) parts.push(Prisma.sql`at < ${until}::timestamptz`);
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

const COLUMNS = Prisma.sql`id, seq, at, actor_user_id, actor_token_id, actor_label, action, target_type, target_id, target_label, details, peer`;

const cursorSql = (c: AuditCursor) => Prisma.sql`(${new Date(c.atMs)}::timestamptz, ${c.seq}::bigint)`;

export interface AuditPage {
  rows: AuditEntryRow[];
  /** Cursors for the neighbouring pages (pass `older` as `before`, `newer` as `after`); null at either end. */
  older: string | null;
  newer: string | null;
}

/**
 * One page of the filtered log, newest first: the entries just older than `before` (or the newest),
 * or, with `after`, the page just newer than it.
 */
export async function listAuditEntries(filter: AuditFilter, page: { before?: AuditCursor | null; after?: AuditCursor | null; limit?: number } = {}): Promise<AuditPage> {
  const limit = Math.min(1000, Math.max(1, page.limit ?? AUDIT_PAGE_SIZE));
  if (page.after) {
    const rows = await db().$queryRaw<Row[]>`SELECT ${COLUMNS} FROM audit_log ${whereOf(filter, Prisma.sql`(at, seq) > ${cursorSql(page.after)}`)}
      ORDER BY at ASC, seq ASC LIMIT ${limit + 1}`;
    const shown = rows.slice(0, limit).reverse().map(toEntry);
    return { rows: shown, newer: rows.length > limit ? encodeCursor(shown[0]!) : null, older: shown.length ? encodeCursor(shown[shown.length - 1]!) : null };
  }
  const older = page.before ? [Prisma.sql`(at, seq) < ${cursorSql(page.before)}`] : [];
  const rows = await db().$queryRaw<Row[]>`SELECT ${COLUMNS} FROM audit_log ${whereOf(filter, ...older)}
    ORDER BY at DESC, seq DESC LIMIT ${limit + 1}`;
  const shown = rows.slice(0, limit).map(toEntry);
  return { rows: shown, older: rows.length > limit ? encodeCursor(shown[shown.length - 1]!) : null, newer: page.before && shown.length ? encodeCursor(shown[0]!) : null };
}

export interface AuditActorOption {
  key: string;
  label: string;
}

/** Everyone who appears in the log, for the actor filter: users by their current name, others by label. */
export async function listAuditActors(): Promise<AuditActorOption[]> {
  const rows = await db().$queryRaw<{ actor_user_id: string | null; actor_token_id: string | null; actor_label: string; name: string | null }[]>`
    SELECT a.actor_user_id, a.actor_token_id, a.actor_label, u.name
    FROM (
      SELECT DISTINCT ON (actor_user_id, actor_token_id, CASE WHEN actor_user_id IS NULL AND actor_token_id IS NULL THEN actor_label END)
        actor_user_id, actor_token_id, actor_label
      FROM audit_log
      ORDER BY actor_user_id, actor_token_id, CASE WHEN actor_user_id IS NULL AND actor_token_id IS NULL THEN actor_label END, at DESC, seq DESC
    ) a LEFT JOIN users u ON u.id = a.actor_user_id`;
  return rows
    .map((r) => ({ key: actorKeyOf({ actorUserId: r.actor_user_id, actorTokenId: r.actor_token_id, actorLabel: r.actor_label }), label: r.name ?? r.actor_label }))
    .sort((a, b) => a.label.localeCompare(b.label, "en"));
}

/** Every entry the filter keeps, newest first, `batchSize` at a time (keyset: flat memory, short queries). */
export async function* auditBatches(filter: AuditFilter, batchSize = 1000): AsyncGenerator<AuditEntryRow[]> {
  let before: AuditCursor | null = null;
  for (;;) {
    const page = await listAuditEntries(filter, { before, limit: batchSize });
    if (page.rows.length) yield page.rows;
    if (!page.older) return;
    const last = page.rows[page.rows.length - 1]!;
    before = { atMs: last.at.getTime(), seq: last.seq };
  }
}

/** The filtered log as a streamed CSV download, never cached. */
export function auditExportResponse(filter: AuditFilter, now = new Date(), batchSize?: number): Response {
  return new Response(csvStream(AUDIT_CSV_COLUMNS, auditBatches(filter, batchSize)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName("tandem-audit-log", now)}"`,
      "Cache-Control": "no-store",
    },
  });
}
