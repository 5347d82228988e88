// reply-latency: how long a user waits for an answer. IRC: a client on a local ngircd says
// `&echo N` in a channel and times the bot's PRIVMSG back, against a bare irc-framework echo
// bot (in a channel of its own) on the same server, interleaved round trips, same client, same
// payloads (irc_p50_ratio =
// bot p50 / bare p50). Also the time 100 short answers take on an unthrottled server
// (flood control at burst 100, 1000/s). Discord: the test suite's fake Discord (gateway +
// REST on 127.0.0.1) injects `+echo N` and times the reply's POST, the bot vs a bare discord.js
// client replying the same way on a second fake, interleaved (discord_p50_ratio).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client as DiscordClient, Events, Partials } from 'discord.js';
import ircFramework, { type MessageEvent } from 'irc-framework';
import { discordIntents, restApiBase } from '../src/main/runtime/adapters/discord/client-options';
import { Bot, type BotOptions } from '../src/main/runtime/bot';
import { FakeDiscord } from '../tests/discord/fake-discord/server';
import { Ngircd, ngircdAvailable } from '../tests/irc/support/ngircd';
import { report } from './lib/report';

const ROUND_TRIPS = Number(process.env.BENCH_ROUND_TRIPS ?? 400);
const HOST = '127.0.0.1';
const CHANNEL = '#bench';
/** The bare bot's own channel: neither bot sees the other's traffic. */
const BARE_CHANNEL = '#bare';

const ECHO = `import { Command, StringArgument, type ArgsOf } from 'cmdsys';
export class Echo extends Command {
  setup() { this.name = 'echo'; return this.addArgument(new StringArgument('text')); }
  async call({ text }: ArgsOf<Echo>) { await this.respond(text); }
}
export class Hundred extends Command {
  setup() { this.name = 'hundred'; }
  async call() { await this.respond(Array.from({ length: 100 }, (_, i) => 'line ' + i).join('\\n')); }
}
`;

/** A bare TCP client that registers, joins and times answers (answers PINGs itself). */
class Client {
  private buffer = '';
  private waiters: { match: (line: string) => boolean; resolve: (at: number) => void }[] = [];

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => {
      this.buffer += data;
      for (let end = this.buffer.indexOf('\r\n'); end >= 0; end = this.buffer.indexOf('\r\n')) {
        const line = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const at = performance.now();
        if (line.startsWith('PING ')) socket.write(`PONG ${line.slice(5)}\r\n`);
        const hit = this.waiters.findIndex((w) => w.match(line));
        if (hit >= 0) this.waiters.splice(hit, 1)[0]!.resolve(at);
      }
    });
  }

  static async connect(port: number, nick: string): Promise<Client> {
    const socket = net.connect({ host: HOST, port });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const client = new Client(socket);
    const registered = client.expect((l) => / (376|422) /.test(l));
    socket.write(`NICK ${nick}\r\nUSER ${nick} 0 * :${nick}\r\n`);
    await registered;
    for (const channel of [CHANNEL, BARE_CHANNEL]) {
      const joined = client.expect((l) => / 366 /.test(l) && l.includes(` ${channel} `));
      socket.write(`JOIN ${channel}\r\n`);
      await joined;
    }
    return client;
  }

  expect(match: (line: string) => boolean): Promise<number> {
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  /** Says `text`; resolves with the ms until a PRIVMSG from `from` ending in `answer` arrives. */
  async roundTrip(channel: string, text: string, from: string, answer: string): Promise<number> {
    const arrived = this.expect((l) => l.startsWith(`:${from}!`) && l.endsWith(` :${answer}`));
    const sent = performance.now();
    this.socket.write(`PRIVMSG ${channel} :${text}\r\n`);
    return (await arrived) - sent;
  }

  close(): void {
    this.socket.destroy();
  }
}

