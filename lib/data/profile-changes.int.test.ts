// The profile-change webhook (issue 12, item 2): traits changed, merged, split and deleted reach a
// profile-change destination through the same outbox as events — signed, in feed order, at least
// once — and nothing is recorded while no such destination exists.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { TEST_ACTOR, type TestDatabase } from "../../tests/test-database";
import { destinationsDatabase, sinkPool } from "../../tests/destinations-db";
import type { Sink } from "../../tests/webhook-sink";
import { sendBatch } from "../../tests/tracking-api";
import { createDestination, deleteDestination, DestinationError, listDeliveries, updateDestination } from "./destinations";
import { dispatchOnce, sendDue, type SendDeps } from "./destination-outbox";
import { sendWebhook } from "../destinations/http-send";
import { verifySignature } from "../destinations/signature";
import { createDestinationSchema } from "../destinations/inputs";
import type { ProfileChangeView } from "../destinations/profile-changes";
import { splitProfile } from "./identity-split";
import { deletePerson } from "./privacy";

let t: TestDatabase;
let writeKey = "";
let sourceId = "";
const sinks = sinkPool();
const deps: SendDeps = { send: sendWebhook, allowPrivate: true, random: () => 0.5, timeoutMs: 2000 };

beforeAll(async () => {
  ({ t, writeKey, sourceId } = await destinationsDatabase("App"));
});
afterAll(async () => {
  await t.close();
});
afterEach(async () => {
  await sinks.closeAll();
  for (const d of await t.db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM destinations`)) await deleteDestination(d.id, TEST_ACTOR);
});

const sink = () => sinks.sink("ok");

let counter = 0;
async function send(...messages: Record<string, unknown>[]): Promise<void> {
  const res = await sendBatch(
    writeKey,
    messages.map((m) => ({ messageId: `pc-${++counter}`, ...m })),
  );
  expect(res.status).toBe(200);
}

const changeCount = async () => Number((await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM profile_changes`))[0]!.n);
const profileOf = async (type: string, value: string) =>
  (await t.db.$queryRawUnsafe<{ id: string }[]>(`SELECT coalesce(p.merged_into_id, p.id) AS id FROM identities i JOIN profiles p ON p.id = i.profile_id WHERE i.type = $1 AND i.value = $2`, type, value))[0]?.id;

async function profileDestination(url: string, over: Record<string, unknown> = {}) {
  return createDestination(createDestinationSchema.parse({ name: `Profiles ${++counter}`, kind: "profile_webhook", url, batchSize: 50, ...over }), TEST_ACTOR);
}

