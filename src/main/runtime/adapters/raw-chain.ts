/** Passes a (possibly rewritten) line on to the rest of the chain; resolves when it was handled. */
export type RawNext = (line: string) => Promise<void>;

/**
 * One link of a raw-line chain (bottom's `raw_handlers`): receives the line and `next`. Call
 * `next(line)` to pass it on (unchanged or rewritten, once), or don't to swallow it.
 */
export type RawHandler = (next: RawNext, line: string) => unknown;

/**
 * A hook on outgoing lines (bottom's `send_raw` override): return a string to send that instead,
 * `null` to drop the line, or nothing to leave it as it is. Runs for every line written to the
 * server, the library's own included, so it must be synchronous and quick.
 */
export type OutgoingHook = (line: string) => string | null | undefined | void;

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
  /** Builds a line from a command and named fields (bottom's `send`) and sends it like `send`. */
  sendCommand(command: string, fields?: Record<string, unknown>): Promise<void>;
  /**
   * Replaces the default handler (the one that parses lines into events) with `handler`, whose
   * `next` is the original default handler; `null` removes it (lines that reach the end are
   * dropped). Returns the undo.
   */
  replaceDefault(handler: RawHandler | null): () => void;
  /** Empties the chain, default handler included (bottom's `raw_handlers.clear()`); returns the undo. */
  clear(): () => void;
  /** Adds a hook on outgoing lines; returns its remover. */
  addOutgoing(hook: OutgoingHook): () => void;
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
  /** Its remover ran (while it was set aside by `clear`). */
  removed?: boolean;
}

/** What stands in for the default handler: a replacement, or nothing (lines are dropped). */
interface DefaultOverride {
  handler: RawHandler | null;
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
  private entries: Entry[] = [];
  /** Replacements of the default handler; the last one is in effect. */
  private readonly overrides: DefaultOverride[] = [];
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
      entry.removed = true;
      const at = this.entries.indexOf(entry);
      if (at >= 0) this.entries.splice(at, 1);
    };
  }

  /** Puts `handler` (or nothing, for null) where the default handler was; returns the undo. */
  replaceDefault(handler: RawHandler | null): () => void {
    if (handler !== null && typeof handler !== 'function')
      throw new TypeError('the replacement of the default raw handler must be a function or null');
    const override: DefaultOverride = { handler };
    this.overrides.push(override);
    return () => {
      const at = this.overrides.indexOf(override);
      if (at >= 0) this.overrides.splice(at, 1);
    };
  }

  /**
   * Sets every handler aside and removes the default one; the undo puts back those whose
   * remover has not run meanwhile (in front of any added since) and the default handler.
   */
  clear(): () => void {
    const setAside = this.entries;
    this.entries = [];
    const undoDefault = this.replaceDefault(null);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      undoDefault();
      this.entries = [...setAside.filter((e) => !e.removed), ...this.entries];
    };
  }

  /** Whether the default handler is in place (not replaced or removed). */
  get hasDefault(): boolean {
    return this.overrides.length === 0;
  }

  /**
   * Feeds one line through the chain. Returns a promise only when the line could not be handled
   * synchronously (handlers present, or an earlier line still in flight).
   */
  push(line: string): Promise<void> | void {
    if (this.tail === null && this.entries.length === 0 && this.overrides.length === 0) {
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
    // past the handlers: the default handler, its replacement (whose next() is the default), or nothing
    const override = this.overrides[this.overrides.length - 1];
    const finalEntry: Entry | undefined = override
      ? { handler: override.handler ?? (() => undefined) }
      : undefined;
    const last = snapshot.length;
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
      const entry = snapshot[index] ?? finalEntry;
      if (!entry) return this.terminal(current);
      const hop: { passed: Promise<void> | null } = { passed: null };
      const next: RawNext = (nextLine) => {
        if (hop.passed) return Promise.reject(new Error('next() called twice by a raw handler'));
        hop.passed =
          index >= last
            ? Promise.resolve(this.terminal(String(nextLine)))
            : step(index + 1, String(nextLine));
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

/**
 * Hooks on outgoing lines, in the order added. A throwing hook is logged and the line goes on
 * unchanged; a hook that returns something other than a string, null or nothing is ignored.
 */
export class OutgoingHooks {
  private readonly hooks: OutgoingHook[] = [];

  constructor(private readonly logger: RawChainLogger) {}

  get size(): number {
    return this.hooks.length;
  }

  add(hook: OutgoingHook): () => void {
    if (typeof hook !== 'function') throw new TypeError('an outgoing hook must be a function');
    const entry: OutgoingHook = (line) => hook(line);
    this.hooks.push(entry);
    return () => {
      const at = this.hooks.indexOf(entry);
      if (at >= 0) this.hooks.splice(at, 1);
    };
  }

  /** The line to write after every hook had its say, or null when one dropped it. */
  apply(line: string): string | null {
    let current = line;
    for (const hook of [...this.hooks]) {
      let result: unknown;
      try {
        result = hook(current);
      } catch (err) {
        this.logger.warn({ err, sample: clip(current) }, 'outgoing hook failed; line sent unchanged');
        continue;
      }
      if (result === null) return null;
      if (typeof result === 'string') current = result;
      else if (result !== undefined)
        this.logger.warn({ sample: clip(current) }, 'outgoing hook returned neither text nor null; ignored');
    }
    return current;
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
  /**
   * bottom's `send`: builds the line from a command and named fields
   * (`sendCommand('PRIVMSG', { target, message })`), refuses bad fields, goes through flood control.
   */
  sendCommand(command: string, fields?: Record<string, unknown>): Promise<void>;
  /** Replaces the default handler (null removes it); undone when the command file reloads or is removed. */
  replaceDefault(handler: RawHandler | null): () => void;
  /** Empties the chain, default handler included; undone when the command file reloads or is removed. */
  clear(): () => void;
  /** Adds a hook that may rewrite or drop outgoing lines; removed when the command file reloads or is removed. */
  addOutgoing(hook: OutgoingHook): () => void;
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
    sendCommand: (command, fields) => lines.sendCommand(command, fields),
    replaceDefault: (handler) => track(lines.replaceDefault(handler)),
    clear: () => track(lines.clear()),
    addOutgoing: (hook) => track(lines.addOutgoing(hook)),
  };
}
