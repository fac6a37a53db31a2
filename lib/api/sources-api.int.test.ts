// The Admin API's sources (app/api/v1/sources): admin:write tokens only; create answers 201 with the
// key once; PATCH is all or nothing with the page's checks and audit entries; the CRM source is 409.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_ACTOR, type TestDatabase } from "../../tests/test-database";
import { sendBatch } from "../../tests/tracking-api";
import { createApiToken } from "../data/api-tokens";
import { hashSecret } from "../auth/secrets";
import { forgetCachedSources } from "../ingest/ingest";
import { GET as list, POST as create } from "../../app/api/v1/sources/route";
import { GET as getOne, PATCH as patch } from "../../app/api/v1/sources/[id]/route";

let t: TestDatabase;
let admin = "";
let reader = "";

beforeAll(async () => {
  t = await createTestDatabase();
  admin = (await createApiToken({ name: "Provisioning script", scopes: ["admin:write"] }, TEST_ACTOR)).token;
  reader = (await createApiToken({ name: "Reader", scopes: ["profiles:read", "events:export"] }, TEST_ACTOR)).token;
});
afterAll(() => t.close());

interface Body {
  id: string;
  name: string;
  writeKey: string;
  maskedWriteKey: string;
  sources: { name: string }[];
  error: { code: string; message: string };
}

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: Handler, opts: { method?: string; id?: string; body?: unknown; raw?: string; token?: string | null } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const token = opts.token === undefined ? admin : opts.token;
  if (token) headers.authorization = `Bearer ${token}`;
  const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const res = await handler(new NextRequest(`http://t/api/v1/sources${opts.id ? `/${opts.id}` : ""}`, { method: opts.method ?? "GET", headers, body }), {
    params: Promise.resolve<Record<string, string>>(opts.id ? { id: opts.id } : {}),
  });
  return { status: res.status, json: (await res.json()) as Body };
}

const auditActions = async (targetId: string) =>
  (await t.db.auditEntry.findMany({ where: { targetId }, orderBy: { seq: "asc" }, select: { action: true, actorLabel: true } })).map((e) => `${e.action} by ${e.actorLabel}`);

