// Starts Tandem: the database (the embedded PGlite server in this process when DATABASE_URL is
// unset), migrations, demo data with --demo, then two child processes: the Next.js server on a
// loopback port and, on the public PORT in front of it, the lean collector that answers the
// Tracking API (/v1/*) itself and passes everything else through. With --dev, next dev serves
// PORT directly. A third child process runs the destinations' dispatcher (TANDEM_DESTINATIONS_DISPATCHER=0: not).
//   tsx scripts/start.ts [--demo] [--dev] [--demo-profiles N] [--demo-days D] [--demo-seed S]
// PORT (default 3000) is honoured. SIGINT/SIGTERM stop the web server, then close the database.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import { dataDir, env } from "../lib/env";
import { openDatabase } from "../lib/db/target";
import { migrate } from "../lib/db/migrate";
import { resolveAuthSecret } from "../lib/server/auth-secret";
import { runDemoSetup } from "../lib/demo/setup";
import { NO_TELEMETRY } from "../lib/server/no-telemetry";

const { values: args } = parseArgs({
  options: {
    demo: { type: "boolean", default: false },
    dev: { type: "boolean", default: false },
    "demo-profiles": { type: "string" },
    "demo-days": { type: "string" },
    "demo-seed": { type: "string" },
  },
});

async function main(): Promise<void> {
  const e = env();
  const database = await openDatabase().catch((err: Error) => {
    console.error(`✖ ${err.message}`);
    process.exit(1);
  });
  if (!database.owned && database.kind === "embedded") {
    console.error("✖ Another Tandem is already serving this embedded database. Stop it first, or set TANDEM_DATA_DIR.");
    process.exit(1);
  }
  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await new Promise((r) => child.once("exit", r));
        clearTimeout(killer);
      }),
    );
    await database.close();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  try {
    console.log(`▸ Database: ${database.kind === "embedded" ? `embedded PGlite in ${path.join(dataDir(), "pglite")}` : "PostgreSQL (DATABASE_URL)"}`);
    const { applied } = await migrate(database.url);
    console.log(applied.length ? `▸ Applied migrations: ${applied.join(", ")}` : "▸ Database schema is up to date");
    if (args.demo) {
      await runDemoSetup(database.url, {
        profiles: args["demo-profiles"] ? Number(args["demo-profiles"]) : undefined,
        days: args["demo-days"] ? Number(args["demo-days"]) : undefined,
        seed: args["demo-seed"] ? Number(args["demo-seed"]) : undefined,
      });
    }
  } catch (err) {
    console.error(`✖ ${(err as Error).message}`);
    await stop(1);
    return;
  }

  const port = e.PORT;
  const publicUrl = e.TANDEM_PUBLIC_URL ?? e.NEXTAUTH_URL ?? `http://localhost:${port}`;
  const childEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_URL: publicUrl,
    NEXTAUTH_SECRET: resolveAuthSecret(e.NEXTAUTH_SECRET, dataDir()),
    // Only the collector reaches the app (loopback), so its x-tandem-peer header can be trusted;
    // `next dev` listens publicly with no collector in front, so there the header means nothing.
    TANDEM_COLLECTOR_IN_FRONT: args.dev ? "0" : "1",
    ...NO_TELEMETRY,
  };
  const nextBin = path.resolve("node_modules/next/dist/bin/next");
  const tsxCli = path.resolve("node_modules/tsx/dist/cli.mjs");
  const appPort = args.dev ? port : await freePort();
  const next = spawn(process.execPath, [nextBin, args.dev ? "dev" : "start", "-p", String(appPort), ...(args.dev ? [] : ["-H", "127.0.0.1"])], {
    stdio: "inherit",
    env: childEnv,
  });
  children.push(next);
  if (!args.dev) {
    const collector = spawn(process.execPath, [tsxCli, "--conditions=react-server", "scripts/collector.ts", "--port", String(port), "--upstream", String(appPort)], {
      stdio: "inherit",
      env: childEnv,
    });
    children.push(collector);
  }
  if (e.TANDEM_DESTINATIONS_DISPATCHER) {
    // Destinations: the outbox's dispatcher and senders, in their own process (lib/destinations/dispatcher.ts).
    const dispatcher = spawn(process.execPath, [tsxCli, "--conditions=react-server", "scripts/dispatcher.ts"], { stdio: "inherit", env: childEnv });
    children.push(dispatcher);
  }
  console.log(`▸ Tandem is starting on ${publicUrl}`);
  for (const child of children) child.once("exit", (code) => void stop(code ?? 0));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

void main();
