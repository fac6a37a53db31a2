// CSV import of contacts and companies, the pure half: which fields a column can fill, the mapping
// suggested from a file's headers, a row's validation (through the same zod schemas as the forms),
// duplicates within a file, and how rows are cut into chunks for the server. lib/data/crm-import.ts
// resolves owners, companies and existing records and writes.
import { z } from "zod";
import { newContactInput } from "./contacts-input";
import { newCompanyInput, normaliseDomain } from "./companies-input";
import { LIFECYCLE_STAGES, STAGE_LABELS, type LifecycleStage } from "./stages";

export const IMPORT_KINDS = ["contacts", "companies"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const CONTACT_TARGETS = ["id", "email", "firstName", "lastName", "phone", "jobTitle", "company", "ownerEmail", "lifecycleStage"] as const;
export const COMPANY_TARGETS = ["id", "name", "domain", "industry", "size", "ownerEmail"] as const;
export type ContactTarget = (typeof CONTACT_TARGETS)[number];
export type CompanyTarget = (typeof COMPANY_TARGETS)[number];
export type ImportTarget = ContactTarget | CompanyTarget;

export const TARGET_LABELS: Record<ImportTarget, string> = {
  id: "Tandem id (from an export)",
  email: "Email",
  firstName: "First name",
  lastName: "Last name",
  phone: "Phone",
  jobTitle: "Job title",
  company: "Company (name or domain)",
  ownerEmail: "Owner email",
  lifecycleStage: "Lifecycle stage",
  name: "Name",
  domain: "Domain",
  industry: "Industry",
  size: "Size",
};

export function targetsFor(kind: ImportKind): readonly ImportTarget[] {
  return kind === "contacts" ? CONTACT_TARGETS : COMPANY_TARGETS;
}

/** The largest file the browser reads. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Rows per server call (each row its own short transaction on the server). */
export const IMPORT_CHUNK_ROWS = 500;
/** Server actions accept 1 MB bodies; a chunk stays under this many characters of JSON. */
export const IMPORT_CHUNK_CHARS = 700_000;

/** Header text reduced to letters and digits: "E-mail Address" → "emailaddress". */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, "");
}

const SYNONYMS: Record<ImportKind, Partial<Record<ImportTarget, string[]>>> = {
  contacts: {
    id: ["id", "contactid", "recordid", "tandemid"],
    email: ["email", "emailaddress", "mail", "workemail", "primaryemail", "contactemail"],
    firstName: ["firstname", "first", "givenname", "forename"],
    lastName: ["lastname", "last", "surname", "familyname"],
    phone: ["phone", "phonenumber", "mobile", "mobilephone", "telephone", "tel", "workphone"],
    jobTitle: ["jobtitle", "title", "position", "job"],
    company: ["company", "companyname", "organization", "organisation", "account", "accountname", "companydomain", "domain"],
    ownerEmail: ["owneremail", "owner", "contactowner", "contactowneremail"],
    lifecycleStage: ["lifecyclestage", "stage", "lifecycle", "status"],
  },
  companies: {
    id: ["id", "companyid", "recordid", "tandemid"],
    name: ["name", "companyname", "company", "organization", "organisation", "accountname"],
    domain: ["domain", "companydomain", "website", "websiteurl", "url", "companydomainname"],
    industry: ["industry", "sector"],
    size: ["size", "companysize", "employees", "numberofemployees", "headcount"],
    ownerEmail: ["owneremail", "owner", "companyowner", "companyowneremail"],
  },
};

export type ColumnMapping = (ImportTarget | null)[];

/** One target per header (null: ignore), each target used at most once, first header wins. */
export function suggestMapping(kind: ImportKind, headers: readonly string[]): ColumnMapping {
  const used = new Set<ImportTarget>();
  const synonyms = SYNONYMS[kind];
  return headers.map((h) => {
    const key = headerKey(h);
    for (const target of targetsFor(kind)) {
      if (!used.has(target) && synonyms[target]?.includes(key)) {
        used.add(target);
        return target;
      }
    }
    return null;
  });
}

/** Targets mapped by more than one column (the UI refuses to import until each is used once). */
export function duplicateTargets(mapping: ColumnMapping): ImportTarget[] {
  const seen = new Set<ImportTarget>();
  const dup = new Set<ImportTarget>();
  for (const t of mapping) if (t) (seen.has(t) ? dup : seen).add(t);
  return [...dup];
}

