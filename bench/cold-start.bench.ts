// cold-start: bot.start() (the first load) of a commands folder of 200 generated command files
// of which 5 have a 1 s asynchronous setup(), against the same folder with 200 plain files, in
// the same run. Setups run concurrently, so the five slow files together should add about one
// second (not five) to the plain cold start.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Bot } from '../src/main/runtime/bot';
import { report } from './lib/report';

const FILES = 200;
const SLOW = 5;
const SLOW_MS = 1_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const name = (i: number): string => `cmd${String(i).padStart(3, '0')}`;

function source(i: number, slow: boolean): string {
  return `import { Command, StringArgument, type ArgsOf } from 'cmdsys';

export class Generated${i} extends Command {
  ${slow ? 'async ' : ''}setup() {
    this.name = '${name(i)}';
    this.desc = 'Generated command number ${i}.';
    ${slow ? `await new Promise((resolve) => setTimeout(resolve, ${SLOW_MS}));` : ''}
    return this.addArgument(new StringArgument('text', true));
  }

  async call({ text }: ArgsOf<Generated${i}>) {
    await this.respond(\`${name(i)}: \${text ?? ''}\`);
  }
}
`;
}

/** A data dir whose commands folder holds FILES files; the first `slow` of every 40 are slow. */
function folder(slowCount: number): string {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-bench-cold-'));
  const commandsDir = path.join(dataDir, 'commands');
  mkdirSync(commandsDir, { recursive: true });
  const slowAt = new Set(Array.from({ length: slowCount }, (_, k) => k * Math.floor(FILES / SLOW)));
  for (let i = 0; i < FILES; i++)
    writeFileSync(path.join(commandsDir, `${name(i)}.ts`), source(i, slowAt.has(i)));
  writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ logging: { level: 'warn' } }));
  return dataDir;
}

async function coldStart(dataDir: string): Promise<number> {
  const bot = await Bot.create({ dataDir, commandsDir: path.join(dataDir, 'commands'), logConsole: false });
  const started = performance.now();
  await bot.start();
  const ms = performance.now() - started;
  const first = bot.commands.lastReloadReport!;
  if (first.loaded.length !== FILES || first.failed.length)
    throw new Error(`cold start: ${first.loaded.length} loaded, ${JSON.stringify(first.failed)}`);
  await bot.stop();
  return ms;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const plainDir = folder(0);
const slowDir = folder(SLOW);
const plain: number[] = [];
const slow: number[] = [];
await coldStart(plainDir); // warm-up: esbuild's service, module caches
for (let round = 0; round < ROUNDS; round++) {
  plain.push(await coldStart(plainDir));
  slow.push(await coldStart(slowDir));
}
const plainMs = median(plain);
const slowMs = median(slow);

report(
  'cold-start',
  {
    cold_start_ms_200_files_5_slow: { value: slowMs, unit: 'ms' },
    cold_start_ms_200_files_plain: { value: plainMs, unit: 'ms' },
    ratio_to_plain: { value: slowMs / plainMs, unit: 'ratio' },
    slow_setups_added_ms: { value: slowMs - plainMs, unit: 'ms' },
  },
  {
    cold_start_ms_200_files_5_slow: `${FILES} files, ${SLOW} with a ${SLOW_MS} ms async setup; median of ${ROUNDS}`,
    cold_start_ms_200_files_plain: `${FILES} plain files, same run; median of ${ROUNDS}`,
    ratio_to_plain: 'slow folder / plain folder',
    slow_setups_added_ms: `goal ≈ ${SLOW_MS} (concurrent setups), not ${SLOW * SLOW_MS}`,
  },
);

rmSync(plainDir, { recursive: true, force: true });
rmSync(slowDir, { recursive: true, force: true });
