// Per-write-key rate limiting on the Tracking API: a token bucket refilled at `rate` per second with
// room for a burst (write keys are public in browsers, so a key must not be able to flood the
// database). Pure: the definition. The bucket itself lives in the database so that every collector
// process shares it (lib/data/rate-limits.ts takeSourceToken runs this same step on the row).

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
  // A clock that steps back (several machines, or two requests of one) never rewinds the bucket.
  const updatedMs = prev ? Math.max(prev.updatedMs, nowMs) : nowMs;
  if (tokens >= 1) return { allowed: true, bucket: { tokens: tokens - 1, updatedMs }, retryAfterSec: 0 };
  return { allowed: false, bucket: { tokens, updatedMs }, retryAfterSec: Math.max(1, Math.ceil(msUntilToken(tokens, ratePerSec) / 1000)) };
}

/** Milliseconds until a bucket holding `tokens` (< 1) has a whole token again. */
export function msUntilToken(tokens: number, ratePerSec: number): number {
  return Math.max(0, ((1 - tokens) / ratePerSec) * 1000);
}
