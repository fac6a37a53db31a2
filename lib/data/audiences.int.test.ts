// Audience membership in SQL (one compiled query) equals the TypeScript reference on random worlds,
// for random AND/OR trees over events, interactions, traits, profile fields and CRM fields; and saved
// audiences round-trip.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { generateWorld, loadWorld, readWorld, readWorldPeople, WORLD_CHANNELS, WORLD_STAGES, WORLD_TRACKS, WORLD_USERS } from "../../tests/analytics-world";
import { prng, type Rng } from "../identity/seeded-random";
import {
  audienceDefinitionSchema,
  audienceReference,
  INTERACTION_KINDS,
  TRAIT_OPS,
  type AudienceCondition,
  type AudienceDefinition,
  type ReferencePersonData,
  type TimeWindow,
} from "../analytics/audiences";
import { audienceMemberIds, audienceMembers, countAudience, createAudience, deleteAudience, getAudience, listAudiences, updateAudience } from "./audiences";
import { resetAnalyticsRunner } from "./analytics-runner";

let t: TestDatabase;
let people: ReferencePersonData[] = [];
beforeAll(async () => {
  t = await createTestDatabase();
  resetAnalyticsRunner();
  for (const seed of [31, 32, 33, 34]) await loadWorld(t.db, generateWorld(seed, { people: 40 }));
  const events = await readWorld(t.db);
  people = (await readWorldPeople(t.db)).map((p) => ({
    ...p,
    events: events.filter((e) => e.personId === p.id).map((e) => ({ event: e.event, type: e.type, at: e.timestamp })),
  }));
});
afterAll(() => t.close());

const NOW = new Date("2026-03-20T12:00:00Z");

function randomWindow(rng: Rng): TimeWindow {
  return rng.weighted<TimeWindow>([
    [{ type: "ever" }, 2],
    [{ type: "last", days: rng.int(1, 20) }, 3],
    [{ type: "between", from: new Date(Date.UTC(2026, 2, rng.int(1, 10))).toISOString(), to: new Date(Date.UTC(2026, 2, rng.int(11, 31))).toISOString() }, 1],
  ]);
}

function randomLeaf(rng: Rng): AudienceCondition {
  switch (rng.int(0, 4)) {
    case 0: {
      const did = rng.chance(0.6);
      return { type: "event", event: rng.pick([...WORLD_TRACKS, "Demo Held", "Never Happens"]), did, ...(did && rng.chance(0.4) ? { times: rng.int(1, 3) } : {}), window: randomWindow(rng) };
    }
    case 1:
      return { type: "interaction", kind: rng.pick([...INTERACTION_KINDS, "any"] as const), did: rng.chance(0.6), window: randomWindow(rng) };
    case 2: {
      const op = rng.pick(TRAIT_OPS);
      const key = rng.pick(["plan", "seats", "company", "missing"]);
      const numeric = op === "gt" || op === "gte" || op === "lt" || op === "lte";
      const value = numeric ? rng.pick<string | number>([10, "20", 5.5]) : rng.pick<string | number>(["pro", "Pro", "acme", "12", 12, "free"]);
      return op === "is_set" || op === "not_set" ? { type: "trait", key, op } : { type: "trait", key, op, value };
    }
    case 3: {
      if (rng.chance(0.5)) {
        const op = rng.pick(["gt", "gte", "lt", "lte", "eq", "neq"] as const);
        return { type: "profile", field: rng.pick(["revenue", "event_count"] as const), op, value: rng.pick<string | number>([1000, "999.99", 49, 10, "1000.01"]) };
      }
      const op = rng.pick(["eq", "neq", "contains", "not_contains", "is_set", "not_set"] as const);
      const field = rng.pick(["first_channel", "first_utm_source", "first_utm_campaign"] as const);
      return op === "is_set" || op === "not_set" ? { type: "profile", field, op } : { type: "profile", field, op, value: rng.pick([...WORLD_CHANNELS, "paid", "c-1", "google"]) };
    }
    default: {
      const field = rng.pick(["lifecycle_stage", "owner", "contact"] as const);
      if (field === "contact") return { type: "crm", field, op: rng.pick(["is_set", "not_set"] as const) };
      if (field === "owner" && rng.chance(0.3)) return { type: "crm", field, op: rng.pick(["is_set", "not_set"] as const) };
      return { type: "crm", field, op: rng.pick(["eq", "neq"] as const), value: field === "owner" ? rng.pick(WORLD_USERS).id : rng.pick(WORLD_STAGES) };
    }
  }
}

