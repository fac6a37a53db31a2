// A fresh database per integration suite: a copy of a migrated embedded template, or (with
// TANDEM_TEST_BACKEND=postgres) a new database on the TEST_DATABASE_URL server.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parse } from "pg-connection-string";
import { startEmbeddedServer } from "../lib/db/embedded-server";
import { migrate } from "../lib/db/migrate";
import pg from "pg";
import { createPrisma, setDb, type Db } from "../lib/db/prisma";
import { setPool } from "../lib/db/pool";
import { systemActor } from "../lib/audit/actions";

/** Who a test's fixtures act as in the audit log. */
export const TEST_ACTOR = systemActor("Test setup");

export const TEMPLATE_DIR = path.resolve(".tmp/test-template/pglite");

export interface TestDatabase {
  url: string;
  db: Db;
  backend: "embedded" | "postgres";
  close(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const backend = process.env.TANDEM_TEST_BACKEND === "postgres" ? "postgres" : "embedded";
  const id = randomBytes(6).toString("hex");
  if (backend === "postgres") {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error("TEST_DATABASE_URL is required for the postgres test backend");
    const name = `tandem_test_${id}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const c = parse(serverUrl);
    const url = `postgresql://${encodeURIComponent(c.user ?? "postgres")}${c.password ? ":" + encodeURIComponent(c.password) : ""}@${c.host}:${c.port ?? 5432}/${name}`;
    await migrate(url);
    const db = createPrisma(url, 4);
    setDb(db);
    await setPool(new pg.Pool({ connectionString: url, max: 4 }));
    return {
      url,
      db,
      backend,
      async close() {
        await db.$disconnect();
        setDb(undefined);
        await setPool(undefined);
        const a = new pg.Client({ connectionString: serverUrl });
        await a.connect();
        // pg-pool's end() resolves before its sockets have closed: let the backends go first, or
        // the forced drop kills a closing client and its FATAL surfaces as an unhandled error.
        for (let i = 0; i < 50; i++) {
          const { rows } = await a.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`, [name]);
          if (rows[0].n === 0) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  if (!fs.existsSync(TEMPLATE_DIR)) throw new Error("The test template database is missing; run the suite through vitest (its global setup builds it).");
  const dir = path.resolve(`.tmp/test-db/${id}/pglite`);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.cpSync(TEMPLATE_DIR, dir, { recursive: true });
  const server = await startEmbeddedServer({ dir });
  await migrate(server.url);
  const db = createPrisma(server.url, 4);
  setDb(db);
  await setPool(new pg.Pool({ connectionString: server.url, max: 4 }));
  return {
    url: server.url,
    db,
    backend,
    async close() {
      await db.$disconnect();
      setDb(undefined);
      await setPool(undefined);
      await server.stop();
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    },
  };
}
