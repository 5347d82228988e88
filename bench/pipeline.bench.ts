// pipeline: messages per second through the whole pipeline (detection, pre-processing, string
// middleware, tokeniser, message middleware, executor) on the console adapter with a no-op
// command, against a bare baseline in the same run: regex prefix + split + Map lookup + call.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Bot } from '../src/main/runtime/bot';
import { report } from './lib/report';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 50_000);
const ROUNDS = 9;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-bench-'));
const commandsDir = path.join(dataDir, 'commands');
mkdirSync(commandsDir);
writeFileSync(
  path.join(commandsDir, 'noop.ts'),
  `import { Command, StringArgument, type ArgsOf } from 'cmdsys';
export class Noop extends Command {
  setup() { this.name = 'noop'; return this.addArgument(new StringArgument('rest', true)); }
  call(_args: ArgsOf<Noop>) {}
}`,
);
writeFileSync(
  path.join(dataDir, 'config.json'),
  JSON.stringify({
    rateLimit: { exemptRank: 1000 },
    logging: { level: 'warn' },
    pipeline: { traceSize: Number(process.env.TRACE_SIZE ?? 500) },
  }),
);
const bot = await Bot.create({ dataDir, commandsDir, logConsole: false });
await bot.start();
const lines = [
  'noop',
  'noop one two three',
  'noop "quoted words" and more',
  'noop it\\\'s "escaped \\"quotes\\""',
];

async function pipelineRound(): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < MESSAGES; i++) await bot.console.exec('bench', lines[i % lines.length]!, null);
  return MESSAGES / ((performance.now() - started) / 1000);
}

// The baseline: what a bot with no pipeline at all does per message.
const table = new Map<string, (args: string[]) => void>([['noop', () => undefined]]);
let sink = 0;
async function baselineRound(): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < MESSAGES; i++) {
    const text = `+${lines[i % lines.length]!}`;
    const match = /^\+(.*)$/.exec(text);
    if (!match) continue;
    const words = match[1]!.split(' ');
    const fn = table.get(words[0]!.toLowerCase());
    if (fn) {
      fn(words.slice(1));
      sink++;
    }
    await undefined; // same async shape as the pipeline (one await per message)
  }
  return MESSAGES / ((performance.now() - started) / 1000);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ours: number[] = [];
const base: number[] = [];
const ratios: number[] = [];
// Warm-up: both sides reach their optimised code before anything counts.
for (let w = 0; w < 3; w++) {
  await pipelineRound();
  await baselineRound();
}
// Each round measures both, in alternating order, and yields its own ratio: a slow phase of a
// noisy machine then slows both sides of that round instead of skewing one of them.
for (let r = 0; r < ROUNDS; r++) {
  const [o, b] = r % 2 === 0 ? [await pipelineRound(), await baselineRound()] : [0, await baselineRound()];
  const oursRound = r % 2 === 0 ? o : await pipelineRound();
  ours.push(oursRound);
  base.push(b);
  ratios.push(oursRound / b);
}
if (process.env.BENCH_VERBOSE)
  console.log({ ours: ours.map(Math.round), base: base.map(Math.round), ratios });
report(
  'pipeline',
  {
    msgs_per_s: { value: median(ours), unit: 'ops/s' },
    baseline_msgs_per_s: { value: median(base), unit: 'ops/s' },
    ratio_to_baseline: { value: median(ratios), unit: 'ratio' },
  },
  { ratio_to_baseline: `goal ≥ 0.2; median of ${ROUNDS} per-round ratios` },
);
if (sink === 0) throw new Error('baseline did nothing');
await bot.stop();
rmSync(dataDir, { recursive: true, force: true });
