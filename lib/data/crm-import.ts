// CSV import of contacts and companies, the database half: one chunk of mapped rows at a time.
// Owners (by email), companies (by domain or name) and existing records (by id, then email or
// domain) are looked up set-based for the whole chunk; each row then goes through the same
// createContact/updateContact/createCompany/updateCompany the forms use, so ownership rules, stage
// dates and field history are recorded exactly as for an edit. Each row is its own short
// transaction: a bad row is reported and never blocks the others, and a long import never holds
// the embedded database's single transaction for long (ARCHITECTURE §1, PGlite).
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import { can } from "../auth/permissions";
import { canEditRecord, decideOwner, type Actor } from "../crm/contacts-access";
import { diffFields } from "../crm/contacts-history";
import { normaliseDomain } from "../crm/companies-input";
import {
  duplicateMessage,
  findDuplicateRows,
  validateCompanyRow,
  validateContactRow,
  type ImportChunkInput,
  type ImportRow,
  type RowResult,
} from "../crm/import";
import type { LifecycleStage } from "../crm/stages";
import { CONTACT_HISTORY_FIELDS, CrmError, createContact, updateContact } from "./contacts";
import { COMPANY_HISTORY_FIELDS, createCompany, updateCompany } from "./companies";

interface OwnerInfo {
  id: string;
  email: string;
  role: string;
  disabled: boolean;
}

async function ownersByEmail(emails: string[]): Promise<Map<string, OwnerInfo>> {
  if (!emails.length) return new Map();
  const rows = await db().$queryRaw<OwnerInfo[]>`
    SELECT id, lower(email) AS email, role::text AS role, disabled FROM users WHERE lower(email) IN (${Prisma.join(emails)})`;
  return new Map(rows.map((r) => [r.email, r]));
}

/** A row's checks before any write: refused (a repeat of an earlier row, invalid, or an owner who
 * cannot own CRM records), or admitted with its owner. */
function admit(
  kind: "contacts" | "companies",
  row: number,
  v: { ok: true; ownerEmail: string | null } | { ok: false; errors: string[] },
  dups: Map<number, number>,
  owners: Map<string, OwnerInfo>,
): { refused: RowResult } | { ownerId: string | undefined } {
  const earlier = dups.get(row);
  if (earlier !== undefined) return { refused: reject(row, [duplicateMessage(kind, earlier)]) };
  if (!v.ok) return { refused: reject(row, v.errors) };
  const owner = resolveOwner(v.ownerEmail, owners);
  return "error" in owner ? { refused: reject(row, [owner.error]) } : owner;
}

function resolveOwner(email: string | null, owners: Map<string, OwnerInfo>): { ownerId: string | undefined } | { error: string } {
  if (!email) return { ownerId: undefined };
  const u = owners.get(email);
  if (!u) return { error: `Owner email: no user has the email ${email}` };
  if (u.disabled || !can(u.role as never, "crm:write")) return { error: `Owner email: ${email} cannot own CRM records (disabled, or a role that does not work the CRM)` };
  return { ownerId: u.id };
}

/** A company cell that looks like a domain ("acme.com", "https://www.acme.com") rather than a name. */
function looksLikeDomain(v: string): boolean {
  return !/\s/.test(v) && /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(normaliseDomain(v));
}

function errorText(err: unknown): string {
  if (err instanceof CrmError) return err.message;
  console.error("[import] row failed", err);
  return "Could not save this row (the error was logged); try it again or edit the record by hand.";
}

const reject = (row: number, errors: string[]): RowResult => ({ row, outcome: "reject", errors, notes: [] });

/** Imports (or, with dryRun, only checks) one chunk; one result per row, in the rows' order. */
export async function importChunk(input: ImportChunkInput, actor: Actor, now = new Date()): Promise<RowResult[]> {
  if (!can(actor.role, "crm:write")) throw new CrmError("forbidden", "Your role reads the CRM but cannot import.");
  return input.kind === "contacts" ? importContacts(input.rows, input.dryRun, actor, now) : importCompanies(input.rows, input.dryRun, actor, now);
}

// ── contacts ──

const CONTACT_SELECT = Prisma.sql`SELECT id, email, first_name AS "firstName", last_name AS "lastName", phone, job_title AS "jobTitle",
  company_id AS "companyId", owner_id AS "ownerId", lifecycle_stage::text AS "lifecycleStage" FROM contacts`;

interface ExistingContact {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  jobTitle: string | null;
  companyId: string | null;
  ownerId: string | null;
  lifecycleStage: LifecycleStage;
}

