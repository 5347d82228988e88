import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { AdapterStatus } from '../../../../shared/dto/status';
import type { ConsoleOutput } from '../../../../shared/dto/console';
import type { Logger } from '../../logging/logging';
import { Listeners } from '../../util/listeners';
import type {
  Adapter,
  AdapterContext,
  ChannelRef,
  FileSaver,
  IncomingMessage,
  MessageLimits,
  MessageSink,
  Outgoing,
} from '../types';

export const CONSOLE_GUILD = Object.freeze({ id: 'console', name: 'Console' });
const CONSOLE_AUTHOR = Object.freeze({
  id: 'console',
  name: 'console',
  displayName: 'Console',
  mention: null,
});
const NO_ATTACHMENTS: readonly never[] = Object.freeze([]);
export const STDIN_SESSION = 'stdin';
export const PANEL_SESSION = 'panel';

interface StdinBinding {
  rl: readline.Interface;
  output: Writable;
  notes: NodeJS.WritableStream | null;
}

export interface StdinOptions {
  /**
   * Run each line as soon as it is read, while earlier commands still run (as chat does): what
   * a person at a terminal needs to type `running` or `cancel 3`. Default: whether the input is
   * a TTY. Otherwise (piped input, a script) each line waits until the previous one's command
   * ended, loops or waits for an answer, so piped answers meet their questions.
   */
  interactive?: boolean;
  /** Where notes for the person go ("answering #9 quiz"); never stdout, which carries responses. */
  notes?: NodeJS.WritableStream;
}

/** A command waiting in ask() for the next line of a session. */
export interface WaitingCommand {
  id: number;
  command: string;
  /** The console session (channel id) it waits on. */
  channelId: string;
}

/**
 * The console is just another adapter (rank 1, private, no trigger). It has sessions: `stdin`
 * (the terminal with --console; responses go to stdout and nothing else does) and `panel`
 * (the panel's Console view; responses are pushed as ConsoleOutput events).
 */
export class ConsoleAdapter implements Adapter {
  readonly id = 'console';
  readonly network = 'console' as const;
  readonly limits: MessageLimits = { maxChars: null, maxBytes: null };
  private readonly output = new Listeners<ConsoleOutput>();
  private stdin: StdinBinding | null = null;
  private state: AdapterStatus['state'] = 'stopped';
  private sink: MessageSink | null = null;
  private images: FileSaver | null = null;
  private readonly channels = new Map<string, ChannelRef>();
  private nextLocalId = 1;
  /** Per session: the invocation last announced as waiting for an answer. */
  private readonly announced = new Map<string, number>();

  constructor(private readonly logger: Logger) {}

  /** Incoming lines go to the context's sink; its promise resolving means the next line may be read. */
  attach(ctx: AdapterContext): void {
    this.sink = ctx.deliver;
    this.images = ctx.images ?? null;
  }

  async start(): Promise<void> {
    this.state = 'connected';
  }

  async stop(): Promise<void> {
    this.stdin?.rl.close();
    this.stdin = null;
    this.state = 'stopped';
  }

  /** The console's own user and its sessions (each session is a channel). */
  knownNames(): { users: string[]; channels: string[] } {
    return {
      users: [CONSOLE_AUTHOR.name],
      channels: [...new Set([PANEL_SESSION, STDIN_SESSION, ...this.channels.keys()])],
    };
  }

  status(): AdapterStatus {
    return {
      id: this.id,
      network: this.network,
      label: this.stdin ? 'Console (terminal + panel)' : 'Console (panel)',
      state: this.state,
      latencyMs: null,
      guilds: 1,
      channels: this.stdin ? 2 : 1,
      reconnects: 0,
      lastError: null,
    };
  }

  /**
   * Reads commands line by line from `input` (see StdinOptions for when a line runs); resolves
   * when the input ended (EOF) and every line read has been taken in.
   */
  attachStdin(input: Readable, output: Writable, options: StdinOptions = {}): Promise<void> {
    const interactive = options.interactive ?? (input as { isTTY?: boolean }).isTTY === true;
    const rl = readline.createInterface({ input, crlfDelay: Infinity, terminal: false });
    this.stdin = { rl, output, notes: options.notes ?? null };
    return (async () => {
      const inFlight = new Set<Promise<unknown>>();
      for await (const line of rl) {
        if (line.trim() === '') continue;
        if (!interactive) {
          await this.exec(STDIN_SESSION, line, null);
          continue;
        }
        // the line is handed over now (in order); it settles whenever its command does
        const run: Promise<unknown> = this.exec(STDIN_SESSION, line, null).finally(() =>
          inFlight.delete(run),
        );
        inFlight.add(run);
      }
      await Promise.all(inFlight);
    })();
  }

