// Funnels in SQL equal the TypeScript reference on random worlds (ties, merges, anonymous first
// visits, CRM and server events, out-of-range steps) for random funnels: all three orders, filters,
// alternatives, repeated steps, exclusions, breakdowns, windows from minutes to weeks — step counts,
// medians and p90s, breakdowns, trend, time to convert and the people lists — also limited to random
// saved audiences (the SQL through audienceMembersSql, the reference through the audience reference).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../tests/test-database";
import { funnelEventsOf, generateWorld, loadWorld, readWorld, readWorldPeople, WORLD_CHANNELS, WORLD_PAGES, WORLD_PLANS, WORLD_TRACKS, type World } from "../../../tests/analytics-world";
import { randomTree } from "../../../tests/random-audience";
import { prng, type Rng } from "../../identity/seeded-random";
import { funnelRequestSchema, type FunnelRequest, type FunnelRequestInput } from "../../analytics/funnel-definition";
import { referenceFunnel, referencePeople, type FunnelEvent, type FunnelPerson } from "../../analytics/funnels";
import { PAGEVIEW } from "../../analytics/event-catalog";
import { audienceDefinitionSchema, audienceReference, type AudienceDefinition, type ReferencePersonData } from "../../analytics/audiences";
import { resetAnalyticsRunner } from "../analytics-runner";
import { audienceMembersSql } from "../audiences";
import { computeFunnel, funnelPeople } from "./funnels";

let t: TestDatabase;
let events: FunnelEvent[] = [];
let persons: FunnelPerson[] = [];
let audiencePeople: ReferencePersonData[] = [];
/** When audience membership is evaluated. */
const NOW = new Date("2026-03-20T12:00:00Z");
const SEEDS = [11, 12, 13, 14];
const START = new Date("2026-03-01T00:00:00Z").getTime();
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestDatabase();
  resetAnalyticsRunner();
  const worlds: World[] = SEEDS.map((seed) => generateWorld(seed, { people: 45, days: 30 }));
  for (const w of worlds) await loadWorld(t.db, w);
  const stored = await readWorld(t.db);
  const people = await readWorldPeople(t.db);
  audiencePeople = people.map((p) => ({
    ...p,
    events: stored.filter((e) => e.personId === p.id).map((e) => ({ event: e.event, type: e.type, at: e.timestamp })),
  }));
  events = funnelEventsOf(stored);
  // Traits and first touch as stored: the world's profile facts replace what its profiles were loaded with.
  persons = people.map((p) => ({
    id: p.id,
    traits: p.traits,
    firstTouch: { channel: p.firstChannel, utm_source: p.firstUtmSource, utm_medium: null, utm_campaign: p.firstUtmCampaign, referrer: null, landing_page: null },
  }));
});
afterAll(async () => {
  resetAnalyticsRunner();
  await t.close();
});

const EVENTS = [...WORLD_TRACKS, PAGEVIEW] as const;

function randomFilter(rng: Rng, event: string): NonNullable<FunnelRequestInput["steps"][number]["filters"]>[number] {
  if (event === PAGEVIEW) return rng.pick([{ property: "path", op: "eq", value: rng.pick(WORLD_PAGES) }, { property: "path", op: "contains", value: rng.pick(["APP", "blog", "pri"]) }, { property: "path", op: "neq", value: "/" }] as const);
  return rng.pick([
    { property: "plan", op: "eq", value: rng.pick(WORLD_PLANS) },
    { property: "plan", op: "neq", value: "free" },
    { property: "plan", op: "is_set" },
    { property: "seats", op: "gt", value: rng.int(0, 15) },
    { property: "seats", op: "lt", value: rng.int(3, 20) },
    { property: "seats", op: "eq", value: 7 },
    { property: "trial", op: "eq", value: rng.chance(0.5) },
    { property: "revenue", op: "gt", value: 0 },
  ] as const);
}

function randomClause(rng: Rng, event: string) {
  return { event, filters: rng.chance(0.3) ? [randomFilter(rng, event)] : [] };
}

