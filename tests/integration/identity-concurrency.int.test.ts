// Many ingest transactions at once (issue 13): on PostgreSQL they resolve in parallel under the
// striped locks (lib/data/identity-locks.ts), on the embedded database one at a time. Either way the
// outcome must be that of some serial order: every chain of people linked across requests (A–B in
// one, B–C in another, C–A in a third) ends on one live profile, each message is stored exactly once
// with a live profile, and every profile's facts equal a fold of its events from scratch — also
// while an admin splits a profile or changes the rules in the middle of it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test-database";
import { createSource } from "../../lib/data/sources";
import { sendBatch } from "../tracking-api";
import { canonical, prng, type Rng } from "../../lib/identity/population";
import { identityKey } from "../../lib/identity/identifiers";
import { DEFAULT_RULES } from "../../lib/identity/rules";
import { loadFacts, recomputeFacts } from "../../lib/data/identity-store";
import { lockingFor, SERIAL, STRIPED } from "../../lib/data/identity-locks";
import { storeRequests, type StoreRequest } from "../../lib/data/events";
import { splitProfile } from "../../lib/data/identity-split";
import { saveIdentityRules } from "../../lib/data/identity-rules";
import { userActor } from "../../lib/audit/actions";
import { normalizeMessage } from "../../lib/ingest/normalize";
import { pgSql } from "../../lib/data/sql";
import { pool } from "../../lib/db/pool";

let t: TestDatabase;
let key = "";
let sourceId = "";
let adminId = "";
beforeAll(async () => {
  t = await createTestDatabase();
  ({ writeKey: key } = await createSource({ name: "App", kind: "server" }));
  sourceId = (await t.db.source.findFirstOrThrow({ where: { name: "App" } })).id;
  adminId = (await t.db.user.create({ data: { email: "admin@concurrency.test", name: "Ada Admin", role: "admin", passwordHash: "x" } })).id;
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.$executeRawUnsafe(`TRUNCATE events, identities, merge_journal, identity_kept_apart, profile_accounts, profiles, settings CASCADE`);
});

type Msg = Record<string, unknown> & { messageId: string };

/**
 * `chains` people whose identifiers are linked only across messages: A (anonymous id) with B (email)
 * in one, B with C (user id, plus a second device) in another, C with A in a third, and each
 * identifier alone in page views first seen apart — plus `solos` unrelated visitors. Returns the
 * messages and the expected grouping of identity keys.
 */
function population(seed: number, chains: number, solos: number): { messages: Msg[]; groups: string[][] } {
  const messages: Msg[] = [];
  const groups: string[][] = [];
  let n = 0;
  const at = (i: number) => new Date(Date.UTC(2026, 3, 1) + ((seed * 7919 + i * 104_729) % 86_400) * 1000).toISOString();
  const m = (fields: Record<string, unknown>): Msg => {
    const i = n++;
    return { messageId: `c${seed}-${i}`, timestamp: at(i), ...fields } as Msg;
  };
  for (let k = 0; k < chains; k++) {
    const a = `anon-${seed}-${k}`;
    const b = `person${k}.${seed}@chain.test`;
    const c = `user-${seed}-${k}`;
    const d = `device-${seed}-${k}`;
    messages.push(
      m({ type: "page", anonymousId: a, name: "Home" }),
      m({ type: "page", anonymousId: d, name: "Pricing" }),
      m({ type: "identify", anonymousId: a, traits: { email: b, plan: `a${k}` } }), // A–B
      m({ type: "identify", anonymousId: d, userId: c, traits: { email: b, plan: `b${k}` } }), // B–C
      m({ type: "track", anonymousId: a, userId: c, event: "Order Completed", properties: { revenue: k + 1.5 } }), // C–A
      m({ type: "track", userId: c, event: "Signed In" }),
    );
    groups.push([identityKey({ type: "anonymous_id", value: a }), identityKey({ type: "anonymous_id", value: d }), identityKey({ type: "email", value: b }), identityKey({ type: "user_id", value: c })]);
  }
  for (let s = 0; s < solos; s++) {
    const a = `solo-${seed}-${s}`;
    messages.push(m({ type: "page", anonymousId: a, name: "Blog" }), m({ type: "track", anonymousId: a, event: "Scrolled", properties: { revenue: 2 } }));
    groups.push([identityKey({ type: "anonymous_id", value: a })]);
  }
  return { messages, groups: canonical(groups) };
}

