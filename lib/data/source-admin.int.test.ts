// Sources administration against a real database: keys stored hashed and rotated (the old key stops
// working), the built-in rules, the volume SQL against the brute-force bucketing, and the live
// debugger's messages API with its cursor and filters.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, TEST_ACTOR, type TestDatabase } from "../../tests/test-database";
import { createUser } from "./users";
import { createSource } from "./sources";
import { hashSecret } from "../auth/secrets";
import { forgetCachedSources, handleTrackingRequest } from "../ingest/ingest";
import { newSourceInput, webSettingsInput } from "../sources/inputs";
import { volumePoints, volumeWindow, VOLUME_RANGE_KEYS } from "../sources/volume";
import type { DebuggerMessage, MessagesPage } from "../sources/messages";
import { pollCaughtUp } from "../../tests/debugger-poll";
import {
  addSource,
  getSourceDetail,
  listSourcesWithStats,
  renameSource,
  rotateWriteKey,
  setSourceEnabled,
  SourceAdminError,
  sourceTotals,
  sourceVolume,
  updateWebSettings,
} from "./source-admin";
import { GET as getMessages } from "../../app/api/sources/[id]/messages/route";
import type pg from "pg";
import { pool } from "../db/pool";
import { normalizeMessage } from "../ingest/normalize";
import { storeEvents } from "./events";
import { quarantineParam } from "./plan-store";
import { pgSql } from "./sql";
import { releaseQuarantined, saveTrackingPlan } from "./tracking-plans";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null) }));

let t: TestDatabase;
let adminId = "";
let salesId = "";

beforeAll(async () => {
  t = await createTestDatabase();
  adminId = (await createUser({ email: "admin@sources.test", name: "Admin", role: "admin", password: "a long password" })).id;
  salesId = (await createUser({ email: "sales@sources.test", name: "Sales", role: "sales", password: "a long password" })).id;
});
afterAll(() => t.close());
beforeEach(() => forgetCachedSources());

const basic = (k: string) => `Basic ${Buffer.from(`${k}:`).toString("base64")}`;
const send = (key: string, segment: string, body: unknown, now?: Date) =>
  handleTrackingRequest(
    { segment, body: new TextEncoder().encode(JSON.stringify(body)), contentEncoding: null, authorization: basic(key), origin: null },
    now,
  );

