import { ScopedEvents, type EventBus } from '../../events/event-bus';

/**
 * Everything one generation of a command file registered: event listeners, timers, clean-up
 * handlers and any other disposer (RPC handlers, middleware). Released together when the file
 * is reloaded or removed, so a dropped generation leaves nothing behind.
 */
export class GenerationScope {
  readonly events: ScopedEvents;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly immediates = new Set<NodeJS.Immediate>();
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

  private guard(fn: (...args: unknown[]) => unknown, what: string, args: unknown[] = []): () => void {
    return () => {
      try {
        const result = fn(...args);
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

  setTimeout(fn: (...args: never[]) => unknown, ms?: number, ...args: unknown[]): NodeJS.Timeout {
    const run = this.guard(fn as (...a: unknown[]) => unknown, 'timeout callback', args);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    if (this.disposed) clearTimeout(timer);
    else this.timers.add(timer);
    return timer;
  }

  setInterval(fn: (...args: never[]) => unknown, ms?: number, ...args: unknown[]): NodeJS.Timeout {
    const timer = setInterval(this.guard(fn as (...a: unknown[]) => unknown, 'interval callback', args), ms);
    if (this.disposed) clearInterval(timer);
    else this.timers.add(timer);
    return timer;
  }

  setImmediate(fn: (...args: never[]) => unknown, ...args: unknown[]): NodeJS.Immediate {
    const run = this.guard(fn as (...a: unknown[]) => unknown, 'immediate callback', args);
    const immediate = setImmediate(() => {
      this.immediates.delete(immediate);
      run();
    });
    if (this.disposed) clearImmediate(immediate);
    else this.immediates.add(immediate);
    return immediate;
  }

  /** Clears a timer or interval (also one this scope did not create: like the global clearTimeout). */
  clearTimer(timer: NodeJS.Timeout | string | number | undefined | null): void {
    clearTimeout(timer ?? undefined);
    if (timer && typeof timer === 'object') this.timers.delete(timer);
  }

  clearImmediate(immediate: NodeJS.Immediate | undefined | null): void {
    if (!immediate) return;
    clearImmediate(immediate);
    this.immediates.delete(immediate);
  }

  get counts(): { listeners: number; timers: number; disposers: number } {
    return {
      listeners: this.events.size,
      timers: this.timers.size + this.immediates.size,
      disposers: this.disposers.size,
    };
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
    for (const immediate of this.immediates) clearImmediate(immediate);
    this.immediates.clear();
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