  /**
   * Tells each session which command its next line answers, when that changes: a note on the
   * terminal's notes stream ("(answering #9 quiz)"), a `system` output with `answering` for panel
   * sessions. `waiting` lists the console's commands waiting in ask(), oldest first (the newest
   * of a session gets its next line).
   */
  showWaiting(waiting: readonly WaitingCommand[]): void {
    if (waiting.length === 0) return;
    const newest = new Map<string, WaitingCommand>();
    for (const w of waiting) newest.set(w.channelId, w);
    for (const [session, w] of newest) {
      if (this.announced.get(session) === w.id) continue;
      this.announced.set(session, w.id);
      const text = `answering #${w.id} ${w.command}`;
      if (session === STDIN_SESSION) this.stdin?.notes?.write(`(${text})\n`);
      else if (this.output.size > 0)
        this.emit({
          session,
          requestId: null,
          kind: 'system',
          text,
          time: Date.now(),
          answering: { id: w.id, command: w.command },
        });
    }
  }

  /**
   * Runs one line in a session (at `rank`, 1 = owner); returns the request id used to tag its
   * output. `asCommand`: a new command even when a command of the session waits for an answer.
   */
  async exec(
    session: string,
    line: string,
    requestId: string | null = randomUUID(),
    rank = 1,
    options: { asCommand?: boolean } = {},
  ): Promise<string | null> {
    // The message id doubles as the request id that tags the output of this line.
    const id = requestId ?? `console-${this.nextLocalId++}`;
    if (session !== STDIN_SESSION && this.output.size > 0) {
      this.emit({ session, requestId, kind: 'input', text: line, time: Date.now() });
    }
    const msg: IncomingMessage = {
      id,
      network: 'console',
      adapterId: this.id,
      text: line,
      author: CONSOLE_AUTHOR,
      channel: this.channelOf(session),
      guild: CONSOLE_GUILD,
      isPrivate: true,
      mentionsBot: false,
      rank,
      attachments: NO_ATTACHMENTS,
      receivedAt: Date.now(),
      native: null,
      ...(options.asCommand ? { notAnswer: true as const } : {}),
    };
    try {
      if (!this.sink) throw new Error('console adapter has no message sink');
      const handled = this.sink(msg);
      if (handled instanceof Promise) await handled;
    } catch (err) {
      this.logger.error({ err, session }, 'console message handling failed');
      await this.send({
        channel: msg.channel,
        text: `error: ${(err as Error).message}`,
        replyTo: id,
        isError: true,
      });
    }
    return requestId;
  }

  async send(out: Outgoing): Promise<void> {
    if (out.files?.length) return this.sendFiles(out);
    if (out.channel.id === STDIN_SESSION) {
      const stream = this.stdin?.output ?? process.stdout;
      const text = out.text.endsWith('\n') ? out.text : `${out.text}\n`;
      await new Promise<void>((resolve) => {
        if (stream.write(text)) resolve();
        else stream.once('drain', resolve);
      });
      return;
    }
    const requestId = out.replyTo ?? null;
    this.emit({
      session: out.channel.id,
      requestId,
      kind: out.isError ? 'error' : 'response',
      text: out.text,
      time: Date.now(),
      ...(out.card ? { card: out.card } : {}),
    });
  }

  /** Files are saved in the data dir; the output names the path (`[image: /abs/path.png]`). */
  private async sendFiles(out: Outgoing): Promise<void> {
    const { files = [], ...rest } = out;
    if (out.text !== '') await this.send(rest);
    for (const file of files) {
      if (!this.images) throw new Error('the console cannot show files: no image folder');
      const saved = await this.images.save(file);
      const isImage = /\.png$/i.test(saved);
      const text = `[${isImage ? 'image' : 'file'}: ${saved}]`;
      if (out.channel.id === STDIN_SESSION) await this.send({ ...rest, text });
      else
        this.emit({
          session: out.channel.id,
          requestId: out.replyTo ?? null,
          kind: 'response',
          text,
          time: Date.now(),
          ...(isImage ? { image: saved.split(/[\\/]/).pop()! } : {}),
        });
    }
  }

  /** System notes for panel sessions (e.g. "reload finished"). */
  note(session: string, text: string): void {
    this.emit({ session, requestId: null, kind: 'system', text, time: Date.now() });
  }

  onOutput(listener: (out: ConsoleOutput) => void): () => void {
    return this.output.add(listener);
  }

  private channelOf(session: string): ChannelRef {
    let channel = this.channels.get(session);
    if (!channel) this.channels.set(session, (channel = Object.freeze({ id: session, name: session })));
    return channel;
  }

  private emit(out: ConsoleOutput): void {
    this.output.emit(out);
  }
}
