// npm run bench:ingest [-- --events 50000 --batch 100 --connections 8 --single 10000 --single-connections 32 --skip-embedded --paths previous,current --skip-plans --plans-only]
// Starts Tandem (production build) on a fresh embedded database — and on PostgreSQL when
// BENCH_DATABASE_URL is set — once per ingest path, and sends over HTTP:
//   workloads  "identity": lib/identity/bench-workload.ts's messages (visitors, sign-ups, several
//              devices, shared laptops, group and alias calls) padded to ~1.5 KB; "worst case": the
//              old workload whose 5,000 anonymous and 1,500 user ids cross constantly;
//   batch      POST /v1/batch with concurrent clients (autocannon);
//   single     one message per request (POST /v1/<type>), 32 clients, as browsers send them;
//   paths      "previous" (TANDEM_INGEST_PATH=previous: zod validation alone and, on PostgreSQL,
//              identity resolution under one lock — ingest before issue 13) and "current".
//   plans      on the current path, the identity workload again on two sources in alternating
//              rounds: one without a tracking plan, one whose plan covers every event and identify
//              trait of the workload, with 10 % of the messages invalid against it (blocked into the
//              quarantine) — the cost of checking plans, as a ratio within the run (aim ≤ 15 %).
// It prints events/s, p50/p99 latency and the ratio current / previous within the run, the
// servers' peak memory, a ceiling (the same identity batches stored straight through the write path
// in this process), and checks that every acknowledged message was stored. Aims are printed, never a
// failure: only ratios within one run mean something on a shared machine.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { analyticsNextMessage, padMessage } from "../lib/bench/events";
import { freshPostgres } from "../lib/bench/fresh-db";
import { createPrisma, setDb } from "../lib/db/prisma";
import { setPool } from "../lib/db/pool";
import { createSource } from "../lib/data/sources";
import { storeRequests } from "../lib/data/events";
import { identityWorkload } from "../lib/identity/bench-workload";
import { normalizeMessage, type NormalizedEvent } from "../lib/ingest/normalize";
import { NO_TELEMETRY } from "../lib/server/no-telemetry";
import { planForWorkload, withInvalid } from "../lib/bench/plan-workload";
import type { Db } from "../lib/db/prisma";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "50000" },
    batch: { type: "string", default: "100" },
    connections: { type: "string", default: "8" },
    single: { type: "string", default: "10000" },
    "single-connections": { type: "string", default: "32" },
    "skip-embedded": { type: "boolean", default: false },
    paths: { type: "string", default: "previous,current" },
    "skip-plans": { type: "boolean", default: false },
    /** Only the tracking-plans comparison (on the current path): no workloads, no ceiling. */
    "plans-only": { type: "boolean", default: false },
  },
});
const EVENTS = Number(values.events);
const BATCH = Number(values.batch);
const CONNECTIONS = Number(values.connections);
const SINGLE = Number(values.single);
const SINGLE_CONNECTIONS = Number(values["single-connections"]);
const PATHS = values.paths.split(",").map((p) => p.trim()) as ("previous" | "current")[];

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
  rate: number;
  p50: number;
  p99: number;
  non2xx: number;
}

interface Req {
  path: string;
  body: string;
}

