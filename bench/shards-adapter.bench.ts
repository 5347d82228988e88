// node-flags: --expose-gc
// shards-adapter: one runtime process running 4 Discord shards against the local Discord server
// with 10,000 synthetic guilds (2 text channels, 2 roles, 5 members + the bot each), with the
// default discord.cache limits. Measured in a child process (the fake Discord stays in this one):
// the time from bot.start() until every guild is cached, and the resident memory it takes,
// against the same bot with 1 guild on 1 shard started in the same run (the baseline).
// Metrics: ready_ms_10k_guilds, rss_mb_per_1000_guilds (goal ≤ 10), heap_mb_per_1000_guilds,
// ready_ratio_vs_1_guild.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Bot } from '../src/main/runtime/bot';
import { FakeDiscord } from '../tests/discord/fake-discord/server';
import { ADAPTER_METRICS } from './lib/shard-metrics';
import { mergeResults } from './lib/merge-results';
import { report, type Metrics } from './lib/report';

const GUILDS = 10_000;
const SHARDS = 4;
const CHILD = 'PROTOS_SHARDS_BENCH_CHILD';

interface ChildInput {
  api: string;
  token: string;
  shards: number;
  guilds: number;
}

interface ChildResult {
  readyMs: number;
  rssMb: number;
  heapMb: number;
}

const MB = 1024 * 1024;

async function settle(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (npm run bench does)');
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** In the child: start a bot on the fake Discord, wait for every guild, measure. */
async function child(input: ChildInput): Promise<ChildResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-bench-shards-'));
  const commandsDir = path.join(dataDir, 'commands');
  mkdirSync(commandsDir, { recursive: true });
  try {
    const bot = await Bot.create({
      dataDir,
      commandsDir,
      logConsole: false,
      configOverrides: {
        'discord.token': input.token,
        'discord.api': input.api,
        'discord.shards': input.shards,
        'logging.level': 'warn',
      },
    });
    await settle();
    const started = performance.now();
    await bot.start();
    const adapter = bot.adapter('discord');
    for (;;) {
      const status = adapter?.status();
      if (status?.state === 'connected' && status.guilds === input.guilds) break;
      if (status?.state === 'error') throw new Error(`Discord adapter failed: ${status.lastError}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const readyMs = performance.now() - started;
    await settle();
    const memory = process.memoryUsage();
    await bot.stop();
    return { readyMs, rssMb: memory.rss / MB, heapMb: memory.heapUsed / MB };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** In the parent: a fake Discord with `guilds` guilds, and a child bot measured against it. */
async function measure(guilds: number, shards: number): Promise<ChildResult> {
  const fake = await FakeDiscord.start({
    heartbeatIntervalMs: 41_250,
    guilds: { count: guilds - 1, membersPerGuild: Number(process.env.BENCH_MEMBERS ?? 5) },
    shards: { maxConcurrency: 16, maxGuildsPerShard: 2_600 },
  });
  try {
    const input: ChildInput = { api: fake.apiBase, token: fake.token, shards, guilds };
    const proc = spawn(process.execPath, [...process.execArgv, process.argv[1]!], {
      env: { ...process.env, [CHILD]: JSON.stringify(input) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => proc.on('close', resolve));
    const line = out.split('\n').find((l) => l.startsWith('{'));
    if (code !== 0 || !line) throw new Error(`bench child failed (exit ${code}): ${out}`);
    return JSON.parse(line) as ChildResult;
  } finally {
    await fake.close();
  }
}

async function main(): Promise<void> {
  const input = process.env[CHILD];
  if (input) {
    console.log(JSON.stringify(await child(JSON.parse(input) as ChildInput)));
    process.exit(0);
  }
  const base = await measure(1, 1);
  const big = await measure(GUILDS, SHARDS);
  const per1000 = GUILDS / 1000;
  const metrics: Metrics = {
    ready_ms_10k_guilds: { value: big.readyMs, unit: 'ms' },
    ready_ratio_vs_1_guild: { value: big.readyMs / base.readyMs, unit: 'ratio' },
    rss_mb_per_1000_guilds: { value: (big.rssMb - base.rssMb) / per1000, unit: 'MB' },
    heap_mb_per_1000_guilds: { value: (big.heapMb - base.heapMb) / per1000, unit: 'MB' },
    rss_mb_1_guild: { value: base.rssMb, unit: 'MB' },
  };
  // the issue's `shards` results name these next to the supervisor's failover figures
  mergeResults('shards', metrics, (key) => ADAPTER_METRICS.includes(key));
  report('shards-adapter', metrics, {
    ready_ms_10k_guilds: `${SHARDS} shards in one client, until every guild is cached`,
    rss_mb_per_1000_guilds: 'goal ≤ 10 with the default discord.cache limits',
  });
}

await main();
