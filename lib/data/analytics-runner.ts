// Bounded cost for every analytics query (funnels, paths, attribution, audiences, metrics):
// - on PostgreSQL each analysis runs in its own transaction with `SET LOCAL statement_timeout` and
//   `enable_nestloop = off` (a misestimated nested loop is the plan cliff that turns 0.3 s into minutes,
//   see shared research §6.4) and `jit = off` (a many-CTE analysis whose row estimates are guesses
//   looks expensive enough to be JIT-compiled: measured on a funnel, 34 ms of work took 7.8 s with
//   compilation); a timeout becomes AnalyticsLimitError 503 `query_timeout`;
// - the embedded database has no statement timeout and runs one transaction at a time for everyone,
//   so there analyses run one at a time (another gets 429 `analytics_busy` with Retry-After) and a
//   range over more than TANDEM_ANALYTICS_MAX_EVENTS events is refused up front (400
//   `range_too_large`) — ingest never waits minutes behind a report.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import { env } from "../env";
import { isEmbeddedDatabase } from "./database-kind";

export type AnalyticsQuery = Pick<Prisma.TransactionClient, "$queryRaw" | "$queryRawUnsafe">;

export class AnalyticsLimitError extends Error {
  constructor(
    readonly status: 400 | 429 | 503,
    readonly code: "range_too_large" | "analytics_busy" | "query_timeout",
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const state = globalThis as unknown as { tandemAnalyticsRunning?: boolean };

/** Forget that an analysis is running (tests switch databases within one process). */
export function resetAnalyticsRunner(): void {
  state.tandemAnalyticsRunning = false;
}

function isStatementTimeout(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 6; depth++) {
    const o = e as { code?: unknown; originalCode?: unknown; message?: unknown; meta?: { code?: unknown }; cause?: unknown };
    if (o.code === "57014" || o.originalCode === "57014" || o.meta?.code === "57014") return true;
    if (typeof o.message === "string" && o.message.includes("canceling statement due to statement timeout")) return true;
    e = o.cause;
  }
  return false;
}

export interface AnalysisOptions {
  /** The event-time range the analysis reads, so the embedded database can refuse one too large. */
  range?: { from: Date; to: Date };
}

/** Runs one analysis under the limits above. `run` gets the query interface to use for every statement. */
export async function runAnalysis<T>(run: (q: AnalyticsQuery) => Promise<T>, opts: AnalysisOptions = {}): Promise<T> {
  const { TANDEM_ANALYTICS_TIMEOUT_MS: timeoutMs, TANDEM_ANALYTICS_MAX_EVENTS: maxEvents } = env();
  if (!(await isEmbeddedDatabase())) {
    try {
      return await db().$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${timeoutMs}`);
          await tx.$executeRawUnsafe(`SET LOCAL enable_nestloop = off`);
          // Disabling nested loops adds 1e10 to the cost of any plan that still needs one (a lateral
          // function scan, say), which crosses jit_above_cost: every analysis would then spend seconds
          // compiling (measured: 5 s of JIT for a 1.4 s query). These queries are not long enough to win it back.
          await tx.$executeRawUnsafe(`SET LOCAL jit = off`);
          return run(tx);
        },
        { maxWait: 10_000, timeout: timeoutMs + 5_000 },
      );
    } catch (err) {
      if (isStatementTimeout(err)) {
        throw new AnalyticsLimitError(503, "query_timeout", `The analysis took longer than ${Math.round(timeoutMs / 1000)} s and was stopped; narrow the date range or simplify it, then try again.`, 5);
      }
      throw err;
    }
  }
  if (state.tandemAnalyticsRunning) {
    throw new AnalyticsLimitError(429, "analytics_busy", "Another analysis is running on the embedded database (it runs one at a time); try again in a few seconds.", 2);
  }
  state.tandemAnalyticsRunning = true;
  try {
    if (opts.range) {
      // Bounded: reads at most maxEvents + 1 index entries.
      const [row] = await db().$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM (SELECT 1 FROM events WHERE timestamp >= ${opts.range.from} AND timestamp < ${opts.range.to} LIMIT ${maxEvents + 1}) x`;
      if ((row?.n ?? 0) > maxEvents) {
        throw new AnalyticsLimitError(
          400,
          "range_too_large",
          `This range holds more than ${maxEvents.toLocaleString("en-US")} events, more than the embedded database analyses at once; choose a shorter range, or run Tandem on PostgreSQL (DATABASE_URL) for bigger reports.`,
        );
      }
    }
    return await run(db());
  } finally {
    state.tandemAnalyticsRunning = false;
  }
}
