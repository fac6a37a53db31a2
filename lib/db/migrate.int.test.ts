// The migration runner on a fresh database: idempotent, Prisma-compatible bookkeeping, and loud
// about a migration edited after it ran.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { MIGRATIONS_DIR, migrate, readMigrations } from "./migrate";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("migrate", () => {
  it("has applied every committed migration, recording Prisma's checksums", async () => {
    const rows = await t.db.$queryRaw<{ migration_name: string; checksum: string }[]>`
      SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`;
    expect(rows).toEqual(readMigrations().map((m) => ({ migration_name: m.name, checksum: m.checksum })));
  });

  it("is a no-op the second time", async () => {
    expect(await migrate(t.url)).toEqual({ applied: [], alreadyApplied: readMigrations().length });
  });

  it("refuses to run over a migration edited after it was applied", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-migrations-"));
    fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const first = readMigrations(dir)[0]!;
    fs.appendFileSync(path.join(dir, first.name, "migration.sql"), "\n-- edited\n");
    await expect(migrate(t.url, dir)).rejects.toThrow(/was edited after it was applied/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("applies a new migration, and rolls back one that fails", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-migrations-"));
    fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    fs.mkdirSync(path.join(dir, "29990101000000_bad"));
    fs.writeFileSync(path.join(dir, "29990101000000_bad", "migration.sql"), "CREATE TABLE zz_ok (id int);\nSELECT no_such_function();\n");
    await expect(migrate(t.url, dir)).rejects.toThrow(/29990101000000_bad failed/);
    const [{ n }] = await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'zz_ok'`;
    expect(n).toBe(0);
    fs.writeFileSync(path.join(dir, "29990101000000_bad", "migration.sql"), "CREATE TABLE zz_ok (id int);\n");
    expect((await migrate(t.url, dir)).applied).toEqual(["29990101000000_bad"]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