async function importContacts(rows: ImportRow[], dryRun: boolean, actor: Actor, now: Date): Promise<RowResult[]> {
  const dups = findDuplicateRows("contacts", rows);
  const checked = rows.map((r) => ({ row: r.row, v: validateContactRow(r.fields) }));
  const ok = checked.flatMap((c) => (c.v.ok ? [c.v] : []));
  const ids = [...new Set(ok.flatMap((v) => (v.id ? [v.id] : [])))];
  const emails = [...new Set(ok.flatMap((v) => (v.values.email ? [v.values.email] : [])))];
  const companyCells = [...new Set(ok.flatMap((v) => (v.company ? [v.company] : [])))];
  const domains = companyCells.filter(looksLikeDomain).map(normaliseDomain);
  const names = companyCells.filter((c) => !looksLikeDomain(c)).map((c) => c.toLowerCase());

  const [byId, byEmail, owners, companies] = await Promise.all([
    ids.length ? db().$queryRaw<ExistingContact[]>`${CONTACT_SELECT} WHERE id IN (${Prisma.join(ids)})` : [],
    emails.length ? db().$queryRaw<ExistingContact[]>`${CONTACT_SELECT} WHERE email IN (${Prisma.join(emails)})` : [],
    ownersByEmail([...new Set(ok.flatMap((v) => (v.ownerEmail ? [v.ownerEmail] : [])))]),
    domains.length || names.length
      ? db().$queryRaw<{ id: string; name: string; domain: string | null }[]>`
          SELECT id, lower(name) AS name, domain FROM companies
          WHERE ${domains.length ? Prisma.sql`domain IN (${Prisma.join(domains)})` : Prisma.sql`FALSE`}
             OR ${names.length ? Prisma.sql`lower(name) IN (${Prisma.join(names)})` : Prisma.sql`FALSE`}
          ORDER BY created_at, id`
      : [],
  ]);
  const contactById = new Map(byId.map((c) => [c.id, c]));
  const contactByEmail = new Map(byEmail.map((c) => [c.email!, c]));
  // The oldest company of a name wins when several share it.
  const companyByKey = new Map<string, string>();
  for (const c of companies) {
    if (c.domain && !companyByKey.has(`d:${c.domain}`)) companyByKey.set(`d:${c.domain}`, c.id);
    if (!companyByKey.has(`n:${c.name}`)) companyByKey.set(`n:${c.name}`, c.id);
  }
  const companyKey = (cell: string) => (looksLikeDomain(cell) ? `d:${normaliseDomain(cell)}` : `n:${cell.toLowerCase()}`);

  const results: RowResult[] = [];
  for (const { row, v } of checked) {
    const owner = admit("contacts", row, v, dups, owners);
    if ("refused" in owner) {
      results.push(owner.refused);
      continue;
    }
    if (!v.ok) continue; // admitted rows are valid; this narrows the type
    const existing = (v.id ? contactById.get(v.id) : undefined) ?? (v.values.email ? contactByEmail.get(v.values.email) : undefined);
    const notes: string[] = [];
    try {
      // The company: found by domain or name, else created (named after the cell).
      let companyId: string | null | undefined;
      if (v.company) {
        const key = companyKey(v.company);
        companyId = companyByKey.get(key);
        if (companyId === undefined) {
          notes.push(`company "${v.company}" is created`);
          if (!dryRun) {
            const domain = looksLikeDomain(v.company) ? normaliseDomain(v.company) : null;
            companyId = (await createCompany({ name: domain ?? v.company, domain, industry: null, size: null, ownerId: undefined }, actor, now)).id;
            companyByKey.set(key, companyId);
          } else companyId = `new:${key}`;
        }
      }
      if (existing) {
        if (!canEditRecord(actor, existing)) throw new CrmError("forbidden", "You can update only the contacts you own; ask an admin to import this row.");
        const decided = decideOwner(actor, owner.ownerId, existing);
        if (!decided.ok) throw new CrmError("forbidden", decided.message);
        const merged = { ...existing, ...v.values, companyId: companyId === undefined ? existing.companyId : companyId, ownerId: decided.ownerId };
        if (dryRun) {
          const changes = diffFields(existing, merged, CONTACT_HISTORY_FIELDS);
          results.push({ row, outcome: changes.length ? "update" : "unchanged", id: existing.id, errors: [], notes: [...notes, ...changes.map((c) => `${c.field}: ${c.oldValue ?? "—"} → ${c.newValue ?? "—"}`)] });
        } else {
          const res = await updateContact({ ...merged, id: existing.id, ownerId: owner.ownerId }, actor, now);
          results.push({ row, outcome: res.changes.length ? "update" : "unchanged", id: existing.id, errors: [], notes: [...notes, ...res.changes.map((c) => `${c.field}: ${c.oldValue ?? "—"} → ${c.newValue ?? "—"}`)] });
          if (res.changes.some((c) => c.field === "email") && merged.email) contactByEmail.set(merged.email, { ...merged, id: existing.id });
        }
        continue;
      }
      if (!v.values.email && !v.values.firstName && !v.values.lastName) throw new CrmError("invalid_input", "No contact has this id; a new contact needs an email address or a name.");
      const decided = decideOwner(actor, owner.ownerId, null);
      if (!decided.ok) throw new CrmError("forbidden", decided.message);
      const data = {
        email: v.values.email ?? null,
        firstName: v.values.firstName ?? null,
        lastName: v.values.lastName ?? null,
        phone: v.values.phone ?? null,
        jobTitle: v.values.jobTitle ?? null,
        companyId: companyId ?? null,
        ownerId: owner.ownerId,
        lifecycleStage: v.values.lifecycleStage ?? "lead",
      };
      if (dryRun) {
        results.push({ row, outcome: "create", errors: [], notes });
      } else {
        const created = await createContact(data, actor, now);
        results.push({ row, outcome: "create", id: created.id, errors: [], notes });
        if (data.email) contactByEmail.set(data.email, { ...data, id: created.id, ownerId: decided.ownerId });
      }
    } catch (err) {
      results.push(reject(row, [errorText(err)]));
    }
  }
  return results;
}

