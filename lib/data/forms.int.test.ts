// Web forms end to end through the route handler: new and known contacts (blank fields only), HTML
// posts, the honeypot, the tracker cookie, errors and the rate limit.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, TEST_ACTOR, type TestDatabase } from "../../tests/test-database";
import { createForm } from "./forms";
import { POST } from "../../app/api/v1/forms/[formId]/route";
import { resetEnv } from "../env";
import { PEER_HEADER } from "../server/peer";

let t: TestDatabase;
let formId = "";
let redirectFormId = "";
beforeAll(async () => {
  // As behind the collector (scripts/start.ts), which sets x-tandem-peer on every request.
  vi.stubEnv("TANDEM_COLLECTOR_IN_FRONT", "1");
  resetEnv();
  t = await createTestDatabase();
  formId = (await createForm({ name: "Request a demo" }, TEST_ACTOR)).id;
  redirectFormId = (await createForm({ name: "Contact us", redirectUrl: "https://acme.example/thanks" }, TEST_ACTOR)).id;
});
afterAll(async () => {
  await t.close();
  vi.unstubAllEnvs();
  resetEnv();
});

const post = (id: string, body: string, headers: Record<string, string>) =>
  POST(new NextRequest(`http://t/api/v1/forms/${id}`, { method: "POST", body, headers: { [PEER_HEADER]: "203.0.113.7", ...headers } }), { params: Promise.resolve({ formId: id }) });
const json = (id: string, fields: Record<string, unknown>, headers: Record<string, string> = {}) => post(id, JSON.stringify(fields), { "content-type": "application/json", ...headers });

describe("POST /api/v1/forms/{formId}", () => {
  it("creates a lead with a form-fill interaction and a Form Submitted event carrying the tracker's anonymous id", async () => {
    const res = await json(formId, { email: "New.Lead@Acme.example", name: "Nia Lead", company: "Acme", team_size: "12" }, { cookie: "tdm_aid=anon-visitor-1" });
    expect(res.status).toBe(200);
    const contact = await t.db.contact.findUnique({ where: { email: "new.lead@acme.example" }, include: { stageHistory: true } });
    expect(contact).toMatchObject({ firstName: "Nia", lastName: "Lead", lifecycleStage: "lead" });
    expect(contact!.stageHistory.map((s) => s.stage)).toEqual(["lead"]);
    const fill = await t.db.interaction.findFirst({ where: { contactId: contact!.id, kind: "form_fill" } });
    expect(fill?.subject).toBe("Request a demo");
    expect(fill?.body).toContain("Team size: 12");
    const event = await t.db.event.findUnique({ where: { sourceId_messageId: { sourceId: "crm", messageId: `crm-interaction-${fill!.id}` } } });
    expect(event).toMatchObject({ event: "Form Submitted", anonymousId: "anon-visitor-1" });
    expect(event!.traits).toMatchObject({ email: "new.lead@acme.example" });
  });

  it("for a known contact fills only blank fields and never overwrites what the team recorded", async () => {
    const known = await t.db.contact.create({ data: { email: "known@acme.example", firstName: "Marc", lastName: null, phone: "+1 555 0100", lifecycleStage: "customer" } });
    const res = await json(formId, { email: "known@acme.example", first_name: "Marcus", last_name: "Known", phone: "999", job_title: "COO" });
    expect(res.status).toBe(200);
    const after = await t.db.contact.findUnique({ where: { id: known.id } });
    expect(after).toMatchObject({ firstName: "Marc", lastName: "Known", phone: "+1 555 0100", jobTitle: "COO", lifecycleStage: "customer" });
    const history = await t.db.fieldHistory.findMany({ where: { entityId: known.id }, orderBy: { field: "asc" } });
    expect(history.map((h) => [h.field, h.newValue])).toEqual([["jobTitle", "COO"], ["lastName", "Known"]]);
    const fill = await t.db.interaction.findFirst({ where: { contactId: known.id, kind: "form_fill" } });
    expect(fill?.body).toContain("First name: Marcus");
  });

  it("accepts an ordinary HTML form post and redirects when the form has a thank-you page", async () => {
    const res = await post(redirectFormId, "email=html%40acme.example&message=Hello", { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("https://acme.example/thanks");
    expect(await t.db.contact.count({ where: { email: "html@acme.example" } })).toBe(1);
    const plain = await post(formId, "email=html2%40acme.example", { "content-type": "application/x-www-form-urlencoded" });
    expect(plain.status).toBe(200);
    expect(plain.headers.get("content-type")).toMatch(/text\/html/);
  });

  it("answers a filled honeypot like a success and stores nothing", async () => {
    const res = await json(formId, { email: "bot@spam.example", _hp: "http://spam.example" });
    expect(res.status).toBe(200);
    expect(await t.db.contact.count({ where: { email: "bot@spam.example" } })).toBe(0);
  });

  it.each([
    ["an invalid email", () => json(formId, { email: "nope" }), 400, "invalid_submission"],
    ["malformed JSON", () => post(formId, "{", { "content-type": "application/json" }), 400, "invalid_json"],
    ["an unknown form", () => json("00000000-0000-0000-0000-000000000000", { email: "a@b.co" }), 404, "form_not_found"],
  ])("refuses %s", async (_n, send, status, code) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect((await res.json()).error.code).toBe(code);
  });

  it("rate-limits submissions per form and peer address, whatever X-Forwarded-For claims", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      // A new forged X-Forwarded-For each time: the limit follows the collector's address alone.
      const headers = { [PEER_HEADER]: "198.51.100.99", "x-forwarded-for": `192.0.2.${i}` };
      statuses.push((await json(redirectFormId, { email: `burst${i}@x.example` }, headers)).status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    // Another peer has its own allowance.
    expect((await json(redirectFormId, { email: "other@x.example" }, { [PEER_HEADER]: "198.51.100.100" })).status).toBe(200);
  });
});
