// npm run bench:ingest [-- --events 50000 --batch 100 --connections 8 --single 10000 --single-connections 32 --skip-embedded]
// Starts Tandem (production build) on a fresh embedded database — and on PostgreSQL when
// BENCH_DATABASE_URL is set — then measures, in the same run:
//   ceiling  the same events inserted straight into the database, same batch size and concurrency;
//   batch    POST /v1/batch over HTTP with concurrent clients (autocannon);
//   single   POST /v1/track, one event per request, as browsers send them.
// It prints events/s, p50/p99 latency, the ratio to the ceiling and the servers' peak memory, and
// checks that every acknowledged event was stored.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { analyticsNextMessage } from "../lib/bench/events";
import { freshPostgres } from "../lib/bench/fresh-db";
import { createPrisma, setDb } from "../lib/db/prisma";
import { setPool } from "../lib/db/pool";
import { createSource } from "../lib/data/sources";
import { storeRequests } from "../lib/data/events";
import { normalizeMessage, type NormalizedEvent } from "../lib/ingest/normalize";
import { NO_TELEMETRY } from "../lib/server/no-telemetry";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "50000" },
    batch: { type: "string", default: "100" },
    connections: { type: "string", default: "8" },
    single: { type: "string", default: "10000" },
    "single-connections": { type: "string", default: "32" },
    "skip-embedded": { type: "boolean", default: false },
  },
});
const EVENTS = Number(values.events);
const BATCH = Number(values.batch);
const CONNECTIONS = Number(values.connections);
const SINGLE = Number(values.single);
const SINGLE_CONNECTIONS = Number(values["single-connections"]);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function descendants(pid: number): number[] {
  let out: string;
  try {
    out = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" });
  } catch {
    return [];
  }
  const kids = out.split("\n").map((l) => Number(l.trim())).filter(Boolean);
  return kids.flatMap((k) => [k, ...descendants(k)]);
}

function peakRss(pid: number): { name: string; mb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
    const name = /collector\.ts/.test(cmd)
      ? "collector (/v1)"
      : /next-server|next\/dist\/bin\/next/.test(cmd) || /next-server/.test(status)
        ? "web app (Next.js)"
        : /start\.ts/.test(cmd) && !/tsx\/dist\/cli/.test(cmd)
          ? "start + embedded DB"
          : "";
    return hwm && name ? { name, mb: Number(hwm[1]) / 1024 } : null;
  } catch {
    return null;
  }
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("Tandem exited before it was ready");
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("Tandem did not become ready in 120 s");
}

interface Run {
  eventsPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
}

