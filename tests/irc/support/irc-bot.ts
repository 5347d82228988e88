import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { IrcAdapter } from '../../../src/main/runtime/adapters/irc/irc-adapter';
import { Bot } from '../../../src/main/runtime/bot';
import type { LogEntry } from '../../../src/shared/dto/log';
import { HOST } from './ngircd';
import { sleep, until, type IrcUser } from './irc-user';

export interface IrcBotOptions {
  nick?: string;
  channels?: string[];
  triggers?: string[];
  owners?: string[];
  send?: { burst: number; perSecond: number };
  /** More keys of the `irc.servers[0]` entry (password, sasl, tls, …). */
  server?: Record<string, unknown>;
  /** Command files (name → source) written before the bot starts. */
  files?: Record<string, string>;
  /** Runs after the bot is built and before it starts (subscribe to events here). */
  beforeStart?: (bot: Bot) => void;
}

export interface IrcBot {
  bot: Bot;
  adapter: IrcAdapter;
  commandsDir: string;
  /** Log entries so far (the ring), newest last. */
  logs(): LogEntry[];
}

/** A bot from config (as `irc.servers` in the config file), with the test's command files. */
export async function startIrcBot(
  dataDir: string,
  port: number,
  options: IrcBotOptions = {},
): Promise<IrcBot> {
  const commandsDir = path.join(dataDir, 'commands');
  mkdirSync(commandsDir, { recursive: true });
  for (const [file, source] of Object.entries(options.files ?? {}))
    writeFileSync(path.join(commandsDir, file), source);
  const bot = await Bot.create({
    dataDir,
    commandsDir,
    logConsole: false,
    configOverrides: {
      'irc.servers': [
        {
          host: HOST,
          port,
          nick: options.nick ?? 'bot',
          channels: options.channels ?? ['#test'],
          ...(options.send ? { send: options.send } : {}),
          ...options.server,
        },
      ],
      'pipeline.triggers': options.triggers ?? ['&'],
      'ranks.owners': options.owners ?? [],
      'logging.level': 'debug',
    },
  });
  options.beforeStart?.(bot);
  await bot.start();
  const adapter = bot.adapter(`irc:${HOST}:${port}`);
  if (!(adapter instanceof IrcAdapter)) throw new Error('no IRC adapter was created from the config');
  return { bot, adapter, commandsDir, logs: () => bot.logging.ring.tail(bot.logging.ring.size) };
}

/** Command files the chat tests use (`import … from 'cmdsys'` as any command file). */
export const COMMANDS = {
  'test.ts': `import { Command } from 'cmdsys';
export class Test extends Command {
  setup() { this.name = 'test'; this.desc = 'The command the detection table asks help for.'; }
  async call() { await this.respond('test ran'); }
}
`,
  'echo.ts': `import { Command, StringArgument, type ArgsOf } from 'cmdsys';
export class Echo extends Command {
  setup() { this.name = 'echo'; return this.addArgument(new StringArgument('text', true)); }
  async call({ text }: ArgsOf<Echo>) { await this.respond(text ?? '(nothing)'); }
}
`,
  'whoami.ts': `import { Command } from 'cmdsys';
export class WhoAmI extends Command {
  setup() { this.name = 'whoami'; }
  async call() { await this.respond(\`\${this.msg.author.displayName} rank \${this.msg.rank} \${this.msg.isPrivate ? 'private' : this.msg.channel.name}\`); }
}
`,
  'mention.ts': `import { Command } from 'cmdsys';
export class Mention extends Command {
  setup() { this.name = 'mention'; }
  async call() { await this.respond('pong', true); }
}
`,
  'long.ts': `import { Command } from 'cmdsys';
export const LONG = (): string => {
  const words = ['grüße', '😀', '日本語', 'naïve', '🇩🇪', 'word'];
  return Array.from({ length: 300 }, (_, i) => \`\${words[i % words.length]}\${i}\`).join(' ');
};
export class Long extends Command {
  setup() { this.name = 'long'; }
  async call() { await this.respond(LONG()); }
}
export class LongWord extends Command {
  setup() { this.name = 'longword'; }
  async call() { await this.respond('😀'.repeat(400) + 'é'.repeat(300)); }
}
`,
  'lines.ts': `import { Command } from 'cmdsys';
export class Lines extends Command {
  setup() { this.name = 'lines'; }
  async call() { await this.respond(Array.from({ length: 20 }, (_, i) => \`line \${i + 1}\`).join('\\n')); }
}
`,
  'fmt.ts': `import { Command } from 'cmdsys';
export class Fmt extends Command {
  setup() { this.name = 'fmt'; }
  async call() { await this.respond('**bold** and *it*\\n\`\`\`ts\\nconst x = 1;\\n\`\`\`'); }
}
`,
};

/** The same text the `long` command answers. */
export const LONG_TEXT = (): string => {
  const words = ['grüße', '😀', '日本語', 'naïve', '🇩🇪', 'word'];
  return Array.from({ length: 300 }, (_, i) => `${words[i % words.length]}${i}`).join(' ');
};

/**
 * What `user` hears from `from` after index `since`: waits for the first message, then until
 * nothing new came for `quietMs`.
 */
export async function answers(
  user: IrcUser,
  from: string,
  since: number,
  quietMs = 400,
  timeoutMs = 8_000,
): Promise<string[]> {
  await user.waitFrom(from, since, 1, timeoutMs);
  let count = user.from(from, since).length;
  for (;;) {
    await sleep(quietMs);
    const now = user.from(from, since).length;
    if (now === count) return user.from(from, since).map((h) => h.message);
    count = now;
  }
}

/** Asserts (returns) that nothing from `from` arrives within `ms`. */
export async function silence(user: IrcUser, from: string, since: number, ms = 800): Promise<string[]> {
  await sleep(ms);
  return user.from(from, since).map((h) => h.message);
}

export { until };
