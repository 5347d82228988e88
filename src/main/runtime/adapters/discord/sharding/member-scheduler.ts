import { GatewayBudget } from './gateway-budget';

/** `waiting`: a command waits for the answer (`whois`); `background`: filling the cache. */
export type FetchPriority = 'waiting' | 'background';

export interface MemberSchedulerOptions {
  /** Member requests one shard may send per window (default 110: Discord's 120 minus a reserve). */
  limit?: number;
  /** Default 60,000 ms. */
  windowMs?: number;
  /**
   * Sends per window background requests leave free for requests a command waits on (default 10).
   * Background requests are also spread evenly over the window, never sent in a burst.
   */
  reserve?: number;
}

interface Job {
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  key: string | null;
}

interface ShardQueue {
  budget: GatewayBudget;
  waiting: Job[];
  background: Job[];
  timer: NodeJS.Timeout | null;
  /** When the last background request went out. */
  lastBackground: number;
}

/** Counters for the status and the tests. */
export interface MemberSchedulerStats {
  sent: number;
  failed: number;
  queued: number;
}

/**
 * Spreads member requests (gateway op 8) over each shard's send budget, so they never trip
 * Discord's 120-per-minute limit and never time out waiting behind each other: a request is sent
 * only when the budget allows it, and its time limit starts then. Requests a command waits for
 * go before background ones. One queue per shard (each shard is its own connection).
 */
export class MemberFetchScheduler {
  private readonly shards = new Map<number, ShardQueue>();
  private readonly keys = new Set<string>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly reserve: number;
  /** Spacing of background requests: the window spread over what they may use of it. */
  private readonly spacingMs: number;
  readonly stats: MemberSchedulerStats = { sent: 0, failed: 0, queued: 0 };

  constructor(options: MemberSchedulerOptions = {}) {
    this.limit = options.limit ?? 110;
    this.windowMs = options.windowMs ?? 60_000;
    this.reserve = Math.min(options.reserve ?? 10, this.limit - 1);
    this.spacingMs = this.windowMs / (this.limit - this.reserve);
  }

  /**
   * Runs `run` (which sends one op 8 and waits for the chunks) when shard `shardId` may send.
   * A background job with a `key` already queued is not queued twice (resolves with null).
   */
  schedule<T>(
    shardId: number,
    priority: FetchPriority,
    run: () => Promise<T>,
    key: string | null = null,
  ): Promise<T | null> {
    if (key !== null && this.keys.has(key)) return Promise.resolve(null);
    const queue = this.queue(shardId);
    return new Promise<T | null>((resolve, reject) => {
      if (key !== null) this.keys.add(key);
      const job: Job = { run, resolve: resolve as (v: unknown) => void, reject, key };
      (priority === 'waiting' ? queue.waiting : queue.background).push(job);
      this.stats.queued++;
      this.pump(queue);
    });
  }

  /** Jobs not sent yet on a shard. */
  pending(shardId: number): number {
    const queue = this.shards.get(shardId);
    return queue ? queue.waiting.length + queue.background.length : 0;
  }

  /** Drops every queued job (the client is gone); their promises reject with `reason`. */
  clear(reason: string): void {
    for (const queue of this.shards.values()) {
      if (queue.timer) clearTimeout(queue.timer);
      for (const job of [...queue.waiting, ...queue.background]) job.reject(new Error(reason));
    }
    this.shards.clear();
    this.keys.clear();
  }

  private queue(shardId: number): ShardQueue {
    let queue = this.shards.get(shardId);
    if (!queue) {
      queue = {
        budget: new GatewayBudget(this.limit, this.windowMs),
        waiting: [],
        background: [],
        timer: null,
        lastBackground: -Infinity,
      };
      this.shards.set(shardId, queue);
    }
    return queue;
  }

  private pump(queue: ShardQueue): void {
    if (queue.timer) {
      // a waiting job may be able to go now although the background one that set the timer cannot
      if (queue.waiting.length === 0 || queue.budget.waitMs() > 0) return;
      clearTimeout(queue.timer);
      queue.timer = null;
    }
    while (queue.waiting.length + queue.background.length > 0) {
      const now = Date.now();
      const waiting = queue.waiting.length > 0;
      const paced = waiting ? 0 : Math.max(0, queue.lastBackground + this.spacingMs - now);
      if (paced > 0 || !queue.budget.tryTake(now, waiting ? 0 : this.reserve)) {
        const delay = Math.max(paced, queue.budget.waitMs(now, waiting ? 0 : this.reserve));
        queue.timer = setTimeout(() => {
          queue.timer = null;
          this.pump(queue);
        }, delay + 1);
        queue.timer.unref();
        return;
      }
      if (!waiting) queue.lastBackground = now;
      const job = (queue.waiting.shift() ?? queue.background.shift())!;
      this.stats.queued--;
      this.stats.sent++;
      if (job.key !== null) this.keys.delete(job.key);
      job.run().then(job.resolve, (err: unknown) => {
        this.stats.failed++;
        job.reject(err);
      });
    }
  }
}