function randomFunnel(rng: Rng): FunnelRequest {
  const k = rng.int(2, 5);
  const names: string[] = [];
  for (let i = 0; i < k; i++) names.push(i > 0 && rng.chance(0.2) ? rng.pick(names) : rng.pick(EVENTS));
  const order = rng.pick(["sequential", "sequential", "strict", "any"] as const);
  const steps = names.map((n) => ({ ...randomClause(rng, n), anyOf: rng.chance(0.2) ? [randomClause(rng, rng.pick(EVENTS))] : [] }));
  const exclusions = Array.from({ length: rng.weighted([[0, 3], [1, 2], [2, 1]]) }, () => {
    const x = randomClause(rng, rng.pick(EVENTS));
    if (order === "any" || rng.chance(0.5)) return x;
    const from = rng.int(1, k - 1);
    return { ...x, fromStep: from, toStep: rng.int(from + 1, k) };
  });
  const breakdown = rng.pick([
    undefined,
    undefined,
    { type: "first_touch" as const },
    { type: "first_touch" as const, property: "utm_source" },
    { type: "event" as const, property: "$channel" },
    { type: "event" as const, property: "plan" },
    { type: "event" as const, property: "seats" },
    { type: "event" as const, property: "path" },
    { type: "profile" as const, property: "plan" },
    { type: "profile" as const, property: "vip" },
    { type: "profile" as const, property: "company" },
    { type: "profile" as const, property: "seats" },
  ]);
  const unit = rng.pick(["minute", "hour", "day"] as const);
  const window = { unit, value: unit === "minute" ? rng.int(1, 90) : unit === "hour" ? rng.int(1, 72) : rng.int(1, 20) };
  const from = START + rng.int(0, 12) * DAY + rng.int(0, 23) * 3_600_000;
  const to = from + rng.int(2, 30) * DAY;
  return funnelRequestSchema.parse({ steps, order, exclusions, breakdown, window, from: new Date(from).toISOString(), to: new Date(to).toISOString() });
}

/** An audience's members both ways: the reference's set and the SQL's person-id set. */
function membersOf(audience: AudienceDefinition | null) {
  if (!audience) return { set: undefined, sql: undefined };
  return { set: new Set(audienceReference(audience, audiencePeople, NOW)), sql: audienceMembersSql(audience, NOW) };
}