/** Dispatches until every change written so far is behind every cursor, then sends; the changes received since `from`. */
async function deliver(s: Sink, from = 0): Promise<ProfileChangeView[]> {
  const [{ last }] = await t.db.$queryRaw<{ last: string | null }[]>`SELECT max(txid)::text AS last FROM profile_changes`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    await dispatchOnce(new Date());
    const behind = await t.db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM destinations WHERE enabled AND cursor_txid <= $1::bigint`, last ?? "0");
    if (!behind.length || last === null) break;
    if (Date.now() > deadline) throw new Error("the horizon did not pass the last change within 20 s");
    await new Promise((r) => setTimeout(r, 20));
  }
  while ((await sendDue(new Date(), deps)).attempts > 0);
  return s.requests
    .filter((r) => r.status === 200)
    .flatMap((r) => (JSON.parse(r.body) as { batch: ProfileChangeView[] }).batch)
    .slice(from);
}

describe("the profile-change feed", () => {
  it("records nothing while no profile-change destination exists (an events webhook does not switch it on)", async () => {
    const s = await sink();
    await createDestination(createDestinationSchema.parse({ name: "Events only", url: s.url }), TEST_ACTOR);
    await send({ type: "identify", userId: "u-nobody", traits: { plan: "free" } });
    expect(await changeCount()).toBe(0);
  });

  it("sends trait changes (new and previous values), merges, splits and the deletion, signed, in order", async () => {
    const s = await sink();
    const { destination: d, secret } = await profileDestination(s.url);

    // A new person's first traits, then the same traits again (no change), then one that changes.
    await send({ type: "identify", userId: "u-ann", traits: { name: "Ann", plan: "free" } });
    await send({ type: "identify", userId: "u-ann", traits: { plan: "free", name: "Ann" } });
    await send({ type: "identify", userId: "u-ann", traits: { plan: "pro" } });
    const ann = (await profileOf("user_id", "u-ann"))!;
    let got = await deliver(s);
    expect(got.map((c) => [c.type, c.profileId, c.traits, c.previous])).toEqual([
      ["traits_changed", ann, { name: "Ann", plan: "free" }, { name: null, plan: null }],
      ["traits_changed", ann, { plan: "pro" }, { plan: "free" }],
    ]);
    for (const r of s.requests) expect(verifySignature(String(r.headers["x-tandem-signature"]), secret, r.body, new Date(), 600)).toEqual({ ok: true });

    // An anonymous visitor with a trait of their own signs in: their profile merges into Ann's.
    await send({ type: "identify", anonymousId: "anon-ann", traits: { referrer: "newsletter" } });
    const anon = (await profileOf("anonymous_id", "anon-ann"))!;
    expect(anon).not.toBe(ann);
    await send({ type: "identify", userId: "u-ann", anonymousId: "anon-ann", traits: { plan: "pro" } });
    const survivor = (await profileOf("user_id", "u-ann"))!;
    const mergedAway = survivor === ann ? anon : ann;
    let n = got.length;
    got = await deliver(s, n);
    expect(got[0]).toMatchObject({ type: "traits_changed", profileId: anon, traits: { referrer: "newsletter" } });
    expect(got[1]).toMatchObject({ type: "merged", profileId: survivor, mergedProfileIds: [mergedAway] });
    expect(got.slice(2).every((c) => c.type === "traits_changed" && c.profileId === survivor)).toBe(true);

    // An admin splits the anonymous id off again: the split, then both profiles' new traits.
    n += got.length;
    const { newProfileId } = await splitProfile(survivor, [{ type: "anonymous_id", value: "anon-ann" }], TEST_ACTOR);
    got = await deliver(s, n);
    expect(got[0]).toMatchObject({ type: "split", profileId: survivor, newProfileId });
    expect(got.slice(1).map((c) => c.profileId).sort()).toEqual([survivor, newProfileId].sort());
    expect(got.find((c) => c.profileId === newProfileId)).toMatchObject({ type: "traits_changed", traits: { referrer: "newsletter" } });

    // Ann is deleted: every change about her leaves the feed and the deliveries that held it, and
    // the receiver is told which profiles were deleted — ids only.
    n += got.length;
    const done = await deletePerson({ type: "user_id", value: "u-ann" }, { contact: "keep", suppress: true }, TEST_ACTOR);
    expect(done.status).toBe("done");
    expect(done.removed.profileChanges).toBeGreaterThan(0);
    got = await deliver(s, n);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ type: "deleted", profileId: survivor });
    expect(got[0]!.deletedProfileIds!.sort()).toEqual([ann, anon].filter((p) => p !== newProfileId).sort());
    const rows = await t.db.$queryRawUnsafe<{ kind: string; text: string }[]>(`SELECT kind, row_to_json(c)::text AS text FROM profile_changes c`);
    for (const r of rows) {
      expect(r.text).not.toContain("Ann");
      if (r.kind !== "deleted") expect(r.text).not.toContain(survivor);
    }
    // The delivery log keeps no trace of the changes it sent about her: only the notice's delivery.
    const log = (await listDeliveries(d.id, {}))!.deliveries;
    expect(log.every((x) => x.responseExcerpt === null || log.indexOf(x) === 0)).toBe(true);
    const seqs = await t.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM deliveries x, unnest(x.event_seqs) s WHERE x.destination_id = $1 AND s NOT IN (SELECT seq FROM profile_changes)`,
      d.id,
    );
    expect(seqs[0]!.n).toBe(0);
  });

  it("filters by change type", async () => {
    const s = await sink();
    await profileDestination(s.url, { filter: { types: ["merged"] } });
    await send({ type: "identify", anonymousId: "anon-bo", traits: { plan: "free" } });
    await send({ type: "identify", userId: "u-bo", traits: { name: "Bo" } });
    await send({ type: "identify", userId: "u-bo", anonymousId: "anon-bo" });
    const got = await deliver(s);
    expect(got.map((c) => c.type)).toEqual(["merged"]);
  });

  it("refuses an event filter, an event type and a backfill for a profile-change webhook; an events webhook refuses change types", async () => {
    const s = await sink();
    const refused = async (run: () => Promise<unknown>, code: string) => {
      const err = await run().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DestinationError);
      expect((err as DestinationError).code).toBe(code);
    };
    await refused(() => profileDestination(s.url, { filter: { names: ["Order Completed"] } }), "invalid_filter");
    await refused(() => profileDestination(s.url, { filter: { sources: [sourceId] } }), "invalid_filter");
    await refused(() => profileDestination(s.url, { filter: { types: ["track"] } }), "invalid_filter");
    await refused(() => createDestination(createDestinationSchema.parse({ name: "Events", url: s.url, filter: { types: ["merged"] } }), TEST_ACTOR), "invalid_filter");
    const { destination: d } = await profileDestination(s.url);
    await refused(() => updateDestination(d.id, { backfillFrom: "2026-01-01T00:00:00Z" }, TEST_ACTOR), "invalid_backfill");
    await refused(() => updateDestination(d.id, { filter: { sources: [], types: ["page"], names: [] } }, TEST_ACTOR), "invalid_filter");
    expect((await updateDestination(d.id, { filter: { sources: [], types: ["deleted"], names: [] } }, TEST_ACTOR)).destination.filter.types).toEqual(["deleted"]);
  });

  it("stops recording and empties the feed when the last profile-change destination goes; keeps recording while one is paused", async () => {
    const s = await sink();
    const { destination: a } = await profileDestination(s.url, { enabled: false });
    const { destination: b } = await profileDestination(s.url);
    await send({ type: "identify", userId: "u-cy", traits: { plan: "free" } });
    expect(await changeCount()).toBe(1);
    await deleteDestination(b.id, TEST_ACTOR);
    await send({ type: "identify", userId: "u-cy", traits: { plan: "pro" } });
    expect(await changeCount()).toBe(2); // a (paused) still reads the feed
    await deleteDestination(a.id, TEST_ACTOR);
    expect(await changeCount()).toBe(0);
    await send({ type: "identify", userId: "u-cy", traits: { plan: "team" } });
    expect(await changeCount()).toBe(0);
  });
});

describe("profile changes committed out of seq order", () => {
  it("are all delivered, once (PostgreSQL: the embedded database runs one transaction at a time)", async (ctx) => {
    if (t.backend !== "postgres") ctx.skip();
    const s = await sink();
    await profileDestination(s.url);
    const a = new pg.Client({ connectionString: t.url });
    await a.connect();
    try {
      await a.query("BEGIN");
      // A draws the lower seq and stays open…
      await a.query(`INSERT INTO profile_changes (kind, profile_id, traits, previous) VALUES ('traits_changed', 'late-A', '{"x":1}', '{"x":null}')`);
      // …while B, drawn later, commits first.
      await send({ type: "identify", userId: "u-dee", traits: { plan: "free" } });
      await dispatchOnce(new Date());
      await sendDue(new Date(), deps);
      await a.query("COMMIT");
      const got = await deliver(s);
      expect(got.map((c) => c.profileId).sort()).toEqual(["late-A", (await profileOf("user_id", "u-dee"))!].sort());
    } finally {
      await a.end();
    }
  });
});