// ── companies ──

interface ExistingCompany {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  size: string | null;
  ownerId: string | null;
}

const COMPANY_SELECT = Prisma.sql`SELECT id, name, domain, industry, size, owner_id AS "ownerId" FROM companies`;

async function importCompanies(rows: ImportRow[], dryRun: boolean, actor: Actor, now: Date): Promise<RowResult[]> {
  const dups = findDuplicateRows("companies", rows);
  const checked = rows.map((r) => ({ row: r.row, v: validateCompanyRow(r.fields) }));
  const ok = checked.flatMap((c) => (c.v.ok ? [c.v] : []));
  const ids = [...new Set(ok.flatMap((v) => (v.id ? [v.id] : [])))];
  const domains = [...new Set(ok.flatMap((v) => (v.values.domain ? [v.values.domain] : [])))];
  const names = [...new Set(ok.flatMap((v) => (!v.values.domain && v.values.name ? [v.values.name.toLowerCase()] : [])))];
  const [byId, byDomain, byName, owners] = await Promise.all([
    ids.length ? db().$queryRaw<ExistingCompany[]>`${COMPANY_SELECT} WHERE id IN (${Prisma.join(ids)})` : [],
    domains.length ? db().$queryRaw<ExistingCompany[]>`${COMPANY_SELECT} WHERE domain IN (${Prisma.join(domains)})` : [],
    // A row without a domain matches a company of the same name that has no domain either, so
    // re-running such a file does not duplicate it.
    names.length ? db().$queryRaw<ExistingCompany[]>`${COMPANY_SELECT} WHERE domain IS NULL AND lower(name) IN (${Prisma.join(names)}) ORDER BY created_at, id` : [],
    ownersByEmail([...new Set(ok.flatMap((v) => (v.ownerEmail ? [v.ownerEmail] : [])))]),
  ]);
  const companyById = new Map(byId.map((c) => [c.id, c]));
  const companyByDomain = new Map(byDomain.map((c) => [c.domain!, c]));
  const companyByName = new Map<string, ExistingCompany>();
  for (const c of byName) if (!companyByName.has(c.name.toLowerCase())) companyByName.set(c.name.toLowerCase(), c);

  const results: RowResult[] = [];
  for (const { row, v } of checked) {
    const owner = admit("companies", row, v, dups, owners);
    if ("refused" in owner) {
      results.push(owner.refused);
      continue;
    }
    if (!v.ok) continue; // admitted rows are valid; this narrows the type
    const existing =
      (v.id ? companyById.get(v.id) : undefined) ??
      (v.values.domain ? companyByDomain.get(v.values.domain) : v.values.name ? companyByName.get(v.values.name.toLowerCase()) : undefined);
    try {
      if (existing) {
        if (!canEditRecord(actor, existing)) throw new CrmError("forbidden", "You can update only the companies you own; ask an admin to import this row.");
        const decided = decideOwner(actor, owner.ownerId, existing);
        if (!decided.ok) throw new CrmError("forbidden", decided.message);
        const merged = { ...existing, ...v.values, ownerId: decided.ownerId };
        const changes = dryRun ? diffFields(existing, merged, COMPANY_HISTORY_FIELDS) : (await updateCompany({ ...merged, id: existing.id, ownerId: owner.ownerId }, actor, now)).changes;
        results.push({ row, outcome: changes.length ? "update" : "unchanged", id: existing.id, errors: [], notes: changes.map((c) => `${c.field}: ${c.oldValue ?? "—"} → ${c.newValue ?? "—"}`) });
        continue;
      }
      if (!v.values.name) throw new CrmError("invalid_input", "Name: a new company needs a name.");
      const decided = decideOwner(actor, owner.ownerId, null);
      if (!decided.ok) throw new CrmError("forbidden", decided.message);
      const data = { name: v.values.name, domain: v.values.domain ?? null, industry: v.values.industry ?? null, size: v.values.size ?? null, ownerId: owner.ownerId };
      if (dryRun) {
        results.push({ row, outcome: "create", errors: [], notes: [] });
      } else {
        const created = await createCompany(data, actor, now);
        results.push({ row, outcome: "create", id: created.id, errors: [], notes: [] });
        const record = { ...data, id: created.id, ownerId: decided.ownerId };
        if (data.domain) companyByDomain.set(data.domain, record);
        else companyByName.set(data.name.toLowerCase(), record);
      }
    } catch (err) {
      results.push(reject(row, [errorText(err)]));
    }
  }
  return results;
}
