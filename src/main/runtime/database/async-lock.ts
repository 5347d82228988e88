interface Waiter {
  owner: object;
  resolve: () => void;
}

/**
 * A FIFO async mutex with an owner. SQLite calls are synchronous, so a single statement needs no
 * lock; the lock exists for what spans awaits — a transaction body — during which every other
 * operation on the same connection must wait its turn instead of slipping into the transaction.
 */
export class AsyncLock {
  private holder: object | null = null;
  private readonly waiters: Waiter[] = [];

  /** True when someone holds the lock or waits for it (a newcomer must queue). */
  get busy(): boolean {
    return this.holder !== null || this.waiters.length > 0;
  }

  get owner(): object | null {
    return this.holder;
  }

  get queued(): number {
    return this.waiters.length;
  }

  /** Takes the lock for `owner`; resolves when it is theirs (at once when free). */
  acquire(owner: object): Promise<void> {
    if (!this.busy) {
      this.holder = owner;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push({ owner, resolve }));
  }

  /** Hands the lock to the next waiter (FIFO), or frees it. */
  release(owner: object): void {
    if (this.holder !== owner) throw new Error('AsyncLock released by a non-holder');
    const next = this.waiters.shift();
    this.holder = next ? next.owner : null;
    next?.resolve();
  }

  /** Runs a synchronous `fn` as soon as the lock is free (at once when it is), without holding it longer. */
  run<T>(fn: () => T): Promise<T> {
    if (!this.busy) {
      try {
        return Promise.resolve(fn());
      } catch (err) {
        return Promise.reject(err as Error);
      }
    }
    const token = {};
    return this.acquire(token).then(() => {
      try {
        return fn();
      } finally {
        this.release(token);
      }
    });
  }

  /** Runs an asynchronous `fn` holding the lock until it settles (queued behind the holder). */
  async hold<T>(fn: () => Promise<T>): Promise<T> {
    const token = {};
    await this.acquire(token);
    try {
      return await fn();
    } finally {
      this.release(token);
    }
  }
}
