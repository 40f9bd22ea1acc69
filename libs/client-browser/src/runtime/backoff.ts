export interface BackoffOptions {
  /** First retry delay. Default 250 ms. */
  minDelayMs?: number;
  /** Longest delay between attempts. Default 30 s. */
  maxDelayMs?: number;
}

/** Exponential back-off with "equal jitter": half fixed, half random, so many clients don't reconnect in step. */
export function backoffDelay(attempt: number, { minDelayMs = 250, maxDelayMs = 30_000 }: BackoffOptions = {}, random = Math.random): number {
  const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + (ceiling / 2) * random();
}
