// The stdin console takes new lines while commands run (interactive input, as chat does):
// `running` and `cancel` answer at once; ask() answers still reach the asking command, and the
// console says which command waits ("answering #9 quiz", on stderr; a system output with
// `answering` in the panel). Ctrl-C with nothing running asks for a second press.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/run';
import { RUNTIME_ENTRY } from '../support/run-cli';
import { commandFile, useHarnesses, waitFor, within } from '../support/cmdsys-harness';
import { useTmpDirs } from '../support/tmp-dir';

const tmp = useTmpDirs();
const start = useHarnesses();

const COMMANDS = commandFile(
  `export class Wait extends Command {
  setup() { this.name = 'wait'; }
  async call() { await this.respond('waiting'); await this.sleep(60_000); await this.respond('waited'); }
}
export class Nap extends Command {
  setup() { this.name = 'nap'; }
  async call() { await this.sleep(400); await this.respond('rested'); }
}
export class Greet extends Command {
  setup() { this.name = 'greet'; }
  async call() {
    const name = await this.ask('Your name?');
    await this.respond('Hello ' + name);
  }
}`,
);

/** The CLI with --console on fake streams; `interrupt` stands for Ctrl-C. */
function startConsole(interactive: boolean) {
  const dataDir = tmp();
  const commandsDir = path.join(dataDir, 'commands');
  mkdirSync(commandsDir, { recursive: true });
  writeFileSync(path.join(commandsDir, 'exec.ts'), COMMANDS);
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const seen = { out: '', err: '' };
  stdout.on('data', (d: Buffer) => (seen.out += d.toString()));
  stderr.on('data', (d: Buffer) => (seen.err += d.toString()));
  let handler: ((signal: string) => void) | null = null;
  const exit = runCli(
    ['--console', '--data-dir', dataDir, '--commands-dir', commandsDir, '--log-level', 'warn'],
    {
      stdin,
      stdout,
      stderr,
      cwd: dataDir,
      interactive,
      onSignal: (h) => {
        handler = h;
        return () => (handler = null);
      },
    },
    { appName: 'test', appVersion: '0', rendererDir: dataDir, runtimeEntry: RUNTIME_ENTRY },
  );
  let exited = false;
  void exit.then(() => (exited = true));
  return {
    stdin,
    seen,
    exit,
    get exited() {
      return exited;
    },
    interrupt: () => handler!('SIGINT'),
    type: (line: string) => stdin.write(`${line}\n`),
  };
}

describe('the interactive stdin console', () => {
  it('answers `running` and `cancel` while a command runs', async () => {
    const c = startConsole(true);
    c.type('wait');
    await waitFor('the command to start', () => c.seen.out.includes('waiting'), 20_000);
    c.type('running');
    await waitFor('the running list', () => /#1 wait — running, Console in stdin/.test(c.seen.out), 5_000);
    c.type('cancel 1');
    await waitFor('the stop notice', () => c.seen.out.includes('Stopped "wait"'), 5_000);
    c.stdin.end('ping\n');
    expect(await within(c.exit, 10_000, 'the CLI')).toBe(0);
    const lines = c.seen.out.trim().split('\n');
    expect(lines[0]).toBe('waiting');
    expect(lines).toContain('Cancelling #1 (wait).');
    expect(lines.at(-2)).toBe('Stopped "wait" (cancelled by Console).');
    expect(lines.at(-1)).toBe('pong');
    expect(c.seen.out).not.toContain('waited');
  }, 30_000);

  it('routes an answer to the asking command and says which command waits (on stderr)', async () => {
    const c = startConsole(true);
    c.type('greet');
    await waitFor('the question', () => c.seen.out.includes('Your name?'), 20_000);
    await waitFor('the note', () => c.seen.err.includes('(answering #1 greet)'), 5_000);
    expect(c.seen.out).not.toContain('answering'); // stdout carries only responses
    c.type('Ada');
    await waitFor('the greeting', () => c.seen.out.includes('Hello Ada'), 5_000);
    c.stdin.end();
    expect(await within(c.exit, 10_000, 'the CLI')).toBe(0);
    expect(c.seen.out).toBe('Your name?\nHello Ada\n');
  }, 30_000);

  it('EOF lets a running command finish, then exits 0', async () => {
    const c = startConsole(true);
    c.stdin.end('nap\nping\n');
    expect(await within(c.exit, 10_000, 'the CLI')).toBe(0);
    // interactive: ping answered while nap slept
    expect(c.seen.out).toBe('pong\nrested\n');
  }, 30_000);

  it('piped input still runs line after line (a script): the same lines in order', async () => {
    const c = startConsole(false);
    c.stdin.end('nap\nping\n');
    expect(await within(c.exit, 10_000, 'the CLI')).toBe(0);
    expect(c.seen.out).toBe('rested\npong\n');
  }, 30_000);
});

describe('Ctrl-C on the console', () => {
  it('with nothing running: the first press does not quit, a second one within 2 s does', async () => {
    const c = startConsole(true);
    c.type('ping');
    await waitFor('pong', () => c.seen.out === 'pong\n', 20_000);
    c.interrupt(); // the runtime answers through the supervisor: the note arrives a moment later
    await waitFor('the note', () => c.seen.err.includes('press Ctrl-C again within 2 s to quit'), 5_000);
    c.type('ping');
    await waitFor('a second pong', () => c.seen.out === 'pong\npong\n', 5_000);
    expect(c.exited).toBe(false);
    c.interrupt();
    c.interrupt(); // within 2 s of the previous press
    expect(await within(c.exit, 10_000, 'the CLI')).toBe(0);
  }, 30_000);

  it('with a command running: cancels the newest; the bot goes on', async () => {
    const c = startConsole(true);
    c.type('wait');
    await waitFor('the command to start', () => c.seen.out.includes('waiting'), 20_000);
    c.interrupt();
    await waitFor('the stop notice', () => c.seen.out.includes('Stopped "wait" (Ctrl-C).'), 5_000);
    expect(c.seen.err).toContain('cancelling the newest command');
    c.stdin.end('ping\n');
    expect(await within(c.exit, 10_000, 'the CLI')).toBe(0);
    expect(c.seen.out).toBe('waiting\nStopped "wait" (Ctrl-C).\npong\n');
  }, 30_000);
});

describe('the panel console', () => {
  it('gets a system output naming the command its next line answers', async () => {
    const h = await start({ files: { 'exec.ts': COMMANDS } });
    const asking = h.console('greet');
    const id = await asking.id();
    const note = await waitFor('the answering note', () =>
      h.consoleOut.find((o) => o.kind === 'system' && o.answering !== undefined),
    );
    expect(note).toMatchObject({
      session: 'panel',
      text: `answering #${id} greet`,
      answering: { id, command: 'greet' },
    });
    // another session is not told
    expect(h.consoleOut.filter((o) => o.kind === 'system' && o.session !== 'panel')).toEqual([]);
    h.console('Grace');
    expect(await asking.done()).toEqual(['Your name?', 'Hello Grace']);
  });
});
