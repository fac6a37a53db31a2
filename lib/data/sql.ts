// The smallest query interface the set-based data-layer code needs, so the same statements run on a
// pooled `pg` client (the Tracking API's hot path) and inside a Prisma interactive transaction.
import type pg from "pg";
import type { Prisma } from "../generated/prisma/client";

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export function pgSql(client: pg.Pool | pg.PoolClient | pg.Client): Sql {
  return { query: async <T,>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[] };
}

export function prismaSql(tx: Prisma.TransactionClient): Sql {
  return { query: <T,>(text: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(text, ...params) };
}

/** Runs fn in one transaction on a client of the pool. */
export async function inTransaction<T>(pool: pg.Pool, fn: (sql: Sql) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const out = await fn(pgSql(client));
    await client.query("COMMIT");
    return out;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
