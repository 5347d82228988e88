// reply-latency: how long a user waits for an answer. IRC: a client on a local ngircd (in a
// process of its own, like a real user: bench/lib/irc-timing-client.ts) says `&echo N` in a
// channel and times the bot's PRIVMSG back, against a bare irc-framework echo bot (in a channel
// of its own) on the same server; same client, same payloads, interleaved with the order
// alternating. The run is cut into rounds; each round gives the ratio of its two medians (bot /
// bare), and irc_p50_ratio is the median of those: a slow stretch of this shared machine slows
// both sides of its round instead of skewing one. Also the time 100 short answers take on an
// unthrottled server (flood control at burst 100, 1000/s). Discord: two of the test suite's
// fake Discords (gateway + REST on 127.0.0.1), in a process of their own as Discord is on
// another machine (bench/lib/discord-timing-server.ts), inject `+echo N` and time the reply's
// POST, the bot vs a bare discord.js client replying the same way on the second fake,
// interleaved, rounds the same way (discord_p50_ratio).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client as DiscordClient, Events, Partials } from 'discord.js';
import ircFramework, { type MessageEvent } from 'irc-framework';
import { discordIntents, restApiBase } from '../src/main/runtime/adapters/discord/client-options';
import { Bot, type BotOptions } from '../src/main/runtime/bot';
import { Ngircd, ngircdAvailable } from '../tests/irc/support/ngircd';
import type { DiscordFakes, DiscordTimingResult, DiscordTimingSpec } from './lib/discord-timing-server';
import type { TimingResult, TimingSpec } from './lib/irc-timing-client';
import { report } from './lib/report';
import { bundleForNode } from './lib/node-bundle';

/** Rounds, and round trips per side in each (IRC; Discord does half as many per round). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const TRIPS = Number(process.env.BENCH_TRIPS ?? 40);
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

/** The p-th percentile of `values` (not modified). */
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/** Per-round ratios of medians (bot / bare), and their median: the figure the goal is about. */
function roundRatios(rounds: { bot: number[]; bare: number[] }[]): { ratios: number[]; median: number } {
  const ratios = rounds.map((r) => percentile(r.bot, 50) / percentile(r.bare, 50));
  return { ratios, median: percentile(ratios, 50) };
}

/** Bundles `bench/lib/NAME.ts` and starts it in a Node process of its own, `arg` as its argument. */
async function spawnBundled(name: string, arg: unknown): Promise<ReturnType<typeof spawn>> {
  const outfile = await bundleForNode(process.cwd(), `bench/lib/${name}.ts`, name);
  return spawn(process.execPath, [outfile, JSON.stringify(arg)], { stdio: ['pipe', 'pipe', 'inherit'] });
}

/** The child's stdout as JSON lines, one at a time. */
function jsonLines(child: ReturnType<typeof spawn>): () => Promise<unknown> {
  const queued: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let rest = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    rest += chunk;
    for (let end = rest.indexOf('\n'); end >= 0; end = rest.indexOf('\n')) {
      const line = rest.slice(0, end);
      rest = rest.slice(end + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else queued.push(line);
    }
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the bench's child process exited (${code})`))),
  );
  exited.catch(() => undefined);
  return async () => {
    const line =
      queued.shift() ?? (await Promise.race([new Promise<string>((r) => waiting.push(r)), exited]));
    return JSON.parse(line) as unknown;
  };
}

