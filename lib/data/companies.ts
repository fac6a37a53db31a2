// Companies: the list behind the companies table (one page query, one count), the keyset-paged
// export, a company's page (contacts, open tickets, rolled-up activity) and create/edit with field
// history. The only module that reads or writes the companies table.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import { linkAccountsToCompany } from "./identity-store";
import { prismaSql } from "./sql";
import { canCreateRecord, canEditRecord, decideOwner, type Actor } from "../crm/contacts-access";
import { diffFields, type FieldChange } from "../crm/contacts-history";
import type { CompaniesView, CompanySort, SortDir } from "../crm/view";
import type { CompanyCsvSource } from "../crm/csv-columns";
import type { NewCompanyInput, UpdateCompanyInput } from "../crm/companies-input";
import { assertOwnerAssignable, CrmError, displayName, likePattern, mapWriteError, openStatusList, writeFieldHistory } from "./contacts";

/** A companies-table row; the CSV export reads the same shape. */
export type CompanyRow = CompanyCsvSource;

const COMPANY_SORT_KEYS: Record<CompanySort, { expr: Prisma.Sql; type: Prisma.Sql }> = {
  name: { expr: Prisma.sql`lower(co.name)`, type: Prisma.sql`text` },
  domain: { expr: Prisma.sql`coalesce(co.domain, '')`, type: Prisma.sql`text` },
  owner: { expr: Prisma.sql`coalesce(lower(u.name), '')`, type: Prisma.sql`text` },
  contacts: { expr: Prisma.sql`coalesce(cc.n, 0)`, type: Prisma.sql`int` },
  openTickets: { expr: Prisma.sql`coalesce(ot.n, 0)`, type: Prisma.sql`int` },
  createdAt: { expr: Prisma.sql`co.created_at`, type: Prisma.sql`timestamptz` },
};

const CONTACTS_BY_COMPANY = Prisma.sql`(SELECT company_id, count(*)::int AS n FROM contacts WHERE company_id IS NOT NULL GROUP BY company_id) cc ON cc.company_id = co.id`;
const OPEN_TICKETS_BY_COMPANY = Prisma.sql`(
    SELECT company_id, count(*)::int AS n FROM tickets
    WHERE company_id IS NOT NULL AND status IN (${openStatusList})
    GROUP BY company_id
  ) ot ON ot.company_id = co.id`;

/** Companies alone unless the sort or a filter needs a joined table (see contacts' findFrom). */
function findFrom(view: Pick<CompaniesView, "sort" | "tickets">): Prisma.Sql {
  return Prisma.sql`FROM companies co
    ${view.sort === "owner" ? Prisma.sql`LEFT JOIN users u ON u.id = co.owner_id` : Prisma.empty}
    ${view.sort === "contacts" ? Prisma.sql`LEFT JOIN ${CONTACTS_BY_COMPANY}` : Prisma.empty}
    ${view.sort === "openTickets" || view.tickets ? Prisma.sql`LEFT JOIN ${OPEN_TICKETS_BY_COMPANY}` : Prisma.empty}`;
}

function findRows(view: Pick<CompaniesView, "sort" | "dir" | "tickets">, where: Prisma.Sql, limit: number, offset: number): Prisma.Sql {
  const key = COMPANY_SORT_KEYS[view.sort];
  const dir = dirSql(view.dir);
  return Prisma.sql`SELECT p.id, p.sort_key, row_number() OVER (ORDER BY p.k ${dir}, p.id ${dir}) AS ord FROM (
      SELECT co.id, ${key.expr} AS k, (${key.expr})::text AS sort_key ${findFrom(view)} ${where}
      ORDER BY ${key.expr} ${dir}, co.id ${dir} LIMIT ${limit} OFFSET ${offset}
    ) p`;
}

/** Labels and counts for the companies found: index lookups per row. */
function labelled(found: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH found AS MATERIALIZED (${found})
    SELECT co.id, co.name, co.domain, co.industry, co.size, co.owner_id, u.name AS owner_name, u.email AS owner_email,
      cc.n AS contacts, ot.n AS open_tickets, co.created_at, co.updated_at, found.sort_key
    FROM found
    JOIN companies co ON co.id = found.id
    LEFT JOIN users u ON u.id = co.owner_id
    LEFT JOIN LATERAL (SELECT count(*)::int AS n FROM contacts c WHERE c.company_id = co.id) cc ON TRUE
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n FROM tickets t WHERE t.company_id = co.id AND t.status IN (${openStatusList})
    ) ot ON TRUE
    ORDER BY found.ord`;
}

type CompanyFilters = Pick<CompaniesView, "q" | "owner" | "tickets">;

function companyWhere(f: CompanyFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (f.q) {
    const p = likePattern(f.q);
    parts.push(Prisma.sql`(co.name ILIKE ${p} OR co.domain ILIKE ${p})`);
  }
  if (f.owner === "none") parts.push(Prisma.sql`co.owner_id IS NULL`);
  else if (f.owner) parts.push(Prisma.sql`co.owner_id = ${f.owner}`);
  if (f.tickets === "open") parts.push(Prisma.sql`ot.n > 0`);
  if (f.tickets === "none") parts.push(Prisma.sql`ot.n IS NULL`);
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

interface RawCompany {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  size: string | null;
  owner_id: string | null;
  owner_name: string | null;
  owner_email: string | null;
  contacts: number;
  open_tickets: number;
  created_at: Date;
  sort_key?: string;
}

function toCompanyRow(r: RawCompany): CompanyRow {
  return {
    id: r.id,
    name: r.name,
    domain: r.domain,
    industry: r.industry,
    size: r.size,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    ownerEmail: r.owner_email,
    contacts: r.contacts,
    openTickets: r.open_tickets,
    createdAt: r.created_at,
  };
}

const dirSql = (dir: SortDir) => (dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`);

