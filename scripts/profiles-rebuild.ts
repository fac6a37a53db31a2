// npm run profiles:rebuild [-- --discard-splits] — re-resolves every profile from the raw events in
// ingest order, under the rules in Settings, while the app keeps serving (see lib/data/identity-rebuild.ts).
import { openDatabase } from "../lib/db/target";
import { setPool, pool } from "../lib/db/pool";
import pg from "pg";
import { rebuildProfiles, RebuildRefused } from "../lib/data/identity-rebuild";
import { formatDuration } from "../lib/demo/progress-bar";
import { migrate } from "../lib/db/migrate";

async function main() {
  const discardSplits = process.argv.includes("--discard-splits");
  const database = await openDatabase();
  await setPool(new pg.Pool({ connectionString: database.url, max: 2 }));
  const started = performance.now();
  let lastLine = 0;
  try {
    await migrate(database.url);
    const r = await rebuildProfiles(pool(), {
      discardSplits,
      onProgress: (p) => {
        const fraction = p.total ? Math.min(1, p.events / p.total) : 1;
        const elapsed = performance.now() - started;
        const line = `[${"█".repeat(Math.round(fraction * 28)).padEnd(28, "░")}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${p.events.toLocaleString("en-US")} / ${p.total.toLocaleString("en-US")} events  ${formatDuration(elapsed)}  ${p.phase}`;
        if (process.stderr.isTTY) process.stderr.write(`\r${line}\x1b[K`);
        else if (elapsed - lastLine > 5000 || p.phase !== "replay") {
          lastLine = elapsed;
          process.stderr.write(`${line}\n`);
        }
      },
    });
    if (process.stderr.isTTY) process.stderr.write("\n");
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `Rebuilt ${r.profiles.toLocaleString("en-US")} profiles and ${r.identities.toLocaleString("en-US")} identities from ${r.events.toLocaleString("en-US")} events in ${s(r.elapsedMs)} ` +
        `(${Math.round(r.events / (r.elapsedMs / 1000)).toLocaleString("en-US")} events/s); ${r.merges.toLocaleString("en-US")} merges, ${r.refused.toLocaleString("en-US")} refused links; ` +
        `${r.changedEvents.toLocaleString("en-US")} events changed profile; ingest waited ${s(r.swapMs)} for the swap.`,
    );
  } catch (err) {
    if (err instanceof RebuildRefused) {
      console.error(`✖ ${err.message}`);
      process.exitCode = 2;
      return;
    }
    throw err;
  } finally {
    await setPool(undefined);
    await database.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
