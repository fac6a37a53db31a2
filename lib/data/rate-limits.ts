// Shared rate-limit counters: one atomic upsert per hit, so concurrent instances never lose a count.
import { pool } from "../db/pool";
import { db } from "../db/prisma";
import { decide, type RateLimitDecision, type RateLimitRule } from "../auth/rate-limit";

export async function hitRateLimit(key: string, rule: RateLimitRule, now: Date): Promise<RateLimitDecision> {
  const windowEnd = new Date(now.getTime() - rule.windowMs);
  const rows = await db().$queryRaw<{ count: number; window_start: Date }[]>`
    INSERT INTO rate_limits (key, count, window_start) VALUES (${key}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start <= ${windowEnd} THEN 1 ELSE rate_limits.count + 1 END,
      window_start = CASE WHEN rate_limits.window_start <= ${windowEnd} THEN ${now} ELSE rate_limits.window_start END
    RETURNING count, window_start`;
  const row = rows[0]!;
  return decide({ count: row.count, windowStart: row.window_start }, now, rule);
}

/** Forgive one counted hit (a successful sign-in does not count against its IP). */
export async function forgiveRateLimit(key: string): Promise<void> {
  await db().$executeRaw`UPDATE rate_limits SET count = GREATEST(count - 1, 0) WHERE key = ${key}`;
}

export async function clearRateLimit(key: string): Promise<void> {
  await db().$executeRaw`DELETE FROM rate_limits WHERE key = ${key}`;
}

/**
 * Takes one token from a rate-limited source's bucket, shared by every collector process: refilled
 * at `ratePerSec`, holding at most `burst`, at `nowMs` on the collector's clock. It is
 * lib/ingest/token-bucket.ts's takeToken done atomically on the row (the row lock orders concurrent
 * takers; an integration test replays random sequences through both), one autocommitted statement on
 * an unlogged table. Returns whether a token was taken and how many are left.
 */
export async function takeSourceToken(sourceId: string, nowMs: number, ratePerSec: number, burst: number): Promise<{ allowed: boolean; tokens: number }> {
  // What the bucket holds at now, refilled since its last use; `b` is the conflicting row, locked and
  // re-read at its latest version, so concurrent takers are applied one after another.
  const avail = "least(greatest(1, $4::float8), b.tokens + greatest(0, $2::float8 - b.updated_ms) / 1000 * $3::float8)";
  const { rows } = await pool().query<{ allowed: boolean; tokens: number }>(
    `INSERT INTO source_rate_buckets AS b (source_id, tokens, updated_ms, last_allowed)
     VALUES ($1, greatest(1, $4::float8) - 1, $2::float8, true)
     ON CONFLICT (source_id) DO UPDATE SET
       tokens = ${avail} - CASE WHEN ${avail} >= 1 THEN 1 ELSE 0 END,
       -- Clocks of several machines may differ a little: elapsed time is never negative, never rewound.
       updated_ms = greatest(b.updated_ms, $2::float8),
       last_allowed = ${avail} >= 1
     RETURNING last_allowed AS allowed, tokens`,
    [sourceId, nowMs, ratePerSec, burst],
  );
  return rows[0]!;
}
