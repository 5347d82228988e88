import type { Adapter, IncomingMessage, Outgoing, OutgoingFile } from '../../adapters/types';
import type { Logger } from '../../logging/logging';
import { splitMessage } from '../../text/split-message';

/** Shared starting point of every send chain (most invocations never send anything). */
const IDLE: Promise<void> = Promise.resolve();

/**
 * One invocation's output: buffers `respond(…, { flush: false })` text, splits it to the
 * adapter's limits and sends chunks in order. Closed (and flushed) deterministically when the
 * invocation ends; anything said after that is dropped with a warning, never sent late.
 */
export class ResponseManager {
  private buffer: string[] = [];
  private chain: Promise<void> = IDLE;
  private closed = false;
  private sent = 0;
  private pending = 0;
  /** Time spent with sends in flight before the current busy stretch (ms). */
  private sendingBefore = 0;
  private busySince = 0;

  constructor(
    private readonly adapter: Adapter,
    private readonly msg: IncomingMessage,
    private readonly logger: Logger,
  ) {}

  /**
   * How long this invocation's output has been waiting on the network (the adapter's send
   * queue: IRC flood control, Discord rate limits) up to `now`: the executor does not count it
   * against the command's timeout.
   */
  sendingMs(now = Date.now()): number {
    return this.sendingBefore + (this.pending > 0 ? now - this.busySince : 0);
  }

  /** Chunks sent so far. */
  get sentCount(): number {
    return this.sent;
  }

  respond(
    text: string,
    options: { mention?: boolean; flush?: boolean; isError?: boolean } = {},
  ): Promise<void> {
    if (this.closed) {
      this.logger.warn({ text: text.slice(0, 200) }, 'response after the invocation ended was dropped');
      return Promise.resolve();
    }
    const who = options.mention ? this.msg.author.mention : null;
    const mention = who ? (this.adapter.mentionPrefix?.(who) ?? `${who}, `) : '';
    // buffered output goes out as output first: it must not become part of an error report
    if (options.isError && this.buffer.length > 0) void this.flush().catch(() => undefined);
    this.buffer.push(`${mention}${text}`);
    return options.flush === false ? Promise.resolve() : this.flush(options.isError ?? false);
  }

  /** Sends the buffer (joined by newlines), split for the network's limits. */
  flush(isError = false): Promise<void> {
    const text = this.buffer.join('\n');
    this.buffer = [];
    if (text === '') return this.chain;
    const chunks = splitMessage(text, this.adapter.limits);
    const out = (chunk: string): Outgoing =>
      isError
        ? { channel: this.msg.channel, text: chunk, replyTo: this.msg.id, isError }
        : { channel: this.msg.channel, text: chunk, replyTo: this.msg.id };
    // one chunk (the common answer): its send is the whole job, no loop around it
    if (chunks.length === 1) return this.enqueue(() => this.adapter.send(out(chunks[0]!)), 1);
    return this.enqueue(async () => {
      for (const chunk of chunks) {
        await this.adapter.send(out(chunk));
        this.sent++;
      }
    });
  }

  async respondFile(file: OutgoingFile, text = ''): Promise<void> {
    if (this.closed) {
      this.logger.warn({ file: file.name }, 'file after the invocation ended was dropped');
      return;
    }
    await this.flush();
    return this.enqueue(
      () => this.adapter.send({ channel: this.msg.channel, text, files: [file], replyTo: this.msg.id }),
      1,
    );
  }

  /** The adapter shows cards and choices natively. */
  get rich(): boolean {
    return this.adapter.richReplies === true;
  }

  /**
   * Sends a card or a prompt with choices after everything said before: natively where the
   * adapter has rich replies, else `text` (its rendering) like any response.
   */
  async respondRich(text: string, extra: Pick<Outgoing, 'card' | 'choices' | 'ask'>): Promise<void> {
    if (this.closed) {
      this.logger.warn({ text: text.slice(0, 200) }, 'response after the invocation ended was dropped');
      return;
    }
    await this.flush();
    // a free-text question too long for one message is asked as plain text
    if (extra.ask && splitMessage(text, this.adapter.limits).length !== 1) return this.respond(text);
    if (!this.rich) {
      // the text rendering goes out; a card rides along when it fits one message (the panel's
      // console draws it), else the rendering is split like any response
      const chunks = splitMessage(text, this.adapter.limits);
      if (chunks.length !== 1 || !extra.card) return this.respond(text);
      return this.enqueue(
        () => this.adapter.send({ channel: this.msg.channel, text, replyTo: this.msg.id, card: extra.card }),
        1,
      );
    }
    return this.enqueue(
      () => this.adapter.send({ channel: this.msg.channel, text, replyTo: this.msg.id, ...extra }),
      1,
    );
  }

  /** Nothing buffered and nothing being sent: closing needs no wait. */
  get idle(): boolean {
    return this.buffer.length === 0 && this.pending === 0;
  }

  /** Closes an idle manager without a turn of the event loop. */
  closeIdle(): void {
    if (!this.idle) throw new Error('closeIdle() on a busy response manager');
    this.closed = true;
  }

  /**
   * Sends `text` as the invocation's last words (the stop notice, the error report): after
   * everything said or buffered before it, and nothing said later goes out (a command that
   * ignores its cancellation keeps talking; that is dropped with a warning).
   */
  async finish(text: string, isError = true): Promise<void> {
    if (this.closed) return;
    const last = this.respond(text, { isError });
    this.closed = true;
    await last;
  }

  /** Flushes what is left and refuses anything later. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.flush();
    } finally {
      this.closed = true;
    }
  }

  /**
   * Runs `send` after what is queued (at once when nothing is); `chunks` is what it sends, counted
   * when it succeeds (0: `send` counts its own).
   */
  private enqueue(send: () => Promise<void>, chunks = 0): Promise<void> {
    // nothing in flight: send right away, without a turn of the microtask queue (the reply is
    // written before the rest of the message's bookkeeping runs); else after what is queued
    const idle = this.pending++ === 0;
    if (idle) this.busySince = Date.now();
    const ended = (): void => {
      if (--this.pending === 0) this.sendingBefore += Date.now() - this.busySince;
    };
    // one `then` for both outcomes, not `finally` (which takes more turns of the microtask queue)
    const run = (idle ? startNow(send) : this.chain.then(send)).then(
      () => {
        this.sent += chunks;
        ended();
      },
      (err: unknown) => {
        ended();
        throw err;
      },
    );
    // a failed send rejects its caller but never blocks the ones queued after it
    this.chain = run.catch((err: unknown) => this.logger.warn({ err }, 'sending a response failed'));
    return run;
  }
}

/** Runs `send` now; a synchronous throw becomes a rejection like it would inside `then`. */
function startNow(send: () => Promise<void>): Promise<void> {
  try {
    return send();
  } catch (err) {
    return Promise.reject(err as Error);
  }
}