describe("sources", () => {
  it("creates a source whose key is stored only as a hash, and refuses a duplicate name", async () => {
    const created = await addSource(newSourceInput.parse({ name: "Marketing site", kind: "web", allowedOrigins: ["https://www.acme.example"] }), TEST_ACTOR);
    expect(created.writeKey).toMatch(/^tdm_wk_/);
    expect(created.maskedWriteKey).toBe(`${created.writeKey.slice(0, 11)}…`);
    const row = await t.db.source.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.writeKeyHash).toBe(hashSecret(created.writeKey));
    expect(JSON.stringify(row)).not.toContain(created.writeKey);
    expect(row.rateLimitPerSec).toBe(50);
    expect(row.allowedOrigins).toEqual(["https://www.acme.example"]);

    const detail = await getSourceDetail(created.id);
    expect(detail).toMatchObject({ name: "Marketing site", kind: "web", maskedWriteKey: created.maskedWriteKey, rateLimitPerSec: 50 });
    expect(JSON.stringify(detail)).not.toContain(row.writeKeyHash);

    await expect(addSource(newSourceInput.parse({ name: "marketing SITE", kind: "server" }), TEST_ACTOR)).rejects.toMatchObject({ code: "name_taken", field: "name" });
  });

  it("renames, disables and enables; a built-in source cannot be disabled", async () => {
    const { id } = await addSource(newSourceInput.parse({ name: "Old name", kind: "server" }), TEST_ACTOR);
    expect((await renameSource(id, "New name", TEST_ACTOR)).name).toBe("New name");
    expect((await setSourceEnabled(id, false, TEST_ACTOR)).enabled).toBe(false);
    expect((await setSourceEnabled(id, true, TEST_ACTOR)).enabled).toBe(true);

    // The built-in CRM source (created by its migration) and any other built-in one stay enabled.
    expect(await getSourceDetail("crm")).toMatchObject({ name: "CRM", kind: "crm", builtIn: true, enabled: true });
    const other = await createSource({ name: "Internal", kind: "import", builtIn: true });
    for (const id of ["crm", other.id]) {
      const err = await setSourceEnabled(id, false, TEST_ACTOR).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SourceAdminError);
      expect(err).toMatchObject({ code: "not_allowed" });
      expect((await getSourceDetail(id))?.enabled).toBe(true);
    }
    await expect(addSource(newSourceInput.parse({ name: "crm", kind: "server" }), TEST_ACTOR)).rejects.toMatchObject({ code: "name_taken" });
    await expect(renameSource("no-such-id", "X", TEST_ACTOR)).rejects.toMatchObject({ code: "not_found" });
  });

  it("edits allowed origins and the rate limit of web sources only", async () => {
    const web = await addSource(newSourceInput.parse({ name: "Shop", kind: "web" }), TEST_ACTOR);
    const updated = await updateWebSettings(webSettingsInput.parse({ id: web.id, allowedOrigins: ["https://shop.example/", "*.shop.example"], rateLimitPerSec: 200 }), TEST_ACTOR);
    expect(updated).toMatchObject({ allowedOrigins: ["https://shop.example", "*.shop.example"], rateLimitPerSec: 200 });
    const server = await addSource(newSourceInput.parse({ name: "Billing", kind: "server" }), TEST_ACTOR);
    await expect(updateWebSettings(webSettingsInput.parse({ id: server.id, allowedOrigins: [], rateLimitPerSec: 5 }), TEST_ACTOR)).rejects.toMatchObject({ code: "not_allowed" });
  });

  it("rotating the key makes the old key fail and the new one work", async () => {
    const { id, writeKey: oldKey } = await addSource(newSourceInput.parse({ name: "Rotating", kind: "server" }), TEST_ACTOR);
    expect((await send(oldKey, "track", { userId: "u", event: "Before" })).status).toBe(200);

    const rotated = await rotateWriteKey(id, TEST_ACTOR);
    expect(rotated.writeKey).not.toBe(oldKey);
    expect((await getSourceDetail(id))?.maskedWriteKey).toBe(rotated.maskedWriteKey);
    forgetCachedSources();

    const refused = await send(oldKey, "track", { userId: "u", event: "Old key" });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: { code: "invalid_write_key" } });
    expect((await send(rotated.writeKey, "track", { userId: "u", event: "New key" })).status).toBe(200);
  });

  it("the old key keeps working only while the Tracking API's 5 s key cache holds it", async () => {
    const { id, writeKey: oldKey } = await addSource(newSourceInput.parse({ name: "Cached", kind: "server" }), TEST_ACTOR);
    const t0 = new Date("2026-05-03T12:00:00Z");
    expect((await send(oldKey, "track", { userId: "u", event: "A" }, t0)).status).toBe(200);
    await rotateWriteKey(id, TEST_ACTOR);
    expect((await send(oldKey, "track", { userId: "u", event: "B" }, new Date(t0.getTime() + 1000))).status).toBe(200);
    expect((await send(oldKey, "track", { userId: "u", event: "C" }, new Date(t0.getTime() + 5001))).status).toBe(401);
  });
});

