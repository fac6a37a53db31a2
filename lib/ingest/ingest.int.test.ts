// The Tracking API pipeline against a real database: every call type, batches with bad messages,
// dedupe, gzip, text/plain, the auth paths and their failures, limits, clock skew.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { createSource } from "../data/sources";
import { forgetCachedSources, handleTrackingRequest, SOURCE_CACHE_MS, type TrackingRequest } from "./ingest";

let t: TestDatabase;
let key = "";
let sourceId = "";
let limitedKey = "";
let disabledKey = "";
let webKey = "";

beforeAll(async () => {
  t = await createTestDatabase();
  ({ id: sourceId, writeKey: key } = await createSource({ name: "Backend", kind: "server" }));
  ({ writeKey: limitedKey } = await createSource({ name: "Limited", kind: "web", rateLimitPerSec: 1 }));
  ({ writeKey: webKey } = await createSource({ name: "Site", kind: "web", allowedOrigins: ["https://www.acme.example", "*.acme.app"] }));
  const disabled = await createSource({ name: "Old", kind: "server" });
  disabledKey = disabled.writeKey;
  await t.db.source.update({ where: { id: disabled.id }, data: { enabled: false } });
});
afterAll(() => t.close());
beforeEach(() => forgetCachedSources());

const basic = (k: string) => `Basic ${Buffer.from(`${k}:`).toString("base64")}`;
const send = (segment: string, body: unknown, extra: Partial<TrackingRequest> = {}, now?: Date) =>
  handleTrackingRequest(
    {
      segment,
      body: body instanceof Uint8Array ? body : new TextEncoder().encode(typeof body === "string" ? body : JSON.stringify(body)),
      contentEncoding: null,
      authorization: basic(key),
      origin: null,
      ...extra,
    },
    now,
  );
const stored = (messageId: string) => t.db.event.findUnique({ where: { sourceId_messageId: { sourceId, messageId } } });

describe("calls", () => {
  it.each([
    ["identify", { userId: "u1", traits: { email: "u1@x.test" }, messageId: "c-identify" }],
    ["track", { userId: "u1", event: "Order Completed", properties: { revenue: 99 }, messageId: "c-track" }],
    ["page", { anonymousId: "a1", name: "Home", messageId: "c-page" }],
    ["screen", { userId: "u1", name: "Settings", messageId: "c-screen" }],
    ["group", { userId: "u1", groupId: "acme", traits: { name: "Acme" }, messageId: "c-group" }],
    ["alias", { previousId: "a1", userId: "u1", messageId: "c-alias" }],
    ["t", { userId: "u1", event: "Short Alias", messageId: "c-t" }],
  ])("/v1/%s stores the message", async (segment, body) => {
    const res = await send(segment, body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, accepted: 1, duplicates: 0, rejected: [] });
    const row = await stored(body.messageId);
    expect(row).not.toBeNull();
    expect(row!.channel).toBe("Direct");
  });

  it("a single invalid call is a 400 with the reason, and is kept for the debugger", async () => {
    const res = await send("track", { userId: "u1", messageId: "bad-1" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, error: { code: "invalid_message" } });
    const rej = await t.db.rejectedMessage.findFirst({ where: { messageId: "bad-1" } });
    expect(rej?.reason).toMatch(/event is required/);
  });
});

