import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { ConsoleOutput } from '../../src/shared/dto/console';
import type { AdapterStatus, Network } from '../../src/shared/dto/status';
import type { LogEntry } from '../../src/shared/dto/log';
import type {
  Adapter,
  IncomingMessage,
  MessageLimits,
  Outgoing,
} from '../../src/main/runtime/adapters/types';
import type { ArgumentResolver, ChannelRef, UserRef } from '../../src/main/runtime/cmdsys/api/refs';
import type { ReloadReport } from '../../src/main/runtime/cmdsys/loader/command-loader';
import type { Bot, BotOptions } from '../../src/main/runtime/bot';
import { startTestBot } from './test-bot';
import { waitFor as waitUntil, within } from './wait';

/** Polls quickly by default (command output arrives within a few event-loop turns). */
export const waitFor = <T>(
  what: string,
  probe: () => T | undefined | null | false,
  timeoutMs = 3_000,
  everyMs = 5,
): Promise<T> => waitUntil(what, probe, timeoutMs, everyMs);

export { within };

export interface FakeUser {
  id: string;
  name: string;
  /** Mention form (`<@id>`), or null on a network without mentions. */
  mention: string | null;
}

/**
 * A chat network for tests: records what the bot sends, has mentions (or not), resolves
 * user/channel arguments from a fixed member list, and carries a fake native guild.
 */
export class FakeAdapter implements Adapter {
  readonly limits: MessageLimits = { maxChars: 2000, maxBytes: null };
  readonly sent: Outgoing[] = [];
  private nextId = 1;

  constructor(
    readonly id: string,
    readonly network: Network,
    readonly users: FakeUser[],
    readonly channels: ChannelRef[] = [{ id: 'c1', name: 'general' }],
  ) {}

  /** Messages are handed to the bot by the tests (`CmdHarness.chat`), not through the context. */
  attach(): void {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  status(): AdapterStatus {
    return {
      id: this.id,
      network: this.network,
      label: `fake ${this.network}`,
      state: 'connected',
      latencyMs: null,
      guilds: 1,
      channels: this.channels.length,
      reconnects: 0,
      lastError: null,
    };
  }

  /** How long each send takes after it was recorded (a slow network). */
  sendDelayMs = 0;

  async send(out: Outgoing): Promise<void> {
    this.sent.push(out);
    if (this.sendDelayMs > 0) await new Promise((r) => setTimeout(r, this.sendDelayMs));
  }

  resolver(): ArgumentResolver {
    const toRef = (u: FakeUser): UserRef => ({
      id: u.id,
      name: u.name,
      displayName: u.name,
      mention: u.mention,
    });
    return {
      resolveUser: async (text) => {
        const bare = text.replace(/^@/, '');
        const user = this.users.find((u) => u.mention === text || u.id === bare || u.name === bare);
        return user ? toRef(user) : null;
      },
      resolveChannel: async (text) => {
        const bare = text.replace(/^#/, '').replace(/^<#(.*)>$/, '$1');
        return this.channels.find((c) => c.id === bare || c.name === bare) ?? null;
      },
    };
  }

  message(
    text: string,
    options: { author?: FakeUser; rank?: number; channel?: ChannelRef; native?: unknown } = {},
  ): IncomingMessage {
    const author = options.author ?? this.users[0]!;
    return {
      id: `${this.id}-${this.nextId++}`,
      network: this.network,
      adapterId: this.id,
      text,
      author: { id: author.id, name: author.name, displayName: author.name, mention: author.mention },
      channel: options.channel ?? this.channels[0]!,
      guild: { id: 'g1', name: 'Guild' },
      // private: no trigger needed, so tests speak to the command system directly
      isPrivate: true,
      mentionsBot: false,
      rank: options.rank ?? 10,
      attachments: [],
      receivedAt: Date.now(),
      native: options.native ?? null,
    };
  }
}

/** One message handed to the bot, and what came back for it. */
export interface Exchange {
  /** Texts answered to this message (console: response + error outputs; chat: sends replying to it). */
  readonly replies: string[];
  /** Every output in order, with whether it was marked as an error. */
  readonly outputs: { text: string; isError: boolean }[];
  /** Ids of the invocations the message started (usually one). */
  readonly invocationIds: number[];
  /** Resolves when the bot is ready for the next message (handleMessage resolved). */
  readonly accepted: Promise<void>;
  /** Resolves when every invocation it started has ended (bounded). */
  done(timeoutMs?: number): Promise<string[]>;
  /** The id of the first invocation it started (waits for it to appear). */
  id(timeoutMs?: number): Promise<number>;
}

export interface HarnessOptions extends Partial<BotOptions> {
  /** Command files written before the bot starts. */
  files?: Record<string, string>;
}

/**
 * A real Bot over a temp commands dir, with a FakeAdapter (`fake`, discord-like, with
 * mentions) next to the console, and helpers that run a line and collect its answers.
 */
export class CmdHarness {
  readonly consoleOut: ConsoleOutput[] = [];
  private nextRequest = 1;

  private constructor(
    readonly bot: Bot,
    readonly commandsDir: string,
    readonly fake: FakeAdapter,
  ) {
    bot.console.onOutput((out) => this.consoleOut.push(out));
  }

  static async start(dataDir: string, options: HarnessOptions = {}): Promise<CmdHarness> {
    const { files = {}, ...botOptions } = options;
    const commandsDir = botOptions.commandsDir ?? path.join(dataDir, 'commands');
    mkdirSync(commandsDir, { recursive: true });
    for (const [file, source] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(commandsDir, file)), { recursive: true });
      writeFileSync(path.join(commandsDir, file), source);
    }
    const bot = await startTestBot(dataDir, { ...botOptions, commandsDir });
    const fake = new FakeAdapter('fake', 'discord', [
      { id: '42', name: 'alice', mention: '<@42>' },
      { id: '43', name: 'bob', mention: '<@43>' },
      { id: '44', name: 'carol', mention: '<@44>' },
    ]);
    await bot.addAdapter(fake); // the bot runs: this starts it too
    return new CmdHarness(bot, commandsDir, fake);
  }

