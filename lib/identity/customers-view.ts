// The Customers table's view (page, size, sort, search, visible columns) as URL search params, and
// how a profile is named. One zod schema parses the URL for the page and the tests; anything unknown
// or malformed falls back to its default. Pure (client components import it too).
import { z } from "zod";
import { DEFAULT_PAGE_SIZE, PAGE_SIZES } from "../crm/view";

export { PAGE_SIZES };

export const CUSTOMER_COLUMNS = ["name", "email", "userId", "channel", "events", "revenue", "firstSeen", "lastSeen", "contact"] as const;
export type CustomerColumn = (typeof CUSTOMER_COLUMNS)[number];
export const DEFAULT_CUSTOMER_COLUMNS: readonly CustomerColumn[] = ["name", "email", "userId", "channel", "events", "revenue", "lastSeen", "contact"];
export const CUSTOMER_SORTS = ["name", "events", "revenue", "firstSeen", "lastSeen"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
export const CUSTOMER_COLUMN_LABELS: Record<CustomerColumn, string> = {
  name: "Name",
  email: "Email",
  userId: "User id",
  channel: "First channel",
  events: "Events",
  revenue: "Revenue",
  firstSeen: "First seen",
  lastSeen: "Last seen",
  contact: "CRM contact",
};

type Params = Record<string, string | string[] | undefined> | URLSearchParams;
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

export const customersViewSchema = z.object({
  page: z.preprocess(first, z.coerce.number().int().min(1).max(10_000_000)).catch(1),
  size: z
    .preprocess(first, z.coerce.number().int())
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(DEFAULT_PAGE_SIZE),
  sort: z.preprocess(first, z.enum(CUSTOMER_SORTS)).catch("lastSeen"),
  dir: z.preprocess(first, z.enum(["asc", "desc"])).catch("desc"),
  /** Any identifier (exact or prefix), a profile id, or text anywhere in the traits. */
  q: z.preprocess(first, z.string().trim().max(200)).catch(""),
  cols: z.preprocess((v) => {
    const s = first(v);
    const chosen = new Set(typeof s === "string" ? s.split(",").map((x) => x.trim()) : []);
    const cols = CUSTOMER_COLUMNS.filter((c) => chosen.has(c));
    return cols.length ? cols : [...DEFAULT_CUSTOMER_COLUMNS];
  }, z.array(z.enum(CUSTOMER_COLUMNS))),
});
export type CustomersView = z.infer<typeof customersViewSchema>;

export function parseCustomersView(params: Params): CustomersView {
  const record: Record<string, string | string[] | undefined> = {};
  if (params instanceof URLSearchParams) {
    for (const [k, v] of params) if (!(k in record)) record[k] = v;
  } else Object.assign(record, params);
  return customersViewSchema.parse(record);
}

const DEFAULT_VIEW = parseCustomersView({});

/** The view as search params, defaults left out (so the plain URL is the default view). */
export function serializeCustomersView(view: CustomersView): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(view)) {
    const text = Array.isArray(value) ? value.join(",") : String(value);
    const def = DEFAULT_VIEW[key as keyof CustomersView];
    if (text === "" || text === (Array.isArray(def) ? def.join(",") : String(def))) continue;
    out.set(key, text);
  }
  return out;
}

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

/** A short, recognisable form of a profile id (anonymous visitors have nothing else). */
export const shortProfileId = (id: string) => `Profile ${id.replace(/-/g, "").slice(0, 8)}`;

/**
 * What to call a profile: the `name` trait, else first + last name, else an email, else the user id,
 * else the short profile id.
 */
export function profileDisplayName(traits: Record<string, unknown>, email: string | null, userId: string | null, id: string): string {
  const full = [text(traits.first_name) ?? text(traits.firstName), text(traits.last_name) ?? text(traits.lastName)].filter(Boolean).join(" ");
  return text(traits.name) ?? (full || null) ?? email ?? text(traits.email) ?? userId ?? shortProfileId(id);
}
