// When to retry a failed send: exponential backoff with "equal jitter" (half the step fixed, half
// random, so many browsers failing together spread out), or the server's Retry-After when given.

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 60_000;
/** A Retry-After beyond this is clamped (a wrong header must not park the queue for days). */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;
/** Attempts per message before it is dropped. */
export const MAX_ATTEMPTS = 10;

/** The wait before retry number `attempt` (1 = the first retry): base·2^(attempt−1), capped, jittered into [½, 1]. */
export function backoffDelay(attempt: number, random: number): number {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * Math.min(Math.max(random, 0), 1));
}

/** Retry-After (delta-seconds or an HTTP date) in milliseconds from now, or undefined if absent/invalid. */
export function retryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(value)) ms = Number(value) * 1000;
  else if (/[a-z]/i.test(value)) {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return undefined;
    ms = at - nowMs;
  } else return undefined;
  return Math.min(Math.max(0, Math.round(ms)), MAX_RETRY_AFTER_MS);
}

/** Whether a send that ended with this status (0 = network error) is worth retrying. */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}
