import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_ATTEMPTS } from "./backoff";
import type { Message } from "./message";
import { loadQueue, MAX_QUEUED, Outbox } from "./outbox";
import { fakeBrowser, FakeStorage, respond, type FakeBrowser } from "./test-fakes";

const URL_ = "https://tandem.example/v1/batch";
const KEY = "wk_test";
const STORAGE_KEY = `tdm_queue:${KEY}`;

let seq = 0;
function message(props: Record<string, unknown> = {}): Message {
  seq++;
  return { type: "track", messageId: `m-${seq}`, anonymousId: "anon", timestamp: new Date().toISOString(), context: {}, event: "E", properties: props };
}

function outbox(b: FakeBrowser): Outbox {
  return new Outbox(b.env, { url: URL_, writeKey: KEY, storageKey: STORAGE_KEY });
}

const ids = (batch: Record<string, unknown>[]) => batch.map((m) => m.messageId);
const persistedIds = (s: FakeStorage) => loadQueue(s.getItem(STORAGE_KEY)).map((it) => it.m.messageId);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-03-01T12:00:00Z"));
  seq = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe("batching", () => {
  it("sends about a second after the first call, all calls in one text/plain POST with the key in the body", async () => {
    const b = fakeBrowser();
    const box = outbox(b);
    box.push(message());
    await vi.advanceTimersByTimeAsync(500);
    box.push(message());
    expect(b.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(500);
    expect(b.requests).toHaveLength(1);
    const [req] = b.requests;
    expect(req.url).toBe(URL_);
    expect(req.init).toMatchObject({ method: "POST", headers: { "Content-Type": "text/plain" }, keepalive: true, credentials: "omit" });
    expect(req.body.writeKey).toBe(KEY);
    expect(ids(req.body.batch)).toEqual(["m-1", "m-2"]);
    // sentAt is the send time, on the batch and on each message.
    expect(req.body.sentAt).toBe("2026-03-01T12:00:01.000Z");
    expect(req.body.batch.every((m) => m.sentAt === req.body.sentAt)).toBe(true);
    expect(box.size).toBe(0);
    expect(b.localStorage.getItem(STORAGE_KEY)).toBeNull();
  });

  it("sends at once when 20 calls are waiting", async () => {
    const b = fakeBrowser();
    const box = outbox(b);
    for (let i = 0; i < 19; i++) box.push(message());
    await vi.advanceTimersByTimeAsync(0);
    expect(b.requests).toHaveLength(0);
    box.push(message());
    await vi.advanceTimersByTimeAsync(0);
    expect(b.requests).toHaveLength(1);
    expect(b.requests[0].body.batch).toHaveLength(20);
  });

  it("sends one request at a time, the rest after it", async () => {
    const b = fakeBrowser();
    let release!: () => void;
    b.respondWith(() => new Promise((resolve) => (release = () => resolve(respond(200)))));
    const box = outbox(b);
    for (let i = 0; i < 20; i++) box.push(message());
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 25; i++) box.push(message());
    await vi.advanceTimersByTimeAsync(5000);
    expect(b.requests).toHaveLength(1);
    b.respondWith(() => respond(200));
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(b.requests.map((r) => r.body.batch.length)).toEqual([20, 25]);
  });

  it("splits a large backlog by bytes: each request under 500 KB", async () => {
    const b = fakeBrowser();
    const box = outbox(b);
    for (let i = 0; i < 40; i++) box.push(message({ pad: "x".repeat(30_000) }));
    await box.flush();
    expect(b.requests.map((r) => r.body.batch.length)).toEqual([16, 16, 8]);
    for (const r of b.requests) {
      expect(Buffer.byteLength(r.init.body)).toBeLessThan(500 * 1024);
      // Over the 64 KB keepalive quota: a keepalive fetch would be refused.
      expect(r.init.keepalive).toBe(false);
    }
  });

  it("drops a message over 32 KB or one JSON can't carry, with a warning", () => {
    const b = fakeBrowser();
    const box = outbox(b);
    expect(box.push(message({ pad: "x".repeat(33_000) }))).toBe(false);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(box.push(message(cyclic))).toBe(false);
    expect(box.push(message({ pad: "x".repeat(30_000) }))).toBe(true);
    expect(box.size).toBe(1);
    expect(b.warnings).toEqual([expect.stringContaining("over 32 KB"), expect.stringContaining("cannot be serialised")]);
  });
});