describe("sources over the Admin API", () => {
  it("creates a web source, answers 201 with the key once, and the key works", async () => {
    const res = await call(create, { method: "POST", body: { name: "Docs site", kind: "web", allowedOrigins: ["https://docs.example.com/"], rateLimitPerSec: null } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: "Docs site", kind: "web", enabled: true, builtIn: false, allowedOrigins: ["https://docs.example.com"], rateLimitPerSec: null });
    const key = res.json.writeKey;
    expect(key).toMatch(/^tdm_wk_/);
    expect(res.json.maskedWriteKey).toBe(`${key.slice(0, 11)}…`);
    const row = await t.db.source.findUniqueOrThrow({ where: { id: res.json.id } });
    expect(row.writeKeyHash).toBe(hashSecret(key));
    expect((await sendBatch(key, [{ type: "track", userId: "u1", event: "Docs Read" }])).status).toBe(200);
    // Read back: never the key again.
    const one = await call(getOne, { id: res.json.id });
    expect(one.status).toBe(200);
    expect(JSON.stringify(one.json)).not.toContain(key);
    expect(one.json).not.toHaveProperty("writeKey");
    expect(await auditActions(res.json.id)).toEqual(["source.created by API token “Provisioning script”"]);
  });

  it("lists every source, the built-in CRM source last", async () => {
    const res = await call(list);
    expect(res.status).toBe(200);
    const names = res.json.sources.map((s) => s.name);
    expect(names.at(-1)).toBe("CRM");
    expect(names).toContain("Docs site");
  });

  it("refuses origins or a limit on a non-web source, a taken name, and bad bodies — and creates nothing", async () => {
    const before = await t.db.source.count();
    const origins = await call(create, { method: "POST", body: { name: "Billing", kind: "server", allowedOrigins: ["https://a.example"] } });
    expect(origins).toMatchObject({ status: 400, json: { error: { code: "invalid_request" } } });
    expect(origins.json.error.message).toContain("web sources only");
    expect(await call(create, { method: "POST", body: { name: "DOCS SITE", kind: "server" } })).toMatchObject({ status: 409, json: { error: { code: "name_taken" } } });
    expect(await call(create, { method: "POST", body: { name: "X", kind: "fax" } })).toMatchObject({ status: 400, json: { error: { code: "invalid_request" } } });
    expect(await call(create, { method: "POST", raw: "{" })).toMatchObject({ status: 400, json: { error: { code: "invalid_json" } } });
    expect(await t.db.source.count()).toBe(before);
  });

  it("patches several fields in one audited transaction", async () => {
    const { json } = await call(create, { method: "POST", body: { name: "Shop", kind: "web" } });
    const res = await call(patch, { method: "PATCH", id: json.id, body: { name: "Shop (EU)", allowedOrigins: ["https://shop.example.eu"], rateLimitPerSec: 200, enabled: false } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: "Shop (EU)", allowedOrigins: ["https://shop.example.eu"], rateLimitPerSec: 200, enabled: false });
    expect(await auditActions(json.id)).toEqual([
      "source.created by API token “Provisioning script”",
      "source.renamed by API token “Provisioning script”",
      "source.web_settings_updated by API token “Provisioning script”",
      "source.disabled by API token “Provisioning script”",
    ]);
    // Disabled: the Tracking API refuses its key once the source cache is dropped.
    forgetCachedSources();
    expect((await sendBatch(json.writeKey, [{ type: "track", userId: "u1", event: "X" }])).status).toBe(401);
    // Lifting the limit alone leaves the origins as they are.
    const lifted = await call(patch, { method: "PATCH", id: json.id, body: { rateLimitPerSec: null, enabled: true } });
    expect(lifted.json).toMatchObject({ allowedOrigins: ["https://shop.example.eu"], rateLimitPerSec: null, enabled: true });
  });

  it("is all or nothing: a refused step leaves every field and the audit log as they were", async () => {
    const server = (await call(create, { method: "POST", body: { name: "Billing", kind: "server" } })).json;
    const before = await t.db.source.findUniqueOrThrow({ where: { id: server.id } });
    const res = await call(patch, { method: "PATCH", id: server.id, body: { name: "Billing v2", rateLimitPerSec: 5 } });
    expect(res).toMatchObject({ status: 400, json: { error: { code: "not_allowed" } } });
    expect(await t.db.source.findUniqueOrThrow({ where: { id: server.id } })).toEqual(before);
    expect(await auditActions(server.id)).toEqual(["source.created by API token “Provisioning script”"]);
    // A taken name (any case) is a 409, with nothing changed either.
    const taken = await call(patch, { method: "PATCH", id: server.id, body: { enabled: false, name: "docs site" } });
    expect(taken).toMatchObject({ status: 409, json: { error: { code: "name_taken" } } });
    expect((await t.db.source.findUniqueOrThrow({ where: { id: server.id } })).enabled).toBe(true);
  });

  it("answers 409 for the built-in CRM source, 404 for an unknown id, 400 for an empty or unknown field", async () => {
    const crm = await call(patch, { method: "PATCH", id: "crm", body: { name: "Our CRM" } });
    expect(crm).toMatchObject({ status: 409, json: { error: { code: "built_in" } } });
    expect((await t.db.source.findUniqueOrThrow({ where: { id: "crm" } })).name).toBe("CRM");
    expect(await call(getOne, { id: "nope" })).toMatchObject({ status: 404, json: { error: { code: "not_found" } } });
    expect(await call(patch, { method: "PATCH", id: "nope", body: { enabled: true } })).toMatchObject({ status: 404, json: { error: { code: "not_found" } } });
    expect(await call(patch, { method: "PATCH", id: "crm", body: {} })).toMatchObject({ status: 400, json: { error: { code: "invalid_request" } } });
    expect(await call(patch, { method: "PATCH", id: "crm", body: { writeKey: "x" } })).toMatchObject({ status: 400, json: { error: { code: "invalid_request" } } });
  });

  it("needs an admin:write token", async () => {
    expect((await call(list, { token: null })).status).toBe(401);
    expect(await call(list, { token: reader })).toMatchObject({ status: 403, json: { error: { code: "insufficient_scope" } } });
    expect((await call(create, { method: "POST", token: reader, body: { name: "Sneaky", kind: "server" } })).status).toBe(403);
    expect((await call(patch, { method: "PATCH", id: "crm", token: "tdm_pat_unknown", body: { enabled: true } })).status).toBe(401);
    expect(await t.db.source.count({ where: { name: "Sneaky" } })).toBe(0);
  });
});
