// A plain `pg` pool for the few hot, set-based statements (ingest). Prisma's client engine adds
// ~3× overhead on large parameters (measured: 8.8k vs 25k events/s for 100-event inserts on
// PostgreSQL), so the Tracking API's insert goes straight through the driver. It is still part of
// the data-access layer: only lib/data modules use it.
import pg from "pg";
import { env } from "../env";

const globalForPool = globalThis as unknown as { tandemPool?: pg.Pool };

export function pool(): pg.Pool {
  if (globalForPool.tandemPool) return globalForPool.tandemPool;
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Tandem with `npm start`, which starts the embedded database.");
  globalForPool.tandemPool = new pg.Pool({ connectionString: url, max: env().TANDEM_DB_POOL_SIZE });
  return globalForPool.tandemPool;
}

/** Point the hot-path pool at a database (tests, CLIs); closes the previous one. */
export async function setPool(next: pg.Pool | undefined): Promise<void> {
  const prev = globalForPool.tandemPool;
  globalForPool.tandemPool = next;
  if (prev && prev !== next) await prev.end();
}