export interface ImportRow {
  /** The line's number in the file as people count it: the header is row 1. */
  row: number;
  fields: Partial<Record<ImportTarget, string>>;
}

/** Cells of the mapped columns, trimmed; a formula guard our export adds ("'+1 555") is removed. */
export function cleanCell(raw: string | undefined): string {
  const v = (raw ?? "").trim();
  return /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v;
}

/** The rows of a parsed file (header dropped) as mapped fields; rows of only empty cells are skipped. */
export function mapRows(rows: readonly string[][], mapping: ColumnMapping): ImportRow[] {
  const out: ImportRow[] = [];
  for (let i = 1; i < rows.length; i++) {
    const cells = rows[i]!;
    if (cells.every((c) => c.trim() === "")) continue;
    const fields: Partial<Record<ImportTarget, string>> = {};
    mapping.forEach((target, col) => {
      if (target) fields[target] = cleanCell(cells[col]);
    });
    out.push({ row: i + 1, fields });
  }
  return out;
}

/** Rows cut into chunks of at most IMPORT_CHUNK_ROWS rows and IMPORT_CHUNK_CHARS characters. */
export function chunkRows(rows: readonly ImportRow[], maxRows = IMPORT_CHUNK_ROWS, maxChars = IMPORT_CHUNK_CHARS): ImportRow[][] {
  const chunks: ImportRow[][] = [];
  let current: ImportRow[] = [];
  let size = 0;
  for (const r of rows) {
    const n = JSON.stringify(r).length + 1;
    if (current.length && (current.length >= maxRows || size + n > maxChars)) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(r);
    size += n;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** The natural key a row upserts on: its id, else email (contacts) or domain (companies). */
export function rowKey(kind: ImportKind, fields: ImportRow["fields"]): string | null {
  if (fields.id) return `id:${fields.id}`;
  if (kind === "contacts") return fields.email ? `email:${fields.email.toLowerCase()}` : null;
  if (fields.domain) return `domain:${normaliseDomain(fields.domain)}`;
  return fields.name ? `name:${fields.name.toLowerCase()}` : null;
}

/** Later rows with the same key as an earlier one: row number → the earlier row's number. */
export function findDuplicateRows(kind: ImportKind, rows: readonly ImportRow[]): Map<number, number> {
  const first = new Map<string, number>();
  const dups = new Map<number, number>();
  for (const r of rows) {
    const key = rowKey(kind, r.fields);
    if (!key) continue;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, r.row);
    else dups.set(r.row, earlier);
  }
  return dups;
}

export function duplicateMessage(kind: ImportKind, earlierRow: number): string {
  return `Same ${kind === "contacts" ? "email" : "domain"} (or id) as row ${earlierRow}; only the first is imported.`;
}

const STAGE_BY_TEXT = new Map<string, LifecycleStage>(
  LIFECYCLE_STAGES.flatMap((s) => [
    [headerKey(s), s],
    [headerKey(STAGE_LABELS[s]), s],
  ]),
);

/** "Customer", "customer", "Marketing qualified lead" (the label) or "MQL" → the stage; null if unknown. */
export function parseStage(text: string): LifecycleStage | null {
  return STAGE_BY_TEXT.get(headerKey(text)) ?? null;
}

export interface ContactValues {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  jobTitle?: string | null;
  lifecycleStage?: LifecycleStage;
}
export interface CompanyValues {
  name?: string;
  domain?: string | null;
  industry?: string | null;
  size?: string | null;
}

export type Validated<V> =
  | { ok: true; values: V; id: string | null; ownerEmail: string | null; company: string | null }
  | { ok: false; errors: string[] };

const LABEL_OF_FIELD: Record<string, string> = { ...TARGET_LABELS };

function issues(error: z.ZodError, only: ReadonlySet<string>): string[] {
  return error.issues.filter((i) => only.has(String(i.path[0]))).map((i) => `${LABEL_OF_FIELD[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`);
}

const simpleEmail = z.email();

/**
 * A contact row's own checks (no database): the mapped, non-empty cells through the form's schema.
 * Empty cells are "leave as is", so only non-empty values come back in `values`.
 */
export function validateContactRow(fields: ImportRow["fields"]): Validated<ContactValues> {
  const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== "")) as ImportRow["fields"];
  const errors: string[] = [];
  let stage: LifecycleStage | undefined;
  if (given.lifecycleStage) {
    const s = parseStage(given.lifecycleStage);
    if (s) stage = s;
    else errors.push(`Lifecycle stage: "${given.lifecycleStage}" is not one of ${LIFECYCLE_STAGES.join(", ")}`);
  }
  if (given.ownerEmail && !simpleEmail.safeParse(given.ownerEmail.toLowerCase()).success) errors.push(`Owner email: "${given.ownerEmail}" is not an email address`);
  if (given.company && given.company.length > 253) errors.push("Company: use at most 253 characters");
  const keys = ["email", "firstName", "lastName", "phone", "jobTitle"] as const;
  const present = new Set<string>(keys.filter((k) => given[k] !== undefined));
  const input: Record<string, unknown> = { ...Object.fromEntries(keys.map((k) => [k, given[k] ?? null])), lifecycleStage: stage ?? "lead" };
  // A row with an id updates a record that has its identity already: the schema's "email or name"
  // rule is for new records (the data layer checks it on create).
  if (given.id && !given.email && !given.firstName && !given.lastName) input.firstName = "(kept)";
  const parsed = newContactInput.safeParse(input);
  if (!parsed.success) {
    const own = issues(parsed.error, present);
    errors.push(...(own.length ? own : ["Enter an email address or a name"]));
  }
  if (errors.length || !parsed.success) return { ok: false, errors };
  const values: ContactValues = {};
  for (const k of keys) if (present.has(k)) values[k] = parsed.data[k];
  if (stage) values.lifecycleStage = stage;
  return { ok: true, values, id: given.id ?? null, ownerEmail: given.ownerEmail?.toLowerCase() ?? null, company: given.company ?? null };
}

