// Contacts: the list behind the contacts table (one set-based query for the page, one count), the
// keyset-paged export, and create/edit with lifecycle-stage and field history in one transaction.
// The only module that reads or writes the contacts and contact_stages tables.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import { pool } from "../db/pool";
import { linkContactToProfile, lockContactLinks } from "./identity-store";
import { IdentityLockRetry, lockingFor, SERIAL, type IdentityLocking } from "./identity-locks";
import { prismaSql } from "./sql";
import { PERMISSIONS } from "../auth/permissions";
import { canCreateRecord, canEditRecord, decideOwner, type Actor } from "../crm/contacts-access";
import { diffFields, type FieldChange } from "../crm/contacts-history";
import { stageEntryFor, type LifecycleStage, type StageEntry } from "../crm/stages";
import { OPEN_TICKET_STATUSES, type ContactSort, type ContactsView, type SortDir } from "../crm/view";
import type { NewContactInput, UpdateContactInput } from "../crm/contacts-input";

export class CrmError extends Error {
  constructor(
    readonly code: "not_found" | "forbidden" | "conflict" | "invalid_input",
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface ContactRow {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  name: string;
  phone: string | null;
  jobTitle: string | null;
  companyId: string | null;
  companyName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  lifecycleStage: LifecycleStage;
  lastInteractionAt: Date | null;
  openTickets: number;
  createdAt: Date;
}

export interface ContactsPage {
  rows: ContactRow[];
  total: number;
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const openStatusList = Prisma.join(OPEN_TICKET_STATUSES.map((s) => Prisma.sql`${s}::"TicketStatus"`));

/**
 * Sort keys are never NULL (NULLs folded to a floor value), so the same expression drives the page's
 * ORDER BY and the export's keyset comparison `(key, id) > (last key, last id)`.
 */
const CONTACT_SORT_KEYS: Record<ContactSort, { expr: Prisma.Sql; type: Prisma.Sql }> = {
  name: { expr: Prisma.sql`lower(concat_ws(' ', c.first_name, c.last_name))`, type: Prisma.sql`text` },
  email: { expr: Prisma.sql`coalesce(c.email, '')`, type: Prisma.sql`text` },
  company: { expr: Prisma.sql`coalesce(lower(co.name), '')`, type: Prisma.sql`text` },
  owner: { expr: Prisma.sql`coalesce(lower(u.name), '')`, type: Prisma.sql`text` },
  stage: { expr: Prisma.sql`c.lifecycle_stage`, type: Prisma.sql`"LifecycleStage"` },
  lastInteraction: { expr: Prisma.sql`coalesce(c.last_interaction_at, '1900-01-01T00:00:00Z'::timestamptz)`, type: Prisma.sql`timestamptz` },
  openTickets: { expr: Prisma.sql`coalesce(ot.n, 0)`, type: Prisma.sql`int` },
  createdAt: { expr: Prisma.sql`c.created_at`, type: Prisma.sql`timestamptz` },
};

type ContactFilters = Pick<ContactsView, "q" | "owner" | "stage" | "company" | "lastFrom" | "lastTo" | "tickets">;

const DAY_MS = 86_400_000;

function contactWhere(f: ContactFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (f.q) {
    // Two ILIKEs per contact (the full name covers first and last name alone) and the company
    // match as a semi-join over companies, not a join per contact.
    const p = likePattern(f.q);
    parts.push(Prisma.sql`(c.email ILIKE ${p} OR concat_ws(' ', c.first_name, c.last_name) ILIKE ${p}
      OR c.company_id IN (SELECT id FROM companies WHERE name ILIKE ${p}))`);
  }
  if (f.owner === "none") parts.push(Prisma.sql`c.owner_id IS NULL`);
  else if (f.owner) parts.push(Prisma.sql`c.owner_id = ${f.owner}`);
  if (f.stage.length) parts.push(Prisma.sql`c.lifecycle_stage IN (${Prisma.join(f.stage.map((s) => Prisma.sql`${s}::"LifecycleStage"`))})`);
  if (f.company) parts.push(Prisma.sql`c.company_id = ${f.company}`);
  if (f.lastFrom) parts.push(Prisma.sql`c.last_interaction_at >= ${new Date(`${f.lastFrom}T00:00:00Z`)}::timestamptz`);
  if (f.lastTo) parts.push(Prisma.sql`c.last_interaction_at < ${new Date(Date.parse(`${f.lastTo}T00:00:00Z`) + DAY_MS)}::timestamptz`);
  if (f.tickets === "open") parts.push(Prisma.sql`ot.n > 0`);
  if (f.tickets === "none") parts.push(Prisma.sql`ot.n IS NULL`);
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

const OPEN_TICKETS_BY_CONTACT = Prisma.sql`(
    SELECT contact_id, count(*)::int AS n FROM tickets
    WHERE contact_id IS NOT NULL AND status IN (${openStatusList})
    GROUP BY contact_id
  ) ot ON ot.contact_id = c.id`;

/**
 * The FROM clause that finds a view's rows: contacts alone unless the sort or a filter needs a
 * joined table (company name, owner name, open tickets), so the common views sort 100k narrow rows
 * instead of joining them all first. Labels for the rows found are joined afterwards.
 */
function findFrom(view: Pick<ContactsView, "sort" | "tickets">): Prisma.Sql {
  return Prisma.sql`FROM contacts c
    ${view.sort === "company" ? Prisma.sql`LEFT JOIN companies co ON co.id = c.company_id` : Prisma.empty}
    ${view.sort === "owner" ? Prisma.sql`LEFT JOIN users u ON u.id = c.owner_id` : Prisma.empty}
    ${view.sort === "openTickets" || view.tickets ? Prisma.sql`LEFT JOIN ${OPEN_TICKETS_BY_CONTACT}` : Prisma.empty}`;
}

/** The ids of one page or batch of the view, in order (top-N sort over the narrow rows). */
function findRows(view: Pick<ContactsView, "sort" | "dir" | "tickets">, where: Prisma.Sql, limit: number, offset: number): Prisma.Sql {
  const key = CONTACT_SORT_KEYS[view.sort];
  const dir = dirSql(view.dir);
  return Prisma.sql`SELECT p.id, p.sort_key, row_number() OVER (ORDER BY p.k ${dir}, p.id ${dir}) AS ord FROM (
      SELECT c.id, ${key.expr} AS k, (${key.expr})::text AS sort_key ${findFrom(view)} ${where}
      ORDER BY ${key.expr} ${dir}, c.id ${dir} LIMIT ${limit} OFFSET ${offset}
    ) p`;
}

/** Labels and counts for the rows found: index lookups per row, no scans. */
function labelled(found: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH found AS MATERIALIZED (${found})
    SELECT c.id, c.email, c.first_name, c.last_name, c.phone, c.job_title, c.company_id, co.name AS company_name,
      c.owner_id, u.name AS owner_name, u.email AS owner_email, c.lifecycle_stage::text AS lifecycle_stage,
      c.last_interaction_at, ot.n AS open_tickets, c.created_at, found.sort_key
    FROM found
    JOIN contacts c ON c.id = found.id
    LEFT JOIN companies co ON co.id = c.company_id
    LEFT JOIN users u ON u.id = c.owner_id
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n FROM tickets t WHERE t.contact_id = c.id AND t.status IN (${openStatusList})
    ) ot ON TRUE
    ORDER BY found.ord`;
}

interface RawContact {
  id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  job_title: string | null;
  company_id: string | null;
  company_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  owner_email: string | null;
  lifecycle_stage: LifecycleStage;
  last_interaction_at: Date | null;
  open_tickets: number;
  created_at: Date;
  sort_key?: string;
}

export function displayName(first: string | null, last: string | null, email: string | null): string {
  return [first, last].filter(Boolean).join(" ") || email || "(no name)";
}

function toContactRow(r: RawContact): ContactRow {
  return {
    id: r.id,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    name: displayName(r.first_name, r.last_name, r.email),
    phone: r.phone,
    jobTitle: r.job_title,
    companyId: r.company_id,
    companyName: r.company_name,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    ownerEmail: r.owner_email,
    lifecycleStage: r.lifecycle_stage,
    lastInteractionAt: r.last_interaction_at,
    openTickets: r.open_tickets,
    createdAt: r.created_at,
  };
}

const dirSql = (dir: SortDir) => (dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`);

/** One page of the view and the total it pages through: two statements, both set-based. */
export async function listContacts(view: ContactsView): Promise<ContactsPage> {
  const where = contactWhere(view);
  const [rows, count] = await Promise.all([
    db().$queryRaw<RawContact[]>`${labelled(findRows(view, where, view.size, (view.page - 1) * view.size))}`,
    db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n ${findFrom({ sort: "lastInteraction", tickets: view.tickets })} ${where}`,
  ]);
  return { rows: rows.map(toContactRow), total: count[0]?.n ?? 0 };
}

/**
 * Every contact of the view in its order, a batch at a time, by keyset (no OFFSET: each batch starts
 * after the last row of the previous one), so an export has no row cap.
 */
export async function* contactBatches(view: Omit<ContactsView, "page" | "size" | "cols">, batchSize = 1000): AsyncGenerator<ContactRow[]> {
  const key = CONTACT_SORT_KEYS[view.sort];
  const cmp = view.dir === "asc" ? Prisma.sql`>` : Prisma.sql`<`;
  const where = contactWhere(view);
  let after: { key: string; id: string } | null = null;
  for (;;) {
    const keyset: Prisma.Sql = after
      ? Prisma.sql`${where === Prisma.empty ? Prisma.sql`WHERE` : Prisma.sql`${where} AND`} (${key.expr}, c.id) ${cmp} (CAST(${after.key} AS ${key.type}), ${after.id})`
      : where;
    const rows: RawContact[] = await db().$queryRaw<RawContact[]>`${labelled(findRows(view, keyset, batchSize, 0))}`;
    if (rows.length) yield rows.map(toContactRow);
    if (rows.length < batchSize) return;
    const last: RawContact = rows[rows.length - 1]!;
    after = { key: last.sort_key!, id: last.id };
  }
}

// ── pickers ──

export interface OwnerOption {
  id: string;
  name: string;
  email: string;
}

/** Staff who can own records (the roles that write the CRM), enabled ones only. */
export function listOwnerOptions(): Promise<OwnerOption[]> {
  return db().user.findMany({
    where: { disabled: false, role: { in: [...PERMISSIONS["crm:write"]] } },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
}

export interface CompanyOption {
  id: string;
  name: string;
  domain: string | null;
}

export async function searchCompanyOptions(q: string, limit = 20): Promise<CompanyOption[]> {
  const p = likePattern(q);
  return db().$queryRaw<CompanyOption[]>`
    SELECT id, name, domain FROM companies
    WHERE ${q ? Prisma.sql`(name ILIKE ${p} OR domain ILIKE ${p})` : Prisma.sql`TRUE`}
    ORDER BY lower(name), id LIMIT ${limit}`;
}

export async function getCompanyOption(id: string): Promise<CompanyOption | null> {
  return db().company.findUnique({ where: { id }, select: { id: true, name: true, domain: true } });
}

// ── create and edit ──

export interface ContactRecord {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  jobTitle: string | null;
  companyId: string | null;
  companyName: string | null;
  ownerId: string | null;
  lifecycleStage: LifecycleStage;
  stageHistory: StageEntry[];
}

export async function getContactRecord(id: string): Promise<ContactRecord | null> {
  const c = await db().contact.findUnique({
    where: { id },
    select: {
      id: true, email: true, firstName: true, lastName: true, phone: true, jobTitle: true, companyId: true, ownerId: true, lifecycleStage: true,
      company: { select: { name: true } },
      stageHistory: { select: { stage: true, enteredAt: true }, orderBy: { enteredAt: "asc" } },
    },
  });
  if (!c) return null;
  const { company, ...rest } = c;
  return { ...rest, companyName: company?.name ?? null };
}

export const CONTACT_HISTORY_FIELDS = ["email", "firstName", "lastName", "phone", "jobTitle", "companyId", "ownerId", "lifecycleStage"] as const;

type Tx = Prisma.TransactionClient;

export async function assertOwnerAssignable(tx: Tx, ownerId: string | null): Promise<void> {
  if (ownerId === null) return;
  const u = await tx.user.findUnique({ where: { id: ownerId }, select: { role: true, disabled: true } });
  if (!u || u.disabled || !(PERMISSIONS["crm:write"] as readonly string[]).includes(u.role)) {
    throw new CrmError("invalid_input", "Choose an owner who works the CRM (admin, sales or success) and is enabled.", "ownerId");
  }
}

export async function writeFieldHistory(tx: Tx, entity: "contact" | "company", entityId: string, changes: FieldChange[], actorId: string, at: Date): Promise<void> {
  if (!changes.length) return;
  await tx.fieldHistory.createMany({
    data: changes.map((c) => ({ entity, entityId, field: c.field, oldValue: c.oldValue, newValue: c.newValue, changedById: actorId, changedAt: at })),
  });
}

/** Maps the database's unique and foreign-key refusals to a field the form can point at. */
export function mapWriteError(err: unknown, uniqueField: string, uniqueMessage: string): never {
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (err.code === "P2002") throw new CrmError("conflict", uniqueMessage, uniqueField);
    if (err.code === "P2003") throw new CrmError("invalid_input", "That company no longer exists; choose another.", "companyId");
  }
  throw err;
}

/**
 * A contact transaction that may link the contact to a profile: `work` gets the identity locking to
 * pass to lockContactLinks (striped on PostgreSQL, serial on the embedded database), and runs again
 * when the locks ask for it (IdentityLockRetry) — serially from the second retry on.
 */
async function linkingTransaction<T>(work: (tx: Tx, locking: IdentityLocking) => Promise<T>): Promise<T> {
  let locking = await lockingFor(pool());
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction((tx) => work(tx, locking));
    } catch (err) {
      if (!(err instanceof IdentityLockRetry) || attempt >= 3) throw err;
      locking = attempt >= 2 ? SERIAL : err.next;
    }
  }
}

export async function createContact(input: NewContactInput, actor: Actor, now = new Date()): Promise<{ id: string }> {
  if (!canCreateRecord(actor)) throw new CrmError("forbidden", "Your role reads the CRM but cannot add contacts.");
  const owner = decideOwner(actor, input.ownerId, null);
  if (!owner.ok) throw new CrmError("forbidden", owner.message, "ownerId");
  const data = { ...input, ownerId: owner.ok ? owner.ownerId : null };
  try {
    return await linkingTransaction(async (tx, locking) => {
      // CRM link, first of all (before any row lock): the email's profile must not change until commit.
      if (data.email) await lockContactLinks(prismaSql(tx), locking, [data.email]);
      await assertOwnerAssignable(tx, data.ownerId);
      const created = await tx.contact.create({
        data: {
          email: data.email, firstName: data.firstName, lastName: data.lastName, phone: data.phone, jobTitle: data.jobTitle,
          companyId: data.companyId, ownerId: data.ownerId, lifecycleStage: data.lifecycleStage, createdAt: now, updatedAt: now,
        },
        select: { id: true },
      });
      // CRM link: a profile that already holds this email is this contact's.
      if (data.email) await linkContactToProfile(prismaSql(tx), created.id);
      const entry = stageEntryFor(null, data.lifecycleStage, [], now);
      if (entry) await tx.contactStage.create({ data: { contactId: created.id, stage: entry.stage, enteredAt: entry.enteredAt } });
      await writeFieldHistory(tx, "contact", created.id, diffFields(null, data, CONTACT_HISTORY_FIELDS), actor.id, now);
      return created;
    });
  } catch (err) {
    if (err instanceof CrmError) throw err;
    return mapWriteError(err, "email", "Another contact already has this email address.");
  }
}

export async function updateContact(input: UpdateContactInput, actor: Actor, now = new Date()): Promise<{ id: string; changes: FieldChange[] }> {
  try {
    return await linkingTransaction(async (tx, locking) => {
      const before = await tx.contact.findUnique({
        where: { id: input.id },
        select: { email: true, firstName: true, lastName: true, phone: true, jobTitle: true, companyId: true, ownerId: true, lifecycleStage: true },
      });
      if (!before) throw new CrmError("not_found", "This contact no longer exists.");
      if (!canEditRecord(actor, before)) throw new CrmError("forbidden", "You can edit only the contacts you own; ask an admin to reassign this one.");
      const owner = decideOwner(actor, input.ownerId, before);
      if (!owner.ok) throw new CrmError("forbidden", owner.message, "ownerId");
      const after = { ...input, ownerId: owner.ownerId };
      const changes = diffFields(before, after, CONTACT_HISTORY_FIELDS);
      if (!changes.length) return { id: input.id, changes };
      // CRM link of a new email, before any row lock (a removed email only unlinks: nothing to hold).
      if (after.email && after.email !== before.email) await lockContactLinks(prismaSql(tx), locking, [after.email]);
      if (after.ownerId !== before.ownerId) await assertOwnerAssignable(tx, after.ownerId);
      await tx.contact.update({
        where: { id: input.id },
        data: {
          email: after.email, firstName: after.firstName, lastName: after.lastName, phone: after.phone, jobTitle: after.jobTitle,
          companyId: after.companyId, ownerId: after.ownerId, lifecycleStage: after.lifecycleStage, updatedAt: now,
        },
      });
      if (after.email !== before.email) await linkContactToProfile(prismaSql(tx), input.id);
      if (after.lifecycleStage !== before.lifecycleStage) {
        const history = await tx.contactStage.findMany({ where: { contactId: input.id }, select: { stage: true, enteredAt: true } });
        const entry = stageEntryFor(before.lifecycleStage, after.lifecycleStage, history, now);
        // ON CONFLICT keeps the first entry date even if two edits race.
        if (entry) await tx.$executeRaw`INSERT INTO contact_stages (contact_id, stage, entered_at) VALUES (${input.id}, ${entry.stage}::"LifecycleStage", ${entry.enteredAt}) ON CONFLICT DO NOTHING`;
      }
      await writeFieldHistory(tx, "contact", input.id, changes, actor.id, now);
      return { id: input.id, changes };
    });
  } catch (err) {
    if (err instanceof CrmError) throw err;
    return mapWriteError(err, "email", "Another contact already has this email address.");
  }
}

export interface FieldHistoryRow {
  field: string;
  oldValue: string | null;
  newValue: string | null;
  changedAt: Date;
  changedByName: string | null;
}

export async function listFieldHistory(entity: "contact" | "company", entityId: string, limit = 50): Promise<FieldHistoryRow[]> {
  const rows = await db().fieldHistory.findMany({
    where: { entity, entityId },
    orderBy: { changedAt: "desc" },
    take: limit,
    select: { field: true, oldValue: true, newValue: true, changedAt: true, changedBy: { select: { name: true } } },
  });
  return rows.map(({ changedBy, ...r }) => ({ ...r, changedByName: changedBy?.name ?? null }));
}