describe("volume", () => {
  const now = new Date("2026-05-03T14:25:00Z");
  let id = "";
  let key = "";
  const h = (iso: string) => new Date(iso);

  beforeAll(async () => {
    ({ id, writeKey: key } = await addSource(newSourceInput.parse({ name: "Volume", kind: "server" }), TEST_ACTOR));
    const accepted = [
      "2026-05-03T14:20:00Z", // current hour
      "2026-05-03T14:00:00Z",
      "2026-05-03T13:59:59.999Z", // previous hour
      "2026-05-03T02:00:00Z",
      "2026-05-02T15:00:00Z", // first hour of the 24 h window
      "2026-05-02T14:59:59Z", // just before it: only in the 7-day views
      "2026-04-28T06:30:00Z",
      "2026-04-27T00:00:00Z", // first day of the 7-day-by-day window
      "2026-04-20T00:00:00Z", // outside every window
    ];
    for (const [i, at] of accepted.entries()) {
      expect((await send(key, "track", { userId: "u", event: "E", messageId: `vol-${i}` }, h(at))).status).toBe(200);
    }
    // Rejected: a track without an event.
    for (const at of ["2026-05-03T14:10:00Z", "2026-05-03T09:00:00Z", "2026-05-01T00:00:00Z"]) {
      expect((await send(key, "track", { userId: "u" }, h(at))).status).toBe(400);
    }
    // Another source's events never count here.
    const other = await addSource(newSourceInput.parse({ name: "Other volume", kind: "server" }), TEST_ACTOR);
    await send(other.writeKey, "track", { userId: "u", event: "Elsewhere" }, h("2026-05-03T14:00:00Z"));
  });

  it("counts accepted and rejected per hour over 24 h, empty hours as 0", async () => {
    const points = await sourceVolume(id, volumeWindow("24h", now));
    expect(points).toHaveLength(24);
    expect(points[0]).toEqual({ start: "2026-05-02T15:00:00.000Z", accepted: 1, rejected: 0, suppressed: 0 });
    expect(points[23]).toEqual({ start: "2026-05-03T14:00:00.000Z", accepted: 2, rejected: 1, suppressed: 0 });
    expect(points[22]).toEqual({ start: "2026-05-03T13:00:00.000Z", accepted: 1, rejected: 0, suppressed: 0 });
    expect(points.reduce((n, p) => n + p.accepted, 0)).toBe(5);
    expect(points.reduce((n, p) => n + p.rejected, 0)).toBe(2);
    expect(points.filter((p) => p.accepted === 0 && p.rejected === 0)).toHaveLength(19);
  });

  it.each(VOLUME_RANGE_KEYS)("matches the brute-force bucketing for %s", async (range) => {
    const w = volumeWindow(range, now);
    const acceptedAt = (await t.db.event.findMany({ where: { sourceId: id }, select: { receivedAt: true } })).map((r) => r.receivedAt);
    const rejectedAt = (await t.db.rejectedMessage.findMany({ where: { sourceId: id }, select: { receivedAt: true } })).map((r) => r.receivedAt);
    expect(await sourceVolume(id, w)).toEqual(volumePoints(acceptedAt, rejectedAt, w));
  });

  it("a source without events has all-zero buckets", async () => {
    const { id: empty } = await addSource(newSourceInput.parse({ name: "Empty", kind: "mobile" }), TEST_ACTOR);
    const points = await sourceVolume(empty, volumeWindow("7d-6h", now));
    expect(points).toHaveLength(28);
    expect(points.every((p) => p.accepted === 0 && p.rejected === 0)).toBe(true);
  });

  it("totals and the list's last-24-hour counts (a rolling 24 h, unlike the chart's whole hours)", async () => {
    expect(await sourceTotals(id, now)).toEqual({
      accepted: 9,
      rejected: 3,
      accepted24h: 6,
      rejected24h: 2,
      lastEventAt: h("2026-05-03T14:20:00Z"),
      lastRejectedAt: h("2026-05-03T14:10:00Z"),
    });
    const listed = (await listSourcesWithStats(now)).find((s) => s.id === id);
    expect(listed).toMatchObject({ name: "Volume", events24h: 6, rejected24h: 2, lastEventAt: h("2026-05-03T14:20:00Z") });
    expect(listed?.maskedWriteKey).toMatch(/^tdm_wk_.{4}…$/);
  });
});

