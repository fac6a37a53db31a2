// Every example request in the OpenAPI document, replayed against the real route handlers on a
// database seeded with the examples' sample values (lib/api/operations/common.ts EXAMPLE): each must
// get its documented status — an error with exactly the documented code and message, a JSON success
// with a body that matches the documented schema. Requests are assembled from the document alone
// (parameter, request-body and `x-request-examples` entries), as a client reading it would.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, TEST_ACTOR, type TestDatabase } from "../test-database";
import { handlersOf, routeFor } from "../app-routes";
import { sendBatch } from "../tracking-api";
import type { OpenApiOperation, RequestExample } from "../../lib/api/openapi/build";
import { exampleRequestOf } from "../../lib/api/openapi/present";
import { openApiDocument, PUBLIC_OPERATIONS } from "../../lib/api/openapi/registry";
import { EXAMPLE } from "../../lib/api/operations/common";
import { TOKEN_SCOPES } from "../../lib/auth/api-tokens";
import { hashSecret } from "../../lib/auth/secrets";
import { parseSubmission } from "../../lib/crm/forms";
import { createApiToken } from "../../lib/data/api-tokens";
import { createUser } from "../../lib/data/users";
import { submitForm } from "../../lib/data/forms";
import { upsertSpend } from "../../lib/data/spend";

// A client reading the document has no staff session: operations a session may also call (the
// metrics API) judge a request without a token as a signed-out one. Session-only operations (saving
// an audience) are replayed signed in as the examples' marketer when the example sends credentials.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null) }));

const BASE = "http://tandem.test";
let t: TestDatabase;
let fullToken = "";
let noScopeToken = "";
let marketerId = "";

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.source.create({
    data: { id: EXAMPLE.sourceId, name: "Example website", kind: "web", writeKeyHash: hashSecret(EXAMPLE.writeKey), writeKeyPrefix: EXAMPLE.writeKey.slice(0, 16), allowedOrigins: [] },
  });
  await t.db.form.create({ data: { id: EXAMPLE.formId, name: "Request a demo" } });
  fullToken = (await createApiToken({ name: "Every scope", scopes: [...TOKEN_SCOPES] }, TEST_ACTOR)).token;
  noScopeToken = (await createApiToken({ name: "No scope", scopes: [] }, TEST_ACTOR)).token;
  // Ann: a visitor from a Facebook ad who signed up, so the Profile API examples find her by email, user id or anonymous id…
  const seeded = await sendBatch(EXAMPLE.writeKey, [
    { type: "page", anonymousId: EXAMPLE.anonymousId, name: "Home", properties: { url: "https://example.com/?utm_source=facebook&utm_medium=paid_social" } },
    { type: "identify", userId: EXAMPLE.userId, anonymousId: EXAMPLE.anonymousId, traits: { email: EXAMPLE.email, name: "Ann Lee" } },
    { type: "track", userId: EXAMPLE.userId, event: "Signed Up" },
    // …who read the pricing page and started a trial the day before her first order (the analytics examples' funnel, paths and attribution),
    {
      type: "page",
      userId: EXAMPLE.userId,
      name: "Pricing",
      timestamp: "2026-02-09T09:00:00Z",
      properties: { url: "https://example.com/pricing?utm_source=facebook&utm_medium=paid_social&utm_campaign=spring", path: "/pricing" },
    },
    { type: "track", userId: EXAMPLE.userId, event: "Trial Started", timestamp: "2026-02-09T09:04:00Z" },
    // …who became a paying customer in the metrics examples' range (2026-01 – 2026-03),
    ...["2026-02-10", "2026-03-10"].map((day) => ({
      type: "track",
      userId: EXAMPLE.userId,
      event: "Order Completed",
      timestamp: `${day}T10:00:00Z`,
      properties: { revenue: 49, currency: "USD", billing_period: "monthly" },
    })),
  ]);
  expect(seeded.status).toBe(200);
  // …with spend on her channel in those months, so CAC has both of its inputs.
  const channels = await t.db.$queryRaw<{ channel: string }[]>`SELECT first_channel AS channel FROM profiles WHERE merged_into_id IS NULL`;
  expect(channels).toEqual([{ channel: "Paid Social" }]);
  await upsertSpend(
    ["2026-02", "2026-03"].map((month) => ({ month, channel: "Paid Social", source: "facebook", amount: 120, currency: "USD" })),
    { name: "the examples' fixture" },
    "api",
  );
  // …and a CRM contact with a form fill, so her timeline has both sides.
  const submission = parseSubmission({ email: EXAMPLE.email, first_name: "Ann", message: "A demo, please" }, null);
  if (!submission.ok) throw new Error("the seed submission is invalid");
  await submitForm(EXAMPLE.formId, submission.submission, new Date());
  // A marketer's saved audiences: one the examples read and change, one they delete.
  marketerId = (await createUser({ email: "marketer@example.com", name: "Mia Marketer", role: "marketing", password: "a long password" })).id;
  const definition = { type: "group", match: "all", conditions: [{ type: "event", event: "Order Completed", did: true, window: { type: "ever" } }] };
  await t.db.audience.createMany({
    data: [
      { id: EXAMPLE.audienceId, name: "Customers", definition, createdById: marketerId },
      { id: EXAMPLE.retiredAudienceId, name: "Last spring's trialists", definition, createdById: marketerId },
    ],
  });
  // A deletion done earlier (the privacy API's GET examples read it).
  await t.db.privacyRequest.create({
    data: {
      id: EXAMPLE.privacyRequestId,
      kind: "deletion",
      status: "done",
      identifierType: "email",
      identifierHash: "35f3b3170d36d0a179d1bf8e9cf8cfc364ca33bccbc6a94127b30f3d71b365e2",
      contactMode: "keep",
      suppress: true,
      result: { removed: { events: 12, identities: 3, profiles: 1 }, suppressed: 3 },
      actorLabel: "API token “privacy”",
      completedAt: new Date(),
    },
  });
  await t.db.privacyRequest.create({
    data: {
      id: EXAMPLE.suppressionRequestId,
      kind: "suppression",
      status: "done",
      identifierType: "user_id",
      identifierHash: "0b5c6c4b1f6f3b2a9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c",
      suppress: true,
      result: { suppressed: 4 },
      actorLabel: "API token “privacy”",
      completedAt: new Date(),
    },
  });
});
afterAll(() => t.close());

