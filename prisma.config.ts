// Prisma CLI configuration. Prisma 6.19's CLI runs its WebAssembly schema engine through a driver
// adapter, so nothing is downloaded (see ARCHITECTURE.md). Tandem applies migrations with its own
// runner (lib/db/migrate.ts); the CLI is used to generate the client and to author new migrations
// against a real PostgreSQL server (DATABASE_URL).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { parse } from "pg-connection-string";
import { PatchedPgClient } from "./lib/db/pg-client";

// The CLI must see a postgres:// URL or it falls back to the downloadable library engine.
if (!process.env.DATABASE_URL?.startsWith("postgres")) {
  process.env.DATABASE_URL = "postgresql://postgres:postgres@127.0.0.1:5432/postgres";
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    // Discrete fields, not connectionString: adapter-pg's shadow database keeps connectionString
    // and would otherwise point the "shadow" at the main database.
    const c = parse(process.env.DATABASE_URL!);
    return new PrismaPg({
      host: c.host ?? "127.0.0.1",
      port: c.port ? Number(c.port) : 5432,
      user: c.user ?? "postgres",
      password: c.password ?? undefined,
      database: c.database ?? "postgres",
      Client: PatchedPgClient,
    });
  },
});
