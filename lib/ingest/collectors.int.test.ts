// Several collectors against one database, as real processes (`npm run collector`'s script): each
// serves only the SDK endpoints; a message sent to both is stored once; a source's rate limit holds
// across them; the live debugger sees what either stored; a change to a source reaches both; and
// TANDEM_COLLECTOR_PROCESSES=N runs N processes on one port.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { createSource } from "../data/sources";
import { listSourceMessages } from "../data/source-admin";
import { messagesQuery } from "../sources/inputs";
import { pollCaughtUp } from "../../tests/debugger-poll";

let t: TestDatabase;
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Starts scripts/collector.ts alone on a free port and waits until it answers. */
async function startCollector(processes = 1): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  // One node process (no tsx wrapper), so its cluster workers are its direct children.
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", path.resolve("scripts/collector.ts"), "--port", String(port)], {
    env: { ...process.env, DATABASE_URL: t.url, TANDEM_COLLECTOR_PROCESSES: String(processes), TANDEM_DB_POOL_SIZE: "2" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the collector exited with ${child.exitCode}`);
    const up = await fetch(`${base}/t.js`, { method: "HEAD" }).then((r) => r.ok, () => false);
    if (up) return { base, child };
    await new Promise((r) => setTimeout(r, 100));
  }
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
const post = (base: string, call: string, writeKey: string, body: unknown) =>
  fetch(`${base}/v1/${call}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: basic(writeKey), connection: "close" },
    body: JSON.stringify(body),
  });

let a = "";
let b = "";

beforeAll(async () => {
  t = await createTestDatabase();
  [a, b] = (await Promise.all([startCollector(), startCollector()])).map((c) => c.base) as [string, string];
}, 120_000);
afterAll(async () => {
  await Promise.all(children.map(stopChild));
  await t.close();
});

describe("two collector processes on one database", () => {
  it("serve the SDK endpoints and nothing else", async () => {
    const { writeKey } = await createSource({ name: "Site", kind: "web" });
    for (const base of [a, b]) {
      const js = await fetch(`${base}/t.js`);
      expect(js.status).toBe(200);
      expect(js.headers.get("content-type")).toMatch(/javascript/);
      expect((await js.text()).length).toBeGreaterThan(1000);
      const settings = await fetch(`${base}/v1/projects/${writeKey}/settings`);
      expect(settings.status).toBe(200);
      expect(await settings.json()).toMatchObject({ integrations: { "Segment.io": { apiKey: writeKey } } });
      const config = await fetch(`${base}/sourceConfig?writeKey=${writeKey}`);
      expect(config.status).toBe(200);
      expect(await config.json()).toMatchObject({ source: { enabled: true } });
      const unknown = await fetch(`${base}/sourceConfig?writeKey=tdm_wk_nope`);
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: { code: "invalid_write_key" } });
      for (const url of ["/", "/contacts", "/api/health", "/api/v1/profiles/x"]) {
        const res = await fetch(`${base}${url}`);
        expect({ url, status: res.status }).toEqual({ url, status: 404 });
        expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
      }
    }
  });

  it("store a message sent to both exactly once", async () => {
    const { id, writeKey } = await createSource({ name: "Twice", kind: "server" });
    const batch = { batch: Array.from({ length: 30 }, (_, i) => ({ type: "track", userId: `u${i % 7}`, event: "Sent Twice", messageId: `twice-${i}` })) };
    const answers = await Promise.all([a, b, a, b].map((base) => post(base, "batch", writeKey, batch).then((r) => r.json())));
    expect(answers.every((x) => x.success && x.accepted === 30)).toBe(true);
    expect(answers.reduce((n, x) => n + x.accepted - x.duplicates, 0)).toBe(30);
    const [{ n }] = await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM events WHERE source_id = ${id}`;
    expect(n).toBe(30);
    // The live debugger lists what both stored (once every older transaction on the server has ended).
    const seen = await pollCaughtUp(t.db, async (after) => (await listSourceMessages(id, messagesQuery.parse({ after })))!);
    expect(new Set(seen.messages.map((m) => m.messageId))).toEqual(new Set(batch.batch.map((m) => m.messageId)));
  });

  it("hold a source's rate limit together, not once each", async () => {
    // 1 request/s with a burst of 2: one bucket for the deployment lets 2 through at first; a bucket
    // per process would let 4 through.
    const { writeKey } = await createSource({ name: "Limited", kind: "web", rateLimitPerSec: 1 });
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await post(i % 2 ? b : a, "track", writeKey, { userId: "u", event: "Limited" })).status);
    const elapsedSec = (Date.now() - started) / 1000;
    const allowed = statuses.filter((s) => s === 200).length;
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(allowed).toBeGreaterThanOrEqual(2);
    expect(allowed).toBeLessThanOrEqual(2 + Math.floor(elapsedSec));
  });

  it("both stop accepting a source disabled elsewhere once their cache expires", async () => {
    const { id, writeKey } = await createSource({ name: "Soon off", kind: "server" });
    for (const base of [a, b]) expect((await post(base, "track", writeKey, { userId: "u", event: "Before" })).status).toBe(200);
    await t.db.source.update({ where: { id }, data: { enabled: false } });
    for (const base of [a, b]) {
      let status = 200;
      while (status === 200) {
        status = (await post(base, "track", writeKey, { userId: "u", event: "After" })).status;
        if (status === 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(401);
    }
  }, 30_000);
});

describe("TANDEM_COLLECTOR_PROCESSES", () => {
  it("runs that many processes on one port, and stops them all", async () => {
    const { base, child } = await startCollector(2);
    const { id, writeKey } = await createSource({ name: "Clustered", kind: "server" });
    const workers = () => execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(child.pid)], { encoding: "utf8" })
        .split("\n")
        .filter((l) => l.includes("collector.ts"))
        .map((l) => Number(l.trim().split(/\s+/)[0]));
    // Both workers are up once the port answers twice as many fresh connections as it has processes.
    for (let i = 0; i < 20; i++) expect((await post(base, "track", writeKey, { userId: `c${i}`, event: "Clustered", messageId: `cl-${i}` })).status).toBe(200);
    expect(workers()).toHaveLength(2);
    const [{ n }] = await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM events WHERE source_id = ${id}`;
    expect(n).toBe(20);
    const pids = workers();
    await stopChild(child);
    const alive = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  }, 60_000);
});