describe("GET /api/sources/[id]/messages", () => {
  let id = "";
  let key = "";
  const base = Date.parse("2026-06-01T10:00:00Z");
  const at = (s: number) => new Date(base + s * 1000);

  beforeAll(async () => {
    ({ id, writeKey: key } = await addSource(newSourceInput.parse({ name: "Debugged", kind: "server" }), TEST_ACTOR));
    await send(key, "identify", { userId: "u1", traits: { email: "u1@x.test" }, messageId: "m-1" }, at(1));
    await send(key, "track", { userId: "u1", event: "Signed Up", properties: { plan: "trial" }, messageId: "m-2" }, at(2));
    await send(key, "page", { anonymousId: "a1", name: "Pricing", messageId: "m-3" }, at(3));
  });

  const poll = async (params: Record<string, string> = {}, sourceId = id) => {
    const url = new URL(`http://t/api/sources/${sourceId}/messages`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const res = await getMessages(new NextRequest(url), { params: Promise.resolve({ id: sourceId }) });
    return { status: res.status, body: (await res.json()) as MessagesPage & { error?: { code: string } } };
  };
  /** Polls until caught up with every row written so far (tests/debugger-poll.ts). */
  const pollAll = ({ after, ...params }: Record<string, string> = {}, sourceId = id) =>
    pollCaughtUp(
      t.db,
      async (cursor) => {
        const page = await poll(cursor ? { ...params, after: cursor } : params, sourceId);
        expect(page.status).toBe(200);
        return page.body;
      },
      after,
    );
  const titles = (ms: DebuggerMessage[]) =>
    ms.map((m) => (m.kind === "accepted" ? (m.event ?? m.name ?? m.type) : m.kind === "rejected" ? `rejected:${m.code}` : `quarantined:${m.event ?? m.type}`));

  it("refuses signed-out visitors and other roles", async () => {
    session.userId = null;
    expect((await poll()).status).toBe(401);
    session.userId = salesId;
    expect((await poll()).status).toBe(403);
  });

  it("answers 404 for an unknown source and 400 for a bad cursor", async () => {
    session.userId = adminId;
    expect((await poll({}, "no-such-source")).status).toBe(404);
    const bad = await poll({ after: "yesterday" });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe("invalid_request");
  });

  it("returns the newest messages first with the raw row, then only newer rows after the cursor", async () => {
    session.userId = adminId;
    const caughtUp = await pollAll();
    expect(titles(caughtUp.messages)).toEqual(["Pricing", "Signed Up", "identify"]);
    const signedUp = caughtUp.messages[1]!;
    expect(signedUp).toMatchObject({ kind: "accepted", type: "track", userId: "u1", messageId: "m-2", receivedAt: at(2).toISOString() });
    expect(signedUp.kind === "accepted" && signedUp.raw).toMatchObject({ properties: { plan: "trial" }, context: {}, integrations: {}, event: "Signed Up" });

    // Nothing new: empty, and the cursor never goes back (other writers on the server may move it on).
    const idle = await poll({ after: caughtUp.cursor });
    expect(idle.body.messages).toEqual([]);
    expect(BigInt(idle.body.cursor)).toBeGreaterThanOrEqual(BigInt(caughtUp.cursor));

    // Another source's traffic moves the cursor but never shows here.
    const other = await addSource(newSourceInput.parse({ name: "Noise", kind: "server" }), TEST_ACTOR);
    await send(other.writeKey, "track", { userId: "x", event: "Noise" }, at(4));

    await send(key, "track", { userId: "u1", event: "Order Completed", properties: { revenue: 42 }, messageId: "m-4" }, at(5));
    await send(key, "track", { userId: "u1", messageId: "m-bad" }, at(6));
    await send(key, "batch", { batch: [{ type: "track", userId: "u2", event: "Batched", messageId: "m-5" }, { type: "nonsense", userId: "u2" }] }, at(7));

    const next = await pollAll({ after: caughtUp.cursor });
    expect(titles(next.messages)).toEqual(["rejected:invalid_type", "Batched", "rejected:invalid_message", "Order Completed"]);
    const rejected = next.messages[2]!;
    expect(rejected).toMatchObject({ kind: "rejected", code: "invalid_message", messageId: "m-bad", payload: { userId: "u1", messageId: "m-bad" } });
    expect(rejected.kind === "rejected" && rejected.reason).toMatch(/event/);
    expect(next.messages[0]).toMatchObject({ kind: "rejected", messageIndex: 1, type: "nonsense" });
    expect(next.truncated).toBe(false);

    expect((await poll({ after: next.cursor })).body.messages).toEqual([]);
  });

  it("filters by type, event name and status", async () => {
    session.userId = adminId;
    const shown = async (params: Record<string, string>) => titles((await pollAll(params)).messages);
    expect(await shown({ type: "page" })).toEqual(["Pricing"]);
    expect(await shown({ type: "track" })).toEqual(["Batched", "rejected:invalid_message", "Order Completed", "Signed Up"]);
    expect(await shown({ event: "order" })).toEqual(["Order Completed"]);
    expect(await shown({ event: "pric" })).toEqual(["Pricing"]);
    expect(await shown({ event: "%" })).toEqual([]);
    expect(await shown({ status: "rejected" })).toEqual(["rejected:invalid_type", "rejected:invalid_message"]);
    expect((await pollAll({ status: "accepted" })).messages.every((m) => m.kind === "accepted")).toBe(true);
  });

  it("sends at most 100 per poll, the newest, and says so", async () => {
    session.userId = adminId;
    const { cursor } = await pollAll();
    const batch = Array.from({ length: 120 }, (_, i) => ({ type: "track", userId: "bulk", event: `Bulk ${i}`, messageId: `bulk-${i}` }));
    expect((await send(key, "batch", { batch }, at(60))).body).toMatchObject({ accepted: 120 });
    const page = await pollAll({ after: cursor });
    expect(page.messages).toHaveLength(100);
    expect(page.truncated).toBe(true);
    expect(titles(page.messages).slice(0, 2)).toEqual(["Bulk 119", "Bulk 118"]);
    expect((await poll({ after: page.cursor })).body.messages).toEqual([]);
  });

  it("shows rows written before transaction ids were recorded on the first poll only, and reads a seq cursor from before as a first poll", async () => {
    session.userId = adminId;
    const legacy = await addSource(newSourceInput.parse({ name: "Legacy", kind: "server" }), TEST_ACTOR);
    await send(legacy.writeKey, "track", { userId: "old", event: "Old Times", messageId: "old-1" }, at(70));
    await send(legacy.writeKey, "track", { userId: "old", messageId: "old-bad" }, at(71));
    await t.db.$executeRaw`UPDATE events SET txid = NULL WHERE source_id = ${legacy.id}`;
    await t.db.$executeRaw`UPDATE rejected_messages SET txid = NULL WHERE source_id = ${legacy.id}`;
    const first = await pollAll({}, legacy.id);
    expect(titles(first.messages)).toEqual(["rejected:invalid_message", "Old Times"]);
    expect((await poll({ after: first.cursor }, legacy.id)).body.messages).toEqual([]);
    const upgraded = await poll({ after: "12-3" }, legacy.id);
    expect(upgraded.status).toBe(200);
    expect(titles(upgraded.body.messages)).toEqual(["rejected:invalid_message", "Old Times"]);
  });

  it("lists a message the tracking plan blocked as quarantined, with its violations, once; released, it comes back as accepted", async () => {
    session.userId = adminId;
    const planned = await addSource(newSourceInput.parse({ name: "Planned", kind: "server" }), TEST_ACTOR);
    await saveTrackingPlan(
      planned.id,
      {
        events: [{ name: "Order Completed", schema: { type: "object", properties: { orderId: { type: "string" } }, required: ["orderId"] } }],
        identify: null,
        unplanned: "allow",
        invalid: "block",
      },
      TEST_ACTOR,
    );
    const start = await pollAll({}, planned.id);
    expect(start.messages).toEqual([]);

    const batch = [
      { type: "track", userId: "q1", event: "Order Completed", properties: { orderId: "o-1" }, messageId: "q-ok" },
      { type: "track", userId: "q1", event: "Order Completed", properties: { total: 5 }, messageId: "q-blocked" },
      { type: "track", userId: "q1", messageId: "q-bad" },
    ];
    // Received now: the quarantine's retention is applied against the clock, so an old receivedAt would be dropped at once.
    const receivedAt = new Date();
    expect((await send(planned.writeKey, "batch", { batch }, receivedAt)).body).toMatchObject({ accepted: 1, quarantined: [{ index: 1, messageId: "q-blocked" }] });

    const next = await pollAll({ after: start.cursor }, planned.id);
    // One request's rows share their receivedAt: rejected, then quarantined, then accepted.
    expect(titles(next.messages)).toEqual(["rejected:invalid_message", "quarantined:Order Completed", "Order Completed"]);
    expect(next.messages[1]).toEqual({
      kind: "quarantined",
      key: expect.stringMatching(/^q\d+$/),
      seq: expect.stringMatching(/^\d+$/),
      type: "track",
      event: "Order Completed",
      messageId: "q-blocked",
      userId: "q1",
      anonymousId: null,
      violations: [{ kind: "missing_required", path: "properties.orderId", detail: "properties.orderId is required" }],
      receivedAt: receivedAt.toISOString(),
      payload: batch[1],
      normalized: expect.objectContaining({ messageId: "q-blocked", event: "Order Completed", properties: { total: 5 } }),
    });
    // The cursor never returns it twice: once over the polls, and nothing after.
    expect(next.sent.filter((m) => m.kind === "quarantined").map((m) => m.messageId)).toEqual(["q-blocked"]);
    expect((await poll({ after: next.cursor }, planned.id)).body.messages).toEqual([]);

    // The filters: status, event name (read from the normalised event) and type.
    const shown = async (params: Record<string, string>) => titles((await pollAll(params, planned.id)).messages);
    expect(await shown({ status: "quarantined" })).toEqual(["quarantined:Order Completed"]);
    expect(await shown({ status: "accepted" })).toEqual(["Order Completed"]);
    expect(await shown({ status: "rejected" })).toEqual(["rejected:invalid_message"]);
    expect(await shown({ event: "order comp" })).toEqual(["quarantined:Order Completed", "Order Completed"]);
    expect(await shown({ event: "nothing like it" })).toEqual([]);
    expect(await shown({ type: "identify" })).toEqual([]);

    // Released, it is stored: the next poll lists it as accepted, and the quarantined row not again.
    const row = await t.db.quarantinedMessage.findFirstOrThrow({ where: { sourceId: planned.id, messageId: "q-blocked" }, select: { id: true } });
    expect(await releaseQuarantined({ sourceId: planned.id, ids: [row.id] }, TEST_ACTOR)).toEqual({ released: 1, stored: 1 });
    const released = await pollAll({ after: next.cursor }, planned.id);
    expect(released.sent.map((m) => [m.kind, m.messageId])).toEqual([["accepted", "q-blocked"]]);
  });

  it("shows quarantined rows written before transaction ids were recorded on the first poll only", async () => {
    session.userId = adminId;
    const legacy = await addSource(newSourceInput.parse({ name: "Legacy plan", kind: "server" }), TEST_ACTOR);
    await saveTrackingPlan(legacy.id, { events: [], identify: null, unplanned: "block", invalid: "block" }, TEST_ACTOR);
    expect((await send(legacy.writeKey, "track", { userId: "old", event: "Unplanned", messageId: "old-q" })).body).toMatchObject({ quarantined: [{ code: "unplanned_event" }] });
    await t.db.$executeRaw`UPDATE quarantined_messages SET txid = NULL WHERE source_id = ${legacy.id}`;
    const first = await pollAll({}, legacy.id);
    expect(titles(first.messages)).toEqual(["quarantined:Unplanned"]);
    expect((await poll({ after: first.cursor }, legacy.id)).body.messages).toEqual([]);
  });

  // PostgreSQL only: the embedded database runs one transaction at a time, so B would wait for A.
  it.runIf(process.env.TANDEM_TEST_BACKEND === "postgres")(
    "a row that commits after a higher seq was returned is not skipped, and nothing comes twice (concurrent writers)",
    async () => {
      session.userId = adminId;
      const raced = await addSource(newSourceInput.parse({ name: "Raced", kind: "server" }), TEST_ACTOR);
      const start = await pollAll({}, raced.id);
      expect(start.messages).toEqual([]);
      const event = (messageId: string) => {
        const o = normalizeMessage({ type: "track", userId: "racer", event: messageId, messageId }, { receivedAt: at(80), newMessageId: () => messageId });
        if (!o.ok) throw new Error(o.reason);
        return [{ sourceId: raced.id, event: o.event }];
      };
      // A rejected message beside each event, and for A a quarantined one too (received now: retention is
      // applied against the clock). Only A: quarantining transactions of one source serialise on its
      // quarantine_settings row, so B would wait for A.
      const side = (messageId: string, quarantine: boolean) => ({
        rejected: [
          { source_id: raced.id, received_at: at(80), message_index: 0, type: "track", message_id: `${messageId}-bad`, code: "invalid_message", reason: "event is required", payload: { messageId: `${messageId}-bad` } },
        ],
        quarantined: !quarantine ? [] : quarantineParam(raced.id, new Date(), [
          {
            messageId: `${messageId}-q`,
            type: "track",
            eventName: `${messageId}-q`,
            userId: "racer",
            anonymousId: null,
            email: null,
            violations: [{ kind: "unplanned_event", path: "event", detail: "not in the plan" }],
            event: event(`${messageId}-q`)[0]!.event,
            raw: { messageId: `${messageId}-q` },
          },
        ]),
      });
      const seqOf = async (c: pg.PoolClient, messageId: string) => {
        const [r] = (await c.query<{ e: string; r: string }>(
          `SELECT (SELECT seq FROM events WHERE message_id = $1)::text AS e, (SELECT seq FROM rejected_messages WHERE message_id = $1 || '-bad')::text AS r`,
          [messageId],
        )).rows;
        return { e: BigInt(r!.e), r: BigInt(r!.r) };
      };
      const a = await pool().connect();
      const b = await pool().connect();
      let open = false;
      try {
        // A takes the lower seqs and stays open; B takes higher ones and commits.
        await a.query("BEGIN");
        open = true;
        await storeEvents(pgSql(a), event("A"), side("A", true), { resolve: false });
        const seqA = await seqOf(a, "A");
        await b.query("BEGIN");
        await storeEvents(pgSql(b), event("B"), side("B", false), { resolve: false });
        await b.query("COMMIT");
        const seqB = await seqOf(b, "B");
        expect(seqA.e < seqB.e && seqA.r < seqB.r).toBe(true);

        // B is committed but not final while A, older, may still commit: the horizon waits for A.
        const during = await poll({ after: start.cursor }, raced.id);
        expect(during.body.messages).toEqual([]);

        await a.query("COMMIT");
        open = false;
        const after = await pollAll({ after: during.body.cursor }, raced.id);
        expect([...during.body.messages, ...after.sent].map((m) => m.messageId).sort()).toEqual(["A", "A-bad", "A-q", "B", "B-bad"]);
      } finally {
        if (open) await a.query("ROLLBACK").catch(() => undefined);
        a.release();
        b.release();
      }
    },
  );
});