/** Sends every request once with `connections` concurrent clients; rate = requests or events per second. */
function cannon(base: string, reqs: Req[], writeKey: string, connections: number, perRequest = 1): Promise<Run> {
  let next = 0;
  const auth = `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: base,
        connections,
        amount: reqs.length,
        method: "POST",
        headers: { "content-type": "text/plain", authorization: auth },
        requests: [
          {
            setupRequest: (req: autocannon.Request) => {
              const r = reqs[next++ % reqs.length]!;
              return { ...req, path: r.path, body: r.body };
            },
          },
        ],
      },
      (err: Error | null, result: autocannon.Result) => {
        if (err) return reject(err);
        const seconds = (performance.now() - started) / 1000;
        resolve({ rate: (reqs.length * perRequest) / seconds, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx });
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

interface Workload {
  name: string;
  /** Every message id of the workload starts with it (batch and single sets apart). */
  batchPrefix: string;
  singlePrefix: string;
  batches: Record<string, unknown>[][];
  singles: Record<string, unknown>[];
}

/** The two workloads, with ids unique to `runId` (a server's database sees each message once). */
function workloads(runId: string): Workload[] {
  const identity = (prefix: string, n: number, seed: number) => identityWorkload({ messages: n, seed, prefix }).messages.map((m, i) => padMessage(m, i));
  const chunk = (ms: Record<string, unknown>[]) => Array.from({ length: Math.ceil(ms.length / BATCH) }, (_, k) => ms.slice(k * BATCH, (k + 1) * BATCH));
  return [
    {
      name: "identity, ~1.5 KB",
      batchPrefix: `ajs-ib${runId}-`,
      singlePrefix: `ajs-is${runId}-`,
      batches: chunk(identity(`ib${runId}`, EVENTS, 13)),
      singles: identity(`is${runId}`, SINGLE, 14),
    },
    {
      name: "worst case",
      batchPrefix: `ajs-next-${runId}-`,
      singlePrefix: `ajs-next-${runId}s-`,
      batches: chunk(Array.from({ length: EVENTS }, (_, i) => analyticsNextMessage(i, runId))),
      singles: Array.from({ length: SINGLE }, (_, i) => ({ ...analyticsNextMessage(i, `${runId}s`), type: "track", event: "Button Clicked", name: undefined })),
    },
  ];
}

const batchRequests = (w: Workload): Req[] => w.batches.map((batch) => ({ path: "/v1/batch", body: JSON.stringify({ batch, sentAt: new Date().toISOString() }) }));
const singleRequests = (w: Workload): Req[] => w.singles.map((m) => ({ path: `/v1/${m.type as string}`, body: JSON.stringify(m) }));

type Arm = "off" | "on" | "flag";
const ARMS: readonly Arm[] = ["off", "on", "flag"];

interface PlansResult {
  /** off: no plan; on: invalid messages blocked (quarantined); flag: invalid messages stored and flagged. */
  rounds: Record<Arm, { batch: Run; single: Run }>[];
  invalidShare: number;
  quarantined: number;
}

/** Share of the plans workload's messages made invalid against the plan. */
const INVALID_SHARE = 0.1;
const PLAN_ROUNDS = 3;

/**
 * Tracking plans off vs on, same server and database, in rounds whose arm order rotates (off, block,
 * flag; block, flag, off; flag, off, block) so drift and warm-up on a shared machine hit every arm. Returns the rates and checks that every acknowledged message is
 * stored or quarantined (counted into `lost`).
 */
async function benchPlans(base: string, db: Db, runId: string, onLost: (n: number) => void): Promise<PlansResult> {
  const sources = {
    off: await createSource({ name: "Bench plans off", kind: "server" }),
    on: await createSource({ name: "Bench plans on (block)", kind: "server" }),
    flag: await createSource({ name: "Bench plans on (flag)", kind: "server" }),
  };
  const sample = identityWorkload({ messages: EVENTS, seed: 13, prefix: `pp${runId}` }).messages as Record<string, unknown>[];
  const plan = planForWorkload(sample, "block");
  for (const arm of ["on", "flag"] as const) {
    await db.trackingPlan.create({
      data: { sourceId: sources[arm].id, events: plan.events as never, identifySchema: plan.identify as never, unplanned: plan.unplanned, invalid: arm === "on" ? "block" : "flag" },
    });
  }
  const chunk = (ms: Record<string, unknown>[]) => Array.from({ length: Math.ceil(ms.length / BATCH) }, (_, k) => ms.slice(k * BATCH, (k + 1) * BATCH));
  const rounds: PlansResult["rounds"] = [];
  let quarantined = 0;
  for (let round = 0; round < PLAN_ROUNDS; round++) {
    const result = {} as PlansResult["rounds"][number];
    for (const which of ARMS.map((_, k) => ARMS[(k + round) % ARMS.length]!)) {
      const source = sources[which];
      const prefix = `p${which}${round}${runId}`;
      const make = (kind: string, n: number, seed: number) => {
        const ms = identityWorkload({ messages: n, seed, prefix: `${kind}${prefix}` }).messages.map((m, i) => padMessage(m, i)) as Record<string, unknown>[];
        return withInvalid(ms, plan, INVALID_SHARE).messages;
      };
      const batches = chunk(make("b", EVENTS, 13));
      const singles = make("s", SINGLE, 14);
      const batch = await cannon(base, batches.map((b) => ({ path: "/v1/batch", body: JSON.stringify({ batch: b, sentAt: new Date().toISOString() }) })), source.writeKey, CONNECTIONS, BATCH);
      const single = await cannon(base, singles.map((m) => ({ path: `/v1/${m.type as string}`, body: JSON.stringify(m) })), source.writeKey, SINGLE_CONNECTIONS);
      result[which] = { batch, single };
      const [{ events, held }] = await db.$queryRaw<{ events: number; held: number }[]>`
        SELECT (SELECT count(*) FROM events WHERE source_id = ${source.id} AND message_id LIKE ${`ajs-%${prefix}%`})::int AS events,
               (SELECT count(*) FROM quarantined_messages WHERE source_id = ${source.id} AND message_id LIKE ${`ajs-%${prefix}%`})::int AS held`;
      if (which === "on") quarantined += held;
      onLost(batches.flat().length + singles.length - events - held);
    }
    rounds.push(result);
  }
  return { rounds, invalidShare: INVALID_SHARE, quarantined };
}

interface PathResult {
  path: string;
  byWorkload: { name: string; batch: Run; single: Run }[];
  plans: PlansResult | null;
  ceiling: number | null;
  memory: { name: string; mb: number }[];
  lost: number;
}

/** One server on a fresh database, running one ingest path: both workloads, batch then single. */
async function benchPath(ingestPath: string, env: Record<string, string>, databaseUrl: () => string): Promise<PathResult> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/start.ts"], {
    env: { ...process.env, ...env, PORT: String(port), NODE_ENV: "production", TANDEM_INGEST_PATH: ingestPath, ...NO_TELEMETRY },
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

    // Warm up the collector (the JIT needs a few thousand messages) and the connection pools.
    const [warm] = workloads(`${runId}w`);
    await cannon(base, batchRequests(warm!).slice(0, Math.max(20, Math.ceil(warm!.batches.length / 10))), writeKey, CONNECTIONS);
    await cannon(base, singleRequests(warm!).slice(0, 500), writeKey, SINGLE_CONNECTIONS);

    const byWorkload: PathResult["byWorkload"] = [];
    let lost = 0;
    const stored = async (prefix: string) => {
      const [{ n }] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM events WHERE source_id = ${sourceId} AND message_id LIKE ${`${prefix}%`}`;
      return n;
    };
    for (const w of values["plans-only"] ? [] : workloads(runId)) {
      const batch = await cannon(base, batchRequests(w), writeKey, CONNECTIONS, BATCH);
      const single = await cannon(base, singleRequests(w), writeKey, SINGLE_CONNECTIONS);
      lost += w.batches.flat().length - (await stored(w.batchPrefix)) + (w.singles.length - (await stored(w.singlePrefix)));
      byWorkload.push({ name: w.name, batch, single });
    }

    // The ceiling: the identity batches stored straight through the current write path, same concurrency.
    let ceilingRate: number | null = null;
    if (ingestPath === "current" && !values["plans-only"]) {
      const { id: ceilingSourceId } = await createSource({ name: "Bench ceiling", kind: "server" });
      const [w] = workloads(`${runId}c`);
      const normalized = w!.batches.map((b) =>
        b.map((m) => {
          const o = normalizeMessage(m, { receivedAt: new Date(), newMessageId: () => randomBytes(8).toString("hex") });
          if (!o.ok) throw new Error(o.reason);
          return o.event;
        }),
      );
      ceilingRate = await ceiling(normalized, ceilingSourceId, CONNECTIONS);
    }

    let plans: PlansResult | null = null;
    if (ingestPath === "current" && !values["skip-plans"]) plans = await benchPlans(base, db, runId, (n) => (lost += n));

    // Each role's largest process (tsx runs a small wrapper beside each script).
    const memory = [child.pid!, ...descendants(child.pid!)]
      .map(peakRss)
      .filter((m): m is { name: string; mb: number } => !!m)
      .sort((a, b) => b.mb - a.mb)
      .filter((m, i, all) => all.findIndex((o) => o.name === m.name) === i);
    await db.$disconnect();
    setDb(undefined);
    await setPool(undefined);
    return { path: ingestPath, byWorkload, plans, ceiling: ceilingRate, memory, lost };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  }
}

