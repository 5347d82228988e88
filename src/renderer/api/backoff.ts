export interface BackoffOptions {
  /** Delay before the first retry. */
  baseMs: number;
  /** Upper bound for any delay. */
  maxMs: number;
  /** Fraction of the delay added at random (0 = deterministic), so many tabs do not retry in step. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 10_000, jitter: 0.2 };

/** Exponential backoff capped at `maxMs`: base, 2×base, 4×base … for attempt 0, 1, 2 … */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exp = options.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30);
  const capped = Math.min(options.maxMs, exp);
  return Math.round(Math.min(options.maxMs, capped * (1 + options.jitter * random())));
}
