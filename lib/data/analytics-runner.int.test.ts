// The analytics limits: one at a time and a range cap on the embedded database; statement timeout and
// no nested loops on PostgreSQL, a timeout answered as 503 query_timeout.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { resetEnv } from "../env";
import { AnalyticsLimitError, resetAnalyticsRunner, runAnalysis } from "./analytics-runner";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  resetAnalyticsRunner();
  await t.db.$executeRawUnsafe(`INSERT INTO sources (id, name, kind, write_key_hash, write_key_prefix) VALUES ('s', 's', 'server', 'h-s', 'wk_')`);
  await t.db.$executeRawUnsafe(
    `INSERT INTO events (source_id, message_id, type, event, timestamp, received_at)
     SELECT 's', 'm' || i, 'track', 'E', timestamp '2026-03-01' + i * interval '1 hour', now() FROM generate_series(1, 10) i`,
  );
});
afterEach(() => {
  delete process.env.TANDEM_ANALYTICS_MAX_EVENTS;
  delete process.env.TANDEM_ANALYTICS_TIMEOUT_MS;
  resetEnv();
});
afterAll(async () => {
  resetAnalyticsRunner();
  await t.close();
});

const range = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-03-02T00:00:00Z") };
const count = () => runAnalysis(async (q) => (await q.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM events`)[0].n, { range });

async function refusal(p: Promise<unknown>): Promise<AnalyticsLimitError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AnalyticsLimitError);
  return err as AnalyticsLimitError;
}

describe.runIf(process.env.TANDEM_TEST_BACKEND !== "postgres")("on the embedded database", () => {
  it("runs one analysis at a time: another meanwhile gets 429 analytics_busy with a retry hint", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = runAnalysis(async () => {
      await gate;
      return "first";
    });
    const err = await refusal(count());
    expect([err.status, err.code, err.retryAfterSeconds]).toEqual([429, "analytics_busy", 2]);
    release();
    expect(await first).toBe("first");
    // Free again once the first one is done, even when it failed.
    await expect(runAnalysis(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await count()).toBe(10);
  });

  it("refuses a range holding more events than configured, with a 400 saying what to do", async () => {
    process.env.TANDEM_ANALYTICS_MAX_EVENTS = "9";
    resetEnv();
    const err = await refusal(count());
    expect([err.status, err.code]).toEqual([400, "range_too_large"]);
    expect(err.message).toMatch(/shorter range/);
    process.env.TANDEM_ANALYTICS_MAX_EVENTS = "10";
    resetEnv();
    expect(await count()).toBe(10);
  });
});

describe.runIf(process.env.TANDEM_TEST_BACKEND === "postgres")("on PostgreSQL", () => {
  it("runs with nested loops and JIT off and a statement timeout", async () => {
    process.env.TANDEM_ANALYTICS_TIMEOUT_MS = "1234";
    resetEnv();
    const settings = await runAnalysis((q) => q.$queryRaw<{ nl: string; st: string; jit: string }[]>`SELECT current_setting('enable_nestloop') AS nl, current_setting('statement_timeout') AS st, current_setting('jit') AS jit`);
    expect(settings[0]).toEqual({ nl: "off", st: "1234ms", jit: "off" });
    // Only for the analysis: the next statement outside it has the defaults back.
    const after = await t.db.$queryRaw<{ nl: string }[]>`SELECT current_setting('enable_nestloop') AS nl`;
    expect(after[0].nl).toBe("on");
  });

  it("answers a query past the timeout with 503 query_timeout", async () => {
    process.env.TANDEM_ANALYTICS_TIMEOUT_MS = "200";
    resetEnv();
    const err = await refusal(runAnalysis((q) => q.$queryRaw`SELECT pg_sleep(2)`));
    expect([err.status, err.code]).toEqual([503, "query_timeout"]);
  });

  it("never refuses for size or concurrency", async () => {
    process.env.TANDEM_ANALYTICS_MAX_EVENTS = "1";
    resetEnv();
    expect(await Promise.all([count(), count()])).toEqual([10, 10]);
  });
});
