/**
 * The gateway's limits around sharding, as Discord applies them: how many sessions a bot may
 * start (`session_start_limit`), how fast identifies may come (`max_concurrency` buckets of one
 * identify per 5 s), how many guilds one shard may hold (else close 4011), and how many payloads
 * one connection may send (120 per 60 s, else close 4008).
 */
export interface ShardLimitOptions {
  /** Recommended shards in GET /gateway/bot: one per this many guilds (default 1,000). */
  guildsPerRecommendedShard?: number;
  /** A shard that would hold more guilds is closed with 4011 (default 2,500, Discord's limit). */
  maxGuildsPerShard?: number;
  /** Sessions that may be started per reset period (default 1,000). */
  sessionStartTotal?: number;
  /** `session_start_limit.max_concurrency` (default 1). */
  maxConcurrency?: number;
  /** One identify per bucket per this window (default 5,000 ms, as discord.js assumes). */
  identifyWindowMs?: number;
  /** Payloads one connection may send per window (default 120; null: unlimited). */
  sendLimit?: number | null;
  /** The send-limit window (default 60,000 ms). */
  sendWindowMs?: number;
}

export type ResolvedShardLimits = Required<ShardLimitOptions>;

export function resolveShardLimits(options: ShardLimitOptions = {}): ResolvedShardLimits {
  return {
    guildsPerRecommendedShard: options.guildsPerRecommendedShard ?? 1_000,
    maxGuildsPerShard: options.maxGuildsPerShard ?? 2_500,
    sessionStartTotal: options.sessionStartTotal ?? 1_000,
    maxConcurrency: options.maxConcurrency ?? 1,
    identifyWindowMs: options.identifyWindowMs ?? 5_000,
    sendLimit: options.sendLimit === undefined ? 120 : options.sendLimit,
    sendWindowMs: options.sendWindowMs ?? 60_000,
  };
}

const RESET_AFTER_MS = 86_400_000;

/** `session_start_limit`: every identify uses one start until the period resets. */
export class SessionStarts {
  private used = 0;
  private readonly resetAt = Date.now() + RESET_AFTER_MS;

  constructor(private readonly limits: ResolvedShardLimits) {}

  get remaining(): number {
    return Math.max(0, this.limits.sessionStartTotal - this.used);
  }

  /** Takes one start; false when none is left. */
  take(): boolean {
    if (this.remaining === 0) return false;
    this.used++;
    return true;
  }

  /** The GET /gateway/bot field. */
  info(): { total: number; remaining: number; reset_after: number; max_concurrency: number } {
    return {
      total: this.limits.sessionStartTotal,
      remaining: this.remaining,
      reset_after: Math.max(0, this.resetAt - Date.now()),
      max_concurrency: this.limits.maxConcurrency,
    };
  }
}

/** Identify buckets: shard `id` is in bucket `id % max_concurrency`; one identify per window each. */
export class IdentifyBuckets {
  private readonly last = new Map<number, number>();

  constructor(private readonly limits: ResolvedShardLimits) {}

  /** Records an identify; false when its bucket already identified within the window. */
  admit(shardId: number, now = Date.now()): boolean {
    const key = shardId % this.limits.maxConcurrency;
    const previous = this.last.get(key);
    this.last.set(key, now);
    return previous === undefined || now - previous >= this.limits.identifyWindowMs;
  }
}

/** Payloads sent on one connection within a sliding window (Discord counts every op). */
export class SendWindow {
  private readonly times: number[] = [];

  constructor(private readonly limits: ResolvedShardLimits) {}

  /** Records a payload; false once the connection has sent more than allowed. */
  admit(now = Date.now()): boolean {
    const limit = this.limits.sendLimit;
    if (limit === null) return true;
    while (this.times.length && now - this.times[0]! >= this.limits.sendWindowMs) this.times.shift();
    this.times.push(now);
    return this.times.length <= limit;
  }
}

/** Discord sends member lists in chunks of up to 1,000. */
export const MEMBER_CHUNK_SIZE = 1_000;

export function chunk<T>(items: T[], size: number): T[][] {
  if (items.length === 0) return [[]];
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
