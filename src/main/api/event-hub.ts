import type { EventFrame, EventName, EventPayload } from '../../shared/contract';
import type { LogEntry } from '../../shared/dto/log';
import type { ConsoleOutput } from '../../shared/dto/console';
import type { Status } from '../../shared/dto/status';

export type FrameListener = (frame: EventFrame) => void;

export interface EventHubOptions {
  /** Collect events for this long before sending one frame (16–50 ms). */
  batchMs?: number;
}

/**
 * Batches everything pushed to the panel: log lines, console output and status land in one
 * frame per `batchMs`, never one message per line. Nothing is collected while nobody listens
 * (clients fetch the log tail when they connect).
 */
export class EventHub {
  private readonly batchMs: number;
  private readonly listeners = new Set<FrameListener>();
  private logs: LogEntry[] = [];
  private consoleOut: ConsoleOutput[] = [];
  private status: Status | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(options: EventHubOptions = {}) {
    this.batchMs = Math.min(50, Math.max(16, options.batchMs ?? 25));
  }

  pushLog(entry: LogEntry): void {
    if (this.listeners.size === 0) return;
    this.logs.push(entry);
    this.schedule();
  }

  pushConsole(out: ConsoleOutput): void {
    if (this.listeners.size === 0) return;
    this.consoleOut.push(out);
    this.schedule();
  }

  pushStatus(status: Status): void {
    if (this.listeners.size === 0) return;
    this.status = status;
    this.schedule();
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
    const frame: EventFrame = [];
    const add = <E extends EventName>(event: E, data: EventPayload<E>): void => {
      frame.push({ event, data } as EventFrame[number]);
    };
    if (this.status) add('status', this.status);
    if (this.logs.length) add('logs', this.logs);
    if (this.consoleOut.length) add('console', this.consoleOut);
    this.status = null;
    this.logs = [];
    this.consoleOut = [];
    if (frame.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(frame);
      } catch {
        // a transport's failure to deliver is the transport's to report
      }
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), this.batchMs);
  }
}
