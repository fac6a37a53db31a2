// Fresh databases for the benchmark scripts: an embedded PGlite served by a child process (as `npm
// start`'s supervisor serves it, so the engine never shares the measured code's event loop), or a new
// database on a PostgreSQL server (BENCH_DATABASE_URL), dropped afterwards. Both migrated on request.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";
import { startEmbeddedServer } from "../db/embedded-server";

export interface FreshDb {
  url: string;
  /** The embedded database's serving process (its CPU time is the database's); absent for a server. */
  pid?: number;
  close(): Promise<void>;
}

const SERVE_SCRIPT = path.resolve("scripts/serve-embedded.ts");

/** A fresh embedded database served by a child process. */
export async function freshEmbedded(): Promise<FreshDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-bench-"));
  const child: ChildProcess = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", SERVE_SCRIPT, path.join(dir, "pglite")], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the embedded database did not start in 120 s")), 120_000);
      readline.createInterface({ input: child.stdout! }).on("line", (line) => {
        if (line.startsWith("READY ")) {
          clearTimeout(timer);
          resolve(line.slice(6).trim());
        }
      });
      void exited.then(() => reject(new Error("the embedded database exited before it was ready")));
    });
    return {
      url,
      pid: child.pid,
      async close() {
        child.kill("SIGTERM");
        await exited;
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    child.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** The child side of freshEmbedded: serve until told to stop (or the parent goes away). */
export async function serveEmbedded(dir: string): Promise<void> {
  const server = await startEmbeddedServer({ dir });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  process.stdin.on("end", () => void stop());
  process.stdin.resume();
  console.log(`READY ${server.url}`);
}

/** A fresh database on the PostgreSQL server, dropped afterwards. */
export async function freshPostgres(server: string): Promise<FreshDb> {
  const name = `tandem_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async close() {
      for (let i = 0; i < 50; i++) {
        const { rows } = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`, [name]);
        if (rows[0]!.n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
