import { ScopedEvents, type EventBus } from '../../events/event-bus';

/**
 * Everything one generation of a command file registered: event listeners, timers, clean-up
 * handlers and any other disposer (RPC handlers, middleware). Released together when the file
 * is reloaded or removed, so a dropped generation leaves nothing behind.
 */
export class GenerationScope {
  readonly events: ScopedEvents;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly disposers = new Set<() => void>();
  private disposed = false;

  constructor(
    bus: EventBus,
    readonly label: string,
    /** Where a throwing timer callback is reported (it must never crash the process). */
    private readonly onError: (err: unknown, what: string) => void = () => undefined,
  ) {
    this.events = new ScopedEvents(bus);
  }

  private guard(fn: () => void, what: string): () => void {
    return () => {
      try {
        const result = fn() as unknown;
        if (result instanceof Promise) result.catch((err: unknown) => this.onError(err, what));
      } catch (err) {
        this.onError(err, what);
      }
    };
  }

  /** Registers something to release with the generation; returns a disposer that releases it early. */
  track(release: () => void): () => void {
    if (this.disposed) {
      release();
      return () => undefined;
    }
    const once = (): void => {
      if (!this.disposers.delete(once)) return;
      release();
    };
    this.disposers.add(once);
    return once;
  }

  setTimeout(fn: () => void, ms: number): NodeJS.Timeout {
    const run = this.guard(fn, 'timeout callback');
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    if (this.disposed) clearTimeout(timer);
    else this.timers.add(timer);
    return timer;
  }

  setInterval(fn: () => void, ms: number): NodeJS.Timeout {
    const timer = setInterval(this.guard(fn, 'interval callback'), ms);
    if (this.disposed) clearInterval(timer);
    else this.timers.add(timer);
    return timer;
  }

  clearTimer(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  get counts(): { listeners: number; timers: number; disposers: number } {
    return { listeners: this.events.size, timers: this.timers.size, disposers: this.disposers.size };
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.events.dispose();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const release of [...this.disposers]) {
      try {
        release();
      } catch {
        // releasing must never stop the release of the rest
      }
    }
    this.disposers.clear();
  }
}
