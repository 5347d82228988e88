import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConsoleOutput } from '../../src/shared/dto/console';
import type { LogEntry } from '../../src/shared/dto/log';
import { DiscordAdapter } from '../../src/main/runtime/adapters/discord/discord-adapter';
import { Bot } from '../../src/main/runtime/bot';
import type { ClusterAssignment } from '../../src/shared/process/cluster';
import type { ConfigPath } from '../../src/main/runtime/config/config-manager';
import type { FakeDiscord } from './fake-discord/server';
import { waitFor, within } from '../support/wait';

const REPO = path.resolve(import.meta.dirname, '../..');

export { waitFor, within };

/** A 1×1 PNG. */
export const DOT_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Command files for the Discord tests: the seed's echo and listUsers, plus probes. */
export const TEST_COMMANDS: Record<string, string> = {
  'echo.ts': readFileSync(path.join(REPO, 'commands/echo.ts'), 'utf8'),
  'list-users.ts': readFileSync(path.join(REPO, 'commands/list-users.ts'), 'utf8'),
  'long.ts': `import { Command } from 'cmdsys';
export class Long extends Command {
  setup() { this.name = 'long'; this.desc = 'A 4500-character answer.'; }
  async call() {
    const lines: string[] = [];
    for (let i = 1; i <= 45; i++) lines.push('line ' + String(i).padStart(2, '0') + ' ' + 'x'.repeat(i === 45 ? 92 : 91));
    await this.respond(lines.join('\\n'));
  }
}
`,
  'image.ts': `import { Command } from 'cmdsys';
export class Image extends Command {
  setup() { this.name = 'image'; this.desc = 'Sends a PNG.'; }
  async call() {
    const data = Uint8Array.from(atob('${DOT_PNG.toString('base64')}'), (c) => c.charCodeAt(0));
    await this.respondFile({ name: 'dot.png', data, contentType: 'image/png' }, 'a dot');
  }
}
`,
  'whoami.ts': `import { Command } from 'cmdsys';
export class WhoAmI extends Command {
  setup() { this.name = 'whoami'; this.desc = 'What the adapter made of the message.'; }
  async call() {
    const m = this.msg;
    await this.respond(JSON.stringify({
      rank: m.rank, isPrivate: m.isPrivate, guild: m.guild, channel: m.channel.name,
      id: m.author.id, name: m.author.name, displayName: m.author.displayName, mention: m.author.mention,
      mentionsBot: m.mentionsBot, attachments: m.attachments, nativeIsMessage: typeof (m.native as { id?: unknown })?.id === 'string',
    }));
  }
}
`,
  'poke.ts': `import { Command } from 'cmdsys';
export class Poke extends Command {
  setup() { this.name = 'poke'; this.desc = 'Answers with a mention.'; }
  async call() { await this.respond('pong', true); }
}
`,
  'whois.ts': `import { ChannelArgument, Command, UserArgument, type ArgsOf } from 'cmdsys';
export class WhoIs extends Command {
  setup() {
    this.name = 'whois';
    this.desc = 'Resolves a user (and a channel).';
    return this.addArgument(new UserArgument('user')).addArgument(new ChannelArgument('where', true));
  }
  async call({ user, where }: ArgsOf<WhoIs>) {
    await this.respond(user.name + ' ' + user.id + ' ' + user.mention + (where ? ' in #' + where.name : ''));
  }
}
`,
};

export interface DiscordBotOptions {
  /** Config overrides on top of token + api (e.g. `ranks.owners`). */
  config?: Partial<Record<ConfigPath, unknown>>;
  /** Token the bot uses (default: the fake's). */
  token?: string;
  /** Wait until the adapter is connected (default true). */
  waitConnected?: boolean;
  /** More command files (name → source) next to TEST_COMMANDS. */
  commands?: Record<string, string>;
  /** The shards this bot holds, as a supervisor's cluster would. */
  cluster?: ClusterAssignment;
  /** Runs on the created bot before it starts (e.g. to attach a fake supervisor link). */
  beforeStart?: (bot: Bot) => void;
}

/** A real Bot with the Discord adapter (made by the runtime from the config) on a fake Discord. */
export class DiscordBot {
  readonly consoleOut: ConsoleOutput[] = [];
  /** Lifecycle events on the bus, in order. */
  readonly lifecycle: { event: string; reason?: string }[] = [];

  private constructor(
    readonly bot: Bot,
    readonly dataDir: string,
  ) {
    bot.console.onOutput((out) => this.consoleOut.push(out));
    bot.events.on('client_connect', () => void this.lifecycle.push({ event: 'client_connect' }));
    bot.events.on('ready', () => void this.lifecycle.push({ event: 'ready' }));
    bot.events.on(
      'client_disconnect',
      ({ reason }) => void this.lifecycle.push({ event: 'client_disconnect', reason }),
    );
  }

  static async start(fake: FakeDiscord, options: DiscordBotOptions = {}): Promise<DiscordBot> {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-discord-'));
    const commandsDir = path.join(dataDir, 'commands');
    mkdirSync(commandsDir, { recursive: true });
    for (const [file, source] of Object.entries({ ...TEST_COMMANDS, ...options.commands }))
      writeFileSync(path.join(commandsDir, file), source);
    const bot = await Bot.create({
      dataDir,
      commandsDir,
      logConsole: false,
      configOverrides: {
        'discord.token': options.token ?? fake.token,
        'discord.api': fake.apiBase,
        'logging.level': 'debug',
        // the tests talk fast; rate limiting has its own tests
        'rateLimit.user': { burst: 1000, perSecond: 1000 },
        'rateLimit.channel': { burst: 1000, perSecond: 1000 },
        'rateLimit.global': { burst: 1000, perSecond: 1000 },
        ...options.config,
      },
      ...(options.cluster ? { cluster: options.cluster } : {}),
    });
    options.beforeStart?.(bot);
    const harness = new DiscordBot(bot, dataDir);
    await within(bot.start(), 15_000, 'bot start');
    if (options.waitConnected ?? true)
      await waitFor(
        'the Discord adapter to connect',
        () => harness.adapter.status().state === 'connected',
        10_000,
      );
    return harness;
  }

  get adapter(): DiscordAdapter {
    const adapter = this.bot.adapter('discord');
    if (!(adapter instanceof DiscordAdapter)) throw new Error('no Discord adapter');
    return adapter;
  }

  logs(level?: LogEntry['level']): LogEntry[] {
    const all = this.bot.logging.ring.tail(this.bot.logging.ring.capacity);
    return level ? all.filter((e) => e.level === level) : all;
  }

  /** Runs a console line and returns its response texts. */
  async console(line: string, timeoutMs = 5_000): Promise<string[]> {
    const requestId = `req-${Math.random().toString(36).slice(2)}`;
    await within(this.bot.console.exec('panel', line, requestId), timeoutMs, `console "${line}"`);
    return this.consoleOut.filter((o) => o.requestId === requestId && o.kind !== 'input').map((o) => o.text);
  }

  async close(): Promise<void> {
    try {
      await within(this.bot.stop('test done'), 10_000, 'bot stop');
    } finally {
      rmSync(this.dataDir, { recursive: true, force: true });
    }
  }
}
