// Delivery from the outbox against a local HTTP receiver that fails, times out and recovers (issue 12,
// item 8): every event arrives, none is sent again after a 2xx, a dead endpoint does not hold up a
// healthy one, a restart mid-retry loses nothing, transactions committing out of seq order are not
// skipped, signatures verify, deletion removes a person from the outbox, backfill and resend.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { TEST_ACTOR, type TestDatabase } from "../../tests/test-database";
import { destinationsDatabase, sinkPool } from "../../tests/destinations-db";
import { sendBatch } from "../../tests/tracking-api";
import { createDestination, DestinationError, listDeliveries, resendDelivery, updateDestination, destinationHealth } from "./destinations";
import { batchBody, claimDue, dispatchOnce, eraseFromOutbox, LEASE_MS, sendDue, startDue, type SendDeps } from "./destination-outbox";
import { sendWebhook } from "../destinations/http-send";
import { verifySignature } from "../destinations/signature";
import { createDestinationSchema } from "../destinations/inputs";
import { resetEnv } from "../env";
import { startDispatcher } from "../destinations/dispatcher";
import { seedDemoDestination } from "./destination-demo";

let t: TestDatabase;
let writeKey = "";
let sourceId = "";
const sinks = sinkPool();
const deps = (over: Partial<SendDeps> = {}): SendDeps => ({ send: sendWebhook, allowPrivate: true, random: () => 0.5, timeoutMs: 300, ...over });

beforeAll(async () => {
  ({ t, writeKey, sourceId } = await destinationsDatabase("Web"));
});
afterAll(async () => {
  await t.close();
});
afterEach(async () => {
  await sinks.closeAll();
  await t.db.$executeRawUnsafe(`DELETE FROM destinations`);
});

const sink = (mode: Parameters<typeof sinks.sink>[0] = "ok") => sinks.sink(mode);

let counter = 0;
async function ingest(n: number, event = "Order Completed", userId = "u-1"): Promise<string[]> {
  const ids = Array.from({ length: n }, () => `msg-${++counter}`);
  const res = await sendBatch(writeKey, ids.map((messageId) => ({ type: "track", event, userId, messageId, properties: { n: counter } })));
  expect(res.status).toBe(200);
  return ids;
}

