// node-flags: --expose-gc
// reload-heap: heap growth over 1000 hot-reload cycles (a changed command file bundled,
// evaluated and swapped in each time; goal < 5 MB after gc), next to the baseline every
// `import(file?v=N)` hot reloader pays, measured the same way in the same process: each
// version of an ESM module stays in the module map forever (nodejs/node#49442).
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bot } from '../src/main/runtime/bot';
import { report } from './lib/report';

const CYCLES = Number(process.env.BENCH_CYCLES ?? 1000);
const WARMUP = 50;
const MB = 1024 * 1024;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc (npm run bench -- --only reload-heap)');

/** Heap in use after the garbage collector had every chance to run. */
async function settledHeapMb(): Promise<number> {
  for (let i = 0; i < 6; i++) {
    gc!();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed / MB;
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-bench-'));
const commandsDir = path.join(dataDir, 'commands');
mkdirSync(path.join(commandsDir, 'lib'), { recursive: true });

// ---- ours: a command file that uses what commands use, changed and reloaded every cycle ----

writeFileSync(
  path.join(commandsDir, 'lib', 'words.ts'),
  `export const WORDS = ['alpha', 'beta', 'gamma'];\n`,
);
const file = path.join(commandsDir, 'hot.ts');
const source = (version: number): string => `import { Command, IntegerArgument, type ArgsOf } from 'cmdsys';
import { WORDS } from './lib/words';

const VERSION = ${version};
const table = Array.from({ length: 200 }, (_, i) => \`\${WORDS[i % WORDS.length]}-\${VERSION}-\${i}\`);

export class Hot extends Command {
  setup() {
    this.name = 'hot';
    this.desc = 'Version ' + VERSION;
    this.env.events.on('tick', () => undefined);
    this.setInterval(() => undefined, 60_000);
    this.cleanUpRegister(() => undefined);
    this.logger.debug({ version: VERSION }, 'set up');
    return this.addArgument(new IntegerArgument('index', true));
  }

  async call({ index }: ArgsOf<Hot>) {
    await this.respond(table[index ?? 0] ?? 'none');
  }

  onReload(previous: Command) {
    this.state = previous.state;
  }
}
`;
writeFileSync(file, source(0));
// info-level lines go to the bounded log ring; keep it out of the measurement
writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ logging: { level: 'warn' } }));
const bot = await Bot.create({ dataDir, commandsDir, logConsole: false });
await bot.start();

async function reloadCycle(version: number): Promise<void> {
  writeFileSync(file, source(version));
  const stamp = new Date(Date.now() + version * 1000);
  utimesSync(file, stamp, stamp);
  const result = await bot.commands.reload();
  if (result.updated.length !== 1 || result.failed.length)
    throw new Error(`cycle ${version}: ${JSON.stringify(result.failed)}`);
}

let version = 1;
for (let i = 0; i < WARMUP; i++) await reloadCycle(version++);
const oursBefore = await settledHeapMb();
const oursStarted = performance.now();
for (let i = 0; i < CYCLES; i++) await reloadCycle(version++);
const oursMs = performance.now() - oursStarted;
const oursAfter = await settledHeapMb();
const counts = bot.commands.loader.resourceCounts();
if (counts.generations !== 1 || bot.events.listenerCount('tick') !== 1 || bot.cleanup.size !== 1)
  throw new Error(`resources leaked: ${JSON.stringify(counts)}, cleanup ${bot.cleanup.size}`);
await bot.stop();

// ---- baseline: import(file?v=N) of a tiny ESM module, the usual hot-reload trick ----

const esmFile = path.join(dataDir, 'hot.mjs');
writeFileSync(
  esmFile,
  `const table = Array.from({ length: 200 }, (_, i) => 'word-' + i);\nexport class Hot { call(i) { return table[i]; } }\n`,
);
const esmUrl = pathToFileURL(esmFile).href;
let query = 0;
async function importCycle(): Promise<void> {
  const mod = (await import(`${esmUrl}?v=${query++}`)) as { Hot: new () => { call(i: number): string } };
  if (new mod.Hot().call(1) !== 'word-1') throw new Error('baseline module broken');
}
for (let i = 0; i < WARMUP; i++) await importCycle();
const baseBefore = await settledHeapMb();
for (let i = 0; i < CYCLES; i++) await importCycle();
const baseAfter = await settledHeapMb();

report(
  'reload-heap',
  {
    heap_growth_mb: { value: oursAfter - oursBefore, unit: 'MB' },
    baseline_heap_growth_mb: { value: baseAfter - baseBefore, unit: 'MB' },
    reload_cycle_ms: { value: oursMs / CYCLES, unit: 'ms' },
  },
  {
    heap_growth_mb: `goal < 5; ${CYCLES} reload cycles of a changed file, heap after gc`,
    baseline_heap_growth_mb: `${CYCLES} import(?v=N) of a tiny ESM module, same process`,
    reload_cycle_ms: 'write + reload of one changed file, mean',
  },
);

rmSync(dataDir, { recursive: true, force: true });
