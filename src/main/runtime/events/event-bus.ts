import type { Logger } from '../logging/logging';
import type { EventHandler, EventPayload, TriggerPayload } from './event-map';

export interface WaitOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export class EventWaitTimeout extends Error {
  constructor(
    readonly events: string[],
    readonly timeoutMs: number,
  ) {
    super(`no ${events.join(' or ')} event within ${timeoutMs} ms`);
    this.name = 'EventWaitTimeout';
  }
}

type AnyHandler = (payload: unknown) => unknown;

/** Upper-cased event names, remembered: `has()` runs several times per message. */
const keys = new Map<string, string>();
/** Event names are case-insensitive (bottom's `privmsg` is `PRIVMSG`); this is the stored form. */
const keyOf = (event: string): string => {
  let key = keys.get(event);
  if (key === undefined) {
    key = event.toUpperCase();
    if (keys.size < 4096) keys.set(event, key);
  }
  return key;
};

/** The subset of the bus a command file sees; listeners it adds are released with its generation. */
export interface Events {
  on<E extends string>(event: E, handler: EventHandler<E>): () => void;
  once<E extends string>(event: E, handler: EventHandler<E>): () => void;
  trigger<E extends string>(event: E, payload: TriggerPayload<E>): void;
  wait<E extends string>(event: E, options?: WaitOptions): Promise<EventPayload<E>>;
  waitAny<E extends string>(
    events: E[],
    options?: WaitOptions,
  ): Promise<{ event: E; payload: EventPayload<E> }>;
}

/**
 * Typed event bus in the style of bottom: `trigger` only schedules handlers (they run on a
 * later turn of the event loop, never inline), sync and async handlers are both fine, a throwing
 * handler is logged and isolated, `wait` resolves on the next occurrence.
 */
export class EventBus implements Events {
  private readonly handlers = new Map<string, Set<AnyHandler>>();
  private triggers = 0;

  constructor(private readonly logger: Logger) {}

  on<E extends string>(event: E, handler: EventHandler<E>): () => void {
    const key = keyOf(event);
    let set = this.handlers.get(key);
    if (!set) this.handlers.set(key, (set = new Set()));
    // wrap so the same function can be registered twice and removed independently
    const entry: AnyHandler = (payload) => (handler as AnyHandler)(payload);
    set.add(entry);
    return () => {
      const current = this.handlers.get(key);
      current?.delete(entry);
      if (current?.size === 0) this.handlers.delete(key);
    };
  }

  once<E extends string>(event: E, handler: EventHandler<E>): () => void {
    const off = this.on(event, (payload) => {
      off();
      return handler(payload);
    });
    return off;
  }

  /** Events triggered since the bus was made (the cluster's events/s figure). */
  get triggered(): number {
    return this.triggers;
  }

  trigger<E extends string>(event: E, payload: TriggerPayload<E>): void {
    this.triggers += 1;
    const set = this.handlers.get(keyOf(event));
    if (!set || set.size === 0) return;
    const snapshot = [...set];
    setImmediate(() => {
      for (const handler of snapshot) this.invoke(event, handler, payload);
    });
  }

  wait<E extends string>(event: E, options: WaitOptions = {}): Promise<EventPayload<E>> {
    return this.waitAny([event], options).then((hit) => hit.payload);
  }

  waitAny<E extends string>(
    events: E[],
    options: WaitOptions = {},
  ): Promise<{ event: E; payload: EventPayload<E> }> {
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) return reject(options.signal.reason as Error);
      const offs: (() => void)[] = [];
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        for (const off of offs) off();
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        finish();
        reject(options.signal?.reason as Error);
      };
      for (const event of events) {
        offs.push(
          this.on(event, (payload) => {
            finish();
            resolve({ event, payload: payload as EventPayload<E> });
          }),
        );
      }
      if (options.timeoutMs !== undefined) {
        const ms = options.timeoutMs;
        timer = setTimeout(() => {
          finish();
          reject(new EventWaitTimeout(events, ms));
        }, ms);
      }
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Whether anyone listens (lets hot paths skip building a payload nobody reads). */
  has(event: string): boolean {
    return this.handlers.has(keyOf(event));
  }

  listenerCount(event?: string): number {
    if (event !== undefined) return this.handlers.get(keyOf(event))?.size ?? 0;
    let n = 0;
    for (const set of this.handlers.values()) n += set.size;
    return n;
  }

  private invoke(event: string, handler: AnyHandler, payload: unknown): void {
    try {
      const result = handler(payload);
      if (result instanceof Promise) {
        result.catch((err: unknown) => this.logger.error({ err, event }, 'event handler failed'));
      }
    } catch (err) {
      this.logger.error({ err, event }, 'event handler failed');
    }
  }
}

/** A view of a bus whose `on`/`once` registrations are tracked and released together. */
export class ScopedEvents implements Events {
  private readonly disposers = new Set<() => void>();
  /** Aborted on dispose, so waits started by a dropped generation do not hang forever. */
  private readonly released = new AbortController();

  constructor(private readonly bus: EventBus) {}

  on<E extends string>(event: E, handler: EventHandler<E>): () => void {
    // a dropped generation whose invocation still runs hears nothing more (and leaks nothing)
    if (this.released.signal.aborted) return () => undefined;
    const off = this.bus.on(event, handler);
    const dispose = (): void => {
      off();
      this.disposers.delete(dispose);
    };
    this.disposers.add(dispose);
    return dispose;
  }

  once<E extends string>(event: E, handler: EventHandler<E>): () => void {
    const off = this.on(event, (payload) => {
      off();
      return handler(payload);
    });
    return off;
  }

  trigger<E extends string>(event: E, payload: TriggerPayload<E>): void {
    this.bus.trigger(event, payload);
  }

  wait<E extends string>(event: E, options: WaitOptions = {}): Promise<EventPayload<E>> {
    return this.bus.wait(event, this.scoped(options));
  }

  waitAny<E extends string>(
    events: E[],
    options: WaitOptions = {},
  ): Promise<{ event: E; payload: EventPayload<E> }> {
    return this.bus.waitAny(events, this.scoped(options));
  }

  get size(): number {
    return this.disposers.size;
  }

  dispose(): void {
    for (const dispose of [...this.disposers]) dispose();
    this.released.abort(new Error('the command file that was waiting has been unloaded'));
  }

  private scoped(options: WaitOptions): WaitOptions {
    const signal = options.signal
      ? AbortSignal.any([options.signal, this.released.signal])
      : this.released.signal;
    return { ...options, signal };
  }
}
