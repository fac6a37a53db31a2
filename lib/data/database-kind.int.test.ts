// isEmbeddedDatabase tells the embedded database from a PostgreSQL server (the suite runs on both).
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { pool } from "../db/pool";
import { isEmbeddedDatabase } from "./database-kind";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

it("knows which database it talks to, asking once per pool", async () => {
  const first = isEmbeddedDatabase();
  expect(isEmbeddedDatabase(pool())).toBe(first);
  expect(await first).toBe(t.backend === "embedded");
});
