// Audience membership in SQL (one compiled query) equals the TypeScript reference on random worlds,
// for random AND/OR trees over events, interactions, traits, profile fields and CRM fields; and saved
// audiences round-trip.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { generateWorld, loadWorld, readWorld, readWorldPeople, WORLD_USERS } from "../../tests/analytics-world";
import { prng } from "../identity/seeded-random";
import { randomLeaf, randomTree } from "../../tests/random-audience";
import { audienceDefinitionSchema, audienceReference, type AudienceDefinition, type ReferencePersonData } from "../analytics/audiences";
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