function cannon(url: string, bodies: string[], writeKey: string, connections: number): Promise<Run> {
  let next = 0;
  const auth = `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        amount: bodies.length,
        method: "POST",
        headers: { "content-type": "text/plain", authorization: auth },
        requests: [
          {
            setupRequest: (req: autocannon.Request) => ({ ...req, body: bodies[next++ % bodies.length] }),
          },
        ],
      },
      (err: Error | null, result: autocannon.Result) => {
        if (err) return reject(err);
        resolve({
          eventsPerSec: 0,
          p50: result.latency.p50,
          p99: result.latency.p99,
          requests: result.requests.total,
          non2xx: result.non2xx,
        });
      },
    );
  });
}

async function ceiling(events: NormalizedEvent[][], sourceId: string, connections: number): Promise<number> {
  const started = performance.now();
  let i = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (i < events.length) {
        const batch = events[i++]!;
        await storeRequests([{ sourceId, receivedAt: new Date(), events: batch, rejected: [] }]);
      }
    }),
  );
  return (events.reduce((n, b) => n + b.length, 0) / (performance.now() - started)) * 1000;
}

async function benchBackend(label: string, env: Record<string, string>, databaseUrl: () => string): Promise<void> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/start.ts"], {
    env: { ...process.env, ...env, PORT: String(port), NODE_ENV: "production", ...NO_TELEMETRY },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForHealth(base, child);
    const url = databaseUrl();
    const db = createPrisma(url, 2);
    setDb(db);
    await setPool(new pg.Pool({ connectionString: url, max: CONNECTIONS }));
    const runId = randomBytes(4).toString("hex");
    const { writeKey, id: sourceId } = await createSource({ name: "Bench", kind: "server" });
    const { id: ceilingSourceId } = await createSource({ name: "Bench ceiling", kind: "server" });

    const messages = Array.from({ length: EVENTS }, (_, i) => analyticsNextMessage(i, runId));
    const batches: Record<string, unknown>[][] = [];
    for (let i = 0; i < messages.length; i += BATCH) batches.push(messages.slice(i, i + BATCH));
    const batchBodies = batches.map((batch) => JSON.stringify({ batch, sentAt: new Date().toISOString() }));
    // Browsers send one track call per request.
    const singleBodies = Array.from({ length: SINGLE }, (_, i) =>
      JSON.stringify({ ...analyticsNextMessage(EVENTS + i, `${runId}s`), type: "track", event: "Button Clicked", name: undefined }),
    );
    const normalized = batches.map((b) =>
      b.map((m) => {
        const o = normalizeMessage(m, { receivedAt: new Date(), newMessageId: () => randomBytes(8).toString("hex") });
        if (!o.ok) throw new Error(o.reason);
        return o.event;
      }),
    );

    // Warm up the collector (the JIT needs a few thousand messages) and the connection pools.
    const warm = batchBodies.slice(0, Math.max(20, Math.ceil(batchBodies.length / 10))).map((b) => b.replaceAll(runId, `${runId}w`));
    await cannon(`${base}/v1/batch`, warm, writeKey, CONNECTIONS);
    await cannon(`${base}/v1/track`, singleBodies.slice(0, 500).map((b) => b.replaceAll(runId, `${runId}w`)), writeKey, SINGLE_CONNECTIONS);

    const ceilingRate = await ceiling(normalized, ceilingSourceId, CONNECTIONS);
    const t0 = performance.now();
    const batchRun = await cannon(`${base}/v1/batch`, batchBodies, writeKey, CONNECTIONS);
    batchRun.eventsPerSec = (EVENTS / (performance.now() - t0)) * 1000;
    const t1 = performance.now();
    const singleRun = await cannon(`${base}/v1/track`, singleBodies, writeKey, SINGLE_CONNECTIONS);
    const singleRate = (SINGLE / (performance.now() - t1)) * 1000;

    const [{ n }] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM events WHERE source_id = ${sourceId} AND message_id LIKE ${`ajs-next-${runId}-%`}`;
    // Each role's largest process (tsx runs a small wrapper beside each script).
    const memory = [child.pid!, ...descendants(child.pid!)]
      .map(peakRss)
      .filter((m): m is { name: string; mb: number } => !!m)
      .sort((a, b) => b.mb - a.mb)
      .filter((m, i, all) => all.findIndex((o) => o.name === m.name) === i);
    await db.$disconnect();
    setDb(undefined);
    await setPool(undefined);

    const f = (x: number) => Math.round(x).toLocaleString("en-US");
    console.log(`\n${label}  (${EVENTS.toLocaleString("en-US")} events of ~1.5 KB, batches of ${BATCH}, ${CONNECTIONS} connections)`);
    console.log(`  ceiling (direct set-based insert)  ${f(ceilingRate).padStart(9)} events/s`);
    console.log(`  POST /v1/batch over HTTP           ${f(batchRun.eventsPerSec).padStart(9)} events/s   p50 ${batchRun.p50} ms  p99 ${batchRun.p99} ms   ratio to ceiling ${(batchRun.eventsPerSec / ceilingRate).toFixed(2)}`);
    console.log(`  POST /v1/track, 1 event/request    ${f(singleRate).padStart(9)} requests/s p50 ${singleRun.p50} ms  p99 ${singleRun.p99} ms   (${SINGLE_CONNECTIONS} connections)`);
    console.log(`  non-2xx responses                  ${batchRun.non2xx + singleRun.non2xx}`);
    console.log(`  stored / sent (batch)              ${n} / ${EVENTS}${n === EVENTS ? "  ✓ nothing lost" : "  ✖ MISMATCH"}`);
    for (const m of memory) console.log(`  peak memory, ${m.name.padEnd(22)} ${m.mb.toFixed(0)} MB`);
    if (n !== EVENTS || batchRun.non2xx + singleRun.non2xx > 0) process.exitCode = 1;
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(process.env.TANDEM_NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
    console.log("▸ No production build: running next build");
    execFileSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, ...NO_TELEMETRY } });
  }
  console.log(`Tracking API benchmark on ${os.cpus().length} cores, Node ${process.version}`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-bench-"));
  const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-bench-pg-"));
  try {
    if (!values["skip-embedded"]) await benchBackend("Embedded PGlite", { TANDEM_DATA_DIR: dir, DATABASE_URL: "" }, () => {
      const lock = JSON.parse(fs.readFileSync(path.join(dir, "pglite.lock"), "utf8")) as { port: number };
      return `postgresql://postgres:postgres@127.0.0.1:${lock.port}/postgres?sslmode=disable`;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const server = process.env.BENCH_DATABASE_URL;
  if (server) {
    const fresh = await freshPostgres(server);
    try {
      await benchBackend("PostgreSQL (BENCH_DATABASE_URL)", { DATABASE_URL: fresh.url, TANDEM_DATA_DIR: pgDir }, () => fresh.url);
    } finally {
      await fresh.close();
      fs.rmSync(pgDir, { recursive: true, force: true });
    }
  } else {
    console.log("\n(Set BENCH_DATABASE_URL=postgres://… to measure on a PostgreSQL server too.)");
  }
}

void main();
