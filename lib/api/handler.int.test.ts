// The API wrapper: auth through the guard, zod parsing, and errors as JSON with stable codes.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createTestDatabase, TEST_ACTOR, type TestDatabase } from "../../tests/test-database";
import { createUser, updateUser } from "../data/users";
import { noCredentialsMessage } from "../auth/api-tokens";
import { apiRoute } from "./handler";
import { ApiError } from "./errors";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null) }));

let t: TestDatabase;
let salesId = "";
let leaderId = "";
beforeAll(async () => {
  t = await createTestDatabase();
  salesId = (await createUser({ email: "s@x.test", name: "S", role: "sales", password: "a long password" })).id;
  leaderId = (await createUser({ email: "l@x.test", name: "L", role: "leadership", password: "a long password" })).id;
});
afterAll(() => t.close());

const segment = { params: Promise.resolve({}) };
const route = apiRoute(
  { access: "leadership:read", body: z.object({ n: z.number().int().min(1) }), query: z.object({ q: z.string().optional() }) },
  async ({ body, query, user }) => {
    if (body.n === 99) throw new ApiError(409, "conflict", "Pick another number.");
    if (body.n === 500) throw new Error("boom");
    return { doubled: body.n * 2, q: query.q ?? null, by: user!.email };
  },
);
const post = (body: string, url = "http://t/api/x") => route(new NextRequest(url, { method: "POST", body, headers: { "content-type": "application/json" } }), segment);

describe("apiRoute", () => {
  it("answers 401 signed out", async () => {
    session.userId = null;
    const res = await post('{"n":1}');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "unauthenticated" } });
  });

  it("answers 403 for a role without the permission", async () => {
    session.userId = salesId;
    const res = await post('{"n":1}');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
  });

  it("serves an allowed role with parsed body and query", async () => {
    session.userId = leaderId;
    const res = await post('{"n":21}', "http://t/api/x?q=hi");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ doubled: 42, q: "hi", by: "l@x.test" });
  });

  it.each([
    ["malformed JSON", "{n:", 400, "invalid_json"],
    ["an empty body", "", 400, "invalid_json"],
    ["a schema violation", '{"n":0}', 400, "invalid_request"],
    ["a domain conflict", '{"n":99}', 409, "conflict"],
    ["an unexpected bug", '{"n":500}', 500, "internal_error"],
  ])("maps %s to %i %s", async (_name, body, status, code) => {
    session.userId = leaderId;
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await post(body);
    spy.mockRestore();
    expect(res.status).toBe(status);
    const json = await res.json();
    expect(json.error.code).toBe(code);
    expect(json.error.message.length).toBeGreaterThan(10);
  });

  it("signs out a user disabled since their session began", async () => {
    session.userId = leaderId;
    await updateUser(leaderId, { disabled: true });
    expect((await post('{"n":1}')).status).toBe(401);
    await updateUser(leaderId, { disabled: false, role: "sales" });
    expect((await post('{"n":1}')).status).toBe(403);
  });
});

describe("apiRoute with an API token", () => {
  const tokenRoute = apiRoute({ access: { token: "export:read" } }, async ({ token }) => ({ name: token!.name }));
  const get = (authorization?: string) =>
    tokenRoute(new NextRequest("http://t/api/v1/x", { headers: authorization ? { authorization } : {} }), segment);

  it("accepts Bearer and Basic, refuses missing, unknown, revoked and under-scoped tokens", async () => {
    const { createApiToken, revokeApiToken } = await import("../data/api-tokens");
    const good = await createApiToken({ name: "Exporter", scopes: ["export:read"] }, TEST_ACTOR);
    const narrow = await createApiToken({ name: "Profiles only", scopes: ["profiles:read"] }, TEST_ACTOR);
    const gone = await createApiToken({ name: "Old", scopes: ["export:read"] }, TEST_ACTOR);
    await revokeApiToken(gone.id, new Date(Date.now() - 1000), TEST_ACTOR);

    const ok = await get(`Bearer ${good.token}`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ name: "Exporter" });
    expect((await get(`Basic ${Buffer.from(`${good.token}:`).toString("base64")}`)).status).toBe(200);

    const cases: [string | undefined, number, string][] = [
      [undefined, 401, "invalid_token"],
      ["Bearer tdm_pat_unknown", 401, "invalid_token"],
      [`Bearer ${gone.token}`, 401, "token_revoked"],
      [`Bearer ${narrow.token}`, 403, "insufficient_scope"],
    ];
    for (const [auth, status, code] of cases) {
      const res = await get(auth);
      expect(res.status, auth).toBe(status);
      expect((await res.json()).error.code).toBe(code);
    }
    // A session does not stand in for a token.
    session.userId = leaderId;
    expect((await get()).status).toBe(401);
    const row = await t.db.apiToken.findUnique({ where: { id: good.id } });
    expect(row?.lastUsedAt).not.toBeNull();
    expect(row?.tokenHash).not.toContain(good.token.slice(8));
  });
});

