// reload: hot reload of a commands folder of 200 generated command files (each with arguments
// and a relative import that esbuild bundles in): reloading all of them (goal < 300 ms) and one
// changed file among them (goal < 50 ms), with the bot running as it does in production.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Bot } from '../src/main/runtime/bot';
import { report } from './lib/report';

const FILES = Number(process.env.BENCH_FILES ?? 200);
const ALL_ROUNDS = 7;
const ONE_ROUNDS = 30;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-bench-'));
const commandsDir = path.join(dataDir, 'commands');
mkdirSync(path.join(commandsDir, 'lib'), { recursive: true });
writeFileSync(
  path.join(commandsDir, 'lib', 'format.ts'),
  `export function format(name: string, count: number, text?: string): string {
  return \`\${name} x\${count}\${text ? \`: \${text}\` : ''}\`;
}
`,
);

const name = (i: number): string => `cmd${String(i).padStart(3, '0')}`;

function source(i: number, version: number): string {
  return `import { Command, IntegerArgument, StringArgument, type ArgsOf } from 'cmdsys';
import { format } from './lib/format';

/** Generated command ${i}, version ${version}. */
export class Generated${i} extends Command {
  setup() {
    this.name = '${name(i)}';
    this.aliases = ['${name(i)}-alias'];
    this.desc = 'Generated command number ${i} (version ${version}).';
    this.lib = 'bench 1.0';
    return this.addArgument(new IntegerArgument('count', false, { min: 1, max: 100 })).addArgument(
      new StringArgument('text', true),
    );
  }

  async call({ count, text }: ArgsOf<Generated${i}>) {
    await this.respond(format('${name(i)}', count, text));
  }
}
`;
}

const fileOf = (i: number): string => path.join(commandsDir, `${name(i)}.ts`);
for (let i = 0; i < FILES; i++) writeFileSync(fileOf(i), source(i, 0));

writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ logging: { level: 'info' } }));
const bot = await Bot.create({ dataDir, commandsDir, logConsole: false });
const coldStarted = performance.now();
await bot.start();
const coldMs = performance.now() - coldStarted;
const first = bot.commands.lastReloadReport!;
if (first.loaded.length !== FILES || first.failed.length)
  throw new Error(`initial load: ${first.loaded.length} loaded, ${JSON.stringify(first.failed)}`);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function answer(line: string): Promise<string> {
  let text = '';
  const off = bot.console.onOutput((out) => {
    if (out.kind === 'response' || out.kind === 'error') text += out.text;
  });
  await bot.console.exec('bench', line, null);
  off();
  return text;
}

// reload everything (force): every file bundled, evaluated, set up and swapped in
const allTimes: number[] = [];
for (let round = 0; round < ALL_ROUNDS; round++) {
  const started = performance.now();
  const result = await bot.commands.reload(true);
  allTimes.push(performance.now() - started);
  if (result.updated.length !== FILES || result.failed.length)
    throw new Error(`reload all: ${result.updated.length} updated, ${JSON.stringify(result.failed)}`);
}

// one changed file among FILES: the others are checked (stat) and skipped
const oneTimes: number[] = [];
for (let round = 1; round <= ONE_ROUNDS; round++) {
  const i = (round * 37) % FILES;
  writeFileSync(fileOf(i), source(i, round));
  const bumped = new Date(Date.now() + round * 1000);
  utimesSync(fileOf(i), bumped, bumped);
  const started = performance.now();
  const result = await bot.commands.reload();
  oneTimes.push(performance.now() - started);
  if (result.updated.length !== 1 || result.unchanged !== FILES - 1 || result.failed.length)
    throw new Error(`reload one: ${JSON.stringify({ ...result, ms: undefined })}`);
}

const check = await answer(`${name(37)} 2 still answering`);
if (check !== `${name(37)} x2: still answering`) throw new Error(`unexpected answer: ${check}`);

report(
  'reload',
  {
    reload_all_ms: { value: median(allTimes), unit: 'ms' },
    reload_one_ms: { value: median(oneTimes), unit: 'ms' },
    initial_load_ms: { value: coldMs, unit: 'ms' },
  },
  {
    reload_all_ms: `goal < 300; ${FILES} files, median of ${ALL_ROUNDS}, min ${Math.round(Math.min(...allTimes))}`,
    reload_one_ms: `goal < 50; 1 of ${FILES} files changed, median of ${ONE_ROUNDS}`,
    initial_load_ms: 'bot.start() with the first load, for reference',
  },
);

await bot.stop();
rmSync(dataDir, { recursive: true, force: true });
