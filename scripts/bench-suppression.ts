// npm run bench:suppression [-- --events 20000 --batch 100 --hashes 10000]
// What the suppression check (lib/data/identity-store.ts loadState) costs ingest: the identity
// workload's batches stored through the write path (storeRequests, as the Tracking API's group
// commit calls it) on a fresh embedded database — and on PostgreSQL with BENCH_DATABASE_URL. The check
// is switched off and on batch by batch (A/B interleaved every ~50 ms, so the load of a shared machine
// falls on both alike), first with an empty suppression list, then with `--hashes` suppressed
// identifiers none of the messages carry. Prints events/s per mode and the ratio on/off; never a failure.
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
import { SUPPRESSED_CHECK, suppressionCheck } from "../lib/data/identity-store";
import { identityWorkload } from "../lib/identity/bench-workload";
import { normalizeMessage, type NormalizedEvent } from "../lib/ingest/normalize";
import { extractIdentifiers, type Identifier } from "../lib/identity/identifiers";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "20000" },
    batch: { type: "string", default: "100" },
    hashes: { type: "string", default: "10000" },
  },
});
const EVENTS = Number(values.events);
const BATCH = Number(values.batch);
const HASHES = Number(values.hashes);

function batchesOf(prefix: string, seed: number): NormalizedEvent[][] {
  const messages = identityWorkload({ messages: EVENTS, seed, prefix }).messages.map((m, i) => padMessage(m, i));
  const events = messages.map((m) => {
    const o = normalizeMessage(m, { receivedAt: new Date(), newMessageId: () => randomBytes(8).toString("hex") });
    if (!o.ok) throw new Error(o.reason);
    return o.event;
  });
  return Array.from({ length: Math.ceil(events.length / BATCH) }, (_, k) => events.slice(k * BATCH, (k + 1) * BATCH));
}

/** The check's statement alone (the subquery loadState adds) for each batch's identifiers, minus the
 * same statement without it, interleaved: µs per batch (median). */
async function statementCost(client: pg.Client, batches: NormalizedEvent[][]): Promise<number> {
  const diffs: number[] = [];
  for (const batch of batches.slice(0, 100)) {
    const all = new Map<string, Identifier>();
    for (const e of batch) for (const i of extractIdentifiers(e)) all.set(`${i.type}:${i.value}`, i);
    const json = JSON.stringify([...all.values()]);
    const time = async (text: string) => {
      const started = performance.now();
      await client.query(text, [json]);
      return performance.now() - started;
    };
    const without = await time(`SELECT $1::jsonb IS NULL AS x, '[]'::json AS suppressed`);
    const withCheck = await time(`SELECT $1::jsonb IS NULL AS x, ${SUPPRESSED_CHECK} AS suppressed`);
    diffs.push((withCheck - without) * 1000);
  }
  return diffs.sort((a, b) => a - b)[Math.floor(diffs.length / 2)]!;
}

/** Stores the batches one at a time, the check off and on in turn (ABBA); ms and events per mode. */
async function interleaved(batches: NormalizedEvent[][], sourceId: string): Promise<{ off: number; on: number; events: { off: number; on: number } }> {
  const ms = { off: 0, on: 0 };
  const events = { off: 0, on: 0 };
  for (let i = 0; i < batches.length; i++) {
    // off, on, on, off, off, on, …: neither mode always gets the even (or odd) batches of the workload.
    const mode = (i + (i >> 1)) % 2 === 0 ? "off" : "on";
    suppressionCheck.enabled = mode === "on";
    const started = performance.now();
    await storeRequests([{ sourceId, receivedAt: new Date(), events: batches[i]!, rejected: [] }]);
    ms[mode] += performance.now() - started;
    events[mode] += batches[i]!.length;
  }
  suppressionCheck.enabled = true;
  return { ...ms, events };
}

async function run(label: string, fresh: FreshDb): Promise<void> {
  try {
    await migrate(fresh.url);
    const db = createPrisma(fresh.url, 2);
    setDb(db);
    const client = new pg.Client({ connectionString: fresh.url });
    await client.connect();
    await setPool(new pg.Pool({ connectionString: fresh.url, max: 2 }));
    try {
      const { id: sourceId } = await createSource({ name: "Bench", kind: "server" });
      // Warm up (JIT, plans) on messages of their own.
      await interleaved(batchesOf("warm", 99).slice(0, 20), sourceId);
      console.log(`${label} — ${EVENTS.toLocaleString("en-US")} events per list, batches of ${BATCH}, the check off and on batch by batch:`);
      for (const [name, seed] of [["empty list", 1], [`${HASHES.toLocaleString("en-US")} hashes listed`, 2]] as const) {
        if (seed === 2)
          await client.query(
            `INSERT INTO suppressions (hash, identifier_type) SELECT encode(sha256(convert_to('email:nobody-' || g || '@example.com', 'UTF8')), 'hex'), 'email' FROM generate_series(1, $1) AS g`,
            [HASHES],
          );
        const sql = await statementCost(client, batchesOf(`q${seed}`, seed + 10));
        const r = await interleaved(batchesOf(`s${seed}`, seed), sourceId);
        const off = (r.events.off / r.off) * 1000;
        const on = (r.events.on / r.on) * 1000;
        console.log(
          `  ${name.padEnd(24)} off ${Math.round(off).toLocaleString("en-US").padStart(6)} events/s · on ${Math.round(on).toLocaleString("en-US").padStart(6)} events/s · on/off ×${(on / off).toFixed(3)}` +
            ` · the check alone: ${sql.toFixed(0)} µs per batch (${((sql / 1000 / (r.on / Math.ceil(r.events.on / BATCH))) * 100).toFixed(2)} % of a batch's store)`,
        );
      }
      console.log("  aim: with an empty list the check costs ≤ 2 % (×0.98 or better)\n");
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
