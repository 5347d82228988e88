export interface BucketSpec {
  burst: number;
  perSecond: number;
}

/** A token bucket: `burst` tokens at most, refilled continuously at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private updated: number;

  constructor(
    private spec: BucketSpec,
    now: number,
  ) {
    this.tokens = spec.burst;
    this.updated = now;
  }

  private refill(now: number): void {
    if (now > this.updated) {
      this.tokens = Math.min(
        this.spec.burst,
        this.tokens + ((now - this.updated) / 1000) * this.spec.perSecond,
      );
      this.updated = now;
    }
  }

  /** Whether a token is available now, without taking it. */
  peek(now: number): boolean {
    this.refill(now);
    return this.tokens >= 1;
  }

  take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Full and idle: safe to forget. */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.spec.burst;
  }

  setSpec(spec: BucketSpec): void {
    this.spec = spec;
    this.tokens = Math.min(this.tokens, spec.burst);
  }
}

/** Buckets by key, bounded: when too many, full (idle) buckets are forgotten first. */
export class BucketMap {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly maxKeys = 10_000) {}

  get(key: string, spec: BucketSpec, now: number): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.prune(now);
      this.buckets.set(key, (bucket = new TokenBucket(spec, now)));
    } else {
      bucket.setSpec(spec);
    }
    return bucket;
  }

  get size(): number {
    return this.buckets.size;
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(key);
    // still full of active buckets: drop the oldest half rather than grow without bound
    if (this.buckets.size >= this.maxKeys) {
      let n = Math.floor(this.maxKeys / 2);
      for (const key of this.buckets.keys()) {
        if (n-- <= 0) break;
        this.buckets.delete(key);
      }
    }
  }
}
