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
// Schedule (bench/lib/interleaved-rounds.ts): a few early rounds right after start, then a long
// back-to-back warm-up until V8 has optimised both programs, then the timed rounds the goal is
// about: the steady state of a bot that has been up a while. The early rounds are reported on
// their own (`*_early_p50_ratio`): there the bot, with more code to optimise than a bare echo
// bot, is further behind in its JIT tiers.
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
import { pause, type Round, type Schedule, type ScheduleSpec } from './lib/interleaved-rounds';
import { report } from './lib/report';
import { bundleForNode } from './lib/node-bundle';

/** Rounds, and round trips per side in each (IRC; Discord does half as many per round). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const TRIPS = Number(process.env.BENCH_TRIPS ?? 40);
/** Rounds timed right after start, while V8 is still optimising the bots (see ScheduleSpec). */
const EARLY_ROUNDS = Number(process.env.BENCH_EARLY_ROUNDS ?? 10);
/** Back-to-back round trips per side before the timed rounds, until both bots run optimised code. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5000);
/**
 * Discord's global REST limit for both clients: the bench answers far more than 50 messages a
 * second, and at discord.js's default (50/s) every 50th reply would wait up to a second for the
 * global bucket. A large bot's raised limit keeps both clients clear of it.
 */
const GLOBAL_REQUESTS_PER_SECOND = 10_000;
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

/** The p-th percentile of `values` (not modified). */
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/** Per-round ratios of medians (bot / bare), and their median: the figure the goal is about. */
function roundRatios(rounds: Round[]): { ratios: number[]; median: number } {
  const ratios = rounds.map((r) => percentile(r.bot, 50) / percentile(r.bare, 50));
  return { ratios, median: percentile(ratios, 50) };
}

type Metrics = Record<string, { value: number; unit: 'ratio' | 'ms' }>;

/** The metrics of one network's schedule, named `<network>_…`. */
function latencyMetrics(network: 'irc' | 'discord', { early, rounds }: Schedule): Metrics {
  const { ratios, median } = roundRatios(rounds);
  if (process.env.BENCH_VERBOSE)
    console.log(`${network} round ratios`, ratios.map((r) => r.toFixed(3)).join(' '));
  const bot = rounds.flatMap((r) => r.bot);
  const bare = rounds.flatMap((r) => r.bare);
  return {
    [`${network}_p50_ratio`]: { value: median, unit: 'ratio' },
    [`${network}_ratio_min`]: { value: Math.min(...ratios), unit: 'ratio' },
    [`${network}_ratio_max`]: { value: Math.max(...ratios), unit: 'ratio' },
    [`${network}_early_p50_ratio`]: { value: roundRatios(early).median, unit: 'ratio' },
    [`${network}_bot_p50_ms`]: { value: percentile(bot, 50), unit: 'ms' },
    [`${network}_bare_p50_ms`]: { value: percentile(bare, 50), unit: 'ms' },
    [`${network}_bot_p99_ms`]: { value: percentile(bot, 99), unit: 'ms' },
    [`${network}_bare_p99_ms`]: { value: percentile(bare, 99), unit: 'ms' },
  };
}

/** The timed schedule both users follow (only the trips per round differ). */
const schedule = (trips: number): ScheduleSpec => ({
  earlyRounds: EARLY_ROUNDS,
  warmup: WARMUP,
  rounds: ROUNDS,
  trips,
  pauseMs: 2,
});

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

async function irc(): Promise<Metrics> {
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
      ...schedule(TRIPS),
      host: HOST,
      port: server.port,
      nick: 'user',
      botChannel: CHANNEL,
      bareChannel: BARE_CHANNEL,
      bursts: 5,
    });
    return {
      ...latencyMetrics('irc', result),
      irc_burst100_ms: { value: percentile(result.bursts, 50), unit: 'ms' },
    };
  } finally {
    bare.close();
    await bot.stop('bench over');
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function discord(): Promise<Metrics> {
  const spec: DiscordTimingSpec = schedule(Math.max(10, Math.round(TRIPS / 2)));
  const child = await spawnBundled('discord-timing-server', spec);
  const next = jsonLines(child);
  const fakes = (await next()) as DiscordFakes;
  const { bot, dataDir } = await startEchoBot('protos-bench-discord-', {
    'discord.token': fakes.bot.token,
    'discord.api': fakes.bot.apiBase,
    'discord.globalRequestsPerSecond': GLOBAL_REQUESTS_PER_SECOND,
    'pipeline.triggers': ['+'],
    'rateLimit.exemptRank': 1000,
    'logging.level': 'warn',
  });
  // the baseline: discord.js with nothing around it, replying the way the adapter does
  const bare = new DiscordClient({
    intents: discordIntents(false),
    partials: [Partials.Channel],
    rest: { api: restApiBase(fakes.bare.apiBase)!, globalRequestsPerSecond: GLOBAL_REQUESTS_PER_SECOND },
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
    return latencyMetrics('discord', (await next()) as DiscordTimingResult);
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
    irc_p50_ratio: `bot / bare irc-framework echo bot, same server and client; median of ${ROUNDS} per-round ratios after ${WARMUP} warm-up trips each; goal ≤ 1.2`,
    irc_early_p50_ratio: `the same over the first ${EARLY_ROUNDS} rounds after start, before the warm-up (JIT still optimising)`,
    irc_burst100_ms: '100 one-line answers, first to last at the client; goal ≤ 25 ms',
    discord_p50_ratio: `bot / bare discord.js client on the fake Discord; median of ${ROUNDS} per-round ratios after ${WARMUP} warm-up trips each; goal ≤ 1.2`,
    discord_early_p50_ratio: `the same over the first ${EARLY_ROUNDS} rounds after start, before the warm-up`,
  },
);