/** The messages shuffled and cut into `count` requests; about one in eight also goes in a second request. */
function cut(r: Rng, messages: Msg[], count: number): Msg[][] {
  const requests: Msg[][] = Array.from({ length: count }, () => []);
  for (const msg of r.shuffle(messages)) {
    const i = r.int(0, count - 1);
    requests[i].push(msg);
    if (r.int(0, 7) === 0) requests[(i + r.int(1, count - 1)) % count].push(msg);
  }
  return requests;
}

function storeRequest(batch: Msg[]): StoreRequest {
  const receivedAt = new Date("2026-04-02T00:00:00Z");
  return {
    sourceId,
    receivedAt,
    rejected: [],
    events: batch.map((m) => {
      const o = normalizeMessage(m, { receivedAt, newMessageId: () => "unused" });
      if (!o.ok) throw new Error(o.reason);
      return o.event;
    }),
  };
}

/** What must hold after any schedule: each message once with a live profile, facts equal a fold. */
async function expectConsistent(messages: Msg[], label: string) {
  const sent = [...new Set(messages.map((m) => m.messageId))].sort();
  const stored = await t.db.event.findMany({ select: { messageId: true, profileId: true } });
  expect(stored.map((e) => e.messageId).sort(), `${label}: each message stored exactly once`).toEqual(sent);
  const live = new Set((await t.db.profile.findMany({ where: { mergedIntoId: null }, select: { id: true } })).map((p) => p.id));
  expect(stored.filter((e) => e.profileId === null || !live.has(e.profileId)), `${label}: events without a live profile`).toEqual([]);
  const ids = await t.db.identity.findMany({ select: { type: true, value: true, profileId: true } });
  expect(ids.filter((i) => !live.has(i.profileId)), `${label}: identities on a merged profile`).toEqual([]);
  const client = await pool().connect();
  try {
    const sql = pgSql(client);
    const [facts, fresh] = [await loadFacts(sql, [...live]), await recomputeFacts(sql, [...live])];
    for (const id of live) expect(facts.get(id), `${label}: facts of ${id}`).toEqual(fresh.get(id));
  } finally {
    client.release();
  }
  return { ids, live };
}

function grouping(ids: { type: string; value: string; profileId: string }[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const i of ids) groups.set(i.profileId, [...(groups.get(i.profileId) ?? []), identityKey(i)]);
  return canonical([...groups.values()]);
}