describe("funnels in SQL equal the reference", () => {
  it("on random funnels over random worlds, for everyone or a random saved audience", async () => {
    const rng = prng(2026);
    // Audiences come from their own stream, so the funnels are the same with or without them.
    const audienceRng = prng(77);
    const seen = { converted: 0, strict: 0, any: 0, excluded: 0, breakdowns: 0, other: 0, medians: 0, narrowed: 0 };
    for (let run = 0; run < 70; run++) {
      const def = randomFunnel(rng);
      const audience = audienceRng.chance(0.4) ? audienceDefinitionSchema.parse(randomTree(audienceRng)) : null;
      const members = membersOf(audience);
      const ref = referenceFunnel(def, events, persons, members.set);
      const got = await computeFunnel(def, members.sql);
      expect(got, `${JSON.stringify(def)} ${JSON.stringify(audience)}`).toEqual(ref.result);
      if (members.set && JSON.stringify(got.steps) !== JSON.stringify(referenceFunnel(def, events, persons).result.steps) && got.steps[0]!.people > 0) seen.narrowed++;
      const last = got.steps[got.steps.length - 1]!.people;
      if (last > 0) seen.converted++;
      if (def.order === "strict" && got.steps[1]!.people > 0) seen.strict++;
      if (def.order === "any" && got.steps[1]!.people > 0) seen.any++;
      if (def.exclusions.length) {
        const without = referenceFunnel({ ...def, exclusions: [] }, events, persons, members.set).result;
        if (JSON.stringify(without.steps) !== JSON.stringify(got.steps)) seen.excluded++;
      }
      if (got.breakdowns.length > 1) seen.breakdowns++;
      if (got.breakdowns.some((b) => b.value === "(other)")) seen.other++;
      if (got.steps.some((s) => s.medianSecondsFromPrevious !== null)) seen.medians++;

      // The people behind one step.
      const step = rng.int(1, def.steps.length);
      const outcome = rng.pick(["converted", "dropped"] as const);
      const value = def.breakdown && got.breakdowns.length ? rng.pick(got.breakdowns).value : undefined;
      const want = referencePeople(ref, step, outcome, value);
      const offset = rng.chance(0.3) ? rng.int(0, 5) : 0;
      const page = await funnelPeople(def, { step, outcome, breakdownValue: value, limit: 7, offset }, members.sql);
      expect(page.total, `people ${step} ${outcome} ${value} ${JSON.stringify(def)}`).toBe(want.length);
      expect(page.people.map((p) => [p.profileId, p.at.getTime()])).toEqual(want.slice(offset, offset + 7).map((p) => [p.personId, p.at]));
    }
    // The random funnels reached the interesting cases (else this test proves little).
    expect(seen.converted).toBeGreaterThan(15);
    expect(seen.strict).toBeGreaterThan(3);
    expect(seen.any).toBeGreaterThan(3);
    expect(seen.excluded).toBeGreaterThan(2);
    expect(seen.breakdowns).toBeGreaterThan(10);
    expect(seen.other).toBeGreaterThan(1);
    expect(seen.medians).toBeGreaterThan(20);
    expect(seen.narrowed).toBeGreaterThan(5);
  }, 240_000);

  it("limited to a saved audience: only its members, as the reference counts them", async () => {
    const def = funnelRequestSchema.parse({ steps: [{ event: PAGEVIEW }, { event: "Signed Up" }, { event: "Trial Started" }], from: "2026-03-01", to: "2026-04-01", breakdown: { type: "first_touch" } });
    const audience = audienceDefinitionSchema.parse({ type: "group", match: "all", conditions: [{ type: "crm", field: "contact", op: "is_set" }] });
    const members = membersOf(audience);
    const everyone = await computeFunnel(def);
    const got = await computeFunnel(def, members.sql);
    expect(got).toEqual(referenceFunnel(def, events, persons, members.set).result);
    expect(got.steps[0]!.people).toBeGreaterThan(0);
    expect(got.steps[0]!.people).toBeLessThan(everyone.steps[0]!.people);
    // Everyone in its people lists is a member.
    const page = await funnelPeople(def, { step: 1, outcome: "converted", limit: 100, offset: 0 }, members.sql);
    expect(page.total).toBe(got.steps[0]!.people);
    for (const p of page.people) expect(members.set!.has(p.profileId)).toBe(true);
  });

  it("counts a person once through merged profiles, including an anonymous first visit", async () => {
    const def = funnelRequestSchema.parse({ steps: [{ event: PAGEVIEW }, { event: "Signed Up" }], from: "2026-03-01", to: "2026-05-01", window: { value: 30, unit: "day" } });
    const ref = referenceFunnel(def, events, persons);
    const got = await computeFunnel(def);
    expect(got).toEqual(ref.result);
    // Some converted person did step 1 on a merged-away profile: the merge is what made them count.
    const mergedAway = new Set(events.filter((e) => e.personId !== undefined).map((e) => e.personId));
    expect(mergedAway.size).toBeGreaterThan(100);
    expect(got.steps[1]!.people).toBeGreaterThan(5);
  });

  it("breaks down by channel with every channel of the world", async () => {
    const def = funnelRequestSchema.parse({ steps: [{ event: PAGEVIEW }, { event: "Signed Up" }], from: "2026-03-01", to: "2026-05-01", breakdown: { type: "event", property: "$channel" } });
    const got = await computeFunnel(def);
    expect(got).toEqual(referenceFunnel(def, events, persons).result);
    expect(got.breakdowns.map((b) => b.value).filter((v) => (WORLD_CHANNELS as readonly string[]).includes(v)).length).toBeGreaterThan(3);
  });
});
