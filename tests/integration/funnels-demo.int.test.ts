// Funnels on the demo data, through the API routes: the demo's sign-up → trial → subscription funnel
// by first-touch channel equals the reference, the event catalog lists what the demo sent, the
// people lists page, and every refusal of the analytics limits reaches the response (400, 429 with
// Retry-After, 503).
import pg from "pg";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, TEST_ACTOR, type TestDatabase } from "../test-database";
import { seedDemo } from "../../lib/demo/load";
import { funnelEventsOf, readWorld } from "../analytics-world";
import { funnelRequestSchema } from "../../lib/analytics/funnel-definition";
import { referenceFunnel, referencePeople, type FunnelEvent, type FunnelPerson } from "../../lib/analytics/funnels";
import { PAGEVIEW } from "../../lib/analytics/event-catalog";
import { listEventCatalog } from "../../lib/data/event-catalog";
import { resetAnalyticsRunner, runAnalysis } from "../../lib/data/analytics-runner";
import { resetEnv } from "../../lib/env";
import { createApiToken } from "../../lib/data/api-tokens";
import { POST as funnelsRoute } from "../../app/api/v1/analytics/funnels/route";
import { POST as peopleRoute } from "../../app/api/v1/analytics/funnels/people/route";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null) }));

let t: TestDatabase;
let events: FunnelEvent[] = [];
let persons: FunnelPerson[] = [];
const segment = { params: Promise.resolve({}) };
const FUNNEL = {
  steps: [{ event: "Signed Up" }, { event: "Trial Started" }, { event: "Subscription Started" }],
  from: "2025-03-01",
  to: "2025-07-01",
  window: { value: 30, unit: "day" },
  breakdown: { type: "first_touch", property: "channel" },
};

beforeAll(async () => {
  t = await createTestDatabase();
  resetAnalyticsRunner();
  await seedDemo(t.url, { profiles: 300, days: 120, seed: 7, anchor: "2025-06-30", password: "demo-test-password", skipAnalyze: true });
  const marketer = await t.db.user.findFirstOrThrow({ where: { role: "marketing" } });
  session.userId = marketer.id;
  const stored = await readWorld(t.db);
  const cols = await t.db.$queryRaw<{ seq: bigint; utm_source: string | null; utm_medium: string | null; referring_domain: string | null }[]>`
    SELECT seq, utm_source, utm_medium, referring_domain FROM events`;
  const extra = new Map(cols.map((c) => [Number(c.seq), c]));
  events = funnelEventsOf(stored, (seq) => extra.get(seq));
  const profiles = await t.db.$queryRaw<
    { id: string; first_channel: string | null; first_utm_source: string | null; first_utm_medium: string | null; first_utm_campaign: string | null; first_referrer: string | null; first_landing_page: string | null; traits: Record<string, unknown> }[]
  >`SELECT id, first_channel, first_utm_source, first_utm_medium, first_utm_campaign, first_referrer, first_landing_page, traits FROM profiles WHERE merged_into_id IS NULL`;
  persons = profiles.map((p) => ({
    id: p.id,
    traits: p.traits,
    firstTouch: { channel: p.first_channel, utm_source: p.first_utm_source, utm_medium: p.first_utm_medium, utm_campaign: p.first_utm_campaign, referrer: p.first_referrer, landing_page: p.first_landing_page },
  }));
}, 300_000);
afterAll(async () => {
  resetAnalyticsRunner();
  await t.close();
});

const post = (route: typeof funnelsRoute, body: unknown, headers: Record<string, string> = {}) =>
  route(new NextRequest("http://t/api/v1/analytics/funnels", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } }), segment);

