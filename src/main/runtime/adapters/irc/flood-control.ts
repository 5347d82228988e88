export interface SendRate {
  /** Lines that may go out back to back. */
  burst: number;
  /** Steady rate afterwards. */
  perSecond: number;
}

export interface QueueClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): NodeJS.Timeout;
  clearTimeout(timer: NodeJS.Timeout): void;
}

const realClock: QueueClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (timer) => clearTimeout(timer),
};

/** What `enqueue` returns for lines written at once (one promise for all of them). */
const WRITTEN: Promise<void> = Promise.resolve();

/** Writes one line; `false` means it could not (not connected): it stays queued. */
export type LineWriter = (line: string) => boolean;

interface Pending {
  line: string;
  /** Settles the batch the line belongs to once its last line is written. */
  done?: { resolve: () => void; reject: (err: Error) => void };
}

export class SendQueueFull extends Error {
  constructor(limit: number) {
    super(`IRC send queue is full (${limit} lines waiting); message refused`);
    this.name = 'SendQueueFull';
  }
}

export class SendQueueCleared extends Error {
  constructor(reason: string) {
    super(`IRC send queue cleared: ${reason}`);
    this.name = 'SendQueueCleared';
  }
}

/**
 * Outgoing flood control: a token bucket (`burst` lines back to back, then `perSecond`) in
 * front of the socket. Lines are queued, never dropped, and written in order; `enqueue`
 * resolves when its last line was written. While paused (not registered, or reconnecting) lines
 * wait. `priority` batches (channel JOINs after a reconnect) go in front of what is waiting.
 * The only refusal is a full queue (`maxLines`), reported to the caller rather than silently
 * lost.
 */
export class SendQueue {
  private readonly lines: Pending[] = [];
  private tokens: number;
  private updated: number;
  private timer: NodeJS.Timeout | null = null;
  private paused = true;
  private rate: SendRate;

  constructor(
    rate: SendRate,
    private readonly write: LineWriter,
    private readonly clock: QueueClock = realClock,
    private readonly maxLines = 10_000,
  ) {
    this.rate = normalize(rate);
    this.tokens = this.rate.burst;
    this.updated = clock.now();
  }

  get length(): number {
    return this.lines.length;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  setRate(rate: SendRate): void {
    this.rate = normalize(rate);
    this.tokens = Math.min(this.tokens, this.rate.burst);
    this.cancelTimer();
    this.drain();
  }

  /** A fresh connection starts with a full bucket. */
  refill(): void {
    this.tokens = this.rate.burst;
    this.updated = this.clock.now();
  }

  enqueue(lines: readonly string[], options: { priority?: boolean } = {}): Promise<void> {
    if (lines.length === 0) return WRITTEN;
    // the common case, one line, nothing waiting and a token to spend: written now, no queueing
    if (lines.length === 1 && this.lines.length === 0 && !this.paused) {
      this.refillNow();
      if (this.tokens >= 1 && this.write(lines[0]!)) {
        this.tokens -= 1;
        return WRITTEN;
      }
      // no token (it waits its turn below) or not connected (it is kept until resume())
    }
    if (this.lines.length + lines.length > this.maxLines)
      return Promise.reject(new SendQueueFull(this.maxLines));
    return new Promise<void>((resolve, reject) => {
      const batch: Pending[] = lines.map((line) => ({ line }));
      batch[batch.length - 1]!.done = { resolve, reject };
      if (options.priority) this.lines.unshift(...batch);
      else this.lines.push(...batch);
      this.drain();
    });
  }

  pause(): void {
    this.paused = true;
    this.cancelTimer();
  }

  resume(): void {
    this.paused = false;
    this.drain();
  }

  /** Rejects everything waiting (the adapter stops). */
  clear(reason: string): void {
    this.cancelTimer();
    const error = new SendQueueCleared(reason);
    for (const pending of this.lines.splice(0)) pending.done?.reject(error);
  }

  private refillNow(): void {
    const now = this.clock.now();
    if (now > this.updated) {
      this.tokens = Math.min(
        this.rate.burst,
        this.tokens + ((now - this.updated) / 1000) * this.rate.perSecond,
      );
      this.updated = now;
    }
  }

  private drain(): void {
    if (this.paused) return;
    this.cancelTimer();
    this.refillNow();
    while (this.lines.length > 0 && this.tokens >= 1) {
      const next = this.lines[0]!;
      if (!this.write(next.line)) {
        // the connection went away under us: keep the line, wait for resume()
        this.paused = true;
        return;
      }
      this.lines.shift();
      this.tokens -= 1;
      next.done?.resolve();
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.paused || this.timer || this.lines.length === 0) return;
    this.refillNow();
    const wait = Math.max(1, Math.ceil(((1 - this.tokens) / this.rate.perSecond) * 1000));
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.drain();
    }, wait);
  }

  private cancelTimer(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}

function normalize(rate: SendRate): SendRate {
  return {
    burst: Math.max(1, Math.floor(rate.burst)),
    perSecond: rate.perSecond > 0 ? rate.perSecond : 1,
  };
}
