// Benchmarks' throwaway databases on a PostgreSQL server (BENCH_DATABASE_URL): created empty, dropped
// after (waiting for the benchmark's pooled backends to leave before the forced drop).
import { randomBytes } from "node:crypto";
import pg from "pg";

export interface FreshDb {
  url: string;
  close(): Promise<void>;
}

/** A fresh, empty database on the server at `server`. */
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
