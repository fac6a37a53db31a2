// The Tracking API collector (lib/ingest/collector.ts).
//   npm run collector [-- --port P]     alone: /v1/*, /t.js and /sourceConfig on its own port
//                                       (TANDEM_COLLECTOR_PORT, default 3001), 404 for the rest
//   tsx scripts/collector.ts --port P --upstream U
//                                       in front of the web app on U (how scripts/start.ts runs it)
// TANDEM_COLLECTOR_PROCESSES=N runs N processes sharing the port (node:cluster). They share everything
// that must hold deployment-wide through the database — rate limits, dedupe, the live debugger — so
// collectors on several machines behind a load balancer work the same way against one PostgreSQL.
// The database: DATABASE_URL, or the embedded database of a running Tandem (`npm start`).
import cluster from "node:cluster";
import { parseArgs } from "node:util";
import { env, resetEnv } from "../lib/env";
import { servedDatabaseUrl } from "../lib/db/target";

const { values } = parseArgs({ options: { port: { type: "string" }, upstream: { type: "string" } } });
const upstreamPort = values.upstream ? Number(values.upstream) : undefined;
const port = values.port ? Number(values.port) : env().TANDEM_COLLECTOR_PORT;
const processes = env().TANDEM_COLLECTOR_PROCESSES;

async function primary(): Promise<void> {
  const url = await servedDatabaseUrl();
  if (!url) {
    console.error("✖ No database to collect into: start Tandem first (npm start serves the embedded database), or set DATABASE_URL.");
    process.exit(1);
  }
  if (processes === 1) return serve(url);
  let stopping = false;
  const fork = () => cluster.fork({ DATABASE_URL: url });
  for (let i = 0; i < processes; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`[collector] process ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });
  const stop = () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const w of workers) w?.kill("SIGTERM");
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  console.log(`▸ Collector: ${processes} processes sharing :${port}`);
}

async function serve(url: string): Promise<void> {
  process.env.DATABASE_URL = url;
  resetEnv();
  // Imported after DATABASE_URL is settled: the data layer's pools read it once.
  const { createCollectorServer } = await import("../lib/ingest/collector");
  const server = createCollectorServer({ upstreamPort });
  server.listen(port, () => {
    if (cluster.isPrimary) {
      console.log(
        upstreamPort === undefined
          ? `▸ Collector on :${port} (Tracking API, /t.js, /sourceConfig)`
          : `▸ Collector on :${port} (Tracking API), app behind it on :${upstreamPort}`,
      );
    }
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // A request still being stored is not acknowledged: its client retries it.
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // A worker whose primary is gone stops too.
  if (cluster.isWorker) process.on("disconnect", stop);
}

if (cluster.isPrimary) void primary();
else void serve(process.env.DATABASE_URL!);