export async function listCompanies(view: CompaniesView): Promise<{ rows: CompanyRow[]; total: number }> {
  const where = companyWhere(view);
  const [rows, count] = await Promise.all([
    db().$queryRaw<RawCompany[]>`${labelled(findRows(view, where, view.size, (view.page - 1) * view.size))}`,
    db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n ${findFrom({ sort: "name", tickets: view.tickets })} ${where}`,
  ]);
  return { rows: rows.map(toCompanyRow), total: count[0]?.n ?? 0 };
}

/** Every company of the view in its order, by keyset, a batch at a time (see contactBatches). */
export async function* companyBatches(view: Omit<CompaniesView, "page" | "size" | "cols">, batchSize = 1000): AsyncGenerator<CompanyRow[]> {
  const key = COMPANY_SORT_KEYS[view.sort];
  const cmp = view.dir === "asc" ? Prisma.sql`>` : Prisma.sql`<`;
  const where = companyWhere(view);
  let after: { key: string; id: string } | null = null;
  for (;;) {
    const keyset: Prisma.Sql = after
      ? Prisma.sql`${where === Prisma.empty ? Prisma.sql`WHERE` : Prisma.sql`${where} AND`} (${key.expr}, co.id) ${cmp} (CAST(${after.key} AS ${key.type}), ${after.id})`
      : where;
    const rows: RawCompany[] = await db().$queryRaw<RawCompany[]>`${labelled(findRows(view, keyset, batchSize, 0))}`;
    if (rows.length) yield rows.map(toCompanyRow);
    if (rows.length < batchSize) return;
    const last: RawCompany = rows[rows.length - 1]!;
    after = { key: last.sort_key!, id: last.id };
  }
}

// ── one company ──

export interface CompanyDetail extends CompanyRow {
  updatedAt: Date;
}

export async function getCompany(id: string): Promise<CompanyDetail | null> {
  const rows = await db().$queryRaw<(RawCompany & { updated_at: Date })[]>`${labelled(Prisma.sql`SELECT ${id}::text AS id, NULL::text AS sort_key, 1 AS ord`)}`;
  const r = rows[0];
  return r ? { ...toCompanyRow(r), updatedAt: r.updated_at } : null;
}

export interface CompanyTicket {
  id: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  openedAt: Date;
  contactId: string | null;
  contactName: string | null;
  assigneeName: string | null;
}

/** Open tickets of the company or of any of its contacts, newest first. */
export async function listCompanyOpenTickets(companyId: string, limit = 100): Promise<CompanyTicket[]> {
  const rows = await db().$queryRaw<
    { id: string; number: number; subject: string; status: string; priority: string; opened_at: Date; contact_id: string | null; first_name: string | null; last_name: string | null; email: string | null; assignee_name: string | null }[]
  >`
    SELECT t.id, t.number, t.subject, t.status::text AS status, t.priority::text AS priority, t.opened_at, t.contact_id,
      c.first_name, c.last_name, c.email, a.name AS assignee_name
    FROM tickets t
    LEFT JOIN contacts c ON c.id = t.contact_id
    LEFT JOIN users a ON a.id = t.assignee_id
    WHERE t.status IN (${openStatusList})
      AND (t.company_id = ${companyId} OR t.contact_id IN (SELECT id FROM contacts WHERE company_id = ${companyId}))
    ORDER BY t.opened_at DESC, t.id DESC
    LIMIT ${limit}`;
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    subject: r.subject,
    status: r.status,
    priority: r.priority,
    openedAt: r.opened_at,
    contactId: r.contact_id,
    contactName: r.contact_id ? displayName(r.first_name, r.last_name, r.email) : null,
    assigneeName: r.assignee_name,
  }));
}

export interface ActivityItem {
  id: string;
  kind: string;
  occurredAt: Date;
  subject: string | null;
  body: string | null;
  outcome: string | null;
  contactId: string | null;
  contactName: string | null;
  authorName: string | null;
}

export interface ActivityPage {
  items: ActivityItem[];
  /** Pass back as `before` for the next page; null at the end. */
  next: string | null;
}

export function encodeActivityCursor(item: { occurredAt: Date; id: string }): string {
  return `${item.occurredAt.toISOString()}|${item.id}`;
}

export function parseActivityCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = cursor.split("|");
  const d = new Date(at ?? "");
  return id && !Number.isNaN(d.getTime()) ? { at: d, id } : null;
}

/** The company's rolled-up timeline: interactions with it or any of its contacts, newest first. */
export async function listCompanyActivity(companyId: string, before?: string, limit = 25): Promise<ActivityPage> {
  const cursor = parseActivityCursor(before);
  const rows = await db().$queryRaw<
    { id: string; kind: string; occurred_at: Date; subject: string | null; body: string | null; outcome: string | null; contact_id: string | null; first_name: string | null; last_name: string | null; email: string | null; author_name: string | null }[]
  >`
    SELECT i.id, i.kind::text AS kind, i.occurred_at, i.subject, left(i.body, 500) AS body, i.outcome::text AS outcome,
      i.contact_id, c.first_name, c.last_name, c.email, a.name AS author_name
    FROM interactions i
    LEFT JOIN contacts c ON c.id = i.contact_id
    LEFT JOIN users a ON a.id = i.author_id
    WHERE (i.company_id = ${companyId} OR i.contact_id IN (SELECT id FROM contacts WHERE company_id = ${companyId}))
      ${cursor ? Prisma.sql`AND (i.occurred_at, i.id) < (${cursor.at}::timestamptz, ${cursor.id})` : Prisma.empty}
    ORDER BY i.occurred_at DESC, i.id DESC
    LIMIT ${limit + 1}`;
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id,
    kind: r.kind,
    occurredAt: r.occurred_at,
    subject: r.subject,
    body: r.body,
    outcome: r.outcome,
    contactId: r.contact_id,
    contactName: r.contact_id ? displayName(r.first_name, r.last_name, r.email) : null,
    authorName: r.author_name,
  }));
  return { items, next: rows.length > limit ? encodeActivityCursor(items[items.length - 1]!) : null };
}

// ── create and edit ──

export const COMPANY_HISTORY_FIELDS = ["name", "domain", "industry", "size", "ownerId"] as const;

export async function getCompanyRecord(id: string) {
  return db().company.findUnique({ where: { id }, select: { id: true, name: true, domain: true, industry: true, size: true, ownerId: true } });
}

const DOMAIN_TAKEN = "Another company already has this domain.";

export async function createCompany(input: NewCompanyInput, actor: Actor, now = new Date()): Promise<{ id: string }> {
  if (!canCreateRecord(actor)) throw new CrmError("forbidden", "Your role reads the CRM but cannot add companies.");
  const owner = decideOwner(actor, input.ownerId, null);
  if (!owner.ok) throw new CrmError("forbidden", owner.message, "ownerId");
  const data = { ...input, ownerId: owner.ownerId };
  try {
    return await db().$transaction(async (tx) => {
      await assertOwnerAssignable(tx, data.ownerId);
      const created = await tx.company.create({
        data: { name: data.name, domain: data.domain, industry: data.industry, size: data.size, ownerId: data.ownerId, createdAt: now, updatedAt: now },
        select: { id: true },
      });
      await writeFieldHistory(tx, "company", created.id, diffFields(null, data, COMPANY_HISTORY_FIELDS), actor.id, now);
      if (data.domain) await linkAccountsToCompany(prismaSql(tx), created.id);
      return created;
    });
  } catch (err) {
    if (err instanceof CrmError) throw err;
    return mapWriteError(err, "domain", DOMAIN_TAKEN);
  }
}

export async function updateCompany(input: UpdateCompanyInput, actor: Actor, now = new Date()): Promise<{ id: string; changes: FieldChange[] }> {
  try {
    return await db().$transaction(async (tx) => {
      const before = await tx.company.findUnique({ where: { id: input.id }, select: { name: true, domain: true, industry: true, size: true, ownerId: true } });
      if (!before) throw new CrmError("not_found", "This company no longer exists.");
      if (!canEditRecord(actor, before)) throw new CrmError("forbidden", "You can edit only the companies you own; ask an admin to reassign this one.");
      const owner = decideOwner(actor, input.ownerId, before);
      if (!owner.ok) throw new CrmError("forbidden", owner.message, "ownerId");
      const after = { ...input, ownerId: owner.ownerId };
      const changes = diffFields(before, after, COMPANY_HISTORY_FIELDS);
      if (!changes.length) return { id: input.id, changes };
      if (after.ownerId !== before.ownerId) await assertOwnerAssignable(tx, after.ownerId);
      await tx.company.update({
        where: { id: input.id },
        data: { name: after.name, domain: after.domain, industry: after.industry, size: after.size, ownerId: after.ownerId, updatedAt: now },
      });
      await writeFieldHistory(tx, "company", input.id, changes, actor.id, now);
      if (after.domain !== before.domain) await linkAccountsToCompany(prismaSql(tx), input.id);
      return { id: input.id, changes };
    });
  } catch (err) {
    if (err instanceof CrmError) throw err;
    return mapWriteError(err, "domain", DOMAIN_TAKEN);
  }
}
