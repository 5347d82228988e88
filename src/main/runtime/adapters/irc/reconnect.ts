export interface BackoffOptions {
  /** First delay (ms). */
  initialMs: number;
  /** No delay is longer than this (ms), jitter included. */
  maxMs: number;
  /** Each failed attempt multiplies the delay by this. */
  factor: number;
  /** ± this fraction of the delay is random, so many bots do not reconnect in lockstep. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 60_000, factor: 2, jitter: 0.2 };

/** Delay before reconnect attempt `attempt` (1-based): exponential, jittered, capped. */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const base = Math.min(options.maxMs, options.initialMs * options.factor ** exponent);
  const spread = base * options.jitter * (random() * 2 - 1);
  return Math.round(Math.min(options.maxMs, Math.max(0, base + spread)));
}

/**
 * The nick to try after `tried` was in use: `nick_`, then `nick__`, then the nick with a random
 * number. `maxLength` is the server's NICKLEN when known; the suffix always survives truncation.
 */
export function fallbackNick(
  preferred: string,
  tried: string,
  maxLength: number | null,
  random: () => number = Math.random,
): string {
  const fit = (base: string, suffix: string): string =>
    maxLength !== null && base.length + suffix.length > maxLength
      ? base.slice(0, Math.max(1, maxLength - suffix.length)) + suffix
      : base + suffix;
  if (tried === preferred) return fit(preferred, '_');
  if (tried === fit(preferred, '_')) return fit(preferred, '__');
  const suffix = String(Math.floor(random() * 9000) + 1000);
  return fit(preferred, suffix);
}
