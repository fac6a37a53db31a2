// npm run bench:identity [-- --messages 50000 --batch 100 --concurrency 4 --rounds 2 --seed 1 --skip-embedded --profile]
// What identity resolution costs ingest. On a fresh embedded database — and on PostgreSQL when
// BENCH_DATABASE_URL is set — it stores the same workload (lib/identity/bench-workload.ts: anonymous
// visitors, sign-ups, several devices, shared laptops, group and alias calls) twice per round, each
// time on a fresh database, through the ingest write path (storeRequests) in batches with concurrent
// requests (a fresh database is primed with a few batches of other people before the clock starts):
//   baseline  resolve: false — the events alone;
//   resolved  resolve: true  — identity resolution in the same transaction, as the Tracking API does.
// Rounds alternate the order (baseline first, then resolved first, …) and the medians are compared:
// ratio = resolved / baseline messages/s, cost = 1 − ratio, against the aim "resolution costs at most
// 30 % of ingest throughput" (printed, never a failure: timings on a shared machine are noise, only
// ratios within one run mean something). It fails only when the bench is broken: no profile created,
// or events lost. --profile adds one baseline and one resolved run with a single connection, timing
// every statement, to show where resolution's time goes.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { createPrisma, setDb } from "../lib/db/prisma";
import { setPool } from "../lib/db/pool";
import { migrate } from "../lib/db/migrate";
import { freshEmbedded, freshPostgres, type FreshDb } from "./bench-db";
import { createSource } from "../lib/data/sources";
import { storeRequests, type StoreRequest, type StoreResult } from "../lib/data/events";
import { createCoalescer } from "../lib/ingest/coalescer";
import { GROUP_COMMIT } from "../lib/ingest/ingest";
import { normalizeMessage, type NormalizedEvent } from "../lib/ingest/normalize";
import { identityWorkload, type WorkloadCounts } from "../lib/identity/bench-workload";

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "50000" },
    batch: { type: "string", default: "100" },
    concurrency: { type: "string", default: "4" },
    rounds: { type: "string", default: "2" },
    seed: { type: "string", default: "1" },
    "skip-embedded": { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    // Send through the Tracking API's group commit (concurrent requests share transactions), as
    // the collector does under load, instead of one transaction per request.
    "group-commit": { type: "boolean", default: false },
  },
});
const MESSAGES = Number(values.messages);
const BATCH = Number(values.batch);
const CONCURRENCY = Number(values.concurrency);
const ROUNDS = Math.max(1, Number(values.rounds));
const SEED = Number(values.seed);
const AIM = 0.3;
const GROUPED = values["group-commit"];

const f = (x: number) => Math.round(x).toLocaleString("en-US");
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

// ───────────────────────────── statement timing (--profile) ─────────────────────────────

const STATEMENTS: [RegExp, string][] = [
  [/^\s*BEGIN/, "BEGIN"],
  [/^\s*COMMIT/, "COMMIT"],
  [/pg_advisory_xact_lock/, "identity lock"],
  [/JOIN events e ON e\.source_id = r\.source_id/, "replays: stored message ids"],
  [/FROM settings/, "rules"],
  [/JOIN identities i ON i\.type = r\.type/, "snapshot: identities"],
  [/jsonb_object_agg\(c\.type, c\.n\)/, "snapshot: profiles + counts"],
  [/FROM identity_kept_apart WHERE/, "snapshot: kept-apart pairs"],
  [/INSERT INTO profiles/, "new profiles"],
  [/UPDATE profiles p SET merged_into_id/, "merge: profiles"],
  [/UPDATE identities i SET profile_id/, "merge: identities"],
  [/UPDATE events e SET profile_id/, "merge: events"],
  [/UPDATE contacts c SET profile_id = m\.into_id/, "merge: contacts"],
  [/GROUP BY m\.into_id, pa\.account_id/, "merge: account memberships"],
  [/DELETE FROM profile_accounts/, "merge: account memberships (delete)"],
  [/identity_kept_apart/, "kept-apart pairs"],
  [/INSERT INTO identities/, "identities upsert"],
  [/INSERT INTO merge_journal/, "journal"],
  [/WITH ins AS/, "events insert"],
  [/SELECT id, traits, trait_meta/, "facts: read"],
  [/UPDATE profiles p SET traits = r\.traits/, "facts: write"],
  [/INSERT INTO accounts/, "accounts (group)"],
  [/INSERT INTO profile_accounts/, "account memberships (group)"],
  [/UPDATE contacts c SET profile_id = i\.profile_id/, "CRM link by email"],
];
const labelOf = (text: string) => STATEMENTS.find(([re]) => re.test(text))?.[1] ?? text.replace(/\s+/g, " ").trim().slice(0, 60);

