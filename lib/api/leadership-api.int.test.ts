// PUT/GET /api/v1/spend and GET /api/v1/metrics/*: the contracts, called through the route
// handlers with real tokens and sessions on a fresh database.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, TEST_ACTOR, type TestDatabase } from "../../tests/test-database";
import { loadMetricFacts } from "../../tests/metrics-world";
import { createApiToken } from "../data/api-tokens";
import { createUser } from "../data/users";
import { spendHistory } from "../data/spend";
import { monthOf, addMonths } from "../metrics/months";
import { randomFacts } from "../metrics/random-facts";
import { GET as getSpend, PUT as putSpend } from "../../app/api/v1/spend/route";
import { GET as getCac } from "../../app/api/v1/metrics/cac/route";
import { GET as getLtv } from "../../app/api/v1/metrics/ltv/route";
import { GET as getMrr } from "../../app/api/v1/metrics/mrr/route";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null) }));

let t: TestDatabase;
let spendToken = "";
let metricsToken = "";
let marketingId = "";
let salesId = "";
const segment = { params: Promise.resolve({}) };
const THIS_MONTH = monthOf(Date.now());
const LAST = addMonths(THIS_MONTH, -1);

beforeAll(async () => {
  t = await createTestDatabase();
  spendToken = (await createApiToken({ name: "ads sync", scopes: ["spend:write"] }, TEST_ACTOR)).token;
  metricsToken = (await createApiToken({ name: "bi", scopes: ["metrics:read"] }, TEST_ACTOR)).token;
  marketingId = (await createUser({ email: "m@x.test", name: "M", role: "marketing", password: "a long password" })).id;
  salesId = (await createUser({ email: "s@x.test", name: "S", role: "sales", password: "a long password" })).id;
  await loadMetricFacts(t.db, { ...randomFacts(7, { people: 60, months: 10, now: Date.now() - 60_000 }), spend: [] });
});
afterAll(() => t.close());

