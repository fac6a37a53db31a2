// The Prisma client, over the `pg` driver adapter, for whichever database lib/db/target.ts chose.
// Only the data-access layer (lib/data, lib/auth's user lookups, CLIs) imports this.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { env } from "../env";
import { PatchedPgClient } from "./pg-client";

export type Db = PrismaClient;

export function createPrisma(url: string, poolSize = env().TANDEM_DB_POOL_SIZE): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize, Client: PatchedPgClient });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { tandemPrisma?: PrismaClient };

/** The process-wide client for the app (DATABASE_URL is always set by the start script). */
export function db(): PrismaClient {
  if (globalForPrisma.tandemPrisma) return globalForPrisma.tandemPrisma;
  const url = env().DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: start Tandem with `npm start` (or `npm run demo`), which starts the embedded database.");
  }
  globalForPrisma.tandemPrisma = createPrisma(url);
  return globalForPrisma.tandemPrisma;
}

/** Point the process-wide client at a database (integration tests, CLIs). */
export function setDb(client: PrismaClient | undefined): void {
  globalForPrisma.tandemPrisma = client;
}
