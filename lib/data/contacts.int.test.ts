// Contacts against a real database: the list query (paging, sorting, filters, search, open-ticket
// counts) checked against a brute-force filter of the same generated rows in JS; the keyset export
// against the pages; create/edit with the ownership rules, stage history and field history.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { createUser } from "./users";
import { contactBatches, createContact, CrmError, listContacts, updateContact, type ContactRow } from "./contacts";
import { parseContactsView, OPEN_TICKET_STATUSES, type ContactsView } from "../crm/view";
import { LIFECYCLE_STAGES, type LifecycleStage } from "../crm/stages";
import { newContactInput, updateContactInput } from "../crm/contacts-input";
import type { Actor } from "../crm/contacts-access";

let t: TestDatabase;
const actors = {} as Record<"admin" | "sales" | "sales2" | "success" | "marketing", Actor>;

interface Gen {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  companyId: string | null;
  companyName: string | null;
  ownerId: string | null;
  stage: LifecycleStage;
  lastInteractionAt: Date | null;
  createdAt: Date;
  openTickets: number;
}
const gen: Gen[] = [];

// A small deterministic PRNG so failures reproduce.
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Linus", "Margaret", null];
const LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Torvalds", "Hamilton", null];

beforeAll(async () => {
  t = await createTestDatabase();
  for (const [key, role] of [["admin", "admin"], ["sales", "sales"], ["sales2", "sales"], ["success", "success"], ["marketing", "marketing"]] as const) {
    const u = await createUser({ email: `${key}@contacts.test`, name: `${key} user`, role, password: "a long password" });
    actors[key] = { id: u.id, role };
  }
  const companies = Array.from({ length: 12 }, (_, i) => ({ id: `co_${i}`, name: i === 3 ? "Percent 50% Ltd" : `${pick(["Acme", "Globex", "Initech", "Umbrella"])} ${i}`, domain: `c${i}.example` }));
  await t.db.company.createMany({ data: companies });
  const owners = [actors.admin.id, actors.sales.id, actors.sales2.id, actors.success.id, null];
  const base = Date.UTC(2026, 0, 1);
  for (let i = 0; i < 260; i++) {
    const co = rnd() < 0.85 ? pick(companies) : null;
    const first = pick(FIRST);
    const last = pick(LAST);
    gen.push({
      id: `ct_${String(i).padStart(4, "0")}`,
      email: rnd() < 0.95 ? `person${i}@${co?.domain ?? "free.example"}` : null,
      firstName: first,
      lastName: last,
      companyId: co?.id ?? null,
      companyName: co?.name ?? null,
      ownerId: pick(owners),
      stage: pick(LIFECYCLE_STAGES),
      lastInteractionAt: rnd() < 0.7 ? new Date(base + Math.floor(rnd() * 90) * 86_400_000 + Math.floor(rnd() * 86_400_000)) : null,
      createdAt: new Date(base - Math.floor(rnd() * 1e10)),
      openTickets: 0,
    });
  }
  await t.db.contact.createMany({
    data: gen.map((g) => ({ id: g.id, email: g.email, firstName: g.firstName, lastName: g.lastName, companyId: g.companyId, ownerId: g.ownerId, lifecycleStage: g.stage, lastInteractionAt: g.lastInteractionAt, createdAt: g.createdAt })),
  });
  const statuses = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
  const tickets = [];
  for (let i = 0; i < 300; i++) {
    const c = pick(gen);
    const status = pick(statuses);
    if ((OPEN_TICKET_STATUSES as readonly string[]).includes(status)) c.openTickets++;
    tickets.push({ subject: `T${i}`, status, contactId: c.id, companyId: c.companyId, openedAt: new Date(base + i * 3_600_000) });
  }
  await t.db.ticket.createMany({ data: tickets });
});
afterAll(() => t.close());

function bruteForce(v: ContactsView): Gen[] {
  const q = v.q.toLowerCase();
  return gen.filter((g) => {
    if (q) {
      const hay = [g.email, g.firstName, g.lastName, [g.firstName, g.lastName].filter(Boolean).join(" "), g.companyName];
      if (!hay.some((h) => h?.toLowerCase().includes(q))) return false;
    }
    if (v.owner === "none" ? g.ownerId !== null : v.owner && g.ownerId !== v.owner) return false;
    if (v.stage.length && !v.stage.includes(g.stage)) return false;
    if (v.company && g.companyId !== v.company) return false;
    if (v.lastFrom && !(g.lastInteractionAt && g.lastInteractionAt >= new Date(`${v.lastFrom}T00:00:00Z`))) return false;
    if (v.lastTo && !(g.lastInteractionAt && g.lastInteractionAt.getTime() < Date.parse(`${v.lastTo}T00:00:00Z`) + 86_400_000)) return false;
    if (v.tickets === "open" && g.openTickets === 0) return false;
    if (v.tickets === "none" && g.openTickets > 0) return false;
    return true;
  });
}

