import type { Logger } from '../../logging/logging';

/** What discord.js reports about one request it held back or that was refused. */
export interface RateLimitInfo {
  route: string;
  method: string;
  retryAfter: number;
  global: boolean;
}

/**
 * Tells discord.js's own pre-emptive waits (it knows a bucket is empty and waits before
 * sending: routine, logged at debug) from real 429 answers (Discord refused a request: WARN),
 * and counts both for the Status view.
 */
export class RateLimitLog {
  /** Requests discord.js held back before sending (no 429 received). */
  waits = 0;
  /** Requests Discord answered 429. */
  hits = 0;

  constructor(private readonly logger: () => Logger) {}

  /** RESTEvents.RateLimited: emitted before discord.js waits for a bucket to refill. */
  onWait(info: RateLimitInfo): void {
    this.waits++;
    this.logger().debug(
      { route: info.route, method: info.method, waitMs: info.retryAfter, global: info.global },
      'Discord rate limit: waiting for the bucket before sending (no 429)',
    );
  }

  /** RESTEvents.Response: a 429 is a real rate limit hit (discord.js retries after retry-after). */
  onResponse(
    request: { route: string; method: string },
    response: { status: number; headers: Headers },
  ): void {
    if (response.status !== 429) return;
    this.hits++;
    const retryAfter = Number(response.headers.get('retry-after'));
    this.logger().warn(
      {
        route: request.route,
        method: request.method,
        retryAfterMs: Number.isFinite(retryAfter) ? Math.round(retryAfter * 1000) : null,
        global: response.headers.has('x-ratelimit-global'),
      },
      'Discord rate limit hit (429); the request waits and is retried',
    );
  }

  get counts(): { waits: number; hits: number } {
    return { waits: this.waits, hits: this.hits };
  }
}
