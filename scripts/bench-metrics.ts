// npm run bench:metrics [-- --customers 100000 --months 24 --rounds 3 --seed 1 --skip-embedded --skip-demo]
// The leadership dashboard's server work — the settings, the one aggregate statement through the
// analytics runner, and every figure computed from it (lib/data/metrics.ts loadDashboard) — timed
// beside the brute-force reference implementation (lib/metrics/reference.ts, after reading every
// payment back as plain facts) on the same data, which must give the same figures:
//   1. the default demo data set (2,000 people over 180 days) on the embedded database — the aim is
//      "under 1 s";
//   2. `--customers` subscribers (default 100,000) over `--months` months — profiles and their revenue
//      events (monthly and annual plans, upgrades, downgrades, churn, comebacks, set-up fees, plus rows
//      that must not count) — on PostgreSQL when BENCH_DATABASE_URL is set (loaded by COPY; the aim is
//      "≤ 2 s"), and on the embedded database (loaded by INSERT: its socket server takes no COPY FROM STDIN).
// Timings on a shared machine are noise; the ratio within one run is what means something. Exits
// non-zero only when the bench is broken (the dashboard and the reference disagree).
import os from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createPrisma, db, setDb } from "../lib/db/prisma";
import { setPool } from "../lib/db/pool";
import { migrate } from "../lib/db/migrate";
import { resetAnalyticsRunner } from "../lib/data/analytics-runner";
import { loadDashboard, metricContext, metricFacts } from "../lib/data/metrics";
import { seedDemo } from "../lib/demo/load";
import { differences } from "../lib/metrics/close";
import type { MetricQuery } from "../lib/metrics/compute";
import { factRows } from "../lib/metrics/fact-rows";
import { addMonths, monthOf } from "../lib/metrics/months";
import { randomFacts } from "../lib/metrics/random-facts";
import { referenceDashboard } from "../lib/metrics/reference";
import { freshEmbedded, freshPostgres, type FreshDb } from "../lib/bench/fresh-db";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "100000" },
    months: { type: "string", default: "24" },
    rounds: { type: "string", default: "3" },
    seed: { type: "string", default: "1" },
    "skip-embedded": { type: "boolean", default: false },
    "skip-demo": { type: "boolean", default: false },
    "skip-reference": { type: "boolean", default: false },
  },
});
// A benchmark measures rather than limits: give each analysis up to 10 minutes (the app's default is 30 s).
process.env.TANDEM_ANALYTICS_TIMEOUT_MS ??= "600000";
const CUSTOMERS = Number(values.customers);
const MONTHS = Number(values.months);
const ROUNDS = Math.max(1, Number(values.rounds));
const SEED = Number(values.seed);
const NOW = new Date(Date.UTC(2026, 10, 17, 15, 30));

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const n = (x: number) => x.toLocaleString("en-US");
const median = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
};

async function connect(url: string): Promise<void> {
  setDb(createPrisma(url, 4));
  await setPool(new pg.Pool({ connectionString: url, max: 4 }));
  resetAnalyticsRunner();
}

async function release(): Promise<void> {
  await db().$disconnect();
  setDb(undefined);
  await setPool(undefined);
}

/** One CSV field for COPY (… WITH (FORMAT csv)): NULL unquoted-empty, everything else quoted. */
const field = (v: string | null) => (v === null ? "" : `"${v.replace(/"/g, '""')}"`);

