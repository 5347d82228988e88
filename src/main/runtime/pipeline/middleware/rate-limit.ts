import type { IncomingMessage } from '../../adapters/types';
import { BucketMap, TokenBucket, type BucketSpec } from './token-bucket';
import type { MiddlewareResult } from './types';

export interface RateLimitSettings {
  user: BucketSpec;
  channel: BucketSpec;
  global: BucketSpec;
  maxInFlight: number;
  flood: { strikes: number; windowMs: number; ignoreMs: number };
  exemptRank: number;
}

interface FloodState {
  strikes: number[];
  ignoredUntil: number;
}

const ALLOW: MiddlewareResult<true> = Object.freeze({ value: true as const });

export const userKey = (msg: IncomingMessage): string => `${msg.adapterId}\u0000${msg.author.id}`;
const channelKey = (msg: IncomingMessage): string => `${msg.adapterId}\u0000${msg.channel.id}`;

/**
 * Rate limiting as string middleware: token buckets per user, per channel and bot-wide (with
 * bursts), a bot-wide cap on commands in flight, and a flood guard that ignores a user who keeps
 * hitting the limit for a while and tells them once. Refusals are logged, never answered
 * (no reply spam) except for that one notice.
 */
export class RateLimiter {
  private readonly users = new BucketMap();
  private readonly channels = new BucketMap();
  private global: TokenBucket | null = null;
  private readonly flood = new Map<string, FloodState>();

  constructor(
    private readonly settings: () => RateLimitSettings,
    private readonly inFlight: () => number,
  ) {}

  check(msg: IncomingMessage, now: number): MiddlewareResult<true> {
    const s = this.settings();
    if (msg.rank <= s.exemptRank) return ALLOW;
    const who = userKey(msg);
    const state = this.flood.get(who);
    if (state && now < state.ignoredUntil) return { abort: 'ignored: flood guard' };

    const user = this.users.get(who, s.user, now);
    if (!user.peek(now)) return this.strike(who, now, s, 'user rate limit');
    const channel = this.channels.get(channelKey(msg), s.channel, now);
    if (!channel.peek(now)) return { abort: 'channel rate limit' };
    this.global ??= new TokenBucket(s.global, now);
    this.global.setSpec(s.global);
    if (!this.global.peek(now)) return { abort: 'bot-wide rate limit' };
    const running = this.inFlight();
    if (running >= s.maxInFlight)
      return { abort: `bot busy: ${running} commands in flight (limit ${s.maxInFlight})` };
    user.take(now);
    channel.take(now);
    this.global.take(now);
    return ALLOW;
  }

  private strike(who: string, now: number, s: RateLimitSettings, reason: string): MiddlewareResult<true> {
    let state = this.flood.get(who);
    if (!state) {
      if (this.flood.size > 10_000) this.forgetExpired(now);
      this.flood.set(who, (state = { strikes: [], ignoredUntil: 0 }));
    }
    state.strikes = state.strikes.filter((t) => now - t < s.flood.windowMs);
    state.strikes.push(now);
    if (state.strikes.length >= s.flood.strikes) {
      state.strikes = [];
      state.ignoredUntil = now + s.flood.ignoreMs;
      return {
        abort: `${reason}; flood guard: ignoring for ${Math.round(s.flood.ignoreMs / 1000)} s`,
        reply: `You are sending commands too fast; I will ignore you for ${Math.round(s.flood.ignoreMs / 1000)} seconds.`,
      };
    }
    return { abort: reason };
  }

  private forgetExpired(now: number): void {
    for (const [key, state] of this.flood)
      if (state.ignoredUntil < now && state.strikes.length === 0) this.flood.delete(key);
  }
}

/** Per-command/module limits per user (message middleware), from `rateLimit.modules`. */
export class ModuleRateLimiter {
  private readonly buckets = new BucketMap();

  constructor(
    private readonly limits: () => Record<string, BucketSpec>,
    private readonly exemptRank: () => number,
  ) {}

  /** The configured names by lower case, for the limits object they were read from. */
  private keysFor: { limits: Record<string, BucketSpec>; byLower: Map<string, string> } | null = null;

  check(words: string[], msg: IncomingMessage, now: number): MiddlewareResult<string[]> {
    const first = words[0];
    if (!first || msg.rank <= this.exemptRank()) return { value: words };
    const limits = this.limits();
    let keys = this.keysFor;
    if (keys?.limits !== limits) {
      const byLower = new Map<string, string>();
      // names differing only in case: the first one configured counts
      for (const k of Object.keys(limits)) if (!byLower.has(k.toLowerCase())) byLower.set(k.toLowerCase(), k);
      keys = { limits, byLower };
      this.keysFor = keys;
    }
    if (keys.byLower.size === 0) return { value: words }; // the common case: no module limits
    const key = keys.byLower.get(first.toLowerCase());
    if (!key) return { value: words };
    const bucket = this.buckets.get(`${key}\u0000${userKey(msg)}`, limits[key]!, now);
    return bucket.take(now) ? { value: words } : { abort: `rate limit for "${key}"` };
  }
}