describe("apiRoute with a session or an API token", () => {
  const either = apiRoute({ access: { session: "analytics:read", token: "analytics:read" } }, async ({ user, token }) => ({ user: user?.email ?? null, token: token?.name ?? null }));
  const get = (authorization?: string) => either(new NextRequest("http://t/api/v1/y", { headers: authorization ? { authorization } : {} }), segment);

  it("serves a session with the permission, or a token with the scope, and judges each on its own", async () => {
    const { createApiToken } = await import("../data/api-tokens");
    const good = await createApiToken({ name: "Analyst", scopes: ["analytics:read"] }, TEST_ACTOR);
    const narrow = await createApiToken({ name: "Metrics only", scopes: ["metrics:read"] }, TEST_ACTOR);
    const marketer = (await createUser({ email: "m@x.test", name: "M", role: "marketing", password: "a long password" })).id;

    session.userId = null;
    const neither = await get();
    expect(neither.status).toBe(401);
    expect(neither.headers.get("www-authenticate")).toBe('Bearer realm="tandem"');
    // Neither a session nor a token: the message names both ways in, the token's scope first.
    expect((await neither.json()).error).toEqual({ code: "unauthenticated", message: noCredentialsMessage("analytics:read") });
    expect(await (await get(`Bearer ${good.token}`)).json()).toEqual({ user: null, token: "Analyst" });

    session.userId = marketer;
    expect(await (await get()).json()).toEqual({ user: "m@x.test", token: null });
    session.userId = salesId;
    const refused = await get();
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("forbidden");
    // With an Authorization header the token decides, whatever the session: a bad token is refused.
    session.userId = marketer;
    const under = await get(`Bearer ${narrow.token}`);
    expect(under.status).toBe(403);
    expect((await under.json()).error.code).toBe("insufficient_scope");
    expect((await get("Bearer tdm_pat_unknown")).status).toBe(401);
  });
});

describe("apiRoute with path params and CORS", () => {
  const route = apiRoute({ access: "public", cors: true, params: z.object({ id: z.string().regex(/^\d+$/, "id is a number") }) }, async ({ params }) => {
    if (params.id === "0") throw new ApiError(404, "not_found", "Nothing has id 0.");
    return { id: params.id };
  });
  const get = (id: string, origin?: string) =>
    route(new NextRequest(`http://t/api/x/${id}`, { headers: origin ? { origin } : {} }), { params: Promise.resolve({ id }) });

  it("parses the segments with the params schema and answers 400 invalid_request when it refuses them", async () => {
    const ok = await get("42");
    expect(await ok.json()).toEqual({ id: "42" });
    const bad = await get("abc");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_request", message: "id: id is a number" } });
  });

  it("answers successes and errors alike with CORS headers for the caller's origin", async () => {
    for (const res of [await get("42", "https://site.example"), await get("0", "https://site.example")]) {
      expect(res.headers.get("access-control-allow-origin")).toBe("https://site.example");
      expect(res.headers.get("vary")).toBe("Origin");
    }
    expect((await get("0")).status).toBe(404);
  });

  it("carries the options it parses with, and the operation it serves when built from one", () => {
    expect(route.routeOptions?.params).toBeDefined();
    expect(route.operations).toBeUndefined();
  });
});