const AIMS = {
  embedded: { batch: 6_000, single: 1_000 },
  postgres: { batch: 10_000, single: 1_500 },
} as const;

function report(label: string, kind: keyof typeof AIMS, results: PathResult[]): void {
  const f = (x: number) => Math.round(x).toLocaleString("en-US");
  console.log(`\n${label}  (${f(EVENTS)} messages per workload in batches of ${BATCH} over ${CONNECTIONS} connections; ${f(SINGLE)} single-message requests over ${SINGLE_CONNECTIONS})`);
  console.log(`  ${"workload".padEnd(18)} ${"path".padEnd(9)} ${"/v1/batch events/s".padStart(18)} ${"p99".padStart(7)}   ${"single req/s".padStart(12)} ${"p50".padStart(6)} ${"p99".padStart(6)}`);
  const names = results[0]?.byWorkload.map((w) => w.name) ?? [];
  for (const name of names) {
    const rows = results.map((r) => ({ path: r.path, w: r.byWorkload.find((x) => x.name === name)! }));
    for (const { path: p, w } of rows) {
      console.log(`  ${name.padEnd(18)} ${p.padEnd(9)} ${f(w.batch.rate).padStart(18)} ${`${w.batch.p99} ms`.padStart(7)}   ${f(w.single.rate).padStart(12)} ${`${w.single.p50}`.padStart(6)} ${`${w.single.p99} ms`.padStart(6)}`);
    }
    const prev = rows.find((r) => r.path === "previous")?.w;
    const cur = rows.find((r) => r.path === "current")?.w;
    if (prev && cur) {
      console.log(`  ${"".padEnd(18)} ${"ratio".padEnd(9)} ${`× ${(cur.batch.rate / prev.batch.rate).toFixed(2)}`.padStart(18)} ${"".padStart(7)}   ${`× ${(cur.single.rate / prev.single.rate).toFixed(2)}`.padStart(12)}`);
    }
  }
  const current = results.find((r) => r.path === "current");
  if (current) {
    const w = current.byWorkload[0];
    const aim = AIMS[kind];
    const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
    if (current.ceiling && w) console.log(`  ceiling (identity batches straight through the write path, in this process)  ${f(current.ceiling)} events/s; /v1/batch ratio ${(w.batch.rate / current.ceiling).toFixed(2)}`);
    if (w) console.log(`  aims (identity workload, current path): /v1/batch ≥ ${f(aim.batch)} events/s: ${verdict(w.batch.rate >= aim.batch)} (${(w.batch.rate / aim.batch).toFixed(2)} of it); single ≥ ${f(aim.single)} requests/s: ${verdict(w.single.rate >= aim.single)} (${(w.single.rate / aim.single).toFixed(2)}); single p99 ≤ 100 ms: ${verdict(w.single.p99 <= 100)}`);
    for (const m of current.memory) console.log(`  peak memory, ${m.name.padEnd(22)} ${m.mb.toFixed(0)} MB`);
    if (current.plans) reportPlans(current.plans);
  }
  const runsOf = (r: PathResult) => [...r.byWorkload, ...(r.plans?.rounds.flatMap((x) => [x.off, x.on]) ?? [])];
  const non2xx = results.reduce((n, r) => n + runsOf(r).reduce((k, w) => k + w.batch.non2xx + w.single.non2xx, 0), 0);
  const lost = results.reduce((n, r) => n + r.lost, 0);
  console.log(`  non-2xx responses ${non2xx}; acknowledged but not stored ${lost}${lost === 0 ? "  ✓ nothing lost" : "  ✖ MISMATCH"}`);
  if (lost !== 0 || non2xx > 0) process.exitCode = 1;
}

