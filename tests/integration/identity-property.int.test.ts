// Property test through the Tracking API: generated populations (lib/identity/population.ts) sent in
// random orders and random request cuts give, in the database, the brute-force grouping when no limit
// is hit (and no profile over a limit, with every left-out identifier journaled, when one is), and
// every profile's stored facts equal a fold of its events from scratch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test-database";
import { createSource } from "../../lib/data/sources";
import { sendBatch } from "../tracking-api";
import { canonical, components, generate, hitsLimit, prng, type Generated } from "../../lib/identity/population";
import { identityKey } from "../../lib/identity/identifiers";
import { limitOf } from "../../lib/identity/rules";
import { loadFacts, recomputeFacts } from "../../lib/data/identity-store";
import { pgSql } from "../../lib/data/sql";
import { pool } from "../../lib/db/pool";

let t: TestDatabase;
let key = "";
beforeAll(async () => {
  t = await createTestDatabase();
  ({ writeKey: key } = await createSource({ name: "App", kind: "server" }));
});
afterAll(() => t.close());

const SEEDS = Number(process.env.IDENTITY_PROPERTY_SEEDS ?? 60);

function body(g: Generated, seed: number, i: number) {
  const m = g.message;
  return {
    type: m.type,
    messageId: m.messageId,
    ...(m.userId !== null ? { userId: m.userId } : {}),
    ...(m.anonymousId !== null ? { anonymousId: m.anonymousId } : {}),
    ...(m.previousId !== null ? { previousId: m.previousId } : {}),
    ...(m.type === "track" ? { event: `E${i % 3}`, properties: { revenue: (seed + i) % 4 } } : {}),
    traits: { ...m.traits, plan: `plan-${i}` },
    context: m.context,
    // Event times independent of arrival order, with ties.
    timestamp: new Date(Date.UTC(2026, 0, 1, (seed * 31 + i * 17) % 7)).toISOString(),
  };
}

async function send(batch: unknown[]) {
  const res = await sendBatch(key, batch);
  expect(res.status).toBe(200);
}

async function reset() {
  await t.db.$executeRawUnsafe(`TRUNCATE events, identities, merge_journal, identity_kept_apart, profile_accounts, profiles CASCADE`);
}

describe("identity resolution through the Tracking API", () => {
  it(`gives the same grouping for every order on ${SEEDS} populations, and facts equal to a fold from scratch`, async () => {
    let limited = 0;
    let orders = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const c = generate(seed);
      const expected = components(c.messages);
      const hit = hitsLimit(expected, c.rules);
      if (hit) limited++;
      const r = prng(seed * 104729);
      const bodies = c.messages.map((g, i) => body(g, seed, i));
      let first: string[][] | null = null;
      for (let o = 0; o < 3; o++) {
        orders++;
        await reset();
        await t.db.setting.upsert({ where: { key: "identity_rules" }, create: { key: "identity_rules", value: c.rules as object }, update: { value: c.rules as object } });
        const order = o === 0 ? bodies : r.shuffle(bodies);
        for (let i = 0; i < order.length; ) await send(order.slice(i, (i += r.int(1, 3))));

        const ids = await t.db.identity.findMany({ select: { type: true, value: true, profileId: true } });
        const groups = new Map<string, string[]>();
        for (const i of ids) groups.set(i.profileId, [...(groups.get(i.profileId) ?? []), identityKey(i)]);
        const got = canonical([...groups.values()]);
        if (!hit) {
          expect(got, `seed ${seed} order ${o}`).toEqual(expected);
          if (first) expect(got).toEqual(first);
          first = got;
        } else {
          const aliased = new Set((await t.db.mergeJournal.findMany({ where: { kind: "alias" } })).flatMap((j) => j.profileIds));
          for (const [profile, keys] of groups) {
            const counts = new Map<string, number>();
            for (const k of keys) counts.set(k.split("\u0000")[0], (counts.get(k.split("\u0000")[0]) ?? 0) + 1);
            for (const [type, n] of counts) if (n > limitOf(type, c.rules)) expect(aliased.has(profile), `seed ${seed}: ${profile} holds ${n} ${type}`).toBe(true);
          }
          // Every identifier left out of its message's profile is journaled as refused.
          const stored = await t.db.event.findMany({ select: { messageId: true, profileId: true } });
          const profileOf = new Map(stored.map((e) => [e.messageId, e.profileId]));
          const owner = new Map(ids.map((i) => [identityKey(i), i.profileId]));
          const refused = await t.db.mergeJournal.findMany({ where: { kind: "refused" } });
          for (const g of c.messages)
            for (const k of g.keys)
              if (owner.get(k) !== profileOf.get(g.message.messageId))
                expect(
                  refused.some((j) => j.messageId === g.message.messageId && (j.identifiers as { type: string; value: string }[]).some((x) => identityKey(x) === k)),
                  `seed ${seed}: ${k} of ${g.message.messageId}`,
                ).toBe(true);
        }

        // Every event has the live profile of its message; facts equal a fold from scratch.
        const orphans = await t.db.$queryRawUnsafe<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM events e LEFT JOIN profiles p ON p.id = e.profile_id WHERE e.profile_id IS NOT NULL AND (p.id IS NULL OR p.merged_into_id IS NOT NULL)`,
        );
        expect(orphans[0].n).toBe(0);
        const live = (await t.db.profile.findMany({ where: { mergedIntoId: null }, select: { id: true } })).map((p) => p.id);
        const client = await pool().connect();
        try {
          const sql = pgSql(client);
          const [stored, fresh] = [await loadFacts(sql, live), await recomputeFacts(sql, live)];
          for (const id of live) expect(stored.get(id), `seed ${seed} profile ${id}`).toEqual(fresh.get(id));
        } finally {
          client.release();
        }
      }
    }
    console.info(`identity property (Tracking API): ${SEEDS} populations, ${limited} hitting a limit, ${orders} orders`);
    expect(limited / SEEDS).toBeGreaterThanOrEqual(0.2);
  }, 300_000);
});
