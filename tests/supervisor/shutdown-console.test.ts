// Ordered shutdown through the supervisor, and the console's stdout contract across a restart,
// with the real headless entry (src/main/cli.ts) as a process: signals reach it as in production.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tsxExecArgv } from '../../src/main/supervisor/node-child';
import { REPO_ROOT } from '../support/run-cli';
import { useTmpDirs } from '../support/tmp-dir';
import { waitFor, within } from '../support/wait';
import { command, useSupervised } from './support';

const tmp = useTmpDirs();
const startSupervised = useSupervised();

interface Cli {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  exit: Promise<number | null>;
}

/** Starts the headless entry as its own process with the given commands. */
function startCli(files: Record<string, string>, args: string[], config: object = {}): Cli {
  const dir = tmp();
  const commandsDir = path.join(dir, 'commands');
  const dataDir = path.join(dir, 'data');
  mkdirSync(commandsDir);
  mkdirSync(dataDir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(commandsDir, name), text);
  writeFileSync(
    path.join(dataDir, 'config.json'),
    JSON.stringify({ runtime: { stallTimeoutMs: 1_000 }, ...config }),
  );
  const child = spawn(
    process.execPath,
    [...tsxExecArgv(), 'src/main/cli.ts', '--data-dir', dataDir, '--commands-dir', commandsDir, ...args],
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

const marker = (dir: string): string => path.join(dir, 'cleaned-up.txt');

describe('ordered shutdown', () => {
  it('SIGTERM: the runtime runs its clean-up handlers, then everything exits 0', async () => {
    const dir = tmp();
    const file = marker(dir);
    const cli = startCli(
      {
        'tidy.ts': command(
          'tidy',
          '  call() {}',
          `import { writeFileSync } from 'node:fs';\nexport class Register extends Command {\n  setup() { this.cleanUpRegister(() => writeFileSync(${JSON.stringify(file)}, 'done')); }\n}`,
        ),
      },
      [],
    );
    await waitFor('the bot to run', () => cli.stderr().includes('bot running'), 20_000);
    cli.child.kill('SIGTERM');
    expect(await within(cli.exit, 15_000, 'the CLI')).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('done');
    expect(cli.stderr()).toContain('bot stopped');
  }, 30_000);

  it('a clean-up handler that never returns: the runtime is killed after cleanupTimeoutMs + 5 s, exit 1', async () => {
    const s = await startSupervised({
      files: {
        'hang.ts': command(
          'hang',
          '  call() {}',
          'export class H extends Command {\n  setup() { this.cleanUpRegister(() => { while (true) {} }); }\n}',
        ),
      },
      config: { commands: { cleanupTimeoutMs: 10 } },
    });
    await s.supervisor.start();
    const pid = s.supervisor.status().runtimePid!;
    const stopped = Date.now();
    expect(await within(s.supervisor.stop('test'), 15_000, 'the stop')).toBe(1);
    expect(Date.now() - stopped).toBeGreaterThanOrEqual(10 + 5_000);
    expect(() => process.kill(pid, 0)).toThrow();
    expect(s.supervisor.status()).toMatchObject({ state: 'stopped', runtimePid: null });
    expect(s.logs()).toContain('did not stop within 5010 ms; killing it');
  }, 30_000);
});

describe('--console across a restart', () => {
  it('stdout carries only the responses, before and after the runtime was replaced', async () => {
    const cli = startCli(
      {
        'die.ts': command(
          'die',
          "  call() { execFileSync('kill', ['-KILL', String(process.pid)]); }",
          "import { execFileSync } from 'node:child_process';",
        ),
      },
      ['--console'],
    );
    cli.child.stdin.write('ping\n');
    await waitFor('the first pong', () => cli.stdout() === 'pong\n', 20_000);
    cli.child.stdin.write('die\n');
    await waitFor('the restart', () => /runtime restarted/.test(cli.stderr()), 10_000);
    cli.child.stdin.end('ping\n');
    expect(await within(cli.exit, 15_000, 'the CLI')).toBe(0);
    expect(cli.stdout()).toBe('pong\npong\n');
    expect(cli.stderr()).toContain('exited unexpectedly (SIGKILL) in die.ts (die #');
  }, 40_000);
});

describe('stop during start-up', () => {
  it('a stop that arrives before the runtime runs is honoured at once, not by the kill timer', async () => {
    const s = await startSupervised({ files: {} });
    const started = s.supervisor.start();
    await waitFor('the runtime process', () => s.supervisor.status().state === 'starting');
    const stopped = s.supervisor.stop('early');
    expect(await within(stopped, 9_000, 'the stop')).toBe(0); // the kill timer would take 10 s
    expect(await started).toEqual({ ok: false, exitCode: 0 });
    expect(s.logs()).not.toContain('killing it');
  }, 20_000);
});

describe('giving up', () => {
  it('two crashes without a known culprit: the headless command says why and exits 1', async () => {
    // killed from a timer: no command-file code is running when it dies, so no culprit is known
    const cli = startCli(
      {
        'bomb.ts': command(
          'bomb',
          "  call() {}\n  setup() { this.name = 'bomb'; setTimeout(() => execFileSync('kill', ['-KILL', String(process.pid)]), 300); }",
          "import { execFileSync } from 'node:child_process';",
        ),
      },
      ['--console'],
    );
    expect(await within(cli.exit, 30_000, 'the CLI')).toBe(1);
    expect(cli.stdout()).toBe('');
    expect(cli.stderr()).toMatch(
      /error: .*failed twice within 60 s without a known culprit; not restarting it again/,
    );
  }, 40_000);
});
