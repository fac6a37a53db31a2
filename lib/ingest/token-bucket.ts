// Per-write-key rate limiting on the Tracking API: a token bucket refilled at `rate` per second with
// room for a burst. Pure; the collector keeps one bucket per source in memory (write keys are
// public in browsers, so a key must not be able to flood the database).

export interface Bucket {
  tokens: number;
  updatedMs: number;
}

export interface BucketDecision {
  allowed: boolean;
  bucket: Bucket;
  /** Whole seconds until a token is available (0 when allowed). */
  retryAfterSec: number;
}

export function takeToken(prev: Bucket | undefined, nowMs: number, ratePerSec: number, burst = ratePerSec * 2): BucketDecision {
  const capacity = Math.max(1, burst);
  const elapsed = prev ? Math.max(0, nowMs - prev.updatedMs) / 1000 : 0;
  const tokens = prev ? Math.min(capacity, prev.tokens + elapsed * ratePerSec) : capacity;
  if (tokens >= 1) return { allowed: true, bucket: { tokens: tokens - 1, updatedMs: nowMs }, retryAfterSec: 0 };
  return { allowed: false, bucket: { tokens, updatedMs: nowMs }, retryAfterSec: Math.max(1, Math.ceil((1 - tokens) / ratePerSec)) };
}
