// npm run bench:suppression [-- --events 20000 --batch 100 --connections 4 --rounds 3 --hashes 10000]
// What the suppression check (lib/data/identity-store.ts loadState) costs ingest: the identity
// workload's batches stored straight through the write path (storeRequests, as the Tracking API's
// group commit calls it) on a fresh embedded database — and on PostgreSQL with BENCH_DATABASE_URL —
// in alternating rounds: the check off (the baseline), on with an empty suppression list, and on with
// `--hashes` suppressed identifiers none of the messages carry. Prints events/s and the ratios to the
// baseline within the run (medians of the rounds); never a failure.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { freshEmbedded, freshPostgres, type FreshDb } from "../lib/bench/fresh-db";
import { padMessage } from "../lib/bench/events";
import { migrate } from "../lib/db/migrate";
import { createPrisma, setDb } from "../lib/db/prisma";
import { setPool } from "../lib/db/pool";
import { createSource } from "../lib/data/sources";
import { storeRequests } from "../lib/data/events";
import { suppressionCheck } from "../lib/data/identity-store";
import { identityWorkload } from "../lib/identity/bench-workload";
import { normalizeMessage, type NormalizedEvent } from "../lib/ingest/normalize";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "20000" },
    batch: { type: "string", default: "100" },
    connections: { type: "string", default: "4" },
    rounds: { type: "string", default: "3" },
    hashes: { type: "string", default: "10000" },
  },
});
const EVENTS = Number(values.events);
const BATCH = Number(values.batch);
const CONNECTIONS = Number(values.connections);
const ROUNDS = Number(values.rounds);
const HASHES = Number(values.hashes);

type Mode = "off" | "empty" | "listed";
const MODES: Mode[] = ["off", "empty", "listed"];
const LABELS: Record<Mode, string> = { off: "check off (baseline)", empty: "check on, empty list", listed: `check on, ${HASHES.toLocaleString("en-US")} hashes listed` };

function batchesOf(prefix: string, seed: number): NormalizedEvent[][] {
  const messages = identityWorkload({ messages: EVENTS, seed, prefix }).messages.map((m, i) => padMessage(m, i));
  const events = messages.map((m) => {
    const o = normalizeMessage(m, { receivedAt: new Date(), newMessageId: () => randomBytes(8).toString("hex") });
    if (!o.ok) throw new Error(o.reason);
    return o.event;
  });
  return Array.from({ length: Math.ceil(events.length / BATCH) }, (_, k) => events.slice(k * BATCH, (k + 1) * BATCH));
}

async function store(batches: NormalizedEvent[][], sourceId: string): Promise<number> {
  const started = performance.now();
  let i = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (i < batches.length) await storeRequests([{ sourceId, receivedAt: new Date(), events: batches[i++]!, rejected: [] }]);
    }),
  );
  return (batches.reduce((n, b) => n + b.length, 0) / (performance.now() - started)) * 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function run(label: string, fresh: FreshDb): Promise<void> {
  try {
    await migrate(fresh.url);
    const db = createPrisma(fresh.url, 2);
    setDb(db);
    const client = new pg.Client({ connectionString: fresh.url });
    await client.connect();
    await setPool(new pg.Pool({ connectionString: fresh.url, max: CONNECTIONS + 1 }));
    try {
      const { id: sourceId } = await createSource({ name: "Bench", kind: "server" });
      // Warm up (JIT, plans) on messages of their own.
      await store(batchesOf("warm", 99).slice(0, 20), sourceId);
      const rates: Record<Mode, number[]> = { off: [], empty: [], listed: [] };
      for (let round = 0; round < ROUNDS; round++) {
        // The order turns each round, so a growing table favours no mode.
        for (let k = 0; k < MODES.length; k++) {
          const mode = MODES[(k + round) % MODES.length]!;
          suppressionCheck.enabled = mode !== "off";
          await client.query("DELETE FROM suppressions");
          if (mode === "listed")
            await client.query(
              `INSERT INTO suppressions (hash, identifier_type) SELECT encode(sha256(convert_to('email:nobody-' || g || '@example.com', 'UTF8')), 'hex'), 'email' FROM generate_series(1, $1) AS g`,
              [HASHES],
            );
          const rate = await store(batchesOf(`r${round}${mode}`, round * 10 + k), sourceId);
          rates[mode].push(rate);
          console.log(`  ${label} round ${round + 1}: ${LABELS[mode].padEnd(36)} ${Math.round(rate).toLocaleString("en-US").padStart(7)} events/s`);
        }
      }
      const base = median(rates.off);
      console.log(`\n${label} — ${EVENTS.toLocaleString("en-US")} events per round in batches of ${BATCH}, ${CONNECTIONS} connections, median of ${ROUNDS} rounds:`);
      for (const mode of MODES) {
        const m = median(rates[mode]);
        console.log(`  ${LABELS[mode].padEnd(36)} ${Math.round(m).toLocaleString("en-US").padStart(7)} events/s  ×${(m / base).toFixed(3)}`);
      }
      console.log("  aim: the check on with an empty list costs ≤ 2 % (×0.98 or better)\n");
    } finally {
      suppressionCheck.enabled = true;
      await client.end();
      await setPool(undefined);
      await db.$disconnect();
    }
  } finally {
    await fresh.close();
  }
}

await run("Embedded PGlite", await freshEmbedded());
if (process.env.BENCH_DATABASE_URL) await run("PostgreSQL", await freshPostgres(process.env.BENCH_DATABASE_URL));
else console.log("(Set BENCH_DATABASE_URL=postgres://… to measure on a PostgreSQL server too.)");