function randomTree(rng: Rng, depth = 1): AudienceDefinition {
  const n = rng.int(depth === 1 ? 1 : 0, 3);
  return {
    type: "group",
    match: rng.pick(["all", "any"] as const),
    conditions: Array.from({ length: n }, () => (depth < 3 && rng.chance(0.3) ? randomTree(rng, depth + 1) : randomLeaf(rng))),
  };
}

describe("audience membership in SQL equals the reference", () => {
  it("for 150 random condition trees", async () => {
    const rng = prng(2026);
    let nonTrivial = 0;
    for (let i = 0; i < 150; i++) {
      const def = audienceDefinitionSchema.parse(randomTree(rng));
      const want = audienceReference(def, people, NOW);
      const got = (await audienceMemberIds(def, NOW)).sort();
      expect(got, JSON.stringify(def)).toEqual(want);
      if (want.length > 0 && want.length < people.length) nonTrivial++;
    }
    expect(nonTrivial).toBeGreaterThan(75);
  });

  it("for every single condition kind (each leaf alone)", async () => {
    const rng = prng(4);
    for (let i = 0; i < 80; i++) {
      const def = audienceDefinitionSchema.parse({ type: "group", match: "all", conditions: [randomLeaf(rng)] });
      expect((await audienceMemberIds(def, NOW)).sort(), JSON.stringify(def)).toEqual(audienceReference(def, people, NOW));
    }
  });

  it("the issue's examples select someone and not everyone", async () => {
    const examples: AudienceDefinition[] = [
      { type: "group", match: "all", conditions: [{ type: "event", event: "Trial Started", did: true, window: { type: "last", days: 14 } }, { type: "event", event: "Subscription Started", did: false, window: { type: "ever" } }] },
      { type: "group", match: "all", conditions: [{ type: "profile", field: "revenue", op: "gt", value: 1000 }] },
      { type: "group", match: "all", conditions: [{ type: "profile", field: "first_channel", op: "eq", value: "Paid Social" }] },
      { type: "group", match: "all", conditions: [{ type: "crm", field: "lifecycle_stage", op: "eq", value: "opportunity" }] },
      { type: "group", match: "all", conditions: [{ type: "interaction", kind: "demo", did: true, window: { type: "last", days: 30 } }] },
      { type: "group", match: "all", conditions: [{ type: "crm", field: "owner", op: "eq", value: "w-user-priya" }] },
    ];
    for (const def of examples) {
      const want = audienceReference(def, people, NOW);
      expect(want.length, JSON.stringify(def)).toBeGreaterThan(0);
      expect(want.length).toBeLessThan(people.length);
      expect(await countAudience(def, NOW)).toBe(want.length);
    }
  });

  it("pages through members with the total", async () => {
    const def: AudienceDefinition = { type: "group", match: "all", conditions: [{ type: "crm", field: "contact", op: "is_set" }] };
    const want = audienceReference(def, people, NOW);
    const first = await audienceMembers(def, NOW, 1, 25);
    const second = await audienceMembers(def, NOW, 2, 25);
    expect(first.total).toBe(want.length);
    expect(first.rows).toHaveLength(25);
    const seen = [...first.rows, ...second.rows].map((r) => r.id);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of seen) expect(want).toContain(id);
  });
});

describe("saved audiences", () => {
  it("create, read, list, update, delete", async () => {
    const definition: AudienceDefinition = { type: "group", match: "all", conditions: [{ type: "crm", field: "contact", op: "is_set" }] };
    const a = await createAudience({ name: "Has a contact", description: null, definition }, WORLD_USERS[0]!.id);
    expect(a).toMatchObject({ name: "Has a contact", definition, createdBy: { id: WORLD_USERS[0]!.id, name: "Priya" } });
    expect((await listAudiences()).map((x) => x.id)).toContain(a.id);
    const b = await updateAudience(a.id, { name: "Renamed", description: "why", definition: { ...definition, match: "any" } });
    expect(b).toMatchObject({ name: "Renamed", description: "why", definition: { match: "any" } });
    await deleteAudience(a.id);
    expect(await getAudience(a.id)).toBeNull();
  });
});
