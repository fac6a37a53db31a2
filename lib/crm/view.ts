// A table view (page, page size, sort, filters, search, visible columns) as URL search params.
// ONE zod schema per table parses them for the page, the CSV export route and the tests; anything
// unknown or malformed falls back to its default, so a hand-edited URL never breaks the page.
import { z } from "zod";
import { LIFECYCLE_STAGES, type LifecycleStage } from "./stages";

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;
export type SortDir = "asc" | "desc";

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const list = (v: unknown) => {
  const s = first(v);
  return typeof s === "string" && s !== "" ? s.split(",").map((x) => x.trim()).filter(Boolean) : [];
};

const pageField = z.preprocess(first, z.coerce.number().int().min(1).max(10_000_000)).catch(1);
const sizeField = z
  .preprocess(first, z.coerce.number().int())
  .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
  .catch(DEFAULT_PAGE_SIZE);
const searchField = z.preprocess(first, z.string().trim().max(200)).catch("");
const idField = z.preprocess(first, z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/).optional()).catch(undefined);
const dateField = z.preprocess(first, z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`))).optional()).catch(undefined);
const ticketsField = z.preprocess(first, z.enum(["open", "none"]).optional()).catch(undefined);

function enumList<T extends string>(values: readonly T[]) {
  return z.preprocess((v) => [...new Set(list(v).filter((x): x is T => (values as readonly string[]).includes(x)))], z.array(z.enum(values as [T, ...T[]])));
}
function columnsField<T extends string>(all: readonly T[], defaults: readonly T[]) {
  // Kept in the table's order, so two URLs naming the same columns are the same view.
  return z.preprocess((v) => {
    const chosen = new Set(list(v));
    const cols = all.filter((c) => chosen.has(c));
    return cols.length ? cols : [...defaults];
  }, z.array(z.enum(all as [T, ...T[]])));
}

// ── contacts ──
export const CONTACT_COLUMNS = ["name", "email", "company", "owner", "stage", "lastInteraction", "openTickets", "phone", "jobTitle", "createdAt"] as const;
export type ContactColumn = (typeof CONTACT_COLUMNS)[number];
export const DEFAULT_CONTACT_COLUMNS: readonly ContactColumn[] = ["name", "email", "company", "owner", "stage", "lastInteraction", "openTickets"];
export const CONTACT_SORTS = ["name", "email", "company", "owner", "stage", "lastInteraction", "openTickets", "createdAt"] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];
export const CONTACT_COLUMN_LABELS: Record<ContactColumn, string> = {
  name: "Name",
  email: "Email",
  company: "Company",
  owner: "Owner",
  stage: "Lifecycle stage",
  lastInteraction: "Last interaction",
  openTickets: "Open tickets",
  phone: "Phone",
  jobTitle: "Job title",
  createdAt: "Created",
};

export const contactsViewSchema = z.object({
  page: pageField,
  size: sizeField,
  sort: z.preprocess(first, z.enum(CONTACT_SORTS)).catch("lastInteraction"),
  dir: z.preprocess(first, z.enum(["asc", "desc"])).catch("desc"),
  q: searchField,
  /** An owner's user id, or "none" for unowned contacts. */
  owner: idField,
  stage: enumList<LifecycleStage>(LIFECYCLE_STAGES),
  company: idField,
  /** Last interaction on or after / on or before (UTC days, inclusive). */
  lastFrom: dateField,
  lastTo: dateField,
  tickets: ticketsField,
  cols: columnsField(CONTACT_COLUMNS, DEFAULT_CONTACT_COLUMNS),
});
export type ContactsView = z.infer<typeof contactsViewSchema>;

// ── companies ──
export const COMPANY_COLUMNS = ["name", "domain", "industry", "size", "owner", "contacts", "openTickets", "createdAt"] as const;
export type CompanyColumn = (typeof COMPANY_COLUMNS)[number];
export const DEFAULT_COMPANY_COLUMNS: readonly CompanyColumn[] = ["name", "domain", "industry", "owner", "contacts", "openTickets"];
export const COMPANY_SORTS = ["name", "domain", "owner", "contacts", "openTickets", "createdAt"] as const;
export type CompanySort = (typeof COMPANY_SORTS)[number];
export const COMPANY_COLUMN_LABELS: Record<CompanyColumn, string> = {
  name: "Name",
  domain: "Domain",
  industry: "Industry",
  size: "Size",
  owner: "Owner",
  contacts: "Contacts",
  openTickets: "Open tickets",
  createdAt: "Created",
};

export const companiesViewSchema = z.object({
  page: pageField,
  size: sizeField,
  sort: z.preprocess(first, z.enum(COMPANY_SORTS)).catch("name"),
  dir: z.preprocess(first, z.enum(["asc", "desc"])).catch("asc"),
  q: searchField,
  owner: idField,
  tickets: ticketsField,
  cols: columnsField(COMPANY_COLUMNS, DEFAULT_COMPANY_COLUMNS),
});
export type CompaniesView = z.infer<typeof companiesViewSchema>;

function toRecord(params: Params): Record<string, string | string[] | undefined> {
  if (params instanceof URLSearchParams) {
    const out: Record<string, string> = {};
    for (const [k, v] of params) if (!(k in out)) out[k] = v;
    return out;
  }
  return params;
}

export function parseContactsView(params: Params): ContactsView {
  return contactsViewSchema.parse(toRecord(params));
}
export function parseCompaniesView(params: Params): CompaniesView {
  return companiesViewSchema.parse(toRecord(params));
}

const DEFAULT_CONTACTS = parseContactsView({});
const DEFAULT_COMPANIES = parseCompaniesView({});

/** The view as search params, defaults left out (so the plain URL is the default view). */
function serialize(view: Record<string, unknown>, defaults: Record<string, unknown>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(view)) {
    if (value === undefined || value === "") continue;
    const text = Array.isArray(value) ? value.join(",") : String(value);
    const def = defaults[key];
    const defText = Array.isArray(def) ? def.join(",") : def === undefined ? undefined : String(def);
    if (text === defText) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out.set(key, text);
  }
  return out;
}

export function serializeContactsView(view: ContactsView): URLSearchParams {
  return serialize(view, DEFAULT_CONTACTS);
}
export function serializeCompaniesView(view: CompaniesView): URLSearchParams {
  return serialize(view, DEFAULT_COMPANIES);
}

/** Filters, sort and search only: what the export needs (paging and columns do not apply). */
export function exportQuery(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(params);
  out.delete("page");
  out.delete("size");
  return out;
}

/** Number of pages for a total (at least 1). */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** Ticket statuses that count as open (waiting on the team or the customer). */
export const OPEN_TICKET_STATUSES = ["new", "open", "pending", "on_hold"] as const;
