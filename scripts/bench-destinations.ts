// npm run bench:destinations [-- --messages 40000 --batch 100 --concurrency 4 --rounds 3 --skip-embedded --dest-batch 100
//                               --modes none,one,profiles,feed,paced --paced-rate 2000]
// What one destination costs ingest, and whether delivery keeps up. On a fresh embedded database — and
// on PostgreSQL when BENCH_DATABASE_URL is set — it stores lib/identity/bench-workload.ts's messages
// through the ingest write path (storeRequests, identity resolution included) with concurrent requests:
//   none  no destination, no dispatcher;
//   one   one webhook destination (every event) and the dispatcher running as its own process
//         (scripts/dispatcher.ts, as `npm start` runs it), delivering to a local HTTP sink on 127.0.0.1
//         (scripts/bench-destinations-sink.ts, its own process);
//   profiles  one profile-change webhook (every change) instead: resolution also records the
//         workload's trait changes and merges in profile_changes, delivered the same way;
//   feed  the same profile-change webhook paused and no dispatcher: what recording the feed alone
//         costs ingest, apart from the delivery work beside it;
//   paced as `one`, but ingest is held to --paced-rate events/s (2,000: the aim) instead of as fast as
//         it goes: how far delivery lags behind what was stored, sampled every 100 ms — whether it
//         keeps up with that rate live, not only drains a backlog that fast.
// Rounds rotate the order; medians are compared: ratio = one / none ingest messages/s, cost =
// 1 − ratio, against the aim "at most 10 %" (and the same for profiles / none). It also prints the delivery rate — events delivered per
// second from the start of ingest until the sink has acknowledged the last one (includes the 1 s wake) —
// against the aim 2,000 events/s, and the backlog: how far behind delivery was when ingest finished.
// Each arm also prints where the CPU went while ingest ran (lib/bench/cpu.ts): this process (ingest's
// JavaScript), the database (PostgreSQL's backends for ingest and for the dispatcher apart), the
// dispatcher and the sink — CPU seconds hardly depend on how busy the machine is, so they explain a
// cost the noisy ratios only show. BENCH_DISPATCHER_PROFILE=<dir> writes the dispatcher's V8 profile.
// Timings on a shared machine are noise: only ratios within one run mean something. It fails only when
// the bench is broken (an event missing or delivered twice).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import readline from "node:readline";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { createPrisma, setDb } from "../lib/db/prisma";
import { setPool } from "../lib/db/pool";
import { migrate } from "../lib/db/migrate";
import { freshEmbedded, freshPostgres, median, type FreshDb } from "../lib/bench/fresh-db";
import { createSource } from "../lib/data/sources";
import { storeRequests } from "../lib/data/events";
import { createDestination } from "../lib/data/destinations";
import { createDestinationSchema } from "../lib/destinations/inputs";
import { normalizeMessage, type NormalizedEvent } from "../lib/ingest/normalize";
import { identityWorkload } from "../lib/identity/bench-workload";
import { systemActor } from "../lib/audit/actions";
import { NO_TELEMETRY } from "../lib/server/no-telemetry";
import { resetEnv } from "../lib/env";
import { cpuBetween, processTable, treeOf, type ProcStat } from "../lib/bench/cpu";

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "40000" },
    batch: { type: "string", default: "100" },
    concurrency: { type: "string", default: "4" },
    rounds: { type: "string", default: "3" },
    "skip-embedded": { type: "boolean", default: false },
    /** The destination's events per request. */
    "dest-batch": { type: "string", default: "100" },
    /** Which arms to run (comma-separated), e.g. none,one. */
    modes: { type: "string", default: "none,one,profiles,feed,paced" },
    /** The paced arm's ingest rate, events per second. */
    "paced-rate": { type: "string", default: "2000" },
  },
});
const MESSAGES = Number(values.messages);
const BATCH = Number(values.batch);
const CONCURRENCY = Number(values.concurrency);
const ROUNDS = Number(values.rounds);
const DEST_BATCH = Number(values["dest-batch"]);
const PACED_RATE = Number(values["paced-rate"]);
const f = (n: number) => Math.round(n).toLocaleString("en-US");