/** Plans off vs on: each round's rates, and the added cost over all rounds (aim ≤ 15 %). */
function reportPlans(p: PlansResult): void {
  const f = (x: number) => Math.round(x).toLocaleString("en-US");
  console.log(`  tracking plans (identity workload; a plan covering every event and identify trait; ${p.invalidShare * 100} % of messages invalid: "on" blocks them into the quarantine, "flag" stores and flags them)`);
  p.rounds.forEach((r, i) => {
    const arm = (a: Arm, w: "batch" | "single") => `${a} ${f(r[a][w].rate)} (p99 ${r[a][w].p99} ms)`;
    console.log(`    round ${i + 1}: /v1/batch events/s ${ARMS.map((a) => arm(a, "batch")).join(", ")}; single req/s ${ARMS.map((a) => arm(a, "single")).join(", ")}`);
  });
  const sum = (k: Arm, w: "batch" | "single") => p.rounds.reduce((n, r) => n + r[k][w].rate, 0);
  const cost = (k: Arm, w: "batch" | "single") => sum("off", w) / sum(k, w) - 1;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const verdict = (x: number) => (x <= 0.15 ? "met" : "NOT met");
  for (const k of ["on", "flag"] as const) {
    console.log(
      `    added cost, ${k === "on" ? "blocking" : "flagging"} (time per message, all rounds): /v1/batch ${pct(cost(k, "batch"))}, single ${pct(cost(k, "single"))}; aim ≤ 15 %: batch ${verdict(cost(k, "batch"))}, single ${verdict(cost(k, "single"))}`,
    );
  }
  console.log(`    ${f(p.quarantined)} messages quarantined (the cap, 10,000 by default, drops and counts the oldest beyond it)`);
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(process.env.TANDEM_NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
    console.log("▸ No production build: running next build");
    execFileSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, ...NO_TELEMETRY } });
  }
  console.log(`Tracking API benchmark on ${os.cpus().length} cores, Node ${process.version}; paths: ${PATHS.join(", ")}`);

  if (!values["skip-embedded"]) {
    const results: PathResult[] = [];
    for (const p of PATHS) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-bench-"));
      try {
        results.push(
          await benchPath(p, { TANDEM_DATA_DIR: dir, DATABASE_URL: "" }, () => {
            const lock = JSON.parse(fs.readFileSync(path.join(dir, "pglite.lock"), "utf8")) as { port: number };
            return `postgresql://postgres:postgres@127.0.0.1:${lock.port}/postgres?sslmode=disable`;
          }),
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    report("Embedded PGlite", "embedded", results);
  }

  const server = process.env.BENCH_DATABASE_URL;
  if (server) {
    const results: PathResult[] = [];
    for (const p of PATHS) {
      const fresh = await freshPostgres(server);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-bench-pg-"));
      try {
        results.push(await benchPath(p, { DATABASE_URL: fresh.url, TANDEM_DATA_DIR: dir }, () => fresh.url));
      } finally {
        await fresh.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    report("PostgreSQL (BENCH_DATABASE_URL)", "postgres", results);
  } else {
    console.log("\n(Set BENCH_DATABASE_URL=postgres://… to measure on a PostgreSQL server too.)");
  }
}

void main();