async function allPages(v: ContactsView): Promise<{ rows: ContactRow[]; totals: number[] }> {
  const rows: ContactRow[] = [];
  const totals: number[] = [];
  for (let page = 1; page < 100; page++) {
    const res = await listContacts({ ...v, page });
    totals.push(res.total);
    rows.push(...res.rows);
    if (res.rows.length < v.size) break;
  }
  return { rows, totals };
}

const VIEWS: Record<string, string>[] = [
  {},
  { sort: "name", dir: "asc", size: "25" },
  { sort: "openTickets", dir: "desc", tickets: "open" },
  { sort: "lastInteraction", dir: "asc", lastFrom: "2026-02-01", lastTo: "2026-02-28" },
  { stage: "lead,customer", sort: "stage", dir: "asc" },
  { owner: "none", sort: "email", dir: "desc", size: "25" },
  { q: "hop", sort: "company", dir: "asc" },
  { q: "GLOBEX", tickets: "none", sort: "createdAt" },
  { q: "50%" },
  { q: "ada love" },
  { company: "co_3", sort: "owner" },
];

describe("listContacts", () => {
  for (const params of VIEWS) {
    it(`pages through ${JSON.stringify(params)} exactly like a brute-force filter`, async () => {
      const p = { ...params };
      if (p.owner === "sales") p.owner = actors.sales.id;
      const view = parseContactsView(p);
      const expected = bruteForce(view);
      const { rows, totals } = await allPages(view);
      expect(new Set(totals)).toEqual(new Set([expected.length]));
      expect(rows.map((r) => r.id).sort()).toEqual(expected.map((g) => g.id).sort());
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
      // Open-ticket counts, owner and company labels are right on every row.
      const byId = new Map(gen.map((g) => [g.id, g]));
      for (const r of rows) {
        const g = byId.get(r.id)!;
        expect(r.openTickets).toBe(g.openTickets);
        expect(r.companyName).toBe(g.companyName);
        expect(r.lifecycleStage).toBe(g.stage);
      }
      // Order: numeric and date sorts checked directly (text order is the database collation's).
      const sign = view.dir === "asc" ? 1 : -1;
      const num = (r: ContactRow) =>
        view.sort === "openTickets" ? r.openTickets : view.sort === "lastInteraction" ? (r.lastInteractionAt?.getTime() ?? -1e15) : view.sort === "createdAt" ? r.createdAt.getTime() : view.sort === "stage" ? LIFECYCLE_STAGES.indexOf(r.lifecycleStage) : null;
      for (let i = 1; i < rows.length; i++) {
        const a = num(rows[i - 1]!);
        const b = num(rows[i]!);
        if (a !== null && b !== null) expect(sign * (b - a)).toBeGreaterThanOrEqual(0);
      }
      // The keyset export yields the same rows in the same order.
      const exported: ContactRow[] = [];
      for await (const batch of contactBatches(view, 17)) exported.push(...batch);
      expect(exported.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    });
  }

  it("a page past the end is empty but keeps the total", async () => {
    const res = await listContacts(parseContactsView({ page: "999" }));
    expect(res.rows).toEqual([]);
    expect(res.total).toBe(gen.length);
  });
});

describe("create and edit", () => {
  it("sales creates a contact it then owns, with its first stage and field history", async () => {
    const now = new Date("2026-03-01T10:00:00Z");
    const input = newContactInput.parse({ email: "New.Person@Example.com", firstName: "New", lastName: "Person", lifecycleStage: "lead", companyId: "co_1" });
    const { id } = await createContact(input, actors.sales, now);
    const row = await t.db.contact.findUniqueOrThrow({ where: { id }, include: { stageHistory: true } });
    expect(row).toMatchObject({ email: "new.person@example.com", ownerId: actors.sales.id, lifecycleStage: "lead", companyId: "co_1" });
    expect(row.stageHistory).toEqual([{ contactId: id, stage: "lead", enteredAt: now }]);
    const history = await t.db.fieldHistory.findMany({ where: { entity: "contact", entityId: id } });
    expect(history.map((h) => h.field).sort()).toEqual(["companyId", "email", "firstName", "lastName", "lifecycleStage", "ownerId"]);
    expect(history.every((h) => h.changedById === actors.sales.id && h.oldValue === null)).toBe(true);

    // Duplicate email → a field error.
    await expect(createContact(newContactInput.parse({ email: "new.person@example.com", lifecycleStage: "lead" }), actors.admin)).rejects.toMatchObject({ code: "conflict", field: "email" });
  });

  it("records stage entries (keeping the first date on re-entry) and one history row per changed field", async () => {
    const t0 = new Date("2026-03-02T09:00:00Z");
    const { id } = await createContact(newContactInput.parse({ email: "stages@example.com", lifecycleStage: "lead" }), actors.sales, t0);
    const base = { id, email: "stages@example.com", firstName: null, lastName: null, phone: null, jobTitle: null, companyId: null };
    const t1 = new Date("2026-03-03T09:00:00Z");
    const r1 = await updateContact(updateContactInput.parse({ ...base, lifecycleStage: "mql", jobTitle: "CTO" }), actors.sales, t1);
    expect(r1.changes.map((c) => c.field).sort()).toEqual(["jobTitle", "lifecycleStage"]);
    const t2 = new Date("2026-03-04T09:00:00Z");
    await updateContact(updateContactInput.parse({ ...base, jobTitle: "CTO", lifecycleStage: "lead" }), actors.sales, t2);
    const t3 = new Date("2026-03-05T09:00:00Z");
    await updateContact(updateContactInput.parse({ ...base, jobTitle: "CTO", lifecycleStage: "mql" }), actors.sales, t3);
    const stages = await t.db.contactStage.findMany({ where: { contactId: id }, orderBy: { enteredAt: "asc" } });
    expect(stages.map((s) => [s.stage, s.enteredAt.toISOString()])).toEqual([
      ["lead", t0.toISOString()],
      ["mql", t1.toISOString()],
    ]);
    const stageChanges = await t.db.fieldHistory.findMany({ where: { entityId: id, field: "lifecycleStage" }, orderBy: { changedAt: "asc" } });
    expect(stageChanges.map((h) => [h.oldValue, h.newValue])).toEqual([[null, "lead"], ["lead", "mql"], ["mql", "lead"], ["lead", "mql"]]);
    // No change → no rows.
    const none = await updateContact(updateContactInput.parse({ ...base, jobTitle: "CTO", lifecycleStage: "mql" }), actors.sales, t3);
    expect(none.changes).toEqual([]);
  });

  it("enforces ownership: sales edits its own only, only admin reassigns, marketing reads", async () => {
    const { id } = await createContact(newContactInput.parse({ email: "owned@example.com", lifecycleStage: "lead" }), actors.sales);
    const edit = (extra: Record<string, unknown>) => updateContactInput.parse({ id, email: "owned@example.com", lifecycleStage: "sql", ...extra });
    await expect(updateContact(edit({}), actors.sales2)).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateContact(edit({}), actors.success)).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateContact(edit({}), actors.marketing)).rejects.toBeInstanceOf(CrmError);
    await expect(createContact(newContactInput.parse({ email: "m@example.com", lifecycleStage: "lead" }), actors.marketing)).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateContact(edit({ ownerId: actors.sales2.id }), actors.sales)).rejects.toMatchObject({ code: "forbidden", field: "ownerId" });
    await expect(createContact(newContactInput.parse({ email: "x@example.com", lifecycleStage: "lead", ownerId: actors.sales2.id }), actors.sales)).rejects.toMatchObject({ field: "ownerId" });
    await updateContact(edit({}), actors.sales);
    // Admin reassigns; the old owner can no longer edit, the new one can.
    await updateContact(edit({ ownerId: actors.sales2.id }), actors.admin);
    const owner = await t.db.fieldHistory.findFirstOrThrow({ where: { entityId: id, field: "ownerId", changedById: actors.admin.id } });
    expect([owner.oldValue, owner.newValue]).toEqual([actors.sales.id, actors.sales2.id]);
    await expect(updateContact(edit({ lifecycleStage: "customer" }), actors.sales)).rejects.toMatchObject({ code: "forbidden" });
    await updateContact(edit({ lifecycleStage: "customer" }), actors.sales2);
    // An owner must be staff who works the CRM.
    await expect(updateContact(edit({ ownerId: actors.marketing.id }), actors.admin)).rejects.toMatchObject({ field: "ownerId" });
  });
});