const doc = openApiDocument(BASE);
const cases = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).flatMap(([method, op]) => op["x-request-examples"].map((example) => [`${method.toUpperCase()} ${path} — ${example.name}`, path, method, op, example] as const)),
);

const basic = (user: string) => `Basic ${Buffer.from(`${user}:`).toString("base64")}`;

function authorization(op: OpenApiOperation, credentials: RequestExample["credentials"]): string | undefined {
  const scheme = Object.keys(op.security[0] ?? {})[0];
  if (credentials === "none") return undefined;
  if (scheme === "session" && credentials === "valid") {
    session.userId = marketerId;
    return undefined;
  }
  if (!scheme) throw new Error(`${op.operationId} has no security, yet an example sends ${credentials} credentials`);
  if (scheme === "writeKey") {
    if (credentials === "valid") return basic(EXAMPLE.writeKey);
    if (credentials === "unknown") return basic("tdm_wk_unknown");
  }
  if (scheme === "bearerToken") {
    if (credentials === "valid") return `Bearer ${fullToken}`;
    if (credentials === "unknown") return "Bearer tdm_pat_unknown";
    if (credentials === "insufficient_scope") return `Bearer ${noScopeToken}`;
  }
  throw new Error(`${op.operationId}: no ${credentials} credentials for ${scheme}`);
}

/** The request a client builds from the document's example entries. */
function requestOf(path: string, method: string, op: OpenApiOperation, example: RequestExample): NextRequest {
  const { url, body: raw } = exampleRequestOf(path, op, example);
  const headers: Record<string, string> = {};
  const auth = authorization(op, example.credentials);
  if (auth) headers.authorization = auth;
  let body: BodyInit | undefined;
  if (example.contentType === "multipart/form-data") {
    const form = new FormData();
    for (const [k, v] of Object.entries(raw as Record<string, string>)) form.append(k, v);
    body = form;
  } else if (example.contentType) {
    body = example.contentType === "application/x-www-form-urlencoded" ? new URLSearchParams(raw as Record<string, string>).toString() : JSON.stringify(raw);
    headers["content-type"] = example.contentType;
  }
  return new NextRequest(`${BASE}${url}`, { method: method.toUpperCase(), headers, body });
}

describe("the OpenAPI document's examples, replayed", () => {
  it("has examples to replay for every operation", () => {
    const withExamples = new Set(cases.map((c) => c[3].operationId));
    expect([...withExamples].sort()).toEqual(PUBLIC_OPERATIONS.map((o) => o.operationId).sort());
    expect(cases.length).toBeGreaterThan(40);
  });

  it.each(cases)("%s", async (_name, path, method, op, example) => {
    session.userId = null;
    const req = requestOf(path, method, op, example);
    const route = routeFor(req.nextUrl.pathname);
    expect(route, `no route serves ${req.nextUrl.pathname}`).not.toBeNull();
    const handler = (await handlersOf(route!.file))[method.toUpperCase()] as (r: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
    const res = await handler(req, { params: Promise.resolve(route!.params) });
    const type = res.headers.get("content-type") ?? "";
    const text = await res.text();
    expect(res.status, text.slice(0, 500)).toBe(example.status);

    const declared = PUBLIC_OPERATIONS.find((o) => o.operationId === op.operationId)!;
    const documented = op.responses[String(example.status)];
    expect(documented, `status ${example.status} is documented`).toBeDefined();
    if (example.status >= 400) {
      const expected = documented!.content!["application/json"]!.examples![example.name]!.value as { error: { code: string; message: string } };
      expect(JSON.parse(text).error).toMatchObject(expected.error);
      return;
    }
    const contentTypes = Object.keys(documented!.content ?? {});
    if (!contentTypes.length) return;
    const served = contentTypes.find((c) => type.startsWith(c));
    expect(served, `a ${type} answer; documented: ${contentTypes.join(", ")}`).toBeDefined();
    if (served === "application/json") {
      const parsed = declared.responses[example.status]!.content!["application/json"]!.safeParse(JSON.parse(text));
      expect(parsed.error, text.slice(0, 500)).toBeUndefined();
    }
  });
});