describe("concurrent ingest transactions", () => {
  it("lock by stripes on PostgreSQL and serially on the embedded database", async () => {
    expect(await lockingFor(pool())).toEqual(t.backend === "postgres" ? STRIPED : SERIAL);
  });

  it("merge chains linked across requests (A–B, B–C, C–A) into one profile each, losing and doubling nothing", async () => {
    for (let seed = 1; seed <= 6; seed++) {
      await t.db.$executeRawUnsafe(`TRUNCATE events, identities, merge_journal, identity_kept_apart, profile_accounts, profiles CASCADE`);
      const r = prng(seed * 7_727);
      const { messages, groups } = population(seed, 12, 10);
      const requests = cut(r, messages, 16);
      // Even seeds: one transaction per request, all at once (as many in parallel as the pool
      // allows); odd seeds: through the Tracking API, whose group commit shares transactions.
      if (seed % 2 === 0) {
        const results = await Promise.all(requests.map((q) => storeRequests([storeRequest(q)])));
        expect(results.flat().reduce((n, x) => n + x.inserted, 0), `seed ${seed}: inserted`).toBe(messages.length);
      } else {
        const results = await Promise.all(requests.map((q) => sendBatch(key, q)));
        for (const res of results) expect(res.status, JSON.stringify(res.body)).toBe(200);
        const bodies = results.map((res) => res.body as { accepted: number; duplicates: number });
        expect(bodies.reduce((n, b) => n + b.accepted - b.duplicates, 0), `seed ${seed}: newly stored`).toBe(messages.length);
      }
      const { ids, live } = await expectConsistent(messages, `seed ${seed}`);
      expect(grouping(ids), `seed ${seed}: grouping`).toEqual(groups);
      expect(live.size, `seed ${seed}: live profiles`).toBe(groups.length);
      // Every event sits on its person's profile.
      const owner = new Map(ids.map((i) => [identityKey(i), i.profileId]));
      const stored = await t.db.event.findMany({ select: { messageId: true, profileId: true, anonymousId: true, userId: true } });
      for (const e of stored) {
        const want = owner.get(e.userId ? identityKey({ type: "user_id", value: e.userId }) : identityKey({ type: "anonymous_id", value: e.anonymousId! }));
        expect(e.profileId, `seed ${seed}: ${e.messageId}`).toBe(want);
      }
    }
  }, 240_000);

  it("stay consistent while an admin splits a profile and changes the rules in the middle of them", async () => {
    const r = prng(99);
    const first = population(50, 6, 4);
    await Promise.all(cut(r, first.messages, 4).map((q) => storeRequests([storeRequest(q)])));
    const [target] = await t.db.identity.findMany({ where: { type: "user_id", value: "user-50-0" } });
    const email = { type: "email", value: "person0.50@chain.test" };

    const second = population(51, 10, 10);
    // New devices of the first population's people come back, so ingest touches the profile being split.
    const touching: Msg[] = Array.from({ length: 6 }, (_, k) => ({ messageId: `touch-${k}`, type: "track", userId: `user-50-${k}`, anonymousId: `back-${k}`, event: "Came Back", timestamp: "2026-04-03T00:00:00.000Z" }));
    const work = [...second.messages, ...touching];
    const admin = userActor({ id: adminId, name: "Ada Admin" }, null);
    const split = splitProfile(target.profileId, [email], admin);
    const rules = saveIdentityRules({ ...DEFAULT_RULES, blockedValues: [...DEFAULT_RULES.blockedValues, "never-sent"] }, admin);
    await Promise.all([...cut(r, work, 12).map((q) => storeRequests([storeRequest(q)])), split, rules]);

    const all = [...first.messages, ...work];
    const { ids } = await expectConsistent(all, "split and rules");
    const owner = new Map(ids.map((i) => [identityKey(i), i.profileId]));
    // The split held: the email stays apart from the user id, and the pair is kept apart.
    const userProfile = owner.get(identityKey({ type: "user_id", value: "user-50-0" }))!;
    const emailProfile = owner.get(identityKey(email))!;
    expect(emailProfile).not.toBe(userProfile);
    expect(await t.db.identityKeptApart.count()).toBe(1);
    // The second population's chains are whole; the returning devices joined the first's people.
    for (let k = 0; k < 10; k++) {
      const person = ["anon-51-", "device-51-", "user-51-"].map((p) => owner.get(identityKey({ type: p.startsWith("user") ? "user_id" : "anonymous_id", value: `${p}${k}` })));
      expect(new Set(person).size, `chain ${k} of the second population`).toBe(1);
    }
    for (let k = 0; k < 6; k++)
      expect(owner.get(identityKey({ type: "anonymous_id", value: `back-${k}` }))).toBe(owner.get(identityKey({ type: "user_id", value: `user-50-${k}` })));
  }, 120_000);
});
