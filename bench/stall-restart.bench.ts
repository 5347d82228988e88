// stall-restart: a command file loops forever in call() (`while (true) {}`); the supervisor finds
// the runtime stalled, kills it and starts a new one with the default commands. Measured: from
// the stall's detection to "running" again (goal < 2 s), against a clean cold start of the same
// runtime measured in the same run (the baseline), and from the loop's start to detection.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogging } from '../src/main/runtime/logging/logging';
import { nodeChildLauncher } from '../src/main/supervisor/node-child';
import { STALL_FILE } from '../src/main/supervisor/stall-file';
import { Supervisor } from '../src/main/supervisor/supervisor';
import { buildRuntimeHost } from './lib/node-bundle';
import { report } from './lib/report';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const STALL_TIMEOUT_MS = 1_000;
const root = process.cwd();

const entry = await buildRuntimeHost(root);

const dir = mkdtempSync(path.join(os.tmpdir(), 'protos-bench-stall-'));
const commandsDir = path.join(dir, 'commands');
cpSync(path.join(root, 'commands'), commandsDir, { recursive: true });
writeFileSync(
  path.join(commandsDir, 'loop.ts'),
  "import { Command } from 'cmdsys';\nexport class Loop extends Command {\n  setup() { this.name = 'spin'; }\n  call() { while (true) {} }\n}\n",
);
const logging = createLogging({ console: false, ringCapacity: 1_000 });

function supervisorFor(round: number): Supervisor {
  const dataDir = path.join(dir, `data-${round}`);
  rmSync(dataDir, { recursive: true, force: true });
  return new Supervisor({
    launch: {
      dataDir,
      commandsDir,
      configOverrides: { 'runtime.stallTimeoutMs': STALL_TIMEOUT_MS },
      app: { name: 'bench', version: '0', mode: 'browser', electronVersion: null },
      panel: true,
      console: false,
      interactive: false,
      logConsole: false,
      stallFile: path.join(dataDir, STALL_FILE),
    },
    spawn: nodeChildLauncher({ entry }),
    logger: logging.child('supervisor'),
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cold: number[] = [];
const restart: number[] = [];
const detect: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const supervisor = supervisorFor(round);
  const started = performance.now();
  const outcome = await supervisor.start();
  if (!outcome.ok) throw new Error(`start failed: ${supervisor.status().message}`);
  cold.push(performance.now() - started);

  const running = new Promise<number>((resolve) =>
    supervisor.onStatus((s) => s.state === 'running' && resolve(performance.now())),
  );
  let detectedAt = 0;
  supervisor.onStatus((s) => {
    if (s.state === 'restarting' && !detectedAt) detectedAt = performance.now();
  });
  const looped = performance.now();
  void supervisor.api.router.call('console.exec', { line: 'spin' }, { transport: 'test' });
  const back = await running;
  const status = supervisor.status();
  if (status.restarts !== 1 || status.lastRestart?.culprit?.file !== 'loop.ts')
    throw new Error(`unexpected restart: ${JSON.stringify(status)}`);
  restart.push(back - detectedAt);
  detect.push(detectedAt - looped);
  const answer = await supervisor.api.router.call('status.get', {}, { transport: 'test' });
  if (!answer.ok) throw new Error(`no answer after the restart: ${JSON.stringify(answer)}`);
  await supervisor.stop('bench');
}
rmSync(dir, { recursive: true, force: true });

report(
  'stall-restart',
  {
    stall_to_running_ms: { value: median(restart), unit: 'ms' },
    cold_start_ms: { value: median(cold), unit: 'ms' },
    restart_vs_cold_start: { value: median(restart) / median(cold), unit: 'ratio' },
    stall_detection_ms: { value: median(detect), unit: 'ms' },
  },
  {
    stall_to_running_ms: `goal < 2000; stall detected → new runtime running, default commands; median of ${ROUNDS}`,
    cold_start_ms: 'baseline: supervisor.start() → running, same runtime and commands',
    restart_vs_cold_start: 'restart cost relative to a clean start (≈1 means nothing beyond a start is paid)',
    stall_detection_ms: `loop started → stall detected, with runtime.stallTimeoutMs = ${STALL_TIMEOUT_MS}`,
  },
);
