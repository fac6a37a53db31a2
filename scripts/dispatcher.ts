// The destinations dispatcher (lib/destinations/dispatcher.ts) as a process: scripts/start.ts runs it
// beside the web server; it can also run alone against DATABASE_URL (`npm run dispatcher`).
// SIGTERM/SIGINT: stop claiming, let the sends in flight finish (≤ 12 s), exit.
import { env } from "../lib/env";
import { startDispatcher } from "../lib/destinations/dispatcher";
import { sendWebhook } from "../lib/destinations/http-send";
import { pool } from "../lib/db/pool";

// An idle connection dropped by the server (a restart) must not end the process: the loop logs the
// failed round and retries on its next wake.
pool().on("error", (err) => console.error(`✖ destinations: database connection lost (${err.message}); retrying`));

const running = startDispatcher({ deps: { send: sendWebhook, allowPrivate: env().TANDEM_DESTINATIONS_ALLOW_PRIVATE, clock: () => new Date() } });
console.log("▸ Destinations dispatcher running");
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void running.stop().then(() => process.exit(0));
  });