interface Sink {
  url: string;
  pid: number;
  stats(): Promise<{ unique: number; duplicates: number; lastAt: number }>;
  close(): Promise<void>;
}

/** The receiver, in its own process (scripts/bench-destinations-sink.ts). */
async function startSink(): Promise<Sink> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench-destinations-sink.ts"], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on("line", (line) => line.startsWith("READY ") && resolve(line.slice(6).trim()));
    child.once("exit", () => reject(new Error("the sink exited")));
  });
  return {
    url,
    pid: child.pid!,
    stats: () =>
      new Promise((resolve) => {
        child.once("message", (m) => resolve(m as { unique: number; duplicates: number; lastAt: number }));
        child.send("stats");
      }),
    close: async () => {
      child.disconnect();
      await new Promise((r) => child.once("exit", r));
    },
  };
}

function toBatches(messages: Record<string, unknown>[]): NormalizedEvent[][] {
  const events = messages.map((m) => {
    const o = normalizeMessage(m, { receivedAt: new Date(Date.parse(m.sentAt as string) + 120), newMessageId: () => randomBytes(8).toString("hex") });
    if (!o.ok) throw new Error(`workload message refused: ${o.reason}`);
    return o.event;
  });
  const out: NormalizedEvent[][] = [];
  for (let i = 0; i < events.length; i += BATCH) out.push(events.slice(i, i + BATCH));
  return out;
}

interface Outcome {
  rate: number;
  deliveredRate?: number;
  backlogAtEnd?: number;
  /** A backlog's delivery rate: the same events stored while the destination was paused, then resumed. */
  drainRate?: number;
  /** Profile changes recorded (profiles mode). */
  changes?: number;
  /** CPU seconds spent while ingest ran, by whom (cpuShares). */
  cpu: Record<string, number>;
  /** Paced: the most events stored but not yet acknowledged by the sink, sampled every 100 ms. */
  maxLag?: number;
  /** Paced: how long after the last event was stored the sink had them all, in seconds. */
  caughtUpAfter?: number;
}

/** The dispatcher's connections name themselves so its PostgreSQL backends can be told apart. */
const DISPATCHER_APP = "tandem-bench-dispatcher";

/**
 * Where the CPU went while ingest ran: this process (ingest's JavaScript), the database — the embedded
 * server's process, or PostgreSQL's backends split into ingest's and the dispatcher's (by
 * application_name) and the server's own processes — the dispatcher and the sink.
 */
async function cpuShares(
  before: ReadonlyMap<number, ProcStat>,
  after: ReadonlyMap<number, ProcStat>,
  fresh: FreshDb,
  pool: pg.Pool,
  children: { dispatcher?: number; sink?: number },
): Promise<Record<string, number>> {
  const out: Record<string, number> = { ingest: cpuBetween(before, after, [process.pid]) };
  if (fresh.pid) out.database = cpuBetween(before, after, treeOf(after, fresh.pid));
  else {
    const { rows } = await pool.query<{ pid: number; app: string }>(
      `SELECT pid, application_name AS app FROM pg_stat_activity WHERE datname = current_database()`,
    );
    const dispatcherPids = rows.filter((r) => r.app === DISPATCHER_APP).map((r) => r.pid);
    const ours = new Set(rows.map((r) => r.pid));
    const server = [...after.values()].filter((p) => p.comm === "postgres" || p.comm.startsWith("postgres")).map((p) => p.pid);
    out["db for ingest"] = cpuBetween(before, after, rows.filter((r) => r.app !== DISPATCHER_APP).map((r) => r.pid));
    out["db for dispatcher"] = cpuBetween(before, after, dispatcherPids);
    out["db server"] = cpuBetween(before, after, server.filter((pid) => !ours.has(pid)));
  }
  if (children.dispatcher) out.dispatcher = cpuBetween(before, after, treeOf(after, children.dispatcher));
  if (children.sink) out.sink = cpuBetween(before, after, treeOf(after, children.sink));
  return out;
}