/** Per statement: calls and time, in all and in the run's second half (a statement whose cost grows
 * with the tables shows up there). */
type Timings = Map<string, { calls: number; ms: number; lateMs: number }>;
/** Set by run() while it stores the second half of the batches (one connection when profiling). */
let inSecondHalf = false;

/** Times every query of the pool's clients (the data layer's own statements, BEGIN and COMMIT). */
function timeQueries(pool: pg.Pool, timings: Timings): void {
  pool.on("connect", (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    const record = (text: string, started: number) => {
      const label = labelOf(text);
      const t = timings.get(label) ?? { calls: 0, ms: 0, lateMs: 0 };
      const ms = performance.now() - started;
      t.calls++;
      t.ms += ms;
      if (inSecondHalf) t.lateMs += ms;
      timings.set(label, t);
    };
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0];
      const text = typeof first === "string" ? first : ((first as { text?: string } | undefined)?.text ?? "");
      const started = performance.now();
      const out = original(...args);
      if (out instanceof Promise) {
        out.then(
          () => record(text, started),
          () => record(text, started),
        );
      }
      return out;
    };
  });
}

// ───────────────────────────── one run ─────────────────────────────

type Mode = "baseline" | "resolved";

interface Outcome {
  rate: number;
  seconds: number;
  stored: number;
  withProfile: number;
  profiles: number;
  mergedAway: number;
  identities: Record<string, number>;
  journal: Record<string, number>;
  accounts: number;
  /** --profile: time per statement, and the transactions' total. */
  timings?: Timings;
  transactionMs?: number;
  lateTransactionMs?: number;
}

function progress(label: string, total: number): { tick(n: number): void; done(): void } {
  const started = performance.now();
  let stored = 0;
  let lastLine = started;
  const tty = process.stdout.isTTY;
  const show = () => {
    const s = (performance.now() - started) / 1000;
    const width = 30;
    const filled = Math.round((stored / total) * width);
    return `    ${label.padEnd(9)} [${"█".repeat(filled)}${"·".repeat(width - filled)}] ${f(stored).padStart(7)}/${f(total)}  ${f(stored / Math.max(s, 1e-3)).padStart(6)} msg/s`;
  };
  const timer = setInterval(() => {
    if (tty) process.stdout.write(`\r${show()}`);
    else if (performance.now() - lastLine > 10_000) {
      lastLine = performance.now();
      console.log(show());
    }
  }, 250);
  return {
    tick: (n) => (stored += n),
    done: () => {
      clearInterval(timer);
      if (tty) process.stdout.write(`\r${" ".repeat(show().length)}\r`);
    },
  };
}

interface GraphCounts {
  live: number;
  merged: number;
  identities: Record<string, number>;
  journal: Record<string, number>;
  accounts: number;
}

