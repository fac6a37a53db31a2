// The embedded database: a file-backed PGlite served over the real PostgreSQL wire protocol on
// loopback, so the app, CLIs and tests all speak `pg` whichever database is underneath.
// One process owns a data directory: a lock file beside it turns a second opener into a clear error
// ("in use by pid N") instead of a silently corrupted database.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { serializeExtendedQueries } from "./pglite-queue-fix";

export interface EmbeddedServer {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

interface LockInfo {
  pid: number;
  port?: number;
  startedAt: string;
}

export class DatabaseInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
    readonly port?: number,
  ) {
    super(
      `The embedded database at ${dir} is in use by pid ${pid}. Stop that process first, ` +
        `or set DATABASE_URL to use a PostgreSQL server instead.`,
    );
    this.name = "DatabaseInUseError";
  }
}

export function lockPath(dir: string): string {
  return `${path.resolve(dir)}.lock`;
}

export function embeddedUrl(port: number): string {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live owner of a data directory, if any (a lock left by a dead process is not an owner). */
export function readLock(dir: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(lockPath(dir), "utf8")) as LockInfo;
    return info.pid && isAlive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

function acquireLock(dir: string): void {
  const file = lockPath(dir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
      fs.closeSync(fd);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = readLock(dir);
      if (owner && owner.pid !== process.pid) throw new DatabaseInUseError(dir, owner.pid, owner.port);
      // Stale lock from a process that died: take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dir}`);
}

function releaseLock(dir: string): void {
  try {
    const info = JSON.parse(fs.readFileSync(lockPath(dir), "utf8")) as LockInfo;
    if (info.pid === process.pid) fs.rmSync(lockPath(dir), { force: true });
  } catch {
    /* already gone */
  }
}

/** Resolves when something accepts TCP connections on 127.0.0.1:port. */
export function canConnect(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export async function startEmbeddedServer(opts: { dir: string; port?: number; maxConnections?: number }): Promise<EmbeddedServer> {
  const dir = path.resolve(opts.dir);
  acquireLock(dir);
  let db: PGlite | undefined;
  try {
    // PGlite's own mkdir is not recursive.
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    db = await PGlite.create(dir);
    const server = new PGLiteSocketServer({
      db,
      host: "127.0.0.1",
      port: opts.port ?? 0,
      maxConnections: opts.maxConnections ?? 64,
    });
    serializeExtendedQueries(server);
    await server.start();
    const conn = server.getServerConn(); // "127.0.0.1:54321"
    const port = Number(conn.slice(conn.lastIndexOf(":") + 1));
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid: process.pid, port, startedAt: new Date().toISOString() }));
    let stopped = false;
    const pglite = db;
    return {
      url: embeddedUrl(port),
      port,
      pid: process.pid,
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop().catch(() => undefined);
        // Always close: a PGlite that exits without close() can leave its directory unopenable.
        await pglite.close();
        releaseLock(dir);
      },
    };
  } catch (err) {
    await db?.close().catch(() => undefined);
    releaseLock(dir);
    throw err;
  }
}
