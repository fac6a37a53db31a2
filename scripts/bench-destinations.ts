// npm run bench:destinations [-- --messages 20000 --batch 100 --concurrency 4 --rounds 2 --skip-embedded --dest-batch 100]
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
//         costs ingest, apart from the delivery work beside it.
// Rounds rotate the order; medians are compared: ratio = one / none ingest messages/s, cost =
// 1 − ratio, against the aim "at most 10 %" (and the same for profiles / none). It also prints the delivery rate — events delivered per
// second from the start of ingest until the sink has acknowledged the last one (includes the 1 s wake) —
// against the aim 2,000 events/s, and the backlog: how far behind delivery was when ingest finished.
// Timings on a shared machine are noise: only ratios within one run mean something. It fails only when
// the bench is broken (an event missing or delivered twice).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import readline from "node:readline";
import os from "node:os";
import path from "node:path";
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

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "20000" },
    batch: { type: "string", default: "100" },
    concurrency: { type: "string", default: "4" },
    rounds: { type: "string", default: "2" },
    "skip-embedded": { type: "boolean", default: false },
    /** The destination's events per request. */
    "dest-batch": { type: "string", default: "100" },
  },
});
const MESSAGES = Number(values.messages);
const BATCH = Number(values.batch);
const CONCURRENCY = Number(values.concurrency);
const ROUNDS = Number(values.rounds);
const DEST_BATCH = Number(values["dest-batch"]);
const f = (n: number) => Math.round(n).toLocaleString("en-US");

interface Sink {
  url: string;
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
}

type Mode = "none" | "one" | "profiles" | "feed";
const MODES: Mode[] = ["none", "one", "profiles", "feed"];

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
    if (mode === "one" || mode === "profiles") {
      sink = await startSink();
      const kind = mode === "profiles" ? "profile_webhook" : "webhook";
      await createDestination(createDestinationSchema.parse({ name: "Bench sink", kind, url: sink.url, batchSize: DEST_BATCH, maxConcurrency: 2 }), systemActor("Bench"));
      dispatcher = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/dispatcher.ts"], {
        stdio: ["ignore", "ignore", "inherit"],
        env: { ...process.env, ...NO_TELEMETRY, DATABASE_URL: fresh.url, TANDEM_DESTINATIONS_ALLOW_PRIVATE: "1", TANDEM_DB_POOL_SIZE: "3" },
      });
      await new Promise((r) => setTimeout(r, 3000)); // let it start (tsx compile) before the clock
    }
    const total = batches.reduce((n, b) => n + b.length, 0);
    let next = 0;
    const startedAt = Date.now();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < batches.length) {
          const events = batches[next++]!;
          await storeRequests([{ sourceId, receivedAt: new Date(), events, rejected: [] }]);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const out: Outcome = { rate: total / seconds };
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
      if (mode === "profiles") return out;

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
  const results: Record<Mode, Outcome[]> = { none: [], one: [], profiles: [], feed: [] };
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
              : o.deliveredRate
              ? `   delivered ${f(o.deliveredRate).padStart(6)} events/s live, ${f(o.backlogAtEnd!)} behind when ingest ended; a backlog drains at ${f(o.drainRate!)} events/s`
              : ""),
        );
      } finally {
        await fresh.close();
      }
    }
  }
  const none = median(results.none.map((o) => o.rate));
  const one = median(results.one.map((o) => o.rate));
  const delivered = median(results.one.map((o) => o.deliveredRate!));
  const drain = median(results.one.map((o) => o.drainRate!));
  const ratio = one / none;
  console.log(`  ingest with one destination / without: ${ratio.toFixed(3)} → cost ${((1 - ratio) * 100).toFixed(1)} % (aim ≤ 10 %: ${1 - ratio <= 0.1 ? "met" : "NOT met"})`);
  const pRatio = median(results.profiles.map((o) => o.rate)) / none;
  console.log(
    `  ingest with one profile-change destination / without: ${pRatio.toFixed(3)} → cost ${((1 - pRatio) * 100).toFixed(1)} % (aim ≤ 10 %: ${1 - pRatio <= 0.1 ? "met" : "NOT met"})`,
  );
  const fRatio = median(results.feed.map((o) => o.rate)) / none;
  console.log(`  ingest recording the profile-change feed (destination paused, no dispatcher) / without: ${fRatio.toFixed(3)} → cost ${((1 - fRatio) * 100).toFixed(1)} %`);
  console.log(`  delivery: ${f(delivered)} events/s live (bounded by ingest); a backlog drains at ${f(drain)} events/s (aim ≥ 2,000 events/s: ${drain >= 2000 ? "met" : "NOT met"})`);
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