/** Runs the IRC user in its own Node process (bench/lib/irc-timing-client.ts, bundled here). */
async function timeInChildProcess(spec: TimingSpec): Promise<TimingResult> {
  const child = await spawnBundled('irc-timing-client', spec);
  const result = (await jsonLines(child)()) as TimingResult;
  child.stdin!.end();
  return result;
}

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
  try {
    const result = await timeInChildProcess({
      host: HOST,
      port: server.port,
      nick: 'user',
      botChannel: CHANNEL,
      bareChannel: BARE_CHANNEL,
      warmup: 50,
      rounds: ROUNDS,
      trips: TRIPS,
      pauseMs: 2,
      bursts: 5,
    });
    const { ratios, median } = roundRatios(result.rounds);
    if (process.env.BENCH_VERBOSE) console.log('irc round ratios', ratios.map((r) => r.toFixed(3)).join(' '));
    const bot = result.rounds.flatMap((r) => r.bot);
    const bareTimes = result.rounds.flatMap((r) => r.bare);
    return {
      irc_p50_ratio: { value: median, unit: 'ratio' },
      irc_ratio_min: { value: Math.min(...ratios), unit: 'ratio' },
      irc_ratio_max: { value: Math.max(...ratios), unit: 'ratio' },
      irc_bot_p50_ms: { value: percentile(bot, 50), unit: 'ms' },
      irc_bare_p50_ms: { value: percentile(bareTimes, 50), unit: 'ms' },
      irc_bot_p99_ms: { value: percentile(bot, 99), unit: 'ms' },
      irc_bare_p99_ms: { value: percentile(bareTimes, 99), unit: 'ms' },
      irc_burst100_ms: { value: percentile(result.bursts, 50), unit: 'ms' },
    };
  } finally {
    bare.close();
    await bot.stop('bench over');
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function discord(): Promise<Record<string, { value: number; unit: 'ratio' | 'ms' }>> {
  const spec: DiscordTimingSpec = {
    warmup: 30,
    rounds: ROUNDS,
    trips: Math.max(10, Math.round(TRIPS / 2)),
    pauseMs: 2,
  };
  const child = await spawnBundled('discord-timing-server', spec);
  const next = jsonLines(child);
  const fakes = (await next()) as DiscordFakes;
  const { bot, dataDir } = await startEchoBot('protos-bench-discord-', {
    'discord.token': fakes.bot.token,
    'discord.api': fakes.bot.apiBase,
    'pipeline.triggers': ['+'],
    'rateLimit.exemptRank': 1000,
    'logging.level': 'warn',
  });
  // the baseline: discord.js with nothing around it, replying the way the adapter does
  const bare = new DiscordClient({
    intents: discordIntents(false),
    partials: [Partials.Channel],
    rest: { api: restApiBase(fakes.bare.apiBase)! },
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
    await bare.login(fakes.bare.token);
    await bareReady;
    const adapter = bot.adapter('discord')!;
    for (let i = 0; adapter.status().state !== 'connected'; i++) {
      if (i > 500) throw new Error('the bot did not connect to the fake Discord');
      await pause(20);
    }
    child.stdin!.write('go\n');
    const { rounds } = (await next()) as DiscordTimingResult;
    const { ratios, median } = roundRatios(rounds);
    if (process.env.BENCH_VERBOSE)
      console.log('discord round ratios', ratios.map((r) => r.toFixed(3)).join(' '));
    return {
      discord_p50_ratio: { value: median, unit: 'ratio' },
      discord_ratio_min: { value: Math.min(...ratios), unit: 'ratio' },
      discord_ratio_max: { value: Math.max(...ratios), unit: 'ratio' },
      discord_bot_p50_ms: {
        value: percentile(
          rounds.flatMap((r) => r.bot),
          50,
        ),
        unit: 'ms',
      },
      discord_bare_p50_ms: {
        value: percentile(
          rounds.flatMap((r) => r.bare),
          50,
        ),
        unit: 'ms',
      },
    };
  } finally {
    await bare.destroy();
    await bot.stop('bench over');
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.end('close\n');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** BENCH_ONLY=irc or BENCH_ONLY=discord measures one side (to profile it alone). */
const only = process.env.BENCH_ONLY;
report(
  'reply-latency',
  { ...(only === 'discord' ? {} : await irc()), ...(only === 'irc' ? {} : await discord()) },
  {
    irc_p50_ratio: `bot / bare irc-framework echo bot, same server and client; median of ${ROUNDS} per-round ratios; goal ≤ 1.2`,
    irc_burst100_ms: '100 one-line answers, first to last at the client; goal ≤ 25 ms',
    discord_p50_ratio: `bot / bare discord.js client on the fake Discord; median of ${ROUNDS} per-round ratios; goal ≤ 1.2`,
  },
);