  /**
   * Writes a command file so the loader sees a change even within the same millisecond and
   * at the same size (its change detection is mtime + size).
   */
  write(file: string, source: string): void {
    const abs = path.join(this.commandsDir, file);
    let previous: number | null = null;
    try {
      previous = statSync(abs).mtimeMs;
    } catch {
      previous = null;
    }
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, source);
    if (previous !== null) {
      const next = new Date(Math.max(Date.now(), previous + 1000));
      utimesSync(abs, next, next);
    }
  }

  remove(file: string): void {
    rmSync(path.join(this.commandsDir, file));
  }

  reload(force = false): Promise<ReloadReport> {
    return this.bot.commands.reload(force);
  }

  /** Entries of the log ring (oldest first), optionally only at `level`. */
  logs(level?: LogEntry['level']): LogEntry[] {
    const all = this.bot.logging.ring.tail(this.bot.logging.ring.capacity);
    return level ? all.filter((e) => e.level === level) : all;
  }

  /** Runs a console line (rank 1) in a panel session and collects its outputs. */
  console(line: string, session = 'panel'): Exchange {
    const requestId = `req-${this.nextRequest++}`;
    const outputs: { text: string; isError: boolean }[] = [];
    const off = this.bot.console.onOutput((out) => {
      if (out.requestId !== requestId || (out.kind !== 'response' && out.kind !== 'error')) return;
      outputs.push({ text: out.text, isError: out.kind === 'error' });
    });
    return this.track(
      outputs,
      () => this.bot.console.exec(session, line, requestId).then(() => undefined),
      (info) => info.adapterId === 'console' && info.channel === session && info.text === line.slice(0, 200),
      off,
    );
  }

  /** Sends a chat message through the fake network (rank 10 unless given). */
  chat(text: string, options: Parameters<FakeAdapter['message']>[1] = {}): Exchange {
    const msg = this.fake.message(text, options);
    const outputs: { text: string; isError: boolean }[] = [];
    const start = this.fake.sent.length;
    const sync = (): void => {
      const fresh = this.fake.sent.slice(start).filter((s) => s.replyTo === msg.id);
      outputs.splice(0, outputs.length, ...fresh.map((s) => ({ text: s.text, isError: s.isError ?? false })));
    };
    const exchange = this.track(
      outputs,
      async () => this.bot.handleMessage(msg),
      (info) => info.adapterId === msg.adapterId && info.text === msg.text.slice(0, 200),
      () => undefined,
      sync,
    );
    return exchange;
  }

  /** Runs a console line and waits until its invocation ended; returns the texts answered. */
  run(line: string, session = 'panel', timeoutMs = 5_000): Promise<string[]> {
    const exchange = this.console(line, session);
    return exchange.done(timeoutMs);
  }

  private track(
    outputs: { text: string; isError: boolean }[],
    send: () => Promise<void>,
    matches: (info: { adapterId: string; channel: string; text: string }) => boolean,
    stop: () => void,
    refresh: () => void = () => undefined,
  ): Exchange {
    const { executor } = this.bot.commands;
    const seen = new Set(executor.list().map((i) => i.id));
    const ids: number[] = [];
    const collect = (): void => {
      for (const info of executor.list()) {
        if (seen.has(info.id)) continue;
        seen.add(info.id);
        if (matches(info)) ids.push(info.id);
      }
    };
    const offChange = executor.onChange(collect);
    const accepted = send().finally(collect);
    const running = (): boolean => {
      const live = new Set(executor.list().map((i) => i.id));
      return ids.some((id) => live.has(id));
    };
    const texts = (): string[] => {
      refresh();
      return outputs.map((o) => o.text);
    };
    return {
      get replies() {
        return texts();
      },
      get outputs() {
        refresh();
        return outputs;
      },
      invocationIds: ids,
      accepted,
      done: async (timeoutMs = 5_000) => {
        try {
          await within(accepted, timeoutMs, 'the message');
          await waitFor('the invocation to end', () => !running(), timeoutMs);
          // the response manager flushed before the invocation ended; let the console emit
          await new Promise((r) => setImmediate(r));
          return texts();
        } finally {
          offChange();
          stop();
        }
      },
      id: (timeoutMs = 3_000) => waitFor('the invocation to start', () => ids[0], timeoutMs),
    };
  }

  async stop(): Promise<void> {
    await within(this.bot.stop('test over'), 10_000, 'bot.stop()');
  }
}

/** Source of a small command file (imports from 'cmdsys'). */
export function commandFile(body: string, imports = 'Command'): string {
  return `import { ${imports} } from 'cmdsys';\n\n${body}\n`;
}

/**
 * `const start = useHarnesses()` in a test file: `await start({ files })` gives a started
 * harness on a fresh temp data dir; every harness is stopped and its dir removed after the test.
 */
export function useHarnesses(): (options?: HarnessOptions) => Promise<CmdHarness> {
  const started: { harness: CmdHarness | null; dir: string }[] = [];
  afterEach(async () => {
    for (const entry of started.splice(0)) {
      try {
        await entry.harness?.stop();
      } finally {
        rmSync(entry.dir, { recursive: true, force: true });
      }
    }
  });
  return async (options = {}) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'protos-cmdsys-'));
    const entry: { harness: CmdHarness | null; dir: string } = { harness: null, dir };
    started.push(entry);
    entry.harness = await CmdHarness.start(dir, options);
    return entry.harness;
  };
}
