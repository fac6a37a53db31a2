// The one module that knows whether Tandem runs on the embedded PGlite database or on a real
// PostgreSQL server. Everything else receives a postgres:// URL and speaks the wire protocol.
import path from "node:path";
import { dataDir, env } from "../env";
import { canConnect, embeddedUrl, readLock, startEmbeddedServer } from "./embedded-server";

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "embedded"; dir: string };

export function databaseTarget(): DatabaseTarget {
  const url = env().DATABASE_URL;
  return url ? { kind: "postgres", url } : { kind: "embedded", dir: path.join(dataDir(), "pglite") };
}

export interface OpenDatabase {
  kind: DatabaseTarget["kind"];
  url: string;
  /** True when this process started the embedded server (and so must close it). */
  owned: boolean;
  close(): Promise<void>;
}

/**
 * A URL for the configured database. For the embedded one: reuse the server of a running Tandem
 * (so CLIs work beside the app), else serve the directory from this process until close().
 */
export async function openDatabase(opts: { port?: number } = {}): Promise<OpenDatabase> {
  const target = databaseTarget();
  if (target.kind === "postgres") {
    return { kind: "postgres", url: target.url, owned: false, close: async () => undefined };
  }
  const owner = readLock(target.dir);
  if (owner?.port && owner.pid !== process.pid && (await canConnect(owner.port))) {
    return { kind: "embedded", url: embeddedUrl(owner.port), owned: false, close: async () => undefined };
  }
  const server = await startEmbeddedServer({ dir: target.dir, port: opts.port });
  return { kind: "embedded", url: server.url, owned: true, close: () => server.stop() };
}

/**
 * The URL of a database that is already being served — the PostgreSQL server, or the embedded one of
 * a running Tandem (it listens on loopback only) — or null. For processes that must not start the
 * embedded database themselves, like a collector running alone.
 */
export async function servedDatabaseUrl(): Promise<string | null> {
  const target = databaseTarget();
  if (target.kind === "postgres") return target.url;
  const owner = readLock(target.dir);
  return owner?.port && (await canConnect(owner.port)) ? embeddedUrl(owner.port) : null;
}
