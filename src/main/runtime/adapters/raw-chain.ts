/** Passes a (possibly rewritten) line on to the rest of the chain; resolves when it was handled. */
export type RawNext = (line: string) => Promise<void>;

/**
 * One link of a raw-line chain (bottom's `raw_handlers`): receives the line and `next`. Call
 * `next(line)` to pass it on (unchanged or rewritten, once), or don't to swallow it.
 */
export type RawHandler = (next: RawNext, line: string) => unknown;

export interface RawHandlerOptions {
  /** Insert at the very front (bottom's `raw_handlers.insert(0, …)`) instead of just before the default handler. */
  first?: boolean;
}

/**
 * An adapter's raw protocol lines (IRC): the incoming handler chain plus `send`/`handle`,
 * as bottom's `raw_handlers`, `send_raw` and `handle_raw`.
 */
export interface RawLines {
  /** Adds a handler before the default one (which parses the line into events); returns its remover. */
  addHandler(handler: RawHandler, options?: RawHandlerOptions): () => void;
  /** Sends one protocol line (no CR/LF) through the adapter's flood control; resolves once written. */
  send(line: string): Promise<void>;
  /** Runs a line through the chain as if the server had sent it; resolves once handled. */
  handle(line: string): Promise<void>;
}

/** Where the chain reports trouble (a pino logger fits). */
export interface RawChainLogger {
  warn(fields: object, msg: string): void;
}

export interface RawChainOptions {
  /** The default handler, always last: parses the line into the library's events. */
  terminal: (line: string) => void;
  logger: RawChainLogger;
  /** A handler that neither settles nor calls `next` within this time is given up on (default 5 s). */
  handlerTimeoutMs?: number;
}

const SAMPLE = 200;
const clip = (line: string): string => (line.length > SAMPLE ? `${line.slice(0, SAMPLE)}…` : line);

interface Entry {
  handler: RawHandler;
}

/**
 * An ordered chain of async raw-line handlers ending in the default handler. Lines run through
 * it strictly in arrival order (a line's handlers finish before the next line starts), so a
 * handler may await without reordering the stream. With no handlers added a line goes straight
 * to the default handler, synchronously. A throwing handler is logged and the line continues
 * unchanged (a broken extension must not make the bot deaf); one that hangs is given up on after
 * `handlerTimeoutMs` and the line is dropped with a warning.
 */
export class RawChain {
  private readonly entries: Entry[] = [];
  private tail: Promise<void> | null = null;
  private readonly timeoutMs: number;

  constructor(private readonly options: RawChainOptions) {
    this.timeoutMs = options.handlerTimeoutMs ?? 5_000;
  }

  /** Handlers in front of the default one. */
  get size(): number {
    return this.entries.length;
  }

  add(handler: RawHandler, options: RawHandlerOptions = {}): () => void {
    if (typeof handler !== 'function') throw new TypeError('a raw handler must be a function');
    const entry: Entry = { handler };
    if (options.first) this.entries.unshift(entry);
    else this.entries.push(entry);
    return () => {
      const at = this.entries.indexOf(entry);
      if (at >= 0) this.entries.splice(at, 1);
    };
  }

  /**
   * Feeds one line through the chain. Returns a promise only when the line could not be handled
   * synchronously (handlers present, or an earlier line still in flight).
   */
  push(line: string): Promise<void> | void {
    if (this.tail === null && this.entries.length === 0) {
      this.terminal(line);
      return;
    }
    const previous = this.tail ?? Promise.resolve();
    const run = previous.then(() => this.run(line));
    this.tail = run;
    void run.finally(() => {
      if (this.tail === run) this.tail = null;
    });
    return run;
  }

  /** Feeds one line and always returns a promise (what `handleRaw` exposes). */
  async handle(line: string): Promise<void> {
    await this.push(line);
  }

  private terminal(line: string): void {
    try {
      this.options.terminal(line);
    } catch (err) {
      this.options.logger.warn({ err, sample: clip(line) }, 'raw line could not be handled; dropped');
    }
  }

  /** Runs a snapshot of the handlers (one removed meanwhile still sees this line). */
  private async run(line: string): Promise<void> {
    const snapshot = [...this.entries];
    let timer: NodeJS.Timeout | undefined;
    let abandoned = false;
    const step = async (index: number, current: string): Promise<void> => {
      if (abandoned) {
        this.options.logger.warn(
          { sample: clip(current) },
          'raw handler called next() too late; line dropped',
        );
        return;
      }
      const entry = snapshot[index];
      if (!entry) return this.terminal(current);
      const hop: { passed: Promise<void> | null } = { passed: null };
      const next: RawNext = (nextLine) => {
        if (hop.passed) return Promise.reject(new Error('next() called twice by a raw handler'));
        hop.passed = step(index + 1, String(nextLine));
        return hop.passed;
      };
      try {
        await entry.handler(next, current);
      } catch (err) {
        this.options.logger.warn(
          { err, sample: clip(current) },
          'raw handler failed; line passed on unchanged',
        );
        if (!hop.passed) return next(current);
      }
      // a handler that called next() without awaiting it still holds the line until it is done
      if (hop.passed) await hop.passed;
    };
    try {
      await Promise.race([
        step(0, line),
        new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            abandoned = true;
            this.options.logger.warn(
              { sample: clip(line), timeoutMs: this.timeoutMs },
              'raw handler did not finish in time; line dropped',
            );
            resolve();
          }, this.timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** What `this.env.raw()` gives a command file: an adapter's raw lines, scoped to its generation. */
export interface RawApi {
  /** The adapter these lines belong to (`irc:<host>:<port>`). */
  readonly adapterId: string;
  /** Adds a handler before the default one; it is removed when the command file reloads or is removed. */
  addHandler(handler: RawHandler, options?: RawHandlerOptions): () => void;
  /** Sends one protocol line (no CR/LF) through flood control (bottom's `send_raw`). */
  send(line: string): Promise<void>;
  /** Runs a line through the handler chain as if the server had sent it (bottom's `handle_raw`). */
  handle(line: string): Promise<void>;
}

/**
 * The RawApi for `adapterId` (or the first adapter with raw lines), with every handler it adds
 * tracked by `track` (the command file's generation scope); undefined when there is none.
 */
export function scopedRawApi(
  all: ReadonlyMap<string, RawLines> | undefined,
  track: (release: () => void) => () => void,
  adapterId?: string,
): RawApi | undefined {
  if (!all) return undefined;
  const id = adapterId ?? all.keys().next().value;
  const lines = id === undefined ? undefined : all.get(id);
  if (id === undefined || !lines) return undefined;
  return {
    adapterId: id,
    addHandler: (handler, options) => track(lines.addHandler(handler, options)),
    send: (line) => lines.send(line),
    handle: (line) => lines.handle(line),
  };
}
