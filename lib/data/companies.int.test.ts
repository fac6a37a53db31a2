// Companies against a real database: the list (contacts and open-ticket counts, filters, sort,
// paging) against a brute-force computation; the keyset export; the company page's open tickets and
// rolled-up activity with its cursor; create/edit with ownership rules and field history.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { createUser } from "./users";
import { companyBatches, createCompany, listCompanies, listCompanyActivity, listCompanyOpenTickets, updateCompany, type CompanyRow } from "./companies";
import { OPEN_TICKET_STATUSES, parseCompaniesView } from "../crm/view";
import { newCompanyInput, updateCompanyInput } from "../crm/companies-input";
import type { Actor } from "../crm/contacts-access";

let t: TestDatabase;
let admin: Actor;
let sales: Actor;
let sales2: Actor;
let leadership: Actor;
const expected = new Map<string, { name: string; ownerId: string | null; contacts: number; open: number }>();
const isOpen = (s: string) => (OPEN_TICKET_STATUSES as readonly string[]).includes(s);

beforeAll(async () => {
  t = await createTestDatabase();
  const mk = async (email: string, role: "admin" | "sales" | "leadership") => ({ id: (await createUser({ email, name: email.split("@")[0]!, role, password: "a long password" })).id, role });
  admin = await mk("admin@co.test", "admin");
  sales = await mk("sales@co.test", "sales");
  sales2 = await mk("sales2@co.test", "sales");
  leadership = await mk("lead@co.test", "leadership");
  const owners = [admin.id, sales.id, sales2.id, null];
  const statuses = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
  for (let i = 0; i < 40; i++) {
    const id = `co_${String(i).padStart(2, "0")}`;
    const ownerId = owners[i % owners.length]!;
    const name = `${["Acme", "Globex", "Initech"][i % 3]} ${i}`;
    await t.db.company.create({ data: { id, name, domain: `d${i}.example`, ownerId } });
    const nContacts = i % 7;
    let open = 0;
    for (let j = 0; j < nContacts; j++) {
      const cid = `${id}_c${j}`;
      await t.db.contact.create({ data: { id: cid, email: `${cid}@x.example`, companyId: id } });
      const status = statuses[(i + j) % statuses.length]!;
      // Half the tickets name the company, half only the contact: only the first count in the list.
      await t.db.ticket.create({ data: { subject: `t ${cid}`, status, contactId: cid, companyId: j % 2 ? id : null, openedAt: new Date(Date.UTC(2026, 0, 1 + j)) } });
      if (j % 2 && isOpen(status)) open++;
      await t.db.interaction.create({ data: { kind: "call", contactId: cid, occurredAt: new Date(Date.UTC(2026, 1, 1, i, j)), subject: `call ${cid}` } });
    }
    expected.set(id, { name, ownerId, contacts: nContacts, open });
  }
});
afterAll(() => t.close());

describe("listCompanies", () => {
  const views: Record<string, string>[] = [{}, { sort: "contacts", dir: "desc", size: "25" }, { tickets: "open", sort: "openTickets" }, { tickets: "none" }, { q: "GLOB", owner: "none" }, { sort: "createdAt", dir: "asc", size: "25" }];
  for (const params of views) {
    it(`matches brute force for ${JSON.stringify(params)}`, async () => {
      const view = parseCompaniesView(params);
      const want = [...expected.entries()].filter(([, e]) => {
        if (view.q && !e.name.toLowerCase().includes(view.q.toLowerCase())) return false;
        if (view.owner === "none" && e.ownerId !== null) return false;
        if (view.tickets === "open" && e.open === 0) return false;
        if (view.tickets === "none" && e.open > 0) return false;
        return true;
      });
      const rows: CompanyRow[] = [];
      for (let page = 1; ; page++) {
        const res = await listCompanies({ ...view, page });
        expect(res.total).toBe(want.length);
        rows.push(...res.rows);
        if (res.rows.length < view.size) break;
      }
      expect(rows.map((r) => r.id).sort()).toEqual(want.map(([id]) => id).sort());
      for (const r of rows) expect([r.contacts, r.openTickets]).toEqual([expected.get(r.id)!.contacts, expected.get(r.id)!.open]);
      if (view.sort === "contacts") for (let i = 1; i < rows.length; i++) expect(rows[i]!.contacts).toBeLessThanOrEqual(rows[i - 1]!.contacts);
      const exported: CompanyRow[] = [];
      for await (const b of companyBatches(view, 7)) exported.push(...b);
      expect(exported.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    });
  }
});

describe("company page", () => {
  it("lists open tickets of the company and of its contacts", async () => {
    const tickets = await listCompanyOpenTickets("co_06");
    const all = await t.db.ticket.findMany({ where: { contact: { companyId: "co_06" } } });
    expect(tickets.map((x) => x.id).sort()).toEqual(all.filter((x) => isOpen(x.status)).map((x) => x.id).sort());
  });

  it("pages the rolled-up activity newest first with a cursor", async () => {
    const seen: string[] = [];
    let before: string | undefined;
    let last = Infinity;
    for (;;) {
      const page = await listCompanyActivity("co_06", before, 2);
      for (const i of page.items) {
        expect(i.occurredAt.getTime()).toBeLessThanOrEqual(last);
        last = i.occurredAt.getTime();
        seen.push(i.id);
      }
      if (!page.next) break;
      before = page.next;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });
});

describe("create and edit", () => {
  it("applies the ownership rules and writes field history", async () => {
    const { id } = await createCompany(newCompanyInput.parse({ name: "Newco", domain: "https://www.newco.io" }), sales);
    expect(await t.db.company.findUniqueOrThrow({ where: { id } })).toMatchObject({ ownerId: sales.id, domain: "newco.io" });
    await expect(createCompany(newCompanyInput.parse({ name: "Dup", domain: "newco.io" }), admin)).rejects.toMatchObject({ code: "conflict", field: "domain" });
    await expect(createCompany(newCompanyInput.parse({ name: "Nope" }), leadership)).rejects.toMatchObject({ code: "forbidden" });
    const edit = (extra: Record<string, unknown>) => updateCompanyInput.parse({ id, name: "Newco", domain: "newco.io", ...extra });
    await expect(updateCompany(edit({ industry: "Software" }), sales2)).rejects.toMatchObject({ code: "forbidden" });
    const res = await updateCompany(edit({ industry: "Software", size: "11-50" }), sales);
    expect(res.changes.map((c) => c.field).sort()).toEqual(["industry", "size"]);
    await expect(updateCompany(edit({ ownerId: sales2.id }), sales)).rejects.toMatchObject({ field: "ownerId" });
    await updateCompany(edit({ industry: "Software", size: "11-50", ownerId: sales2.id }), admin);
    const history = await t.db.fieldHistory.findMany({ where: { entity: "company", entityId: id }, orderBy: { changedAt: "asc" } });
    expect(history.find((h) => h.field === "ownerId" && h.changedById === admin.id)).toMatchObject({ oldValue: sales.id, newValue: sales2.id });
    expect(history.filter((h) => h.field === "industry")).toHaveLength(1);
  });
});