async function graphCounts(pool: pg.Pool): Promise<GraphCounts> {
  const pr = (await pool.query<{ live: number; merged: number }>(
    `SELECT count(*) FILTER (WHERE merged_into_id IS NULL)::int AS live, count(merged_into_id)::int AS merged FROM profiles`,
  )).rows[0]!;
  const ids = (await pool.query<{ type: string; n: number }>(`SELECT type, count(*)::int AS n FROM identities GROUP BY type ORDER BY type`)).rows;
  const journal = (await pool.query<{ kind: string; n: number }>(`SELECT kind::text, count(*)::int AS n FROM merge_journal GROUP BY kind ORDER BY kind`)).rows;
  const acc = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM accounts`)).rows[0]!;
  return {
    ...pr,
    identities: Object.fromEntries(ids.map((r) => [r.type, r.n])),
    journal: Object.fromEntries(journal.map((r) => [r.kind, r.n])),
    accounts: acc.n,
  };
}

const minus = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(Object.entries(a).map(([k, n]) => [k, n - (b[k] ?? 0)]).filter(([, n]) => n !== 0));

/**
 * Migrates a fresh database, primes it (a few batches of other people in the same mode, so the
 * database engine is warm when the clock starts), then stores every batch with `concurrency`
 * requests in flight. The graph figures are the measured run's own (the priming subtracted).
 */
async function run(
  fresh: FreshDb,
  mode: Mode,
  batches: NormalizedEvent[][],
  opts: { concurrency: number; prime: NormalizedEvent[][]; profile?: boolean; quiet?: boolean },
): Promise<Outcome> {
  await migrate(fresh.url);
  const db = createPrisma(fresh.url, 2);
  setDb(db);
  const pool = new pg.Pool({ connectionString: fresh.url, max: GROUPED ? GROUP_COMMIT.maxInFlight : opts.concurrency });
  // pg-pool's end() resolves before the server has seen every connection close; a DROP DATABASE
  // … WITH (FORCE) right after then reaches an ended pool's idle client: not a failure.
  pool.on("error", (err) => {
    if (!pool.ended) console.error(`  database connection error: ${err.message}`);
  });
  const timings: Timings = new Map();
  if (opts.profile) timeQueries(pool, timings);
  await setPool(pool);
  try {
    const { id: sourceId } = await createSource({ name: `Bench ${mode}`, kind: "server" });
    const { id: primeSourceId } = await createSource({ name: `Bench ${mode} priming`, kind: "server" });
    // Open the pool's connections and prime the database before the clock starts.
    const clients = await Promise.all(Array.from({ length: GROUPED ? GROUP_COMMIT.maxInFlight : opts.concurrency }, () => pool.connect()));
    for (const c of clients) c.release();
    for (const events of opts.prime)
      await storeRequests([{ sourceId: primeSourceId, receivedAt: events[events.length - 1]!.receivedAt, events, rejected: [] }], { resolve: mode === "resolved" });
    const before = await graphCounts(pool);
    timings.clear();

    const total = batches.reduce((n, b) => n + b.length, 0);
    const bar = opts.quiet ? null : progress(mode, total);
    let next = 0;
    let transactionMs = 0;
    let lateTransactionMs = 0;
    inSecondHalf = false;
    const resolve = mode === "resolved";
    const grouped = createCoalescer<StoreRequest, StoreResult>((requests) => storeRequests(requests, { resolve }), GROUP_COMMIT);
    const store = (request: StoreRequest) => (GROUPED ? grouped.submit(request).then((r) => [r]) : storeRequests([request], { resolve }));
    const started = performance.now();
    await Promise.all(
      Array.from({ length: opts.concurrency }, async () => {
        while (next < batches.length) {
          inSecondHalf = next >= batches.length / 2;
          const events = batches[next++]!;
          const t0 = performance.now();
          await store({ sourceId, receivedAt: events[events.length - 1]!.receivedAt, events, rejected: [] });
          transactionMs += performance.now() - t0;
          if (inSecondHalf) lateTransactionMs += performance.now() - t0;
          bar?.tick(events.length);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    bar?.done();

    const ev = (await pool.query<{ stored: number; with_profile: number }>(
      `SELECT count(*)::int AS stored, count(profile_id)::int AS with_profile FROM events WHERE source_id = $1`,
      [sourceId],
    )).rows[0]!;
    const after = await graphCounts(pool);
    return {
      rate: total / seconds,
      seconds,
      stored: ev.stored,
      withProfile: ev.with_profile,
      profiles: after.live - before.live,
      mergedAway: after.merged - before.merged,
      identities: minus(after.identities, before.identities),
      journal: minus(after.journal, before.journal),
      accounts: after.accounts - before.accounts,
      ...(opts.profile ? { timings, transactionMs, lateTransactionMs } : {}),
    };
  } finally {
    await db.$disconnect();
    setDb(undefined);
    await setPool(undefined);
  }
}

async function onFresh<T>(open: () => Promise<FreshDb>, fn: (db: FreshDb) => Promise<T>): Promise<T> {
  const fresh = await open();
  try {
    return await fn(fresh);
  } finally {
    await fresh.close();
  }
}

// ───────────────────────────── the benchmark ─────────────────────────────

function toBatches(messages: Record<string, unknown>[]): NormalizedEvent[][] {
  const events = messages.map((m) => {
    // The collector receives a message shortly after the SDK sent it.
    const receivedAt = new Date(Date.parse(m.sentAt as string) + 120);
    const o = normalizeMessage(m, { receivedAt, newMessageId: () => randomBytes(8).toString("hex") });
    if (!o.ok) throw new Error(`workload message refused: ${o.reason}`);
    return o.event;
  });
  const batches: NormalizedEvent[][] = [];
  for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
  return batches;
}

function describeWorkload(c: WorkloadCounts, bytes: number): void {
  const types = Object.entries(c.byType)
    .sort((a, b) => b[1] - a[1])
    .map(([t, n]) => `${f(n)} ${t}`)
    .join(", ");
  console.log(`Workload (seed ${SEED}): ${f(c.messages)} messages of ~${(bytes / 1024).toFixed(1)} KB — ${types}`);
  console.log(
    `  ${f(c.people)} people: ${f(c.anonymousOnly)} anonymous only, ${f(c.signedUp)} signed up (${pct(c.signedUp / c.people)}), ` +
      `${f(c.multiDevice)} of them on 2–3 devices, ${f(c.sharedDevice)} on a shared device, ${f(c.returning)} back through the back end (userId only)`,
  );
  console.log(
    `  ${f(c.anonymousIds)} anonymous ids, ${f(c.userIds)} user ids, ${f(c.emails)} emails, ${f(c.accounts)} accounts; ` +
      `expected ≈ ${f(c.expected.profiles)} profiles, ${f(c.expected.merges)} merges, ${f(c.expected.refusals)} refusals`,
  );
}

function printProfile(label: string, o: Outcome, batches: number): void {
  const rows = [...o.timings!].sort((a, b) => b[1].ms - a[1].ms);
  const early = Math.floor(batches / 2);
  const late = batches - early;
  const perTx = (ms: number, n = batches) => (ms / n).toFixed(2).padStart(6);
  const halves = (ms: number, lateMs: number) => `${perTx(ms - lateMs, early)} → ${perTx(lateMs, late)}`;
  console.log(`    ${label}: ${perTx(o.transactionMs!).trim()} ms per transaction of ${BATCH} messages (${f(o.rate)} msg/s, 1 connection)`);
  console.log(`      ${"".padEnd(36)}  ms/tx   share   1st half → 2nd half   calls`);
  let statementMs = 0;
  let statementLateMs = 0;
  for (const [name, t] of rows) {
    statementMs += t.ms;
    statementLateMs += t.lateMs;
    console.log(`      ${name.padEnd(36)} ${perTx(t.ms)} ${pct(t.ms / o.transactionMs!).padStart(7)}   ${halves(t.ms, t.lateMs)}   ${f(t.calls).padStart(5)}`);
  }
  const js = o.transactionMs! - statementMs;
  const jsLate = o.lateTransactionMs! - statementLateMs;
  console.log(`      ${"in Node (resolve, JSON, driver)".padEnd(36)} ${perTx(js)} ${pct(js / o.transactionMs!).padStart(7)}   ${halves(js, jsLate)}`);
  console.log(`      ${"transaction".padEnd(36)} ${perTx(o.transactionMs!)} ${"".padStart(7)}   ${halves(o.transactionMs!, o.lateTransactionMs!)}`);
}

async function benchBackend(label: string, open: () => Promise<FreshDb>, batches: NormalizedEvent[][], counts: WorkloadCounts): Promise<void> {
  console.log(`\n${label}`);
  // Warm-up (JIT, driver, both code paths) on a throwaway database with other ids: not measured.
  const warm = toBatches(identityWorkload({ messages: Math.min(10_000, Math.max(1_000, Math.round(MESSAGES / 5))), seed: SEED + 1000, prefix: `w${SEED}` }).messages);
  const prime = toBatches(identityWorkload({ messages: 5 * BATCH, seed: SEED + 2000, prefix: `p${SEED}` }).messages);
  const t = performance.now();
  await onFresh(open, async (fresh) => {
    await run(fresh, "baseline", warm, { concurrency: CONCURRENCY, prime, quiet: true });
  });
  await onFresh(open, async (fresh) => {
    await run(fresh, "resolved", warm, { concurrency: CONCURRENCY, prime, quiet: true });
  });
  console.log(`  warmed up (${f(warm.reduce((n, b) => n + b.length, 0))} messages per mode, ${((performance.now() - t) / 1000).toFixed(0)} s)`);

  const rates: Record<Mode, number[]> = { baseline: [], resolved: [] };
  let last: Outcome | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    const order: Mode[] = round % 2 === 0 ? ["baseline", "resolved"] : ["resolved", "baseline"];
    const parts: string[] = [];
    for (const mode of order) {
      const o = await onFresh(open, (fresh) => run(fresh, mode, batches, { concurrency: CONCURRENCY, prime }));
      if (o.stored !== MESSAGES) {
        console.log(`  ✖ ${mode}: ${f(o.stored)} of ${f(MESSAGES)} messages stored — the bench is broken`);
        process.exitCode = 1;
      }
      rates[mode].push(o.rate);
      if (mode === "resolved") last = o;
      parts.push(`${mode.padEnd(8)} ${f(o.rate).padStart(7)} msg/s (${o.seconds.toFixed(1)} s)`);
    }
    console.log(`  round ${round + 1}  ${parts.join("    ")}`);
  }

  const base = median(rates.baseline);
  const resolved = median(rates.resolved);
  const ratio = resolved / base;
  const cost = 1 - ratio;
  console.log(`  median   baseline ${f(base)} msg/s, resolved ${f(resolved)} msg/s`);
  console.log(
    `  ratio resolved/baseline ${ratio.toFixed(2)}, cost of resolution ${pct(cost)} — aim ≤ ${pct(AIM)}: ${cost <= AIM ? "✓ met" : "✗ NOT met"}` +
      (cost > AIM && !values.profile ? "  (--profile shows where the time goes)" : ""),
  );
  const ratios = rates.resolved.map((r, i) => (r / rates.baseline[i]!).toFixed(2));
  console.log(`  per-round ratios ${ratios.join(", ")}`);

  const o = last!;
  const ids = Object.entries(o.identities).map(([t, n]) => `${f(n)} ${t}`).join(", ");
  const journal = Object.entries(o.journal).map(([k, n]) => `${f(n)} ${k}`).join(", ") || "empty";
  console.log(`  after a resolved run: ${f(o.profiles)} live profiles (${f(o.mergedAway)} merged away; expected ≈ ${f(counts.expected.profiles)} and ${f(counts.expected.merges)})`);
  console.log(`    identities: ${ids}; accounts: ${f(o.accounts)}`);
  console.log(`    merge journal: ${journal} (expected ≈ ${f(counts.expected.refusals)} refused)`);
  console.log(`    events with a profile: ${f(o.withProfile)} of ${f(o.stored)}`);
  if (o.profiles === 0) {
    console.log("  ✖ no profile was created: resolution did not run, the bench is broken");
    process.exitCode = 1;
  }

  if (values.profile) {
    console.log("  where the time goes (one connection, every statement timed):");
    const b = await onFresh(open, (fresh) => run(fresh, "baseline", batches, { concurrency: 1, prime, profile: true }));
    const r = await onFresh(open, (fresh) => run(fresh, "resolved", batches, { concurrency: 1, prime, profile: true }));
    printProfile("baseline", b, batches.length);
    printProfile("resolved", r, batches.length);
    console.log(`    ratio resolved/baseline with one connection: ${(r.rate / b.rate).toFixed(2)}`);
  }
}

async function main(): Promise<void> {
  console.log(`Identity resolution benchmark on ${os.cpus().length} cores, Node ${process.version}`);
  const { messages, counts } = identityWorkload({ messages: MESSAGES, seed: SEED });
  const bytes = messages.reduce((n, m) => n + Buffer.byteLength(JSON.stringify(m)), 0) / messages.length;
  describeWorkload(counts, bytes);
  const batches = toBatches(messages);
  console.log(
    `Batches of ${BATCH} messages, ${CONCURRENCY} concurrent requests${GROUPED ? ` through group commit (≤ ${GROUP_COMMIT.maxInFlight} transactions in flight, ≤ ${GROUP_COMMIT.maxBatch} messages each)` : " (one transaction each)"}, ${ROUNDS} round(s) alternating baseline (resolve: false) and resolved, each run on a fresh database`,
  );

  if (!values["skip-embedded"]) await benchBackend("Embedded PGlite", freshEmbedded, batches, counts);
  const server = process.env.BENCH_DATABASE_URL;
  if (server) await benchBackend("PostgreSQL (BENCH_DATABASE_URL)", () => freshPostgres(server), batches, counts);
  else console.log("\n(Set BENCH_DATABASE_URL=postgres://… to measure on a PostgreSQL server too.)");
}

main().catch((err: unknown) => {
  console.error(`✖ ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