/** Dispatches until every event written so far is behind every cursor (another suite's open transaction on a shared server holds the horizon back a moment). */
async function dispatchAll(now: Date): Promise<number> {
  const [{ last }] = await t.db.$queryRaw<{ last: string | null }[]>`SELECT max(txid)::text AS last FROM events`;
  let events = 0;
  const deadline = Date.now() + 20_000;
  for (;;) {
    events += (await dispatchOnce(now)).events;
    const behind = await t.db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM destinations WHERE enabled AND cursor_txid <= $1::bigint`, last ?? "0");
    if (!behind.length || last === null) return events;
    if (Date.now() > deadline) throw new Error("the horizon did not pass the last event within 20 s");
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function destination(url: string, over: Record<string, unknown> = {}) {
  return createDestination(createDestinationSchema.parse({ name: `Hook ${++counter}`, url, filter: { sources: [sourceId] }, batchSize: 10, ...over }), TEST_ACTOR);
}

const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

describe("delivery from the outbox", () => {
  it("gets every event through failures, timeouts and recovery, and never re-sends after a 2xx", async () => {
    const s = await sink("fail");
    const { destination: d, secret } = await destination(s.url);
    const ids = await ingest(35);
    const t0 = new Date();
    expect(await dispatchAll(t0)).toBe(35);

    // The endpoint fails: every delivery is retried, the first retry within 10 s.
    expect(await sendDue(t0, deps())).toEqual({ attempts: 2, succeeded: 0 }); // concurrency 2
    const retrying = (await listDeliveries(d.id, { status: "retrying" }))!.deliveries;
    expect(retrying).toHaveLength(2);
    for (const r of retrying) expect(new Date(r.nextAttemptAt!).getTime() - t0.getTime()).toBeLessThanOrEqual(10_000);
    expect(retrying[0]!.lastStatusCode).toBe(503);
    expect(retrying[0]!.responseExcerpt).toBe("down for maintenance");

    // Then it hangs: the 300 ms timeout fails the attempts.
    s.mode = "hang";
    let now = at(t0, 10_000);
    const hung = await sendDue(now, deps());
    expect(hung.succeeded).toBe(0);
    expect((await listDeliveries(d.id, { status: "retrying" }))!.deliveries.some((x) => /No answer/.test(x.lastError ?? ""))).toBe(true);

    // Then it recovers: everything arrives.
    s.mode = "ok";
    for (let i = 0; i < 20; i++) {
      now = at(now, 60 * 60_000);
      const r = await sendDue(now, deps());
      if (r.attempts === 0) break;
    }
    const acked = s.acknowledged();
    expect([...acked].sort()).toEqual([...ids].sort());
    expect(new Set(acked).size).toBe(acked.length); // none twice after a 2xx
    expect(await sendDue(at(now, 48 * 3_600_000), deps())).toEqual({ attempts: 0, succeeded: 0 });
    const log = (await listDeliveries(d.id, {}))!.deliveries;
    expect(log.every((x) => x.status === "succeeded")).toBe(true);
    expect(log[0]!.responseExcerpt!.length).toBe(2048);

    // Each request is signed with the destination's secret over the raw body, and the body is the events as stored.
    for (const r of s.requests) expect(verifySignature(String(r.headers["x-tandem-signature"]), secret, r.body, now, 10 ** 9)).toEqual({ ok: true });
    const first = JSON.parse(s.requests.find((r) => r.status === 200)!.body) as { batch: Record<string, unknown>[] };
    expect(first.batch[0]).toMatchObject({ type: "track", event: "Order Completed", userId: "u-1", sourceId });
    expect(first.batch[0]!.profileId).toEqual(expect.any(String));
    const health = await destinationHealth(d.id, now, 48);
    expect(health.reduce((n, h) => n + h.failed, 0)).toBeGreaterThan(0);
  });

  it("does not let a dead endpoint hold up a healthy one", async () => {
    const dead = await sink("hang");
    const healthy = await sink("ok");
    await destination(dead.url);
    const h = await destination(healthy.url);
    const ids = await ingest(40);
    const now = new Date();
    await dispatchAll(now);
    // The dead one's sends hang for 5 s; the healthy one's finish meanwhile, round after round.
    const started = await startDue(now, deps({ timeoutMs: 5_000 }));
    let deadSettled = false;
    const deadWork = [...started.entries()].filter(([id]) => id !== h.destination.id).map(([, p]) => p.then(() => (deadSettled = true)));
    await started.get(h.destination.id);
    for (let i = 0; i < 10 && healthy.acknowledged().length < ids.length; i++) {
      const more = await startDue(now, deps({ timeoutMs: 5_000 }));
      await more.get(h.destination.id);
    }
    expect([...healthy.acknowledged()].sort()).toEqual([...ids].sort());
    expect(deadSettled).toBe(false);
    await dead.close();
    await Promise.all(deadWork);
  });

  it("loses nothing when a sender dies mid-retry: the lease expires and a new sender takes it", async () => {
    const s = await sink("fail");
    const { destination: d } = await destination(s.url, { maxConcurrency: 1, batchSize: 100 });
    const ids = await ingest(5);
    const t0 = new Date();
    await dispatchAll(t0);
    await sendDue(t0, deps()); // failed once, retrying
    s.mode = "ok";
    // A sender claims the retry and "crashes" before recording anything.
    const t1 = at(t0, 60_000);
    expect(await claimDue(d.id, 1, t1)).toHaveLength(1);
    // While the lease holds, nobody else sends it.
    expect(await sendDue(at(t1, 1_000), deps())).toEqual({ attempts: 0, succeeded: 0 });
    // After it, a fresh sender (new process: nothing in memory) sends it.
    expect(await sendDue(at(t1, LEASE_MS + 1), deps())).toEqual({ attempts: 1, succeeded: 1 });
    expect([...s.acknowledged()].sort()).toEqual([...ids].sort());
  });

  it("dead-letters after 24 hours of failures, and a resend brings it back", async () => {
    const s = await sink("fail");
    const { destination: d } = await destination(s.url, { batchSize: 100 });
    const ids = await ingest(3);
    const t0 = new Date();
    await dispatchAll(t0);
    await sendDue(t0, deps());
    await sendDue(at(t0, 25 * 3_600_000), deps());
    const [dead] = (await listDeliveries(d.id, { status: "dead" }))!.deliveries;
    expect(dead).toBeDefined();
    // Nothing more happens to it on its own.
    expect(await sendDue(at(t0, 100 * 3_600_000), deps())).toEqual({ attempts: 0, succeeded: 0 });
    s.mode = "ok";
    const later = at(t0, 30 * 24 * 3_600_000);
    await resendDelivery(d.id, dead!.id, TEST_ACTOR, later);
    await expect(resendDelivery(d.id, dead!.id, TEST_ACTOR, later)).rejects.toMatchObject({ status: 409 });
    expect(await sendDue(later, deps())).toEqual({ attempts: 1, succeeded: 1 });
    expect([...s.acknowledged()].sort()).toEqual([...ids].sort());
    const audit = await t.db.$queryRaw<{ action: string }[]>`SELECT action FROM audit_log WHERE target_id = ${d.id} ORDER BY seq`;
    expect(audit.map((a) => a.action)).toEqual(["destination.created", "delivery.resent"]);
  });

  it("does not treat a redirect as delivered", async () => {
    const s = await sink("redirect");
    const { destination: d } = await destination(s.url);
    await ingest(1);
    const now = new Date();
    await dispatchAll(now);
    expect(await sendDue(now, deps())).toEqual({ attempts: 1, succeeded: 0 });
    expect((await listDeliveries(d.id, {}))!.deliveries[0]).toMatchObject({ status: "retrying", lastStatusCode: 302 });
    expect(s.requests).toHaveLength(1);
  });

  it("keeps an excerpt of a binary answer (NUL characters dropped)", async () => {
    const s = await sink("binary");
    const { destination: d } = await destination(s.url);
    await ingest(1);
    const now = new Date();
    await dispatchAll(now);
    expect(await sendDue(now, deps())).toEqual({ attempts: 1, succeeded: 0 });
    const [x] = (await listDeliveries(d.id, {}))!.deliveries;
    expect(x).toMatchObject({ status: "retrying", lastStatusCode: 500 });
    expect(x!.responseExcerpt).toMatch(/^ok/);
    expect(x!.responseExcerpt).not.toContain("\u0000");
  });

  it("filters by type and name, and backfills from a date up to where the cursor started", async () => {
    const s = await sink("ok");
    const before = await ingest(4, "Signed Up");
    await ingest(2, "Page Scrolled");
    const { destination: d } = await destination(s.url, { filter: { sources: [sourceId], types: ["track"], names: ["Signed Up"] } });
    const after = await ingest(3, "Signed Up");
    await ingest(3, "Page Scrolled");
    const now = new Date();
    await dispatchAll(now);
    await sendDue(now, deps());
    expect([...s.acknowledged()].sort()).toEqual([...after].sort());
    await updateDestination(d.id, { backfillFrom: new Date(now.getTime() - 3_600_000).toISOString() }, TEST_ACTOR, now);
    await expect(updateDestination(d.id, { backfillFrom: new Date(0).toISOString() }, TEST_ACTOR, now)).rejects.toMatchObject({ status: 409 });
    await dispatchAll(now);
    await sendDue(now, deps());
    expect([...s.acknowledged()].sort()).toEqual([...after, ...before].sort());
    expect((await listDeliveries(d.id, {}))!.deliveries.some((x) => x.backfill)).toBe(true);
  });

  it("removes a person's events from the outbox and the delivery log", async () => {
    const s = await sink("fail");
    const { destination: d } = await destination(s.url, { batchSize: 100 });
    const ann = await ingest(2, "Order Completed", "ann");
    await ingest(2, "Order Completed", "bob");
    const onlyAnn = await ingest(1, "Order Completed", "ann");
    const now = new Date();
    await dispatchAll(now);
    await sendDue(now, deps());
    const [{ profile_id }] = await t.db.$queryRaw<{ profile_id: string }[]>`SELECT profile_id FROM events WHERE message_id = ${ann[0]}`;
    const before = (await listDeliveries(d.id, {}))!.deliveries.length;
    const erased = await eraseFromOutbox({ profileIds: [profile_id] });
    expect(erased.deliveriesDeleted + erased.deliveriesTrimmed).toBeGreaterThan(0);
    const seqs = await t.db.$queryRaw<{ seq: bigint }[]>`SELECT seq FROM events WHERE message_id = ANY(${[...ann, ...onlyAnn]})`;
    const left = await t.db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM deliveries WHERE event_seqs && $1::bigint[]`, seqs.map((x) => String(x.seq)));
    expect(left).toHaveLength(0);
    const excerpts = await t.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM delivery_attempts a JOIN deliveries x ON x.id = a.delivery_id WHERE x.destination_id = $1 AND a.response_excerpt IS NOT NULL`,
      d.id,
    );
    expect(excerpts[0]!.n).toBe(0);
    expect((await listDeliveries(d.id, {}))!.deliveries.length).toBeLessThanOrEqual(before);
  });

  it("refuses URLs that would reach inside, at save and at send", async () => {
    await expect(destination("http://169.254.169.254/latest/meta-data")).rejects.toMatchObject({ status: 400, code: "invalid_url" });
    await expect(destination("ftp://example.com/x")).rejects.toBeInstanceOf(DestinationError);
    process.env.TANDEM_DESTINATIONS_ALLOW_PRIVATE = "0";
    resetEnv();
    try {
      for (const url of ["http://127.0.0.1:9/x", "http://[::1]/x", "http://10.0.0.8/x", "http://[::ffff:127.0.0.1]/x", "http://localhost/x"])
        await expect(destination(url)).rejects.toMatchObject({ status: 400, code: "invalid_url" });
      const r = await sendWebhook({ url: "http://127.0.0.1:9/x", headers: {}, body: "{}", allowPrivate: false });
      expect(r).toMatchObject({ ok: false });
      expect(r.error).toMatch(/loopback/);
    } finally {
      process.env.TANDEM_DESTINATIONS_ALLOW_PRIVATE = "1";
      resetEnv();
    }
  });
});

describe("the body", () => {
  it("parses to exactly what PostgreSQL's row_to_json made of the same events (the reference), awkward values included", async () => {
    const awkward = ['say "hi" \\ bye', "tab\tnew\nline\u0001", "Getting started · Loopwise — ünïcode 🚀", ""];
    const ids = awkward.map(() => `body-${++counter}`);
    const res = await sendBatch(
      writeKey,
      awkward.map((text, i) => ({
        type: i % 2 ? "identify" : "track",
        event: i % 2 ? undefined : text || "Empty",
        userId: `body-user-${i}`,
        anonymousId: i === 1 ? "anon-body" : undefined,
        messageId: ids[i],
        properties: { text, n: i, nested: { list: [1, "two", null], flag: true } },
        traits: i % 2 ? { name: text, email: `body${i}@example.com` } : undefined,
        context: { page: { url: `https://example.com/p?q=${encodeURIComponent(text)}&utm_source=news`, title: text }, campaign: { source: "news" } },
        timestamp: "2026-11-01T00:01:35.430Z",
      })),
    );
    expect(res.status).toBe(200);
    const rows = await t.db.$queryRawUnsafe<{ seq: string }[]>(`SELECT seq::text FROM events WHERE message_id = ANY($1::text[]) ORDER BY seq DESC`, ids);
    const seqs = rows.map((r) => r.seq);
    // The reference: the body as it was built before, entirely in SQL.
    const [ref] = await t.db.$queryRawUnsafe<{ body: string }[]>(
      `SELECT json_build_object('batch', coalesce(json_agg(row_to_json(r) ORDER BY e.txid, e.seq), '[]'::json))::text AS body
       FROM events e LEFT JOIN profiles p ON p.id = e.profile_id CROSS JOIN LATERAL (SELECT
         e.message_id AS "messageId", e.type::text AS type, e.event, e.name, e.user_id AS "userId", e.anonymous_id AS "anonymousId",
         e.group_id AS "groupId", e.previous_id AS "previousId", coalesce(p.merged_into_id, e.profile_id) AS "profileId", e.source_id AS "sourceId",
         e.timestamp, e.original_timestamp AS "originalTimestamp", e.sent_at AS "sentAt", e.received_at AS "receivedAt",
         e.channel, e.utm_source AS "utmSource", e.utm_medium AS "utmMedium", e.utm_campaign AS "utmCampaign",
         e.utm_term AS "utmTerm", e.utm_content AS "utmContent", e.referrer, e.referring_domain AS "referringDomain",
         e.page_url AS "pageUrl", e.page_path AS "pagePath", e.click_ids AS "clickIds",
         e.properties, e.traits, e.context, e.integrations) r
       WHERE e.seq = ANY($1::bigint[])`,
      seqs,
    );
    const { body, count } = await batchBody(seqs);
    expect(count).toBe(awkward.length);
    const ours = JSON.parse(body.toString("utf8")) as { batch: Record<string, unknown>[] };
    const theirs = JSON.parse(ref!.body) as { batch: Record<string, unknown>[] };
    expect(ours).toStrictEqual(theirs);
    expect(ours.batch.map((e) => e.messageId)).toEqual(ids);
    // Key for key, in the same order.
    expect(ours.batch.map((e) => Object.keys(e))).toEqual(theirs.batch.map((e) => Object.keys(e)));
    // Timestamps exactly as PostgreSQL's JSON writes them.
    expect(ours.batch.map((e) => e.timestamp)).toEqual(theirs.batch.map((e) => e.timestamp));
  });
});

