// Shared rate-limit counters: one atomic upsert per hit, so concurrent instances never lose a count.
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
