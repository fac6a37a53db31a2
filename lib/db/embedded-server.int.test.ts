// The embedded database: data survives a restart, and a second process gets a clear error.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { DatabaseInUseError, lockPath, startEmbeddedServer } from "./embedded-server";
import { migrate } from "./migrate";

const run = promisify(execFile);
const root = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-embedded-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function query(url: string, sql: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}

describe.skipIf(process.env.TANDEM_TEST_BACKEND === "postgres")("embedded PGlite server", () => {
  it("keeps committed data across a restart", async () => {
    const dir = path.join(root, "restart", "pglite");
    const first = await startEmbeddedServer({ dir });
    await migrate(first.url);
    await query(first.url, `INSERT INTO users (email, name, password_hash, role) VALUES ('a@b.c', 'A', 'x', 'admin')`);
    await first.stop();
    expect(fs.existsSync(lockPath(dir))).toBe(false);

    const second = await startEmbeddedServer({ dir });
    try {
      expect((await migrate(second.url)).applied).toEqual([]);
      expect(await query(second.url, `SELECT email FROM users`)).toEqual([{ email: "a@b.c" }]);
    } finally {
      await second.stop();
    }
  });

  it("refuses a second process with the owner's pid, and the data stays intact", async () => {
    const dir = path.join(root, "locked", "pglite");
    const owner = await startEmbeddedServer({ dir });
    try {
      await migrate(owner.url);
      const script = `import { startEmbeddedServer } from ${JSON.stringify(path.resolve("lib/db/embedded-server.ts"))};
        startEmbeddedServer({ dir: ${JSON.stringify(dir)} }).then(() => { console.log("OPENED"); process.exit(0); },
          (e) => { console.log(e.name + ": " + e.message); process.exit(3); });`;
      const file = path.join(root, "second.ts");
      fs.writeFileSync(file, script);
      const err = (await run("npx", ["tsx", file]).catch((e) => e)) as { code: number; stdout: string };
      expect(err.code).toBe(3);
      expect(err.stdout).toContain(`DatabaseInUseError: The embedded database at ${dir} is in use by pid ${process.pid}`);
      // The owner still serves its data.
      expect(await query(owner.url, `SELECT count(*)::int AS n FROM users`)).toEqual([{ n: 0 }]);
    } finally {
      await owner.stop();
    }
  }, 60_000);

  it("takes over a lock left by a process that died", async () => {
    const dir = path.join(root, "stale", "pglite");
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    // A pid that cannot be alive (above the kernel's pid_max).
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid: 2 ** 30, startedAt: new Date().toISOString() }));
    const server = await startEmbeddedServer({ dir });
    await server.stop();
  });

  it("names the owner in the error within the same process", async () => {
    const dir = path.join(root, "same", "pglite");
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid: process.ppid, startedAt: new Date().toISOString() }));
    await expect(startEmbeddedServer({ dir })).rejects.toBeInstanceOf(DatabaseInUseError);
    fs.rmSync(lockPath(dir));
  });
});

describe.skipIf(process.env.TANDEM_TEST_BACKEND === "postgres")("embedded server under concurrent connections", () => {
  it("never interleaves one connection's Parse/Bind/Execute with another's (large parameters)", async () => {
    const server = await startEmbeddedServer({ dir: path.join(root, "concurrent", "pglite") });
    const pool = new pg.Pool({ connectionString: server.url, max: 8 });
    try {
      const big = "x".repeat(300_000);
      const results = await Promise.allSettled(
        Array.from({ length: 300 }, (_, i) =>
          i % 4 === 0
            ? pool.query("SELECT length($1::text) + $2::int + $3::int AS n", [big, 1, 2]).then((r) => r.rows[0].n === 300_003)
            : pool.query("SELECT $1::int AS x", [i]).then((r) => r.rows[0].x === i),
        ),
      );
      const failures = results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason));
      expect(failures).toEqual([]);
      expect(results.every((r) => r.status === "fulfilled" && r.value)).toBe(true);
      // A failing statement does not stall the others.
      await expect(pool.query("SELECT $1::int / 0", [1])).rejects.toThrow(/division by zero/);
      expect((await pool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
      await server.stop();
    }
  }, 60_000);
});