describe("headers and secrets", () => {
  it("sends header values it never shows, and signs with both secrets while a rotation overlaps", async () => {
    const s = await sink("ok");
    const made = await destination(s.url, { headers: { Authorization: "Bearer one", "X-Team": "data" } });
    const id = made.destination.id;
    expect(made.destination.headers).toEqual([
      { name: "Authorization", value: "••••••" },
      { name: "X-Team", value: "••••••" },
    ]);
    const stored = await t.db.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(d)::text AS row FROM destinations d WHERE id = $1`, id);
    expect(stored[0]!.row).not.toContain("Bearer one");
    expect(stored[0]!.row).not.toContain(made.secret);
    const rotated = await updateDestination(id, { rotateSecret: true, headers: { Authorization: "Bearer two", "X-Team": null, "X-New": "1" } }, TEST_ACTOR);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.destination.headers.map((h) => h.name)).toEqual(["Authorization", "X-New"]);
    expect(rotated.destination.secretRotationEndsAt).not.toBeNull();
    await ingest(1);
    const now = new Date();
    await dispatchAll(now);
    await sendDue(now, deps());
    const [req] = s.requests;
    expect(req!.headers.authorization).toBe("Bearer two");
    expect(req!.headers["x-new"]).toBe("1");
    expect(req!.headers["x-team"]).toBeUndefined();
    const sig = String(req!.headers["x-tandem-signature"]);
    expect(sig.match(/v1=/g)).toHaveLength(2);
    expect(verifySignature(sig, made.secret, req!.body, now)).toEqual({ ok: true });
    expect(verifySignature(sig, rotated.secret!, req!.body, now)).toEqual({ ok: true });
    // The audit log names the headers that changed, never their values or the secrets.
    const audit = await t.db.$queryRaw<{ action: string; details: unknown }[]>`SELECT action, details FROM audit_log WHERE target_id = ${id} ORDER BY seq`;
    expect(audit.map((a) => a.action)).toEqual(["destination.created", "destination.updated", "destination.secret_rotated"]);
    const text = JSON.stringify(audit);
    for (const secret of ["Bearer one", "Bearer two", made.secret, rotated.secret!]) expect(text).not.toContain(secret);
  });

  it("refuses a taken name, an unknown source and an unknown id with their reasons", async () => {
    const s = await sink("ok");
    const a = await destination(s.url, { name: "Unique hook" });
    await expect(destination(s.url, { name: "unique HOOK" })).rejects.toMatchObject({ status: 409, code: "name_taken" });
    await expect(destination(s.url, { filter: { sources: ["nope"] } })).rejects.toMatchObject({ status: 400, code: "unknown_source" });
    await expect(updateDestination("missing", { enabled: false }, TEST_ACTOR)).rejects.toMatchObject({ status: 404 });
    await expect(updateDestination(a.destination.id, { backfillFrom: new Date(Date.now() + 86_400_000).toISOString() }, TEST_ACTOR)).rejects.toMatchObject({ status: 400 });
  });
});

describe("the demo's destination", () => {
  it("is paused and has a recorded history: succeeded, retried, retrying and a dead letter", async () => {
    await ingest(450, "Signed Up");
    const now = new Date();
    const id = await seedDemoDestination(TEST_ACTOR, now);
    const log = (await listDeliveries(id, { limit: 500 }))!.deliveries;
    expect(new Set(log.map((d) => d.status))).toEqual(new Set(["succeeded", "retrying", "dead"]));
    const health = await destinationHealth(id, now);
    expect(health.some((h) => h.succeeded > 0)).toBe(true);
    expect(health.some((h) => h.failed > 0)).toBe(true);
    // Paused: nothing is sent, whatever is due.
    expect(await sendDue(at(now, 48 * 3_600_000), deps())).toEqual({ attempts: 0, succeeded: 0 });
  });

  it("has a paused profile-change webhook whose history holds real changes, none dispatched again when it resumes", async () => {
    const people = Array.from({ length: 160 }, (_, i) => ({ type: "identify", userId: `demo-p-${i}`, messageId: `demo-p-${i}`, traits: { plan: "pro", n: i } }));
    expect((await sendBatch(writeKey, people)).status).toBe(200);
    const now = new Date();
    await seedDemoDestination(TEST_ACTOR, now);
    const [d] = await t.db.$queryRawUnsafe<{ id: string; kind: string; enabled: boolean }[]>(`SELECT id, kind, enabled FROM destinations WHERE name = 'Lifecycle email sync'`);
    expect(d).toMatchObject({ kind: "profile_webhook", enabled: false });
    const log = (await listDeliveries(d!.id, { limit: 500 }))!.deliveries;
    expect(new Set(log.map((x) => x.status))).toEqual(new Set(["succeeded", "retrying", "dead"]));
    const [{ orphans, changes }] = await t.db.$queryRawUnsafe<{ orphans: number; changes: number }[]>(
      `SELECT (SELECT count(*)::int FROM deliveries x, unnest(x.event_seqs) s WHERE x.destination_id = $1 AND s NOT IN (SELECT seq FROM profile_changes)) AS orphans,
              (SELECT count(*)::int FROM profile_changes WHERE kind = 'traits_changed' AND traits ? 'plan') AS changes`,
      d!.id,
    );
    expect(orphans).toBe(0);
    expect(changes).toBeGreaterThanOrEqual(160);
    await t.db.$executeRawUnsafe(`UPDATE destinations SET enabled = true WHERE id = $1`, d!.id);
    expect((await dispatchOnce(now)).events).toBe(0);
  });
});

describe("the dispatcher loop", () => {
  it("delivers in the background and stops cleanly", async () => {
    const s = await sink("ok");
    await destination(s.url, { batchSize: 7 });
    const ids = await ingest(30);
    const running = startDispatcher({ deps: deps({ clock: () => new Date() }), wakeMs: 50, log: () => undefined });
    const deadline = Date.now() + 20_000;
    while (s.acknowledged().length < ids.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    await running.stop();
    expect([...s.acknowledged()].sort()).toEqual([...ids].sort());
  });
});

describe("transactions that commit out of seq order", () => {
  it("are all delivered, once (PostgreSQL: the embedded database runs one transaction at a time)", async (ctx) => {
    if (t.backend !== "postgres") ctx.skip();
    const s = await sink("ok");
    await destination(s.url, { batchSize: 100 });
    const a = new pg.Client({ connectionString: t.url });
    await a.connect();
    try {
      await a.query("BEGIN");
      // A draws the lower seq and stays open…
      await a.query(`INSERT INTO events (source_id, message_id, type, event, timestamp, received_at) VALUES ($1, 'late-A', 'track', 'Order Completed', now(), now())`, [sourceId]);
      // …while B, drawn later, commits first.
      const b = await ingest(1);
      const now = new Date();
      await dispatchOnce(now);
      await sendDue(now, deps());
      await a.query("COMMIT");
      await dispatchAll(now);
      await sendDue(now, deps());
      expect([...s.acknowledged()].sort()).toEqual(["late-A", ...b].sort());
    } finally {
      await a.end();
    }
  });
});
