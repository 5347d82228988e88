import type { LogEntry } from '../../../shared/dto/log';

export type LogListener = (entry: LogEntry) => void;

export const DEFAULT_RING_BYTES = 64 * 1024 * 1024;

/** Per-entry overhead counted on top of the text (object, seq, time, level, slots). */
const ENTRY_OVERHEAD = 160;

/**
 * A conservative estimate of the memory an entry holds: two bytes per character of its text
 * (V8 may store less) plus a fixed overhead. Used when the caller does not know the size.
 */
export function estimateEntryBytes(entry: Omit<LogEntry, 'seq'>): number {
  let chars = entry.msg.length + entry.name.length;
  if (entry.err) chars += entry.err.type.length + entry.err.message.length + (entry.err.stack?.length ?? 0);
  if (entry.fields) chars += JSON.stringify(entry.fields).length;
  return ENTRY_OVERHEAD + 2 * chars;
}

/**
 * Bounded ring buffer of log entries plus a live subscription. Memory is bounded twice: by
 * `capacity` entries and by `maxBytes` (estimated); whichever is hit first drops the oldest.
 */
export class LogRing {
  readonly capacity: number;
  readonly maxBytes: number;
  private readonly buf: (LogEntry | undefined)[];
  private readonly sizes: Float64Array;
  private start = 0;
  private count = 0;
  private nextSeq = 0;
  private heldBytes = 0;
  private readonly listeners = new Set<LogListener>();

  constructor(capacity = 50_000, maxBytes = DEFAULT_RING_BYTES) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`ring capacity must be ≥ 1, got ${capacity}`);
    if (!Number.isFinite(maxBytes) || maxBytes < 1)
      throw new RangeError(`ring byte limit must be ≥ 1, got ${maxBytes}`);
    this.capacity = capacity;
    this.maxBytes = maxBytes;
    this.buf = new Array<LogEntry | undefined>(capacity);
    this.sizes = new Float64Array(capacity);
  }

  /**
   * Assigns the entry's seq, stores it and notifies listeners. `bytes` is the caller's size
   * estimate (see estimateEntryBytes, used when omitted). The newest entry is always kept.
   */
  push(entry: Omit<LogEntry, 'seq'>, bytes = estimateEntryBytes(entry)): LogEntry {
    // Object.assign, not `{ ...entry, seq }`: V8 builds a literal with fields after a spread slowly
    const stored = Object.assign({}, entry, { seq: this.nextSeq++ }) as LogEntry;
    if (this.count === this.capacity) this.dropOldest();
    const end = (this.start + this.count) % this.capacity;
    this.buf[end] = stored;
    this.sizes[end] = bytes;
    this.heldBytes += bytes;
    this.count++;
    while (this.heldBytes > this.maxBytes && this.count > 1) this.dropOldest();
    for (const listener of this.listeners) {
      try {
        listener(stored);
      } catch {
        // A broken listener must not break logging; it is the listener's job to report.
      }
    }
    return stored;
  }

  private dropOldest(): void {
    this.heldBytes -= this.sizes[this.start]!;
    this.buf[this.start] = undefined;
    this.sizes[this.start] = 0;
    this.start = (this.start + 1) % this.capacity;
    this.count--;
  }

  get size(): number {
    return this.count;
  }

  /** Estimated bytes held by the entries in the ring. */
  get bytes(): number {
    return this.heldBytes;
  }

  /** Seq of the newest entry, -1 when empty. */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Seq of the oldest entry held (equals lastSeq + 1 when empty). */
  get firstSeq(): number {
    return this.nextSeq - this.count;
  }

  /** The entry with this seq while the ring still holds it. */
  at(seq: number): LogEntry | undefined {
    const first = this.firstSeq;
    if (!Number.isInteger(seq) || seq < first || seq >= this.nextSeq) return undefined;
    return this.buf[(this.start + (seq - first)) % this.capacity];
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