async function copy(client: pg.Client, sql: string, lines: Iterable<string>): Promise<void> {
  function* chunks() {
    let buf: string[] = [];
    for (const l of lines) {
      buf.push(l);
      if (buf.length === 5000) {
        yield buf.join("");
        buf = [];
      }
    }
    if (buf.length) yield buf.join("");
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
}

interface Loaded {
  events: number;
  profiles: number;
  loadMs: number;
}

/** Rows in batches through INSERT … SELECT FROM jsonb_to_recordset: PGlite's socket server does not take COPY FROM STDIN. */
async function insertBatches(client: pg.Client, sql: string, rows: unknown[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 10_000) await client.query(sql, [JSON.stringify(rows.slice(i, i + 10_000))]);
}

/** The generated company into a fresh database: profiles and events by COPY (by INSERT on PGlite), spend by INSERT. */
async function loadCompany(url: string, useCopy: boolean): Promise<Loaded> {
  const facts = randomFacts(SEED, { people: CUSTOMERS, months: MONTHS, now: NOW.getTime(), edgeCases: false, payingShare: 1 });
  const rows = factRows(facts);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  try {
    await client.query(`INSERT INTO sources (id, name, kind, write_key_hash, write_key_prefix) VALUES
      ('bench-server', 'Backend', 'server', 'hash-bench-server', 'wk_'), ('bench-crm', 'CRM copy', 'crm', 'hash-bench-crm', 'wk_'), ('bench-web', 'Website', 'web', 'hash-bench-web', 'wk_')`);
    const events = rows.events.map((e) => ({ ...e, source: `bench-${e.sourceKind}`, at: new Date(e.timestamp).toISOString() }));
    if (useCopy) {
      await copy(client, "COPY profiles (id, merged_into_id, first_channel) FROM STDIN WITH (FORMAT csv)", (function* () {
        for (const p of rows.profiles) yield `${field(p.id)},${field(p.mergedIntoId)},${field(p.firstChannel)}\n`;
      })());
      await copy(client, "COPY events (source_id, message_id, type, event, profile_id, timestamp, received_at, properties) FROM STDIN WITH (FORMAT csv)", (function* () {
        for (const e of events) yield `${field(e.source)},${field(e.messageId)},${field(e.type)},${field(e.event)},${field(e.profileId)},${field(e.at)},${field(e.at)},${field(JSON.stringify(e.properties))}\n`;
      })());
    } else {
      await insertBatches(client, `INSERT INTO profiles (id, merged_into_id, first_channel) SELECT id, "mergedIntoId", "firstChannel" FROM jsonb_to_recordset($1::jsonb) AS r(id text, "mergedIntoId" text, "firstChannel" text)`, rows.profiles);
      await insertBatches(
        client,
        `INSERT INTO events (source_id, message_id, type, event, profile_id, timestamp, received_at, properties)
         SELECT source, "messageId", type::"EventType", event, "profileId", at, at, properties
         FROM jsonb_to_recordset($1::jsonb) AS r(source text, "messageId" text, type text, event text, "profileId" text, at timestamptz, properties jsonb)`,
        events,
      );
    }
    await client.query(
      `INSERT INTO marketing_spend (month, channel, source, amount, currency)
       SELECT (r.month || '-01')::date, r.channel, r.source, r.cents / 100.0, r.currency FROM jsonb_to_recordset($1::jsonb) AS r(month text, channel text, source text, cents int8, currency text)`,
      [JSON.stringify(facts.spend)],
    );
    await client.query("ANALYZE");
    return { events: rows.events.length, profiles: rows.profiles.length, loadMs: performance.now() - started };
  } finally {
    await client.end();
  }
}

interface Timing {
  first: number;
  median: number;
  readMs: number | null;
  referenceMs: number | null;
  ok: boolean | null;
}

/** The dashboard `ROUNDS` times (and once before, cold), then the reference once, and their comparison. */
async function timeDashboard(query: MetricQuery, now: Date): Promise<Timing> {
  const runs: number[] = [];
  let dashboard;
  for (let i = 0; i <= ROUNDS; i++) {
    const t0 = performance.now();
    const ctx = await metricContext(now);
    dashboard = await loadDashboard(ctx, query);
    runs.push(performance.now() - t0);
  }
  if (values["skip-reference"]) return { first: runs[0]!, median: median(runs.slice(1)), readMs: null, referenceMs: null, ok: null };
  const ctx = await metricContext(now);
  const t1 = performance.now();
  const facts = await metricFacts(db(), ctx.lifecycle, now);
  const t2 = performance.now();
  const reference = referenceDashboard(facts, ctx.settings, query);
  const t3 = performance.now();
  const diff = differences(dashboard, reference);
  if (diff.length) console.error(`  ✖ the dashboard and the reference differ:\n    ${diff.join("\n    ")}`);
  return { first: runs[0]!, median: median(runs.slice(1)), readMs: t2 - t1, referenceMs: t3 - t2, ok: diff.length === 0 };
}

function report(label: string, t: Timing, aimMs: number): boolean {
  const ref = t.readMs === null ? "" : `  reference ${s(t.readMs + t.referenceMs!)} (read ${s(t.readMs)} + compute ${s(t.referenceMs!)}), ${((t.readMs + t.referenceMs!) / t.median).toFixed(1)}× the dashboard`;
  console.log(`  ${label.padEnd(38)} dashboard ${s(t.median)} (median of ${ROUNDS}; first ${s(t.first)}) — aim ≤ ${s(aimMs)}: ${t.median <= aimMs ? "met" : "NOT met"}${ref}${t.ok === null ? "" : t.ok ? ", same figures ✓" : ", FIGURES DIFFER ✖"}`);
  return t.ok !== false;
}

const queries = (now: Date): [string, MetricQuery][] => {
  const cur = monthOf(now.getTime());
  return [
    ["default view (last 3 months)", { from: addMonths(cur, -2), to: cur, channels: null }],
    ["last 12 months, paid channels", { from: addMonths(cur, -11), to: cur, channels: ["Paid Search", "Paid Social", "Display"] }],
  ];
};

async function benchDemo(): Promise<boolean> {
  const fresh = await freshEmbedded();
  try {
    await migrate(fresh.url);
    const anchor = NOW.toISOString().slice(0, 10);
    const t0 = performance.now();
    const summary = await seedDemo(fresh.url, { profiles: 2000, days: 180, seed: 42, anchor });
    console.log(`\nDefault demo data on the embedded database: ${n(summary.counts.events)} events, ${n(summary.counts.profiles)} profiles (seeded in ${s(performance.now() - t0)})`);
    await connect(fresh.url);
    let ok = true;
    const now = new Date(`${anchor}T00:00:00Z`);
    for (const [label, q] of queries(now)) ok = report(label, await timeDashboard(q, now), 1000) && ok;
    await release();
    return ok;
  } finally {
    await fresh.close();
  }
}

async function benchCompany(name: string, open: () => Promise<FreshDb>, useCopy: boolean): Promise<boolean> {
  const fresh = await open();
  try {
    await migrate(fresh.url);
    const loaded = await loadCompany(fresh.url, useCopy);
    console.log(`\n${name}: ${n(CUSTOMERS)} customers over ${MONTHS} months — ${n(loaded.profiles)} profiles and ${n(loaded.events)} events loaded by ${useCopy ? "COPY" : "INSERT (PGlite's socket server takes no COPY FROM STDIN)"} in ${s(loaded.loadMs)}`);
    await connect(fresh.url);
    let ok = true;
    for (const [label, q] of queries(NOW)) ok = report(label, await timeDashboard(q, NOW), 2000) && ok;
    await release();
    return ok;
  } finally {
    await fresh.close();
  }
}

async function main(): Promise<void> {
  console.log(`Leadership metrics benchmark on ${os.cpus().length} cores, Node ${process.version}`);
  let ok = true;
  if (!values["skip-demo"]) ok = (await benchDemo()) && ok;
  if (!values["skip-embedded"]) ok = (await benchCompany("Embedded PGlite", freshEmbedded, false)) && ok;
  const server = process.env.BENCH_DATABASE_URL;
  if (server) ok = (await benchCompany("PostgreSQL (BENCH_DATABASE_URL)", () => freshPostgres(server), true)) && ok;
  else console.log("\n(Set BENCH_DATABASE_URL=postgres://… to measure on a PostgreSQL server too.)");
  if (!ok) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`✖ ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
