/** The longest wait between two attempts. */
export const MAX_RETRY_DELAY_MS = 4 * 3600 * 1000;

/**
 * When attempt `attempt + 1` is due after attempt `attempt` failed at `now`: base·4^(attempt−1), at most 4 hours,
 * scaled by a random 0.75–1.25 (jitter, so endpoints that fail together are not retried in lockstep), and never
 * after the retry window ends: the last attempt is at its end. Undefined once the window is over.
 */
export function nextAttemptAt(attempt: number, now: Date, windowEnd: Date, baseMs: number, random = Math.random): Date | undefined {
  if (now.getTime() >= windowEnd.getTime()) return undefined;
  const delay = Math.min(baseMs * 4 ** Math.max(0, attempt - 1), MAX_RETRY_DELAY_MS) * (0.75 + random() * 0.5);
  return new Date(Math.min(now.getTime() + delay, windowEnd.getTime()));
}
