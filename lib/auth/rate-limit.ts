// Fixed-window rate limiting whose counters live in the database (lib/data/rate-limits.ts), so
// every app instance shares them. The decision itself is pure.

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export interface RateLimitState {
  count: number;
  windowStart: Date;
}

export interface RateLimitDecision {
  allowed: boolean;
  remaining: number;
  /** Seconds until the window resets (0 when allowed). */
  retryAfterSec: number;
}

/** The state after one more hit at `now`: a window that has ended starts over. */
export function nextState(prev: RateLimitState | null, now: Date, rule: RateLimitRule): RateLimitState {
  if (!prev || now.getTime() - prev.windowStart.getTime() >= rule.windowMs) return { count: 1, windowStart: now };
  return { count: prev.count + 1, windowStart: prev.windowStart };
}

export function decide(state: RateLimitState, now: Date, rule: RateLimitRule): RateLimitDecision {
  const allowed = state.count <= rule.limit;
  const resetMs = state.windowStart.getTime() + rule.windowMs - now.getTime();
  return {
    allowed,
    remaining: Math.max(0, rule.limit - state.count),
    retryAfterSec: allowed ? 0 : Math.max(1, Math.ceil(resetMs / 1000)),
  };
}