describe("batches", () => {
  it("stores the valid messages and reports each invalid one with its index", async () => {
    const res = await send("batch", {
      batch: [
        { type: "track", userId: "u2", event: "A", messageId: "b-1" },
        { type: "track", userId: "u2", messageId: "b-2" },
        { type: "identify", messageId: "b-3" },
        { type: "page", anonymousId: "a2", messageId: "b-4" },
        "not an object",
        { type: "nonsense", userId: "u2", messageId: "b-6" },
      ],
      context: { library: { name: "analytics-node" } },
    });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
    expect((res.body.rejected as { index: number; code: string }[]).map((r) => [r.index, r.code])).toEqual([
      [1, "invalid_message"],
      [2, "invalid_message"],
      [4, "invalid_message"],
      [5, "invalid_type"],
    ]);
    expect((await stored("b-1"))?.context).toEqual({ library: { name: "analytics-node" } });
    expect(await stored("b-4")).not.toBeNull();
    expect(await t.db.rejectedMessage.count({ where: { messageId: { in: ["b-2", "b-3", "b-6"] } } })).toBe(3);
  });

  it("rejects an oversized message alone", async () => {
    const res = await send("batch", {
      batch: [
        { type: "track", userId: "u", event: "Big", properties: { blob: "x".repeat(40_000) }, messageId: "big-1" },
        { type: "track", userId: "u", event: "Small", messageId: "big-2" },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(1);
    expect((res.body.rejected as { code: string }[])[0]!.code).toBe("message_too_large");
    const rej = await t.db.rejectedMessage.findFirst({ where: { messageId: "big-1" } });
    expect(rej?.payload).toMatchObject({ truncated: true });
  });

  it("/v1/import and /v1/b are batches too", async () => {
    for (const seg of ["import", "b"]) {
      const res = await send(seg, { batch: [{ type: "track", userId: "u", event: "E", messageId: `imp-${seg}` }] });
      expect(res.body.accepted).toBe(1);
    }
  });
});

describe("semantics", () => {
  it("dedupes a retried request on (source, messageId) and still answers 200", async () => {
    const body = { batch: [{ type: "track", userId: "u3", event: "Retry", messageId: "dup-1" }, { type: "track", userId: "u3", event: "Retry", messageId: "dup-2" }] };
    expect((await send("batch", body)).body).toMatchObject({ accepted: 2, duplicates: 0 });
    expect((await send("batch", body)).body).toMatchObject({ success: true, accepted: 2, duplicates: 2 });
    expect(await t.db.event.count({ where: { messageId: { in: ["dup-1", "dup-2"] } } })).toBe(2);
  });

  it("corrects clock skew and keeps the raw times", async () => {
    const receivedAt = new Date("2026-05-01T10:00:00.000Z");
    await send("track", { userId: "u", event: "Skewed", messageId: "skew-1", timestamp: "2026-05-01T11:00:00.000Z", sentAt: "2026-05-01T11:00:10.000Z" }, {}, receivedAt);
    const row = await stored("skew-1");
    expect(row?.timestamp.toISOString()).toBe("2026-05-01T09:59:50.000Z");
    expect(row?.originalTimestamp?.toISOString()).toBe("2026-05-01T11:00:00.000Z");
    expect(row?.sentAt?.toISOString()).toBe("2026-05-01T11:00:10.000Z");
    expect(row?.receivedAt.toISOString()).toBe("2026-05-01T10:00:00.000Z");
  });

  it("stores NUL characters and lone surrogates safely instead of failing", async () => {
    const res = await send("track", '{"userId":"u","event":"Odd\\u0000","messageId":"odd-1","properties":{"s":"\\ud800"}}');
    expect(res.status).toBe(200);
    expect((await stored("odd-1"))?.event).toBe("Odd\ufffd");
  });

  it("generates a messageId when absent", async () => {
    const res = await send("track", { userId: "gen-user", event: "No Id" });
    expect(res.status).toBe(200);
    const row = await t.db.event.findFirst({ where: { userId: "gen-user" } });
    expect(row?.messageId).toMatch(/^tdm-/);
  });
});

describe("request handling", () => {
  it("accepts gzip and text/plain bodies with the key in the body", async () => {
    const body = JSON.stringify({ writeKey: key, userId: "u", event: "Zipped", messageId: "gz-1" });
    const res = await send("t", gzipSync(body), { contentEncoding: "gzip", authorization: null });
    expect(res.status).toBe(200);
    expect(await stored("gz-1")).not.toBeNull();
  });

  it.each([
    ["no key", { authorization: null }, 401, "missing_write_key"],
    ["an unknown key", { authorization: basic("tdm_wk_nope") }, 401, "invalid_write_key"],
    ["a disabled source's key", { authorization: basic("DISABLED") }, 401, "source_disabled"],
    ["bad gzip", { contentEncoding: "gzip" }, 400, "invalid_gzip"],
  ])("refuses %s", async (_n, extra, status, code) => {
    const patched = { ...extra } as Partial<TrackingRequest>;
    if (patched.authorization === basic("DISABLED")) patched.authorization = basic(disabledKey);
    const res = await send("track", { userId: "u", event: "X" }, patched);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ success: false, error: { code } });
  });

  it("answers 400 for malformed JSON and 413 for an oversized request", async () => {
    expect((await send("track", "{oops")).status).toBe(400);
    const huge = { batch: Array.from({ length: 40 }, (_, i) => ({ type: "track", userId: "u", event: "E", properties: { pad: "x".repeat(15_000) }, messageId: `h-${i}` })) };
    const res = await send("batch", huge);
    expect(res.status).toBe(413);
    expect(await t.db.event.count({ where: { messageId: { startsWith: "h-" } } })).toBe(0);
  });

  it("checks a web source's allowed origins", async () => {
    const body = { userId: "u", event: "X" };
    expect((await send("track", body, { authorization: basic(webKey), origin: "https://www.acme.example" })).status).toBe(200);
    expect((await send("track", body, { authorization: basic(webKey), origin: "https://eu.acme.app" })).status).toBe(200);
    const bad = await send("track", body, { authorization: basic(webKey), origin: "https://evil.example" });
    expect(bad.status).toBe(403);
    expect(bad.body).toMatchObject({ error: { code: "origin_not_allowed" } });
  });

  it("answers 429 with Retry-After over the source's rate limit", async () => {
    const now = new Date("2026-05-02T00:00:00Z");
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await send("track", { userId: "u", event: "Burst" }, { authorization: basic(limitedKey) }, now);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(last!.headers?.["Retry-After"]).toBe("1");
  });

  it("holds the rate limit in the database, so a process that never saw the burst refuses too", async () => {
    const { writeKey } = await createSource({ name: "Shared limit", kind: "server", rateLimitPerSec: 1 });
    const now = new Date("2026-05-03T00:00:00Z");
    const hit = () => send("track", { userId: "u", event: "Shared" }, { authorization: basic(writeKey) }, now);
    expect([(await hit()).status, (await hit()).status]).toEqual([200, 200]);
    forgetCachedSources(); // what another collector process knows: nothing
    expect((await hit()).status).toBe(429);
    // One second later one token has come back, for whichever process asks first.
    forgetCachedSources();
    expect((await send("track", { userId: "u", event: "Shared" }, { authorization: basic(writeKey) }, new Date(now.getTime() + 1000))).status).toBe(200);
  });

  it("sees a change to a source within 5 s (SOURCE_CACHE_MS), in every process", async () => {
    const { id, writeKey } = await createSource({ name: "Soon disabled", kind: "server" });
    const at = (ms: number) => send("track", { userId: "u", event: "Cached" }, { authorization: basic(writeKey) }, new Date(Date.UTC(2026, 4, 4) + ms));
    expect((await at(0)).status).toBe(200);
    await t.db.source.update({ where: { id }, data: { enabled: false } });
    expect((await at(SOURCE_CACHE_MS - 1)).status).toBe(200); // still the cached answer
    expect((await at(SOURCE_CACHE_MS)).status).toBe(401);
  });
});

describe("Tandem's own origin", () => {
  it("may send to a web source whatever its allowed origins", async () => {
    process.env.TANDEM_PUBLIC_URL = "https://tandem.acme.example";
    const { resetEnv } = await import("../env");
    resetEnv();
    try {
      const res = await send("track", { userId: "u", event: "From Tandem" }, { authorization: basic(webKey), origin: "https://tandem.acme.example" });
      expect(res.status).toBe(200);
    } finally {
      delete process.env.TANDEM_PUBLIC_URL;
      resetEnv();
    }
  });
});
