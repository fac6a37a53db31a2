// CSV import against a real database: good, bad and duplicate rows; upsert by email/domain in the
// mapped fields only, with stage dates and field history; idempotent re-runs; export → re-import.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { createUser } from "./users";
import { importChunk } from "./crm-import";
import { exportCsvStream } from "./crm-export";
import { parseCsvText } from "../crm/import-csv";
import { mapRows, suggestMapping, type ImportKind } from "../crm/import";
import type { Actor } from "../crm/contacts-access";

let t: TestDatabase;
let admin: Actor;
let sales: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  admin = { id: (await createUser({ email: "admin@imp.test", name: "Admin", role: "admin", password: "a long password" })).id, role: "admin" };
  sales = { id: (await createUser({ email: "sales@imp.test", name: "Sales", role: "sales", password: "a long password" })).id, role: "sales" };
});
afterAll(() => t.close());

async function importCsv(kind: ImportKind, csv: string, actor: Actor, dryRun = false) {
  const parsed = parseCsvText(csv);
  const rows = mapRows(parsed.rows, suggestMapping(kind, parsed.rows[0]!));
  return importChunk({ kind, dryRun, rows }, actor);
}

async function readStream(s: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(s).text();
}

describe("contacts import", () => {
  const csv = [
    "Email,First name,Last name,Company,Owner email,Lifecycle stage,Phone",
    "ada@x.test,Ada,Lovelace,Analytical Engines,admin@imp.test,Customer,+44 1",
    "bad-email,Bob,,,,,",
    "cy@x.test,Cy,,analytical.test,,lead,",
    "ada@x.test,Ada again,,,,,",
    "dee@x.test,Dee,,,ghost@imp.test,,",
    "eve@x.test,Eve,,,,nonsense,",
  ].join("\n");

  it("dry run reports without writing", async () => {
    const res = await importCsv("contacts", csv, admin, true);
    expect(res.map((r) => r.outcome)).toEqual(["create", "reject", "create", "reject", "reject", "reject"]);
    expect(await t.db.contact.count()).toBe(0);
    expect(await t.db.company.count()).toBe(0);
  });

  it("creates good rows, rejects bad ones with reasons, links or creates companies, records stage and history", async () => {
    const res = await importCsv("contacts", csv, admin);
    expect(res.map((r) => [r.row, r.outcome])).toEqual([[2, "create"], [3, "reject"], [4, "create"], [5, "reject"], [6, "reject"], [7, "reject"]]);
    expect(res[1]!.errors.join()).toMatch(/valid email/);
    expect(res[3]!.errors.join()).toMatch(/as row 2/);
    expect(res[4]!.errors.join()).toMatch(/no user has the email ghost@imp.test/);
    expect(res[5]!.errors.join()).toMatch(/Lifecycle stage/);
    const ada = await t.db.contact.findUniqueOrThrow({ where: { email: "ada@x.test" }, include: { company: true, stageHistory: true } });
    expect(ada).toMatchObject({ firstName: "Ada", lastName: "Lovelace", phone: "+44 1", lifecycleStage: "customer", ownerId: admin.id });
    expect(ada.company?.name).toBe("Analytical Engines");
    expect(ada.stageHistory.map((s) => s.stage)).toEqual(["customer"]);
    const cy = await t.db.contact.findUniqueOrThrow({ where: { email: "cy@x.test" }, include: { company: true } });
    expect(cy.company).toMatchObject({ name: "analytical.test", domain: "analytical.test" });
    expect(await t.db.fieldHistory.count({ where: { entity: "contact", entityId: ada.id } })).toBeGreaterThan(0);
    expect(await t.db.contact.count()).toBe(2);
  });

  it("is idempotent: the same file again changes nothing", async () => {
    const historyBefore = await t.db.fieldHistory.count();
    const res = await importCsv("contacts", csv, admin);
    expect(res.map((r) => r.outcome)).toEqual(["unchanged", "reject", "unchanged", "reject", "reject", "reject"]);
    expect(await t.db.contact.count()).toBe(2);
    expect(await t.db.company.count()).toBe(2);
    expect(await t.db.fieldHistory.count()).toBe(historyBefore);
  });

  it("updates only the mapped fields of an existing contact, with history and the new stage's date", async () => {
    const res = await importCsv("contacts", "email,job title,stage\nada@x.test,Countess,evangelist\n", admin);
    expect(res[0]).toMatchObject({ outcome: "update" });
    const ada = await t.db.contact.findUniqueOrThrow({ where: { email: "ada@x.test" }, include: { stageHistory: true } });
    expect(ada).toMatchObject({ firstName: "Ada", lastName: "Lovelace", phone: "+44 1", jobTitle: "Countess", lifecycleStage: "evangelist" });
    expect(ada.stageHistory.map((s) => s.stage).sort()).toEqual(["customer", "evangelist"]);
    const h = await t.db.fieldHistory.findMany({ where: { entityId: ada.id, field: { in: ["jobTitle", "lifecycleStage"] }, newValue: { in: ["Countess", "evangelist"] } } });
    expect(h).toHaveLength(2);
  });

  it("a sales user cannot update a contact someone else owns, nor give one away; other rows still import", async () => {
    const res = await importCsv("contacts", "email,first name,owner email\nada@x.test,Hacked,\nnew@x.test,New,admin@imp.test\nmine@x.test,Mine,\n", sales);
    expect(res.map((r) => r.outcome)).toEqual(["reject", "reject", "create"]);
    expect(res[0]!.errors.join()).toMatch(/only the contacts you own/);
    expect(res[1]!.errors.join()).toMatch(/Only an admin/);
    expect((await t.db.contact.findUniqueOrThrow({ where: { email: "mine@x.test" } })).ownerId).toBe(sales.id);
  });
});

describe("companies import", () => {
  it("upserts by domain, rejects bad rows, and re-runs idempotently", async () => {
    const csv = "Name,Domain,Industry,Size\nGlobex,globex.test,Energy,11-50\nBad,not a domain,,\nNoDomain Ltd,,Retail,\nGlobex Corp,https://www.globex.test,,\n";
    const first = await importCsv("companies", csv, admin);
    expect(first.map((r) => r.outcome)).toEqual(["create", "reject", "create", "reject"]);
    expect(first[3]!.errors.join()).toMatch(/as row 2/);
    const again = await importCsv("companies", csv, admin);
    expect(again.map((r) => r.outcome)).toEqual(["unchanged", "reject", "unchanged", "reject"]);
    const upd = await importCsv("companies", "domain,industry\nglobex.test,Utilities\n", admin);
    expect(upd[0]!.outcome).toBe("update");
    expect(await t.db.company.findUniqueOrThrow({ where: { domain: "globex.test" } })).toMatchObject({ name: "Globex", industry: "Utilities", size: "11-50" });
    expect(await t.db.company.count({ where: { name: "NoDomain Ltd" } })).toBe(1);
  });
});

describe("export → re-import round trip", () => {
  it("re-importing the contacts and companies exports changes nothing", async () => {
    const historyBefore = await t.db.fieldHistory.count();
    const companies = await importCsv("companies", await readStream(exportCsvStream("companies", 2)), admin);
    expect(companies.length).toBe(await t.db.company.count());
    expect(companies.every((r) => r.outcome === "unchanged")).toBe(true);
    const contacts = await importCsv("contacts", await readStream(exportCsvStream("contacts", 2)), admin);
    expect(contacts.length).toBe(await t.db.contact.count());
    expect(contacts.filter((r) => r.outcome !== "unchanged")).toEqual([]);
    expect(await t.db.fieldHistory.count()).toBe(historyBefore);
  });
});
