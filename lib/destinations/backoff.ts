// When a failed delivery is tried again: exponential backoff with jitter, the first retry within
// 10 s, for up to 24 hours from the first attempt (or the last resend), then the dead-letter list. Pure.

export const RETRY_BASE_MS = 5_000;
export const RETRY_CAP_MS = 60 * 60_000;
export const RETRY_WINDOW_MS = 24 * 60 * 60_000;

/**
 * The wait before retry number `attempt` (1 = the retry after the first failure): between half and all
 * of min(cap, base·2^(attempt-1)) — "equal jitter", so retries of many deliveries spread out while
 * each still waits a predictable minimum. `random` in [0, 1).
 */
export function retryDelayMs(attempt: number, random: number): number {
  const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, Math.min(30, attempt - 1)));
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(Math.max(random, 0), 1));
}

/** After a failed attempt: when to retry, or null when the retry window has passed (dead letter). */
export function nextAttempt(attempts: number, retryFrom: Date, now: Date, random: number): Date | null {
  if (now.getTime() - retryFrom.getTime() >= RETRY_WINDOW_MS) return null;
  return new Date(now.getTime() + retryDelayMs(attempts, random));
}
