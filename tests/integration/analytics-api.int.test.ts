// The paths, attribution and audience APIs through their route handlers: who may call them (session
// or token), what bad input answers, the author-or-admin rule on saved audiences, an audience as an
// attribution filter, and the CSV export.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, TEST_ACTOR, type TestDatabase } from "../test-database";
import { generateWorld, loadWorld } from "../analytics-world";
import { createUser } from "../../lib/data/users";
import { createApiToken } from "../../lib/data/api-tokens";
import { resetAnalyticsRunner } from "../../lib/data/analytics-runner";
import { parseCsv } from "../../lib/crm/csv";
import * as paths from "../../app/api/v1/analytics/paths/route";
import * as attribution from "../../app/api/v1/analytics/attribution/route";
import * as count from "../../app/api/v1/analytics/audiences/count/route";
import * as members from "../../app/api/v1/analytics/audiences/members/route";
import * as saved from "../../app/api/v1/analytics/audiences/route";
import * as one from "../../app/api/v1/analytics/audiences/[id]/route";
import * as savedMembers from "../../app/api/v1/analytics/audiences/[id]/members/route";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null) }));

let t: TestDatabase;
const users = {} as Record<"marketing" | "marketing2" | "admin" | "sales", string>;
let token = "";
beforeAll(async () => {
  t = await createTestDatabase();
  resetAnalyticsRunner();
  await loadWorld(t.db, generateWorld(41, { people: 30 }));
  for (const [key, role] of [["marketing", "marketing"], ["marketing2", "marketing"], ["admin", "admin"], ["sales", "sales"]] as const) {
    users[key] = (await createUser({ email: `${key}@api.test`, name: key, role, password: "a long password" })).id;
  }
  token = (await createApiToken({ name: "BI", scopes: ["analytics:read"] }, TEST_ACTOR)).token;
});
afterAll(() => t.close());

type Handler = (req: NextRequest, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(handler: Handler, opts: { method?: string; body?: unknown; url?: string; as?: keyof typeof users | null; bearer?: string; params?: Record<string, string> } = {}) {
  session.userId = opts.as ? users[opts.as] : null;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  const req = new NextRequest(opts.url ?? "http://t/api/v1/analytics/x", { method: opts.method ?? "POST", headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* CSV */
  }
  return { status: res.status, json: json as Record<string, unknown> & { error?: { code: string; message: string } }, text, headers: res.headers };
}

const range = { from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z" };
const hasContact = { type: "group", match: "all", conditions: [{ type: "crm", field: "contact", op: "is_set" }] };

describe("access", () => {
  it("session with analytics:read, or a token with the scope; others are refused", async () => {
    const body = { ...range, anchor: { name: "Signed Up" } };
    expect((await call(paths.POST, { body, as: "marketing" })).status).toBe(200);
    expect((await call(paths.POST, { body, bearer: token })).status).toBe(200);
    expect(await call(paths.POST, { body, as: "sales" })).toMatchObject({ status: 403, json: { error: { code: "forbidden" } } });
    expect(await call(paths.POST, { body })).toMatchObject({ status: 401, json: { error: { code: "unauthenticated" } } });
    expect(await call(count.POST, { body: { definition: hasContact }, bearer: "tdm_pat_nope" })).toMatchObject({ status: 401, json: { error: { code: "invalid_token" } } });
    // A read-scoped token never writes.
    expect((await call(saved.POST, { body: { name: "x", definition: hasContact }, bearer: token })).status).toBe(401);
  });
});

describe("bad input is a 400 that says what to fix", () => {
  it.each([
    [paths.POST, { ...range, anchor: { name: "Signed Up" }, steps: 11 }, "steps"],
    [paths.POST, { from: range.to, to: range.from, anchor: { name: "x" } }, "`from` must be before `to`"],
    [attribution.POST, { ...range, lookbackDays: 400 }, "lookbackDays"],
    [count.POST, { definition: { type: "group", match: "all", conditions: [{ type: "profile", field: "revenue", op: "gt", value: "lots" }] } }, "Compare with a number"],
    [members.POST, { definition: hasContact, size: 7 }, "page size"],
  ] as [Handler, unknown, string][])("%#", async (handler, body, message) => {
    const res = await call(handler, { body, as: "marketing" });
    expect(res.status).toBe(400);
    expect(res.json.error!.code).toBe("invalid_request");
    expect(res.json.error!.message).toContain(message);
  });

  it("an unknown audience is a 404", async () => {
    expect(await call(attribution.POST, { body: { ...range, audienceId: "nope" }, as: "marketing" })).toMatchObject({ status: 404, json: { error: { code: "audience_not_found" } } });
  });
});

describe("saved audiences", () => {
  it("author or admin edits and deletes; anyone with analytics:read reads", async () => {
    const created = await call(saved.POST, { body: { name: "Contacts", definition: hasContact }, as: "marketing" });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(created.json).toMatchObject({ name: "Contacts", canEdit: true, createdBy: { name: "marketing" } });

    const list = await call(saved.GET, { method: "GET", bearer: token });
    expect((list.json.audiences as { id: string; canEdit: boolean }[]).find((a) => a.id === id)).toMatchObject({ canEdit: false });

    const rename = { name: "Renamed", definition: hasContact };
    expect(await call(one.PUT, { method: "PUT", body: rename, as: "marketing2", params: { id } })).toMatchObject({ status: 403, json: { error: { code: "not_author" } } });
    expect(await call(one.PUT, { method: "PUT", body: rename, as: "admin", params: { id } })).toMatchObject({ status: 200, json: { name: "Renamed" } });
    expect((await call(one.GET, { method: "GET", as: "marketing2", params: { id } })).json).toMatchObject({ name: "Renamed", canEdit: false });

    // Its members: a page, then every one as CSV.
    const page = await call(savedMembers.GET, { method: "GET", as: "marketing2", params: { id }, url: "http://t/x?size=25" });
    expect(page.status).toBe(200);
    const total = page.json.total as number;
    expect(total).toBeGreaterThan(5);
    const csv = await call(savedMembers.GET, { method: "GET", bearer: token, params: { id }, url: "http://t/x?format=csv" });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const rows = parseCsv(csv.text.replace(/^\uFEFF/, ""));
    expect(rows[0]!.slice(0, 3)).toEqual(["Profile id", "Name", "Email"]);
    expect(rows).toHaveLength(total + 1);
    expect((await call(count.POST, { body: { definition: hasContact }, as: "admin" })).json.count).toBe(total);

    // As an attribution filter: never more conversions than without it.
    const all = await call(attribution.POST, { body: { ...range, count: "every" }, as: "marketing" });
    const filtered = await call(attribution.POST, { body: { ...range, count: "every", audienceId: id }, as: "marketing" });
    expect(filtered.json.audience).toMatchObject({ id, name: "Renamed" });
    const conversions = (r: typeof all) => (r.json.totals as { conversions: number }).conversions;
    expect(conversions(filtered)).toBeGreaterThan(0);
    expect(conversions(filtered)).toBeLessThan(conversions(all));
    expect(all.json.conversion).toMatchObject({ event: null, revenue: true, fromLifecycleSetting: true });

    expect((await call(one.DELETE, { method: "DELETE", as: "marketing2", params: { id } })).status).toBe(403);
    expect((await call(one.DELETE, { method: "DELETE", as: "marketing", params: { id } })).json).toEqual({ deleted: true });
    expect((await call(one.GET, { method: "GET", as: "marketing", params: { id } })).status).toBe(404);
  });
});