const put = (body: unknown, token = spendToken) =>
  putSpend(new NextRequest("http://t/api/v1/spend", { method: "PUT", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json", authorization: `Bearer ${token}` } }), segment);
const get = (handler: typeof getCac, url: string, token: string | null = metricsToken) => handler(new NextRequest(`http://t${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), segment);

describe("PUT /api/v1/spend", () => {
  it("upserts by month + channel + source, from an array or {rows}, and records each change", async () => {
    let res = await put([
      { month: LAST, channel: "Paid Social", source: "facebook", amount: 6000 },
      { month: LAST, channel: "Paid Search", source: "google", amount: 4000 },
      { month: LAST, channel: "Display", amount: 500 },
    ]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 3, created: 3, updated: 0, unchanged: 0 });
    res = await put({ rows: [{ month: LAST, channel: "Paid Social", source: "facebook", amount: 6500 }, { month: LAST, channel: "Paid Search", source: "google", amount: 4000 }] });
    expect(await res.json()).toEqual({ received: 2, created: 0, updated: 1, unchanged: 1 });
    const history = await spendHistory();
    expect(history.rows[0]).toMatchObject({ month: LAST, channel: "Paid Social", source: "facebook", oldAmount: 6000, newAmount: 6500, via: "api", actorName: "API token “ads sync”" });
    expect(history.rows).toHaveLength(4);
    const listed = await (await get(getSpend, `/api/v1/spend?from=${LAST}&to=${LAST}`, spendToken)).json();
    expect(listed.rows.map((r: { channel: string; source: string | null; amount: number }) => [r.channel, r.source, r.amount])).toEqual([
      ["Display", null, 500],
      ["Paid Search", "google", 4000],
      ["Paid Social", "facebook", 6500],
    ]);
  });

  it("answers 400 naming each bad row — negative, unknown channel, malformed month, repeated key — and writes nothing", async () => {
    const before = (await spendHistory()).rows.length;
    const res = await put([
      { month: LAST, channel: "Paid Social", source: "facebook", amount: 1 },
      { month: LAST, channel: "Paid Social", source: "facebook", amount: -5 },
      { month: LAST, channel: "Facebook Ads", source: "x", amount: 5 },
      { month: "2025/01", channel: "Email", amount: 5 },
      { month: LAST, channel: "Paid Social", source: "facebook", amount: 2 },
    ]);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_rows");
    expect(body.error.message).toMatch(/^4 of 5 rows are invalid, so nothing was written: row 2: amount -5 is negative/);
    expect(body.error.details.rows.map((r: { row: number }) => r.row)).toEqual([2, 3, 4, 5]);
    expect(body.error.details.rows[3].errors[0]).toMatch(/repeats month .* of row 1/);
    expect((await spendHistory()).rows.length).toBe(before);
  });

  it.each([
    ["not JSON", "{", 400, "invalid_json"],
    ["an object without rows", { month: LAST }, 400, "invalid_request"],
    ["no rows", [], 400, "invalid_rows"],
    ["too many rows", Array.from({ length: 5001 }, (_, i) => ({ month: LAST, channel: "Email", source: `s${i}`, amount: 1 })), 400, "invalid_rows"],
  ])("refuses %s", async (_, body, status, code) => {
    const res = await put(body);
    expect(res.status).toBe(status);
    expect((await res.json()).error.code).toBe(code);
  });

  it("needs a token with spend:write", async () => {
    const res = await put([{ month: LAST, channel: "Email", amount: 1 }], metricsToken);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("insufficient_scope");
    session.userId = marketingId;
    const noToken = await putSpend(new NextRequest("http://t/api/v1/spend", { method: "PUT", body: "[]" }), segment);
    expect(noToken.status).toBe(401);
  });
});

describe("GET /api/v1/metrics/*", () => {
  it("cac by channel carries spend and new customers beside each CAC", async () => {
    const res = await get(getCac, `/api/v1/metrics/cac?from=${addMonths(THIS_MONTH, -2)}&to=${THIS_MONTH}&groupBy=channel`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ from: addMonths(THIS_MONTH, -2), to: THIS_MONTH, currency: "USD", groupBy: "channel" });
    const social = body.rows.find((r: { channel: string }) => r.channel === "Paid Social");
    expect(social.spend).toBe(6500);
    expect(social.cac === null ? social.newCustomers === 0 : Math.abs(social.cac - social.spend / social.newCustomers) < 1e-9).toBe(true);
    for (const r of body.rows) if (r.cac !== null) expect(r.cac).toBeCloseTo(r.spend / r.newCustomers, 9);
    expect(body.blended.cac === null || Math.abs(body.blended.cac - (body.blended.spend + body.blended.overhead) / body.blended.newCustomers) < 1e-9).toBe(true);
  });

  it("cac by month, ltv by channel and by cohort, mrr: rows that recompute", async () => {
    const months = (await (await get(getCac, `/api/v1/metrics/cac?from=${LAST}&to=${THIS_MONTH}&groupBy=month`)).json()).rows;
    expect(months.map((r: { month: string }) => r.month)).toEqual([LAST, THIS_MONTH]);
    expect(months[0].spend).toBe(11_000);
    const ltv = await (await get(getLtv, `/api/v1/metrics/ltv?from=${addMonths(THIS_MONTH, -6)}&to=${THIS_MONTH}&groupBy=channel`)).json();
    for (const r of ltv.rows) if (r.ltv !== null) expect(r.ltv).toBeCloseTo((r.arpa * r.grossMargin) / r.churn, 6);
    const cohorts = await (await get(getLtv, `/api/v1/metrics/ltv?from=${addMonths(THIS_MONTH, -6)}&to=${THIS_MONTH}&groupBy=cohort`)).json();
    expect(cohorts.rows).toHaveLength(7);
    expect(cohorts.rows[0].retention[0]).toMatchObject({ age: 0 });
    const mrr = await (await get(getMrr, `/api/v1/metrics/mrr?from=${addMonths(THIS_MONTH, -3)}&to=${THIS_MONTH}`)).json();
    expect(mrr.rows).toHaveLength(4);
    for (let i = 1; i < mrr.rows.length; i++) expect(mrr.rows[i].mrr - mrr.rows[i - 1].mrr).toBeCloseTo(mrr.rows[i].netNew, 6);
    expect(mrr.rows.at(-1).partial).toBe(true);
  });

  it.each([
    ["a malformed month", "?from=2025-1", "invalid_range"],
    ["from after to", `?from=${THIS_MONTH}&to=${LAST}`, "invalid_range"],
    ["a future month", `?to=${addMonths(THIS_MONTH, 1)}`, "invalid_range"],
    ["an unknown channel", "?channel=Google%20Ads", "invalid_range"],
    ["an unknown groupBy", "?groupBy=week", "invalid_request"],
  ])("400 for %s", async (_, qs, code) => {
    const res = await get(getCac, `/api/v1/metrics/cac${qs}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe(code);
  });

  it("a session with leadership:read (marketing now) or a metrics:read token; sales gets 403, a spend token 403", async () => {
    session.userId = marketingId;
    expect((await get(getMrr, "/api/v1/metrics/mrr", null)).status).toBe(200);
    session.userId = salesId;
    const res = await get(getMrr, "/api/v1/metrics/mrr", null);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
    expect((await get(getMrr, "/api/v1/metrics/mrr", spendToken)).status).toBe(403);
  });
});
