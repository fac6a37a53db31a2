// "A 200 means committed": acknowledged events survive the database process being killed outright
// (SIGKILL, no shutdown), and concurrent overlapping requests store each message exactly once.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createPrisma, setDb } from "../db/prisma";
import { setPool } from "../db/pool";
import { createSource } from "../data/sources";
import { forgetCachedSources, handleTrackingRequest } from "./ingest";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-durability-"));
const dir = path.join(root, "pglite");
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function startChild(): Promise<{ child: ChildProcess; url: string }> {
  // One process (no tsx wrapper), so SIGKILL hits the process that owns the database.
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("tests/db-server-child.ts"), dir], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /READY (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once("exit", (code) => reject(new Error(`database child exited with ${code}`)));
  });
}

async function use(url: string) {
  const db = createPrisma(url, 4);
  setDb(db);
  await setPool(new pg.Pool({ connectionString: url, max: 6 }));
  forgetCachedSources();
  return db;
}

const basic = (k: string) => `Basic ${Buffer.from(`${k}:`).toString("base64")}`;
const batch = (writeKey: string, ids: string[]) =>
  handleTrackingRequest({
    segment: "batch",
    body: new TextEncoder().encode(JSON.stringify({ batch: ids.map((messageId) => ({ type: "track", userId: "u", event: "Durable", messageId })) })),
    contentEncoding: null,
    authorization: basic(writeKey),
    origin: null,
  });

describe.skipIf(process.env.TANDEM_TEST_BACKEND === "postgres")("durability of acknowledged events", () => {
  it("keeps every acknowledged event across a SIGKILL of the database process", async () => {
    let { child, url } = await startChild();
    let db = await use(url);
    const { writeKey, id: sourceId } = await createSource({ name: "Durable", kind: "server" });
    const acknowledged: string[] = [];
    for (let r = 0; r < 10; r++) {
      const ids = Array.from({ length: 50 }, (_, i) => `d-${r}-${i}`);
      const res = await batch(writeKey, ids);
      expect(res.status).toBe(200);
      acknowledged.push(...ids);
    }
    await db.$disconnect();
    await setPool(undefined);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));

    ({ child, url } = await startChild()); // takes over the dead process's lock
    db = await use(url);
    const [{ n }] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM events WHERE source_id = ${sourceId}`;
    expect(n).toBe(acknowledged.length);
    await db.$disconnect();
    await setPool(undefined);
    setDb(undefined);
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }, 120_000);
});

describe("concurrent requests", () => {
  it("store each message once when overlapping batches race", async () => {
    const { createTestDatabase } = await import("../../tests/test-database");
    const t = await createTestDatabase();
    try {
      forgetCachedSources();
      const { writeKey, id: sourceId } = await createSource({ name: "Racy", kind: "server" });
      // 12 requests, each overlapping the next by half its messages.
      const requests = Array.from({ length: 12 }, (_, r) => Array.from({ length: 40 }, (_, i) => `r-${r * 20 + i}`));
      const results = await Promise.all(requests.map((ids) => batch(writeKey, ids)));
      expect(results.every((r) => r.status === 200)).toBe(true);
      const distinct = new Set(requests.flat()).size;
      const [{ n }] = await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM events WHERE source_id = ${sourceId}`;
      expect(n).toBe(distinct);
      const dupes = results.reduce((s, r) => s + (r.body.duplicates as number), 0);
      expect(dupes).toBe(requests.flat().length - distinct);
    } finally {
      await t.close();
    }
  });
});
