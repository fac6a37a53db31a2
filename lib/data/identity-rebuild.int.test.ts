// Rebuild: replaying the raw events gives what incremental processing gave (demo data), follows a
// rules change, keeps events ingested while it runs, and refuses to drop admin splits silently.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userActor } from "../audit/actions";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { seedDemo } from "../demo/load";
import { pool } from "../db/pool";
import { normalizeMessage, type NormalizedEvent } from "../ingest/normalize";
import { DEFAULT_RULES } from "../identity/rules";
import { createSource } from "./sources";
import { storeRequests } from "./events";
import { loadFacts, recomputeFacts } from "./identity-store";
import { rebuildProfiles, RebuildRefused } from "./identity-rebuild";
import { splitProfile } from "./identity-split";
import { pgSql } from "./sql";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.url, { profiles: 300, days: 60, seed: 7, anchor: "2026-06-30", password: "pw", skipAnalyze: true });
});
afterAll(() => t.close());

/** The grouping of identifiers and each group's facts, ids aside. */
async function state() {
  const ids = await t.db.identity.findMany({ select: { type: true, value: true, profileId: true } });
  const groups = new Map<string, string[]>();
  for (const i of ids) groups.set(i.profileId, [...(groups.get(i.profileId) ?? []), `${i.type}:${i.value}`]);
  const client = await pool().connect();
  try {
    const facts = await loadFacts(pgSql(client), [...groups.keys()]);
    const byGroup = [...groups].map(([id, keys]) => {
      const f = facts.get(id)!;
      return { keys: keys.sort(), facts: { ...f } };
    });
    const events = await t.db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(DISTINCT profile_id)::int AS n FROM events`);
    return { groups: byGroup.sort((a, b) => (a.keys[0] < b.keys[0] ? -1 : 1)), eventProfiles: events[0].n, ids: [...groups.keys()].sort() };
  } finally {
    client.release();
  }
}

const receivedAt = new Date("2026-07-01T00:00:00Z");
let n = 0;
const ev = (m: Record<string, unknown>): NormalizedEvent => {
  const o = normalizeMessage({ messageId: `rb-${++n}`, timestamp: new Date(Date.UTC(2026, 6, 1, 0, n)).toISOString(), ...m }, { receivedAt, newMessageId: () => "x" });
  if (!o.ok) throw new Error(o.reason);
  return o.event;
};

describe("rebuildProfiles", () => {
  it("yields exactly what incremental processing yielded on the demo data (same grouping, facts, even ids)", async () => {
    const before = await state();
    expect(before.groups.length).toBeGreaterThan(250);
    const r = await rebuildProfiles(pool(), { pageSize: 1500 });
    expect(r.events).toBeGreaterThan(3000);
    expect(r.changedEvents).toBe(0);
    const after = await state();
    expect(after.groups).toEqual(before.groups);
    expect(after.ids).toEqual(before.ids);
    const [orphans] = await t.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM contacts c WHERE c.profile_id IS NULL AND EXISTS (SELECT 1 FROM identities i WHERE i.type = 'email' AND i.value = c.email)`,
    );
    expect(orphans.n).toBe(0);
  });

  it("follows a rules change, keeps events ingested during the replay, and leaves facts equal to a fold from scratch", async () => {
    const source = (await createSource({ name: "Rebuild test", kind: "server" })).id;
    await storeRequests([{ sourceId: source, receivedAt, events: [ev({ type: "identify", userId: "sam", anonymousId: "kiosk" })], rejected: [] }]);
    await storeRequests([{ sourceId: source, receivedAt, events: [ev({ type: "identify", userId: "max", anonymousId: "kiosk" })], rejected: [] }]);
    const profileOf = async (type: string, value: string) => (await t.db.identity.findUnique({ where: { type_value: { type, value } } }))?.profileId;
    expect(await profileOf("user_id", "sam")).not.toBe(await profileOf("user_id", "max"));

    // Two anonymous visitors whose profiles ingest will merge while the rebuild replays.
    await storeRequests([{ sourceId: source, receivedAt, events: [ev({ type: "page", anonymousId: "m1", name: "One" }), ev({ type: "page", anonymousId: "m2", name: "Two" })], rejected: [] }]);
    // Allow two user ids per profile, then rebuild while messages keep arriving.
    await t.db.setting.create({ data: { key: "identity_rules", value: { ...DEFAULT_RULES, limits: { ...DEFAULT_RULES.limits, user_id: 2 } } } });
    let sent = false;
    const r = await rebuildProfiles(pool(), {
      pageSize: 1000,
      // On the last page: the replay has already read m1's and m2's events when ingest merges them.
      afterPage: async (rows) => {
        if (sent || rows === 1000) return;
        sent = true;
        await storeRequests([{ sourceId: source, receivedAt, events: [ev({ type: "track", userId: "late", event: "Arrived During Rebuild" })], rejected: [] }]);
        await storeRequests([{ sourceId: source, receivedAt, events: [ev({ type: "identify", anonymousId: "m1", traits: { email: "m@x.test" } })], rejected: [] }]);
        await storeRequests([{ sourceId: source, receivedAt, events: [ev({ type: "identify", anonymousId: "m2", traits: { email: "m@x.test" } })], rejected: [] }]);
      },
    });
    expect(sent).toBe(true);
    expect(await profileOf("user_id", "sam")).toBe(await profileOf("user_id", "max"));
    expect(await profileOf("anonymous_id", "m1")).toBe(await profileOf("anonymous_id", "m2"));
    const late = await profileOf("user_id", "late");
    expect(late).toBeDefined();
    expect(r.events).toBe(await t.db.event.count());
    const [e] = await t.db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM events WHERE event = 'Arrived During Rebuild' AND profile_id = $1`, late);
    expect(e.n).toBe(1);

    const live = (await t.db.profile.findMany({ where: { mergedIntoId: null }, select: { id: true } })).map((p) => p.id);
    const client = await pool().connect();
    try {
      const [stored, fresh] = [await loadFacts(pgSql(client), live), await recomputeFacts(pgSql(client), live)];
      for (const id of live) expect(stored.get(id), id).toEqual(fresh.get(id));
    } finally {
      client.release();
    }
    // Every event's profile is live.
    const [bad] = await t.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM events e LEFT JOIN profiles p ON p.id = e.profile_id WHERE e.profile_id IS NOT NULL AND (p.id IS NULL OR p.merged_into_id IS NOT NULL)`,
    );
    expect(bad.n).toBe(0);
    await t.db.setting.deleteMany({});
  });

  it("refuses to drop an admin split unless told to", async () => {
    const ids = await t.db.identity.findMany({ where: { type: "user_id", value: { in: ["sam", "max"] } } });
    const admin = await t.db.user.findFirstOrThrow({ where: { role: "admin" } });
    await splitProfile(ids[0].profileId, [{ type: "user_id", value: "max" }], userActor(admin, null));
    await expect(rebuildProfiles(pool())).rejects.toBeInstanceOf(RebuildRefused);
    const r = await rebuildProfiles(pool(), { discardSplits: true });
    expect(r.profiles).toBeGreaterThan(250);
    expect(await t.db.identityKeptApart.count()).toBe(0);
  });
});
