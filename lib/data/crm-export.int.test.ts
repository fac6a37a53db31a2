// Full CRM export against a real database: keyset paging returns every row once with labels beside
// ids; the token API answers 401/403/400/200 and its JSON document is valid with all six arrays.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_ACTOR, type TestDatabase } from "../../tests/test-database";
import { createUser } from "./users";
import { createApiToken } from "./api-tokens";
import { exportBatches, exportCsvStream } from "./crm-export";
import { parseCsvText } from "../crm/import-csv";
import { EXPORT_COLUMNS, EXPORT_ENTITIES } from "../crm/export";
import { GET } from "../../app/api/v1/crm/export/route";

let t: TestDatabase;
let userId = "";
beforeAll(async () => {
  t = await createTestDatabase();
  userId = (await createUser({ email: "owner@exp.test", name: "Owner", role: "sales", password: "a long password" })).id;
  const co = await t.db.company.create({ data: { name: "=Evil Co", domain: "evil.test", ownerId: userId } });
  for (let i = 0; i < 7; i++) {
    const c = await t.db.contact.create({ data: { email: `c${i}@exp.test`, firstName: `C${i}`, companyId: co.id, ownerId: userId } });
    await t.db.interaction.create({ data: { kind: "note", contactId: c.id, authorId: userId, occurredAt: new Date(), body: "line1\nline2, \"q\"" } });
  }
  const ticket = await t.db.ticket.create({ data: { subject: "Help", openedAt: new Date(), assigneeId: userId, companyId: co.id } });
  await t.db.task.create({ data: { title: "Call", assigneeId: userId, ticketId: ticket.id } });
  await t.db.fieldHistory.create({ data: { entity: "company", entityId: co.id, field: "name", newValue: "=Evil Co", changedById: userId, changedAt: new Date() } });
});
afterAll(() => t.close());

const segment = { params: Promise.resolve({}) };
const get = (qs: string, token?: string) => GET(new NextRequest(`http://t/api/v1/crm/export?${qs}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), segment);

describe("export", () => {
  it("pages by keyset through every row exactly once", async () => {
    const ids: string[] = [];
    for await (const batch of exportBatches("contacts", 3)) ids.push(...batch.map((r) => String(r.id)));
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
    expect([...ids].sort()).toEqual(ids);
  });

  it("writes labels beside ids in the CSV", async () => {
    const rows = parseCsvText(await new Response(exportCsvStream("contacts", 2)).text()).rows;
    expect(rows[0]).toEqual([...EXPORT_COLUMNS.contacts]);
    expect(rows).toHaveLength(8);
    const h = rows[0]!;
    expect(rows[1]![h.indexOf("owner_email")]).toBe("owner@exp.test");
    expect(rows[1]![h.indexOf("company_name")]).toBe("'=Evil Co");
    const inter = parseCsvText(await new Response(exportCsvStream("interactions")).text()).rows;
    expect(inter[1]![inter[0]!.indexOf("body")]).toBe('line1\nline2, "q"');
    expect(inter[1]![inter[0]!.indexOf("author_email")]).toBe("owner@exp.test");
    const tasks = parseCsvText(await new Response(exportCsvStream("tasks")).text()).rows;
    expect(tasks[1]![tasks[0]!.indexOf("assignee_email")]).toBe("owner@exp.test");
    expect(tasks[1]![tasks[0]!.indexOf("ticket_number")]).toMatch(/^\d+$/);
  });

  it("token API: 401 without a token, 403 without the scope, 400 for a bad format or entity, 200 streamed", async () => {
    expect((await get("format=json")).status).toBe(401);
    const other = await createApiToken({ name: "other", scopes: ["profiles:read"] }, TEST_ACTOR);
    const wrong = await get("format=json", other.token);
    expect(wrong.status).toBe(403);
    const { token } = await createApiToken({ name: "exp", scopes: ["export:read"] }, TEST_ACTOR);
    const badFormat = await get("format=xml", token);
    expect(badFormat.status).toBe(400);
    expect(JSON.stringify(await badFormat.json())).toMatch(/format/);
    const badEntity = await get("format=csv&entity=deals", token);
    expect(badEntity.status).toBe(400);
    expect(JSON.stringify(await badEntity.json())).toMatch(/entity/);

    const json = await get("format=json", token);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toMatch(/application\/json/);
    const doc = JSON.parse(await json.text()) as Record<string, unknown[]>;
    for (const e of EXPORT_ENTITIES) expect(Array.isArray(doc[e]), e).toBe(true);
    expect(doc.contacts).toHaveLength(7);
    expect(doc.companies).toHaveLength(1);
    expect(doc.interactions).toHaveLength(7);
    expect(doc.tickets).toHaveLength(1);
    expect(doc.tasks).toHaveLength(1);
    expect(doc.history).toHaveLength(1);
    expect(typeof doc.exportedAt).toBe("string");

    const csv = await get("format=csv&entity=tickets", token);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toMatch(/tandem-tickets-.*\.csv/);
    expect(parseCsvText(await csv.text()).rows[0]).toEqual([...EXPORT_COLUMNS.tickets]);
  });
});