const showCpu = (cpu: Record<string, number>) =>
  Object.entries(cpu)
    .map(([k, v]) => `${k} ${v.toFixed(1)}`)
    .join(" · ");

const ALL_MODES = ["none", "one", "profiles", "feed", "paced"] as const;
type Mode = (typeof ALL_MODES)[number];
const MODES = values.modes.split(",").map((m) => m.trim()) as Mode[];
for (const m of MODES) if (!ALL_MODES.includes(m)) throw new Error(`--modes: unknown arm ${m} (${ALL_MODES.join(", ")})`);

async function run(fresh: FreshDb, mode: Mode, batches: NormalizedEvent[][]): Promise<Outcome> {
  await migrate(fresh.url);
  const db = createPrisma(fresh.url, 2);
  setDb(db);
  const pool = new pg.Pool({ connectionString: fresh.url, max: CONCURRENCY });
  pool.on("error", () => undefined);
  await setPool(pool);
  let sink: Sink | null = null;
  let dispatcher: ReturnType<typeof spawn> | null = null;
  try {
    const { id: sourceId } = await createSource({ name: "Bench", kind: "server" });
    // Prime the engine before the clock starts.
    const { id: primeId } = await createSource({ name: "Bench priming", kind: "server" });
    await storeRequests([{ sourceId: primeId, receivedAt: new Date(), events: toBatches(identityWorkload({ messages: 200, seed: 99, prefix: "prime" }).messages)[0]!, rejected: [] }]);
    if (mode === "feed")
      await createDestination(
        createDestinationSchema.parse({ name: "Bench feed", kind: "profile_webhook", url: "http://127.0.0.1:9/unused", enabled: false }),
        systemActor("Bench"),
      );
    if (mode === "one" || mode === "profiles" || mode === "paced") {
      sink = await startSink();
      const kind = mode === "profiles" ? "profile_webhook" : "webhook";
      await createDestination(createDestinationSchema.parse({ name: "Bench sink", kind, url: sink.url, batchSize: DEST_BATCH, maxConcurrency: 2 }), systemActor("Bench"));
      // BENCH_DISPATCHER_PROFILE=<dir>: a V8 CPU profile of the dispatcher, written there when it stops.
      const profile = process.env.BENCH_DISPATCHER_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_DISPATCHER_PROFILE}`] : [];
      dispatcher = spawn(process.execPath, [...profile, "--import", "tsx", "--conditions=react-server", "scripts/dispatcher.ts"], {
        stdio: ["ignore", "pipe", "inherit"],
        env: { ...process.env, ...NO_TELEMETRY, DATABASE_URL: fresh.url, TANDEM_DESTINATIONS_ALLOW_PRIVATE: "1", TANDEM_DB_POOL_SIZE: "3", PGAPPNAME: DISPATCHER_APP },
      });
      // Started (tsx compiled it, the modules loaded) — then two wakes, so its first rounds (connecting,
      // the client's first queries) are not on the clock either.
      const child = dispatcher;
      await new Promise<void>((resolve, reject) => {
        readline.createInterface({ input: child.stdout! }).on("line", (line) => line.includes("dispatcher running") && resolve());
        child.once("exit", () => reject(new Error("the dispatcher exited")));
      });
      child.stdout!.resume();
      await new Promise((r) => setTimeout(r, 2000));
    }
    const total = batches.reduce((n, b) => n + b.length, 0);
    let next = 0;
    let stored = 0;
    let maxLag = 0;
    // Paced: the lag — events committed but not yet acknowledged by the sink — sampled as ingest runs.
    let sampling: Promise<void> | undefined;
    let ingesting = true;
    if (mode === "paced")
      sampling = (async () => {
        while (ingesting) {
          const committed = stored;
          maxLag = Math.max(maxLag, committed - (await sink!.stats()).unique);
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
    const startedAt = Date.now();
    const procsBefore = processTable();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < batches.length) {
          const i = next++;
          const events = batches[i]!;
          // Paced: batch i is stored no earlier than its place in a steady stream of PACED_RATE events/s.
          if (mode === "paced") {
            const due = started + ((i * BATCH) / PACED_RATE) * 1000;
            if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
          }
          await storeRequests([{ sourceId, receivedAt: new Date(), events, rejected: [] }]);
          stored += events.length;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const procsAfter = processTable();
    const endedAt = Date.now();
    ingesting = false;
    await sampling;
    const out: Outcome = {
      rate: total / seconds,
      cpu: await cpuShares(procsBefore, procsAfter, fresh, pool, { dispatcher: dispatcher?.pid, sink: sink?.pid }),
    };
    if (sink) {
      const [{ n }] = (
        await pool.query<{ n: number }>(mode === "profiles" ? `SELECT count(*)::int AS n FROM profile_changes` : `SELECT count(*)::int AS n FROM events WHERE source_id = $1`, mode === "profiles" ? [] : [sourceId])
      ).rows as [{ n: number }];
      out.changes = mode === "profiles" ? n : undefined;
      out.backlogAtEnd = n - (await sink.stats()).unique;
      const deadline = Date.now() + 120_000;
      let stats = await sink.stats();
      while (stats.unique < n && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        stats = await sink.stats();
      }
      if (stats.unique < n) throw new Error(`${n - stats.unique} events were not delivered within 120 s`);
      if (stats.duplicates) console.log(`    note: ${stats.duplicates} events delivered twice (at least once)`);
      out.deliveredRate = total / ((stats.lastAt - startedAt) / 1000);
      if (mode === "paced") {
        out.maxLag = maxLag;
        out.caughtUpAfter = Math.max(0, stats.lastAt - endedAt) / 1000;
      }
      if (mode === "profiles" || mode === "paced") return out;

      // Capacity: pause, store the workload again (new message ids), resume, time the backlog's delivery.
      await pool.query(`UPDATE destinations SET enabled = false`);
      const again = batches.map((b) => b.map((e) => ({ ...e, messageId: `${e.messageId}-again` })));
      for (const events of again) await storeRequests([{ sourceId, receivedAt: new Date(), events, rejected: [] }]);
      const resumedAt = Date.now();
      await pool.query(`UPDATE destinations SET enabled = true`);
      const target = n + total;
      const drainDeadline = Date.now() + 120_000;
      while ((stats = await sink.stats()).unique < target && Date.now() < drainDeadline) await new Promise((r) => setTimeout(r, 50));
      if (stats.unique < target) throw new Error(`${target - stats.unique} backlog events were not delivered within 120 s`);
      out.drainRate = total / ((stats.lastAt - resumedAt) / 1000);
    }
    return out;
  } finally {
    if (dispatcher) {
      dispatcher.kill("SIGTERM");
      await new Promise((r) => dispatcher!.once("exit", r));
    }
    await sink?.close();
    await db.$disconnect();
    setDb(undefined);
    await setPool(undefined);
  }
}

async function onBackend(label: string, make: () => Promise<FreshDb>): Promise<void> {
  console.log(`\n${label}: ${f(MESSAGES)} messages in batches of ${BATCH}, ${CONCURRENCY} requests in flight, ${ROUNDS} round(s); the destination takes ${DEST_BATCH} events per request`);
  const batches = toBatches(identityWorkload({ messages: MESSAGES, seed: 1 }).messages);
  const results: Record<Mode, Outcome[]> = { none: [], one: [], profiles: [], feed: [], paced: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = [...MODES.slice(round % MODES.length), ...MODES.slice(0, round % MODES.length)];
    for (const mode of order) {
      const fresh = await make();
      try {
        const o = await run(fresh, mode, batches);
        results[mode].push(o);
        console.log(
          `  round ${round + 1} ${mode.padEnd(8)} ingest ${f(o.rate).padStart(6)} msg/s` +
            (o.changes !== undefined
              ? `   ${f(o.changes)} profile changes recorded and delivered`
              : o.maxLag !== undefined
              ? `   delivery lagged at most ${f(o.maxLag)} events (${(o.maxLag / PACED_RATE).toFixed(1)} s of traffic); all delivered ${o.caughtUpAfter!.toFixed(1)} s after the last was stored`
              : o.deliveredRate
              ? `   delivered ${f(o.deliveredRate).padStart(6)} events/s live, ${f(o.backlogAtEnd!)} behind when ingest ended; a backlog drains at ${f(o.drainRate!)} events/s`
              : "") +
            `\n      CPU seconds while ingest ran: ${showCpu(o.cpu)}`,
        );
      } finally {
        await fresh.close();
      }
    }
  }
  const none = median(results.none.map((o) => o.rate));
  const costLine = (label: string, mode: Mode, aim: boolean) => {
    if (!results[mode].length || !results.none.length) return;
    const ratio = median(results[mode].map((o) => o.rate)) / none;
    const cost = (1 - ratio) * 100;
    console.log(`  ingest ${label} / without: ${ratio.toFixed(3)} → cost ${cost.toFixed(1)} %${aim ? ` (aim ≤ 10 %: ${cost <= 10 ? "met" : "NOT met"})` : ""}`);
  };
  costLine("with one destination", "one", true);
  costLine("with one profile-change destination", "profiles", true);
  costLine("recording the profile-change feed (destination paused, no dispatcher)", "feed", false);
  for (const mode of MODES) {
    const keys = [...new Set(results[mode].flatMap((o) => Object.keys(o.cpu)))];
    console.log(`  median CPU seconds while ingest ran, ${mode.padEnd(8)}: ${showCpu(Object.fromEntries(keys.map((k) => [k, median(results[mode].map((o) => o.cpu[k] ?? 0))])))}`);
  }
  if (results.paced.length) {
    const lag = median(results.paced.map((o) => o.maxLag!));
    const after = median(results.paced.map((o) => o.caughtUpAfter!));
    const paced = median(results.paced.map((o) => o.rate));
    // Keeping up: the lag stays within a few wakes' worth of traffic instead of growing with the run.
    const kept = lag <= 3 * PACED_RATE && after <= 3;
    console.log(
      `  paced at ${f(PACED_RATE)} events/s (ingest held ${f(paced)} msg/s): delivery lagged at most ${f(lag)} events (${(lag / PACED_RATE).toFixed(1)} s), ` +
        `caught up ${after.toFixed(1)} s after ingest ended (aim: keeps up — lag ≤ 3 s of traffic, caught up ≤ 3 s: ${kept ? "met" : "NOT met"})`,
    );
  }
  if (results.one.length) {
    const delivered = median(results.one.map((o) => o.deliveredRate!));
    const drain = median(results.one.map((o) => o.drainRate!));
    console.log(`  delivery: ${f(delivered)} events/s live (bounded by ingest); a backlog drains at ${f(drain)} events/s (aim ≥ 2,000 events/s: ${drain >= 2000 ? "met" : "NOT met"})`);
  }
}

async function main(): Promise<void> {
  // The sink listens on loopback (lib/env.ts is the only reader of process.env; set it before it reads).
  process.env.TANDEM_DESTINATIONS_ALLOW_PRIVATE = "1";
  resetEnv();
  console.log(`bench:destinations — ${os.cpus().length} CPUs, Node ${process.version}`);
  if (!values["skip-embedded"]) await onBackend("Embedded (PGlite)", freshEmbedded);
  const server = process.env.BENCH_DATABASE_URL;
  if (server) await onBackend("PostgreSQL", () => freshPostgres(server));
  else console.log("\n(set BENCH_DATABASE_URL=postgres://… to also run on PostgreSQL)");
}

void main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
