import type { LogEntry } from '../../../shared/dto/log';

export type LogListener = (entry: LogEntry) => void;

/**
 * Bounded ring buffer of log entries plus a live subscription.
 * Memory is bounded by `capacity` entries; the oldest are overwritten.
 */
export class LogRing {
  readonly capacity: number;
  private readonly buf: (LogEntry | undefined)[];
  private start = 0;
  private count = 0;
  private nextSeq = 0;
  private readonly listeners = new Set<LogListener>();

  constructor(capacity = 50_000) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`ring capacity must be ≥ 1, got ${capacity}`);
    this.capacity = capacity;
    this.buf = new Array<LogEntry | undefined>(capacity);
  }

  /** Assigns the entry's seq, stores it and notifies listeners. */
  push(entry: Omit<LogEntry, 'seq'>): LogEntry {
    const stored = { ...entry, seq: this.nextSeq++ } as LogEntry;
    const end = (this.start + this.count) % this.capacity;
    this.buf[end] = stored;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    for (const listener of this.listeners) {
      try {
        listener(stored);
      } catch {
        // A broken listener must not break logging; it is the listener's job to report.
      }
    }
    return stored;
  }

  get size(): number {
    return this.count;
  }

  /** Seq of the newest entry, -1 when empty. */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Up to `limit` newest entries (oldest first), optionally only those after `afterSeq`. */
  tail(limit: number, afterSeq = -1): LogEntry[] {
    const firstSeq = this.nextSeq - this.count;
    const fromSeq = Math.max(firstSeq, afterSeq + 1, this.nextSeq - limit);
    const out: LogEntry[] = [];
    for (let seq = fromSeq; seq < this.nextSeq; seq++) {
      const entry = this.buf[(this.start + (seq - firstSeq)) % this.capacity];
      if (entry) out.push(entry);
    }
    return out;
  }

  subscribe(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
