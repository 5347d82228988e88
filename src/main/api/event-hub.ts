import type { EventFrame, EventName, EventPayload } from '../../shared/contract';

export type FrameListener = (frame: EventFrame) => void;

export interface EventHubOptions {
  /** Collect events for this long before sending one frame (16–50 ms). */
  batchMs?: number;
}

/** Events whose payload is a list: items accumulate within a batch. Others are snapshots: the newest wins. */
const LIST_EVENTS: ReadonlySet<EventName> = new Set(['logs', 'console', 'traces', 'audit']);
/** Order of events inside a frame. */
const FRAME_ORDER: readonly EventName[] = [
  'status',
  'invocations',
  'reload',
  'logs',
  'console',
  'traces',
  'config',
];

/** A snapshot read when its frame is sent (see pushSnapshot). */
class Snapshot {
  constructor(readonly read: () => unknown) {}
}

/**
 * Batches everything pushed to the panel: log lines, console output, status and the other
 * snapshots land in one frame per `batchMs`, never one message per line. Nothing is collected
 * while nobody listens (clients fetch the log tail when they connect).
 */
export class EventHub {
  private readonly batchMs: number;
  private readonly listeners = new Set<FrameListener>();
  private pending = new Map<EventName, unknown>();
  private timer: NodeJS.Timeout | null = null;

  constructor(options: EventHubOptions = {}) {
    this.batchMs = Math.min(50, Math.max(16, options.batchMs ?? 25));
  }

  push<E extends EventName>(event: E, data: EventPayload<E>): void {
    if (this.listeners.size === 0) return;
    if (LIST_EVENTS.has(event)) {
      const list = this.pending.get(event) as unknown[] | undefined;
      if (list) list.push(...(data as unknown[]));
      else this.pending.set(event, [...(data as unknown[])]);
    } else {
      this.pending.set(event, data);
    }
    this.timer ??= setTimeout(() => this.flush(), this.batchMs);
  }

  /**
   * A snapshot event read when the frame goes out (`read` runs once per frame, however often
   * this is called before it), and not at all while nobody listens: for state that changes with
   * every message, such as the running invocations.
   */
  pushSnapshot<E extends EventName>(event: E, read: () => EventPayload<E>): void {
    if (this.listeners.size === 0) return;
    this.pending.set(event, new Snapshot(read));
    this.timer ??= setTimeout(() => this.flush(), this.batchMs);
  }

  subscribe(listener: FrameListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** Sends what is pending now (also used at shutdown). */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.size === 0) return;
    const pending = this.pending;
    this.pending = new Map();
    // events missing from FRAME_ORDER (added by later subsystems) follow the ordered ones
    const names = [
      ...FRAME_ORDER.filter((e) => pending.has(e)),
      ...[...pending.keys()].filter((e) => !FRAME_ORDER.includes(e)),
    ];
    const frame: { event: EventName; data: unknown }[] = [];
    for (const event of names) {
      const value = pending.get(event);
      if (!(value instanceof Snapshot)) frame.push({ event, data: value });
      else {
        try {
          frame.push({ event, data: value.read() });
        } catch {
          // state that cannot be read right now is left out of this frame; the next change resends it
        }
      }
    }
    for (const listener of this.listeners) {
      try {
        listener(frame as EventFrame);
      } catch {
        // a transport's failure to deliver is the transport's to report
      }
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    this.listeners.clear();
  }
}