describe("retries", () => {
  it("retries network errors and 5xx with growing, jittered waits, then succeeds", async () => {
    const b = fakeBrowser();
    const outcomes: ("network-error" | number)[] = ["network-error", 503, 500, 200];
    b.respondWith(() => {
      const o = outcomes.shift()!;
      return o === "network-error" ? o : respond(o);
    });
    const box = outbox(b);
    box.push(message());
    await vi.advanceTimersByTimeAsync(1000); // first send fails
    expect(b.requests).toHaveLength(1);
    // random() is 0.5 in the fakes: waits of 750, 1500, 3000 ms.
    await vi.advanceTimersByTimeAsync(749);
    expect(b.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(b.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1499);
    expect(b.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(b.requests).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(3000);
    expect(b.requests).toHaveLength(4);
    expect(new Set(b.requests.map((r) => r.body.batch[0].messageId))).toEqual(new Set(["m-1"]));
    // Each attempt carries its own send time.
    expect(b.requests.map((r) => r.body.sentAt)).toEqual([
      "2026-03-01T12:00:01.000Z",
      "2026-03-01T12:00:01.750Z",
      "2026-03-01T12:00:03.250Z",
      "2026-03-01T12:00:06.250Z",
    ]);
    expect(box.size).toBe(0);
  });

  it("honours Retry-After on 429", async () => {
    const b = fakeBrowser();
    let first = true;
    b.respondWith(() => {
      if (!first) return respond(200);
      first = false;
      return respond(429, { "Retry-After": "7" });
    });
    const box = outbox(b);
    box.push(message());
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(6999);
    expect(b.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(b.requests).toHaveLength(2);
    expect(box.size).toBe(0);
  });

  it("does not send new calls while waiting to retry, then sends them with the failed batch", async () => {
    const b = fakeBrowser();
    let n = 0;
    b.respondWith(() => (n++ === 0 ? respond(502) : respond(200)));
    const box = outbox(b);
    box.push(message());
    await vi.advanceTimersByTimeAsync(1000);
    for (let i = 0; i < 25; i++) box.push(message());
    await vi.advanceTimersByTimeAsync(700);
    expect(b.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(b.requests).toHaveLength(2);
    expect(ids(b.requests[1].body.batch)).toEqual(Array.from({ length: 26 }, (_, i) => `m-${i + 1}`));
  });

  it("drops a batch the server refuses for good (4xx other than 408/429)", async () => {
    const b = fakeBrowser();
    b.respondWith(() => respond(403));
    const box = outbox(b);
    box.push(message());
    await vi.advanceTimersByTimeAsync(1000);
    expect(box.size).toBe(0);
    expect(b.warnings[0]).toContain("HTTP 403");
    await vi.advanceTimersByTimeAsync(120_000);
    expect(b.requests).toHaveLength(1);
  });

  it(`gives a message up after ${MAX_ATTEMPTS} failed attempts`, async () => {
    const b = fakeBrowser();
    b.respondWith(() => respond(500));
    const box = outbox(b);
    box.push(message());
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(b.requests).toHaveLength(MAX_ATTEMPTS);
    expect(box.size).toBe(0);
    expect(b.warnings).toEqual([expect.stringContaining(`after ${MAX_ATTEMPTS} failed attempts`)]);
  });

  it("flush() sends now, skipping the wait", async () => {
    const b = fakeBrowser();
    const box = outbox(b);
    box.push(message());
    box.push(message());
    await box.flush();
    expect(b.requests).toHaveLength(1);
    expect(box.size).toBe(0);
    await box.flush();
    expect(b.requests).toHaveLength(1);
  });
});

describe("persistence", () => {
  it("mirrors the queue to localStorage until the server has it", async () => {
    const b = fakeBrowser();
    b.respondWith(() => "network-error");
    const box = outbox(b);
    box.push(message());
    box.push(message());
    expect(persistedIds(b.localStorage)).toEqual(["m-1", "m-2"]);
    await vi.advanceTimersByTimeAsync(1000);
    // Failed: still there, with the attempt counted.
    expect(loadQueue(b.localStorage.getItem(STORAGE_KEY)).map((it) => it.n)).toEqual([1, 1]);
  });

  it("a reload sends what the last page left unsent", async () => {
    const first = fakeBrowser();
    first.respondWith(() => "network-error");
    const box = outbox(first);
    box.push(message());
    box.push(message());
    await vi.advanceTimersByTimeAsync(1000);
    // The page is reloaded with the same localStorage.
    const second = fakeBrowser({ localStorage: first.localStorage });
    const reloaded = outbox(second);
    expect(reloaded.size).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(second.requests).toHaveLength(1);
    expect(ids(second.requests[0].body.batch)).toEqual(["m-1", "m-2"]);
    expect(first.localStorage.getItem(STORAGE_KEY)).toBeNull();
  });

  it("keeps what is being sent persisted until it is acknowledged", async () => {
    const b = fakeBrowser();
    let release!: () => void;
    b.respondWith(() => new Promise((resolve) => (release = () => resolve(respond(200)))));
    const box = outbox(b);
    box.push(message());
    await vi.advanceTimersByTimeAsync(1000);
    expect(persistedIds(b.localStorage)).toEqual(["m-1"]);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(persistedIds(b.localStorage)).toEqual([]);
  });

  const corrupt: [string, string | null][] = [
    ["nothing", null],
    ["not JSON", "{oops"],
    ["not an array", '{"m":{}}'],
    ["entries without a message", '[1,null,{"n":2},{"m":{"type":"track"}}]'],
  ];
  it.each(corrupt)("ignores a persisted queue that is %s", (_, raw) => {
    expect(loadQueue(raw)).toEqual([]);
  });

  it("keeps well-formed entries and resets a bad attempt count", () => {
    const raw = JSON.stringify([{ m: { type: "track", messageId: "a" }, n: 3 }, { m: { type: "page", messageId: "b" }, n: "x" }, { junk: true }]);
    expect(loadQueue(raw)).toEqual([
      { m: { type: "track", messageId: "a" }, n: 3 },
      { m: { type: "page", messageId: "b" }, n: 0 },
    ]);
  });

  it(`holds at most ${MAX_QUEUED} messages, dropping the oldest that aren't in flight`, () => {
    const b = fakeBrowser();
    b.respondWith(() => "network-error");
    const box = outbox(b);
    for (let i = 0; i < MAX_QUEUED + 5; i++) box.push(message());
    expect(box.size).toBe(MAX_QUEUED);
    // The 20th call started a send; those 20 stay, the next five oldest go.
    const kept = persistedIds(b.localStorage);
    expect(kept.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => `m-${i + 1}`));
    expect(kept[20]).toBe("m-26");
    expect(kept.at(-1)).toBe(`m-${MAX_QUEUED + 5}`);
  });

  it("works without localStorage", async () => {
    const b = fakeBrowser();
    b.env.localStorage = null;
    const box = outbox(b);
    box.push(message());
    await vi.advanceTimersByTimeAsync(1000);
    expect(b.requests).toHaveLength(1);
  });
});

describe("sendBeacon on page hide", () => {
  it("hands the queue to sendBeacon as a text/plain Blob", async () => {
    const b = fakeBrowser();
    const box = outbox(b);
    box.push(message());
    box.push(message());
    box.beacon();
    const beacons = await b.settleBeacons();
    expect(beacons).toHaveLength(1);
    expect(beacons[0]).toMatchObject({ url: URL_, type: "text/plain" });
    expect(beacons[0].body.writeKey).toBe(KEY);
    expect(ids(beacons[0].body.batch)).toEqual(["m-1", "m-2"]);
    expect(beacons[0].body.batch[0].sentAt).toBe(beacons[0].body.sentAt);
    expect(box.size).toBe(0);
    expect(b.localStorage.getItem(STORAGE_KEY)).toBeNull();
    await vi.advanceTimersByTimeAsync(5000);
    expect(b.requests).toHaveLength(0);
  });

  it("splits into beacons under 64 KB and keeps what the browser refuses", async () => {
    const b = fakeBrowser();
    let budget = 2;
    b.beaconAccepts(() => budget-- > 0);
    const box = outbox(b);
    for (let i = 0; i < 4; i++) box.push(message({ pad: "x".repeat(25_000) }));
    box.beacon();
    const beacons = await b.settleBeacons();
    expect(beacons.map((x) => ids(x.body.batch))).toEqual([
      ["m-1", "m-2"],
      ["m-3", "m-4"],
    ]);
    expect(box.size).toBe(0);

    budget = 0;
    box.push(message());
    box.beacon();
    expect(box.size).toBe(1);
    expect(persistedIds(b.localStorage)).toEqual(["m-5"]);
  });

  it("leaves a batch that is in flight to its request", async () => {
    const b = fakeBrowser();
    let release!: () => void;
    b.respondWith(() => new Promise((resolve) => (release = () => resolve(respond(200)))));
    const box = outbox(b);
    box.push(message());
    await vi.advanceTimersByTimeAsync(1000);
    box.push(message());
    box.beacon();
    const beacons = await b.settleBeacons();
    expect(ids(beacons[0].body.batch)).toEqual(["m-2"]);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(box.size).toBe(0);
  });

  it("does nothing where sendBeacon doesn't exist", () => {
    const b = fakeBrowser();
    b.env.sendBeacon = undefined;
    const box = outbox(b);
    box.push(message());
    box.beacon();
    expect(box.size).toBe(1);
  });
});
