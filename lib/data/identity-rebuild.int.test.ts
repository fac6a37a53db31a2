// Rebuild: replaying the raw events gives what incremental processing gave (demo data), follows a
// rules change, keeps events ingested while it runs, and refuses to drop admin splits silently.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userActor } from "../audit/actions";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { seedDemo } from "../demo/load";
import { pool } from "../db/pool";
import { eventMaker } from "../../tests/normalized-events";
import { DEFAULT_RULES } from "../identity/rules";
import { createSource } from "./sources";
import { storeEvents, storeRequests } from "./events";
import { STRIPED } from "./identity-locks";
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

/** Events stamped with a missing or merged-away profile: always none. */
async function eventsOffLiveProfiles(): Promise<number> {
  const [bad] = await t.db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM events e LEFT JOIN profiles p ON p.id = e.profile_id WHERE e.profile_id IS NOT NULL AND (p.id IS NULL OR p.merged_into_id IS NOT NULL)`,
  );
  return bad.n;
}

/** Every live profile's stored facts equal a fold of its events from scratch. */
async function expectFactsFolded(): Promise<void> {
  const live = (await t.db.profile.findMany({ where: { mergedIntoId: null }, select: { id: true } })).map((p) => p.id);
  const client = await pool().connect();
  try {
    const [stored, fresh] = [await loadFacts(pgSql(client), live), await recomputeFacts(pgSql(client), live)];
    for (const id of live) expect(stored.get(id), id).toEqual(fresh.get(id));
  } finally {
    client.release();
  }
}

const receivedAt = new Date("2026-07-01T00:00:00Z");
const ev = eventMaker("rb", receivedAt);

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
    // A profile-change destination reads the feed: the rebuild reports the merge it makes.
    const samBefore = await profileOf("user_id", "sam");
    const maxBefore = await profileOf("user_id", "max");
    await t.db.$executeRawUnsafe(
      `INSERT INTO destinations (name, kind, url, secret_ciphertext, cursor_txid) VALUES ('Rebuild feed', 'profile_webhook', 'https://hooks.example.com/p', 'x', 0)`,
    );
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

    await expectFactsFolded();
    expect(await eventsOffLiveProfiles()).toBe(0);
    const survivor = (await profileOf("user_id", "sam"))!;
    const merged = await t.db.$queryRawUnsafe<{ related_profile_ids: string[] }[]>(`SELECT related_profile_ids FROM profile_changes WHERE kind = 'merged' AND profile_id = $1`, survivor);
    expect(merged.flatMap((m) => m.related_profile_ids)).toContain(survivor === samBefore ? maxBefore : samBefore);
    await t.db.$executeRawUnsafe(`DELETE FROM destinations WHERE name = 'Rebuild feed'`);
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

  it("follows a merge ingest made during the replay into another survivor than the rebuild keeps", async () => {
    const source = (await createSource({ name: "Rebuild survivor", kind: "server" })).id;
    const store = (m: Record<string, unknown>) => storeRequests([{ sourceId: source, receivedAt, events: [ev(m)], rejected: [] }]);
    await store({ type: "page", anonymousId: "sv-a", name: "Landing" });
    await store({ type: "identify", anonymousId: "sv-a", userId: "sv-u" });
    await store({ type: "track", userId: "sv-u", event: "Upgraded" });
    const old = (await t.db.identity.findUniqueOrThrow({ where: { type_value: { type: "user_id", value: "sv-u" } } })).profileId;
    // The split gives the anonymous id, and with it the earliest event, to a younger profile: the
    // replay keeps that one's id for the person, while ingest merging them keeps the older.
    const admin = await t.db.user.findFirstOrThrow({ where: { role: "admin" } });
    const { newProfileId } = await splitProfile(old, [{ type: "anonymous_id", value: "sv-a" }], userActor(admin, null));
    let sent = false;
    await rebuildProfiles(pool(), {
      pageSize: 1000,
      discardSplits: true,
      afterPage: async (rows) => {
        if (sent || rows === 1000) return;
        sent = true;
        await store({ type: "alias", userId: "sv-u", anonymousId: "sv-a", previousId: "sv-a" });
        expect((await t.db.profile.findUniqueOrThrow({ where: { id: newProfileId } })).mergedIntoId).toBe(old);
      },
    });
    expect(sent).toBe(true);
    const p = (await t.db.identity.findUniqueOrThrow({ where: { type_value: { type: "user_id", value: "sv-u" } } })).profileId;
    expect((await t.db.identity.findUniqueOrThrow({ where: { type_value: { type: "anonymous_id", value: "sv-a" } } })).profileId).toBe(p);
    const events = await t.db.event.findMany({ where: { sourceId: source }, select: { messageId: true, profileId: true } });
    expect(events.map((e) => [e.messageId, e.profileId])).toEqual(events.map((e) => [e.messageId, p]));
    expect(await eventsOffLiveProfiles()).toBe(0);
  });

  // PostgreSQL only: the embedded database runs one transaction at a time, so neither can happen there.
  it.skipIf(process.env.TANDEM_TEST_BACKEND !== "postgres")(
    "replays a lower seq that commits after a higher one was read, and follows a merge committed during the replay by a transaction begun before it",
    async () => {
      const source = (await createSource({ name: "Rebuild race", kind: "server" })).id;
      await storeRequests([{ sourceId: source, receivedAt, events: [ev({ type: "page", anonymousId: "m3", name: "Three" }), ev({ type: "page", anonymousId: "m4", name: "Four" })], rejected: [] }]);
      const profileOf = async (type: string, value: string) => (await t.db.identity.findUnique({ where: { type_value: { type, value } } }))?.profileId;
      expect(await profileOf("anonymous_id", "m3")).not.toBe(await profileOf("anonymous_id", "m4"));
      // A transaction that merges m3's and m4's profiles takes its seq, then stays open...
      const slow = await pool().connect();
      let open = true;
      try {
        await slow.query("BEGIN");
        await storeEvents(pgSql(slow), [{ sourceId: source, event: ev({ type: "identify", anonymousId: "m3", traits: { email: "m34@x.test" } }) }], [], { locking: STRIPED });
        await storeEvents(pgSql(slow), [{ sourceId: source, event: ev({ type: "identify", anonymousId: "m4", traits: { email: "m34@x.test" } }) }], [], { locking: STRIPED });
        // ...while a message about someone else, with a higher seq, commits.
        await storeRequests([{ sourceId: source, receivedAt, events: [ev({ type: "track", anonymousId: "bystander", event: "Passed By" })], rejected: [] }]);
        const r = await rebuildProfiles(pool(), {
          pageSize: 1000,
          // The replay has read the higher seq and m3's and m4's first events: now the slow one commits.
          afterPage: async (rows) => {
            if (!open || rows === 1000) return;
            await slow.query("COMMIT");
            open = false;
          },
        });
        expect(open).toBe(false);
        expect(r.events).toBe(await t.db.event.count());
      } finally {
        if (open) await slow.query("ROLLBACK").catch(() => undefined);
        slow.release();
      }
      const p = await profileOf("anonymous_id", "m3");
      expect(await profileOf("anonymous_id", "m4")).toBe(p);
      expect(await profileOf("email", "m34@x.test")).toBe(p);
      const onIt = await t.db.event.findMany({ where: { anonymousId: { in: ["m3", "m4"] } }, select: { profileId: true } });
      expect(onIt.map((e) => e.profileId)).toEqual([p, p, p, p]);
      expect(await eventsOffLiveProfiles()).toBe(0);
      await expectFactsFolded();
    },
  );

});