describe("funnels on the demo data", () => {
  it("sign-up → trial → subscription by first-touch channel equals the reference and tells a story", async () => {
    const res = await post(funnelsRoute, FUNNEL);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual(JSON.parse(JSON.stringify({ ...referenceFunnel(funnelRequestSchema.parse(FUNNEL), events, persons).result, audience: null })));
    const people = body.steps.map((s: { people: number }) => s.people);
    expect(people[0]).toBeGreaterThan(30);
    expect(people[1]).toBeGreaterThan(0);
    expect(people[2]).toBeGreaterThan(0);
    expect(people[2]).toBeLessThan(people[0]);
    // Channels of the demo's GA4 grouping, each with its own conversion.
    expect(body.breakdowns.length).toBeGreaterThan(3);
    expect(body.breakdowns.map((b: { value: string }) => b.value)).toContain("Paid Search");
    expect(body.trend.some((w: { converted: number }) => w.converted > 0)).toBe(true);
    expect(body.timeToConvert.reduce((n: number, b: { people: number }) => n + b.people, 0)).toBe(people[2]);
  });

  it("a page-view funnel with a filter and an event breakdown equals the reference", async () => {
    const def = {
      steps: [{ event: PAGEVIEW, filters: [{ property: "path", op: "eq", value: "/pricing" }] }, { event: "Signed Up" }],
      from: "2025-03-01",
      to: "2025-07-01",
      order: "sequential",
      breakdown: { type: "event", property: "$channel" },
    };
    const body = await (await post(funnelsRoute, def)).json();
    expect(body).toEqual(JSON.parse(JSON.stringify({ ...referenceFunnel(funnelRequestSchema.parse(def), events, persons).result, audience: null })));
    expect(body.steps[1].people).toBeGreaterThan(0);
  });

  it("the event catalog lists the demo's events, keys and types (filled as the demo was ingested)", async () => {
    const catalog = await listEventCatalog();
    const names = catalog.map((e) => e.event);
    for (const n of ["Signed Up", "Trial Started", "Subscription Started", PAGEVIEW]) expect(names).toContain(n);
    expect(names).not.toContain("Call Logged"); // CRM activity is not behaviour
    const sub = catalog.find((e) => e.event === "Subscription Started")!;
    expect(sub.properties.find((p) => p.key === "plan")?.types).toEqual(["string"]);
    expect(sub.properties.find((p) => p.key === "price")?.types).toEqual(["number"]);
  });

  it("lists the people who dropped off, paged, each with their Customer 360 link", async () => {
    const ref = referenceFunnel(funnelRequestSchema.parse(FUNNEL), events, persons);
    // Every demo sign-up starts a trial; the drop-off is before paying.
    expect(referencePeople(ref, 2, "dropped")).toEqual([]);
    const want = referencePeople(ref, 3, "dropped");
    expect(want.length).toBeGreaterThan(3);
    const res = await post(peopleRoute, { funnel: FUNNEL, step: 3, outcome: "dropped", limit: 3, offset: 1 });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.total).toBe(want.length);
    expect(body.people.map((p: { profileId: string }) => p.profileId)).toEqual(want.slice(1, 4).map((p) => p.personId));
    expect(body.people[0].url).toBe(`/customers/${encodeURIComponent(body.people[0].profileId)}`);
    expect(body.people.some((p: { email: string | null }) => p.email?.includes("@"))).toBe(true);
    // One channel's list only.
    const paid = await (await post(peopleRoute, { funnel: FUNNEL, step: 3, outcome: "converted", breakdownValue: "Paid Search", limit: 100 })).json();
    expect(paid.total).toBe(referencePeople(ref, 3, "converted", "Paid Search").length);
  });

  it("accepts an API token with analytics:read, judged by the token", async () => {
    const token = await createApiToken({ name: "BI", scopes: ["analytics:read"] }, TEST_ACTOR);
    const narrow = await createApiToken({ name: "Metrics", scopes: ["metrics:read"] }, TEST_ACTOR);
    expect((await post(funnelsRoute, FUNNEL, { authorization: `Bearer ${token.token}` })).status).toBe(200);
    const refused = await post(funnelsRoute, FUNNEL, { authorization: `Bearer ${narrow.token}` });
    expect([refused.status, (await refused.json()).error.code]).toEqual([403, "insufficient_scope"]);
    const sales = await t.db.user.findFirstOrThrow({ where: { role: "sales" } });
    const before = session.userId;
    session.userId = sales.id;
    const forbidden = await post(funnelsRoute, FUNNEL);
    session.userId = before;
    expect([forbidden.status, (await forbidden.json()).error.code]).toEqual([403, "forbidden"]);
  });

  it.each([
    [{ ...FUNNEL, steps: [{ event: "Signed Up" }] }, "a funnel has 2 to 20 steps"],
    [{ ...FUNNEL, window: { value: 400, unit: "day" } }, "at most 366 days"],
    [{ ...FUNNEL, to: "2025-01-01" }, "to must be after from"],
    [{ ...FUNNEL, order: "any", exclusions: [{ event: "Trial Ended", fromStep: 1, toStep: 2 }] }, "covers the whole funnel"],
  ])("answers a bad request with 400 and the reason (%#)", async (body, reason) => {
    const res = await post(funnelsRoute, body);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.code).toBe("invalid_request");
    expect(json.error.message).toContain(reason);
  });

  it("answers a bad people request with 400 and the reason", async () => {
    const res = await post(peopleRoute, { funnel: FUNNEL, step: 4, outcome: "converted" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain("the funnel has 3 steps");
  });
});

describe.runIf(process.env.TANDEM_TEST_BACKEND !== "postgres")("the embedded database's limits reach the response", () => {
  it("429 analytics_busy with Retry-After while another analysis runs", async () => {
    let release!: () => void;
    const held = runAnalysis(() => new Promise<void>((r) => (release = r)));
    const res = await post(funnelsRoute, FUNNEL);
    release();
    await held;
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("2");
    expect((await res.json()).error.code).toBe("analytics_busy");
  });

  it("400 range_too_large over the configured number of events", async () => {
    process.env.TANDEM_ANALYTICS_MAX_EVENTS = "100";
    resetEnv();
    try {
      const res = await post(funnelsRoute, FUNNEL);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe("range_too_large");
    } finally {
      delete process.env.TANDEM_ANALYTICS_MAX_EVENTS;
      resetEnv();
    }
  });
});

describe.runIf(process.env.TANDEM_TEST_BACKEND === "postgres")("PostgreSQL's statement timeout reaches the response", () => {
  it("503 query_timeout, never a 500", async () => {
    process.env.TANDEM_ANALYTICS_TIMEOUT_MS = "200";
    resetEnv();
    // A transaction holding the events table makes the funnel wait past its timeout.
    const blocker = new pg.Client({ connectionString: t.url });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query("LOCK TABLE events IN ACCESS EXCLUSIVE MODE");
    try {
      const res = await post(funnelsRoute, FUNNEL);
      expect(res.status).toBe(503);
      expect((await res.json()).error.code).toBe("query_timeout");
    } finally {
      await blocker.query("ROLLBACK");
      await blocker.end();
      delete process.env.TANDEM_ANALYTICS_TIMEOUT_MS;
      resetEnv();
    }
  });
});