/** The baseline: irc-framework with nothing around it, echoing `!echo text`. */
async function bareEchoBot(port: number): Promise<{ close(): void }> {
  const client = new ircFramework.Client();
  const ready = new Promise<void>((resolve) => client.once('registered', () => resolve()));
  client.connect({ host: HOST, port, nick: 'bare', username: 'bare', gecos: 'bare', auto_reconnect: false });
  await ready;
  const joined = new Promise<void>((resolve) => client.once('join', () => resolve()));
  client.join(BARE_CHANNEL);
  await joined;
  client.on('privmsg', (e: MessageEvent) => {
    if (e.message.startsWith('!echo ')) client.say(e.target, e.message.slice(6));
  });
  return { close: () => client.quit('bench over') };
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** The bot under test with only the echo command, in a throwaway data dir. */
async function startEchoBot(
  prefix: string,
  configOverrides: BotOptions['configOverrides'],
): Promise<{ bot: Bot; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const commandsDir = path.join(dataDir, 'commands');
  mkdirSync(commandsDir);
  writeFileSync(path.join(commandsDir, 'echo.ts'), ECHO);
  const bot = await Bot.create({ dataDir, commandsDir, logConsole: false, configOverrides });
  return { bot, dataDir };
}

async function irc(): Promise<Record<string, { value: number; unit: 'ratio' | 'ms' }>> {
  if (!ngircdAvailable) {
    console.error('reply-latency: ngircd is not installed (/usr/sbin/ngircd); nothing measured');
    process.exit(1);
  }
  const server = await Ngircd.start();
  const { bot, dataDir } = await startEchoBot('protos-bench-latency-', {
    'irc.servers': [
      {
        host: HOST,
        port: server.port,
        nick: 'bot',
        channels: [CHANNEL],
        send: { burst: 100, perSecond: 1000 },
      },
    ],
    'pipeline.triggers': ['&'],
    // the bench user sends far faster than a person: exempt everyone from the chat rate limit
    'rateLimit.exemptRank': 1000,
    'logging.level': 'warn',
  });
  await bot.start();
  const bare = await bareEchoBot(server.port);
  const user = await Client.connect(server.port, 'user');
  try {
    const times = { bot: [] as number[], bare: [] as number[] };
    let n = 0;
    // warm-up: both paths, JIT and sockets
    for (let i = 0; i < 50; i++) {
      await user.roundTrip(CHANNEL, `&echo w${i}`, 'bot', `w${i}`);
      await user.roundTrip(BARE_CHANNEL, `!echo w${i}`, 'bare', `w${i}`);
    }
    // interleaved, order alternating, so both see the same machine load (this box is shared)
    for (let i = 0; i < ROUND_TRIPS; i++) {
      for (const who of i % 2 === 0 ? (['bot', 'bare'] as const) : (['bare', 'bot'] as const)) {
        const token = `t${n++}`;
        times[who].push(
          who === 'bot'
            ? await user.roundTrip(CHANNEL, `&echo ${token}`, 'bot', token)
            : await user.roundTrip(BARE_CHANNEL, `!echo ${token}`, 'bare', token),
        );
        // people do not type 1000 lines a second: keep the bot's flood control (1000/s) out of it
        await pause(2);
      }
    }
    const bot50 = percentile(
      times.bot.sort((a, b) => a - b),
      50,
    );
    const bare50 = percentile(
      times.bare.sort((a, b) => a - b),
      50,
    );

    // 100 short answers back to back: first to last line at the client
    const bursts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const first = user.expect((l) => l.startsWith(':bot!') && l.endsWith(' :line 0'));
      const last = user.expect((l) => l.startsWith(':bot!') && l.endsWith(' :line 99'));
      user['socket'].write(`PRIVMSG ${CHANNEL} :&hundred\r\n`);
      const [a, b] = await Promise.all([first, last]);
      bursts.push(b - a);
      await pause(200); // let the bucket refill
    }
    bursts.sort((a, b) => a - b);

    return {
      irc_p50_ratio: { value: bot50 / bare50, unit: 'ratio' },
      irc_bot_p50_ms: { value: bot50, unit: 'ms' },
      irc_bare_p50_ms: { value: bare50, unit: 'ms' },
      irc_bot_p99_ms: { value: percentile(times.bot, 99), unit: 'ms' },
      irc_bare_p99_ms: { value: percentile(times.bare, 99), unit: 'ms' },
      irc_burst100_ms: { value: percentile(bursts, 50), unit: 'ms' },
    };
  } finally {
    user.close();
    bare.close();
    await bot.stop('bench over');
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Resolves with performance.now() when the fake records the next posted message. */
function nextPost(fake: FakeDiscord): Promise<number> {
  return new Promise((resolve) => {
    const posted = fake.posted;
    const push = posted.push;
    posted.push = (...items) => {
      posted.push = push;
      resolve(performance.now());
      return push.apply(posted, items);
    };
  });
}

async function discord(): Promise<Record<string, { value: number; unit: 'ratio' | 'ms' }>> {
  const fakeBot = await FakeDiscord.start();
  const fakeBare = await FakeDiscord.start();
  const { bot, dataDir } = await startEchoBot('protos-bench-discord-', {
    'discord.token': fakeBot.token,
    'discord.api': fakeBot.apiBase,
    'pipeline.triggers': ['+'],
    'rateLimit.exemptRank': 1000,
    'logging.level': 'warn',
  });
  // the baseline: discord.js with nothing around it, replying the way the adapter does
  const bare = new DiscordClient({
    intents: discordIntents(false),
    partials: [Partials.Channel],
    rest: { api: restApiBase(fakeBare.apiBase)! },
  });
  bare.on(Events.MessageCreate, (message) => {
    if (message.author.bot || !message.content.startsWith('!echo ')) return;
    void message.reply({
      content: message.content.slice(6),
      allowedMentions: { parse: ['users'], repliedUser: false },
    });
  });
  try {
    await bot.start();
    const bareReady = new Promise<void>((resolve) => bare.once(Events.ClientReady, () => resolve()));
    await bare.login(fakeBare.token);
    await bareReady;
    const adapter = bot.adapter('discord')!;
    for (let i = 0; adapter.status().state !== 'connected'; i++) {
      if (i > 500) throw new Error('the bot did not connect to the fake Discord');
      await pause(20);
    }
    const trip = async (fake: FakeDiscord, text: string): Promise<number> => {
      const arrived = nextPost(fake);
      const sent = performance.now();
      fake.say(text);
      return (await arrived) - sent;
    };
    for (let i = 0; i < 30; i++) {
      await trip(fakeBot, `+echo w${i}`);
      await trip(fakeBare, `!echo w${i}`);
    }
    const times = { bot: [] as number[], bare: [] as number[] };
    const trips = Math.max(50, Math.round(ROUND_TRIPS / 2));
    for (let i = 0; i < trips; i++) {
      for (const who of i % 2 === 0 ? (['bot', 'bare'] as const) : (['bare', 'bot'] as const)) {
        times[who].push(
          who === 'bot' ? await trip(fakeBot, `+echo d${i}`) : await trip(fakeBare, `!echo d${i}`),
        );
        await pause(2);
      }
    }
    const bot50 = percentile(
      times.bot.sort((a, b) => a - b),
      50,
    );
    const bare50 = percentile(
      times.bare.sort((a, b) => a - b),
      50,
    );
    return {
      discord_p50_ratio: { value: bot50 / bare50, unit: 'ratio' },
      discord_bot_p50_ms: { value: bot50, unit: 'ms' },
      discord_bare_p50_ms: { value: bare50, unit: 'ms' },
    };
  } finally {
    await bare.destroy();
    await bot.stop('bench over');
    await fakeBot.close();
    await fakeBare.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

report(
  'reply-latency',
  { ...(await irc()), ...(await discord()) },
  {
    irc_p50_ratio: 'bot / bare irc-framework echo bot, same server and client; goal ≤ 1.2',
    irc_burst100_ms: '100 one-line answers, first to last at the client; goal ≤ 25 ms',
    discord_p50_ratio: 'bot / bare discord.js client on the fake Discord; goal ≤ 1.2',
  },
);