/** A company row's own checks; a name is required only to create (checked in the data layer). */
export function validateCompanyRow(fields: ImportRow["fields"]): Validated<CompanyValues> {
  const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== "")) as ImportRow["fields"];
  const errors: string[] = [];
  if (given.ownerEmail && !simpleEmail.safeParse(given.ownerEmail.toLowerCase()).success) errors.push(`Owner email: "${given.ownerEmail}" is not an email address`);
  const keys = ["name", "domain", "industry", "size"] as const;
  const present = new Set<string>(keys.filter((k) => given[k] !== undefined));
  const parsed = newCompanyInput.safeParse({ name: given.name ?? "(placeholder)", domain: given.domain ?? null, industry: given.industry ?? null, size: given.size ?? null });
  if (!parsed.success) errors.push(...issues(parsed.error, present));
  if (errors.length || !parsed.success) return { ok: false, errors };
  const values: CompanyValues = {};
  for (const k of keys) if (present.has(k)) (values as Record<string, unknown>)[k] = parsed.data[k];
  return { ok: true, values, id: given.id ?? null, ownerEmail: given.ownerEmail?.toLowerCase() ?? null, company: null };
}

export type RowOutcome = "create" | "update" | "unchanged" | "reject";

export interface RowResult {
  row: number;
  outcome: RowOutcome;
  /** The record created or matched (absent for a rejected row and for a dry run's creates). */
  id?: string;
  errors: string[];
  /** What the row would write, for the preview ("email: a@b.co → c@d.co", "company: created"). */
  notes: string[];
}

export interface ImportTotals {
  create: number;
  update: number;
  unchanged: number;
  reject: number;
}

export function addTotals(into: ImportTotals, results: readonly RowResult[]): ImportTotals {
  const t = { ...into };
  for (const r of results) t[r.outcome]++;
  return t;
}

export const EMPTY_TOTALS: ImportTotals = { create: 0, update: 0, unchanged: 0, reject: 0 };

/** The rejected rows as a CSV report: row, reason (one line per row, reasons joined). */
export function errorReportRows(results: readonly RowResult[]): string[][] {
  return [["row", "reason"], ...results.filter((r) => r.outcome === "reject").map((r) => [String(r.row), r.errors.join("; ")])];
}

export const importRowSchema = z.object({
  row: z.number().int().min(1),
  fields: z.record(z.string().max(40), z.string().max(10_000)),
});

export const importChunkInput = z.object({
  kind: z.enum(IMPORT_KINDS),
  dryRun: z.boolean(),
  rows: z.array(importRowSchema).min(1).max(IMPORT_CHUNK_ROWS),
});
export type ImportChunkInput = z.infer<typeof importChunkInput>;
