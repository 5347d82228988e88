// The supervisor with real runtime processes: a stalled or crashed runtime is detected, its
// culprit quarantined and a new runtime started; culprit-less crashes stop the restarting.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandsOverviewSchema } from '../../src/shared/dto/commands';
import { QuarantineFileSchema } from '../../src/shared/dto/quarantine';
import type { ChildLauncher } from '../../src/main/supervisor/child-handle';
import { waitFor } from '../support/wait';
import { command, useSupervised, type Supervised } from './support';

const start = useSupervised();

const PING = command('ping2', `  call() { return this.respond('pong2'); }`);

/** Runs a line on the panel console. A command that blocks at once also blocks the answer: not awaited. */
function exec(s: Supervised, line: string): Promise<unknown> {
  return s.supervisor.api.router.call('console.exec', { line }, { transport: 'test' });
}

function quarantine(s: Supervised) {
  return QuarantineFileSchema.parse(
    JSON.parse(readFileSync(path.join(s.dataDir, 'quarantine.json'), 'utf8')),
  );
}

function sha256(s: Supervised, file: string): string {
  return createHash('sha256')
    .update(readFileSync(path.join(s.commandsDir, file)))
    .digest('hex');
}

/** Waits until the supervisor has restarted `count` times and runs again. */
function restarted(s: Supervised, count: number, timeoutMs: number) {
  return waitFor(
    `restart #${count} to running`,
    () => {
      const status = s.supervisor.status();
      return status.restarts === count && status.state === 'running' ? status : null;
    },
    timeoutMs,
  );
}

describe('stall', () => {
  it('a command looping forever in call() is detected, quarantined, restarted', async () => {
    const s = await start({
      files: { 'loop.ts': command('spin', '  call() { while (true) {} }'), 'ping2.ts': PING },
    });
    expect(await s.supervisor.start()).toEqual({ ok: true });
    const firstPid = s.supervisor.status().runtimePid;
    void exec(s, 'spin');
    // how quickly (stallTimeoutMs + ~1 s here) is the stall-restart bench's figure, not a test's
    await waitFor(
      'the stall detected and a new runtime started',
      () => s.supervisor.status().restarts === 1,
      15_000,
    );
    const status = await restarted(s, 1, 15_000);
    expect(status.runtimePid).not.toBe(firstPid);
    expect(status.lastRestart!.message).toBe('the runtime stalled for 1000 ms in loop.ts (spin #1)');
    expect(status.lastRestart).toMatchObject({
      reason: 'stall',
      culprit: { file: 'loop.ts', command: 'spin', invocationId: 1 },
      quarantined: true,
    });
    const entry = quarantine(s).files['loop.ts']!;
    expect(entry).toMatchObject({ reason: 'stall', invocation: { id: 1, command: 'spin' } });
    expect(entry.sha256).toBe(sha256(s, 'loop.ts'));
    expect(entry.message).toContain('stalled');
    expect(new Date(entry.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    // the new runtime answers
    let frames = '';
    s.supervisor.api.events.subscribe((frame) => (frames += JSON.stringify(frame)));
    expect(await exec(s, 'ping2')).toMatchObject({ ok: true });
    await waitFor('pong2 from the new runtime', () => frames.includes('pong2'));
    await waitFor('the new runtime to log why it was started', () => s.logs().includes('runtime restarted'));
  }, 20_000);

  it('the watchdog thread alone names the culprit (IPC entry reports withheld)', async () => {
    // Drop every `entry` message: only the watchdog thread's stall file can tell the culprit.
    const withhold =
      (launcher: ChildLauncher): ChildLauncher =>
      (env) => {
        const handle = launcher(env);
        return {
          ...handle,
          get pid() {
            return handle.pid;
          },
          onMessage: (listener) =>
            handle.onMessage((raw) => {
              if ((raw as { type?: string }).type !== 'entry') listener(raw);
            }),
        };
      };
    const s = await start({
      files: { 'spin.ts': command('spin', '  async call() { await this.respond("x"); for (;;) {} }') },
      wrap: withhold,
    });
    await s.supervisor.start();
    void exec(s, 'spin');
    const status = await restarted(s, 1, 8_000);
    expect(status.lastRestart?.culprit).toEqual({ file: 'spin.ts', command: 'spin', invocationId: 1 });
    // after an await the loop runs outside call()'s synchronous part: the only running command is blamed
    expect(status.lastRestart?.message).toContain('probably in spin.ts (spin #1)');
  }, 20_000);

  it('the IPC entry leaves the process before the loop starts (watchdog file not needed)', async () => {
    const entries: unknown[] = [];
    const observe =
      (launcher: ChildLauncher): ChildLauncher =>
      (env) => {
        const handle = launcher(env);
        handle.onMessage((raw) => {
          if ((raw as { type?: string }).type === 'entry') entries.push((raw as { entry: unknown }).entry);
        });
        return handle;
      };
    const s = await start({
      files: { 'loop.ts': command('spin', '  call() { while (true) {} }') },
      wrap: observe,
    });
    await s.supervisor.start();
    void exec(s, 'spin');
    await waitFor('the stall to be noticed', () => s.supervisor.status().state === 'restarting', 15_000);
    expect(entries).toContainEqual({
      file: 'loop.ts',
      command: 'spin',
      invocationId: 1,
      phase: 'call',
      certain: true,
    });
  }, 20_000);
});

describe('crash', () => {
  it('SIGKILL from inside call(): restarted, culprit reported and quarantined', async () => {
    const body = "  call() { execFileSync('kill', ['-KILL', String(process.pid)]); }";
    const extra = "import { execFileSync } from 'node:child_process';";
    const s = await start({ files: { 'crash.ts': command('crash', body, extra), 'ping2.ts': PING } });
    await s.supervisor.start();
    void exec(s, 'crash');
    const status = await restarted(s, 1, 15_000);
    expect(status.lastRestart).toMatchObject({
      reason: 'crash',
      culprit: { file: 'crash.ts' },
      quarantined: true,
    });
    expect(status.lastRestart!.message).toContain('exited unexpectedly');
    expect(quarantine(s).files['crash.ts']).toMatchObject({ reason: 'crash', sha256: sha256(s, 'crash.ts') });
    const after = await s.supervisor.api.router.call('commands.list', {}, { transport: 'test' });
    expect(after.ok).toBe(true);
  }, 20_000);

  it('process.exit(3) in call() is an error of that invocation; the runtime keeps running', async () => {
    const quit = command('quit', '  call() { process.exit(3); }');
    const s = await start({ files: { 'quit.ts': quit, 'ping2.ts': PING } });
    await s.supervisor.start();
    const pid = s.supervisor.status().runtimePid;
    await exec(s, 'quit');
    await waitFor(
      'the refusal in the log',
      () => s.logs().includes('process.exit() is not available'),
      10_000,
    );
    expect(s.supervisor.status()).toMatchObject({ state: 'running', restarts: 0, runtimePid: pid });
    expect(await exec(s, 'ping2')).toMatchObject({ ok: true });
  }, 20_000);

  // The in-process guards make an uncaught throw a fault of its file: the runtime never goes down.
  it('a throw in a timer: a fault of its file, the runtime keeps running', async () => {
    const body = "  call() { setTimeout(() => { throw new Error('from a timer'); }, 10); }";
    const s = await start({ files: { 'fault.ts': command('fault', body), 'ping2.ts': PING } });
    await s.supervisor.start();
    const pid = s.supervisor.status().runtimePid;
    await exec(s, 'fault');
    let faults = 0;
    for (let i = 0; i < 200 && faults === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const r = await s.supervisor.api.router.call('commands.list', {}, { transport: 'test' });
      if (r.ok) {
        const files = CommandsOverviewSchema.parse(r.data).files;
        faults = files.find((f) => f.file === 'fault.ts')?.faults.count ?? 0;
      }
    }
    expect(faults).toBe(1);
    expect(s.supervisor.status()).toMatchObject({ state: 'running', restarts: 0, runtimePid: pid });
    expect(await exec(s, 'ping2')).toMatchObject({ ok: true });
  }, 20_000);

  it('a file that kills the runtime while it loads (top level) is named, with no command', async () => {
    const top =
      "import { execFileSync } from 'node:child_process';\nexecFileSync('kill', ['-KILL', String(process.pid)]);\n";
    const s = await start({ files: { 'top.ts': top, 'ping2.ts': PING } });
    void s.supervisor.start();
    await waitFor('a restart', () => s.supervisor.status().restarts === 1, 15_000);
    expect(s.supervisor.status().lastRestart).toMatchObject({
      reason: 'crash',
      culprit: { file: 'top.ts', command: null, invocationId: null },
      quarantined: true,
    });
    expect(quarantine(s).files['top.ts']).toMatchObject({ reason: 'crash', invocation: null });
  }, 30_000);

  it('two crashes within a minute without a culprit: no more restarts, and says why', async () => {
    const s = await start({ files: { 'ping2.ts': PING } });
    await s.supervisor.start();
    process.kill(s.supervisor.status().runtimePid!, 'SIGKILL');
    await restarted(s, 1, 15_000);
    const ended = new Promise<number>((resolve) => s.supervisor.onEnd(resolve));
    process.kill(s.supervisor.status().runtimePid!, 'SIGKILL');
    expect(await ended).toBe(1);
    const status = s.supervisor.status();
    expect(status).toMatchObject({ state: 'gave-up', restarts: 1, runtimePid: null });
    expect(status.message).toMatch(/failed twice within 60 s without a known culprit; not restarting/);
    const call = await s.supervisor.api.router.call('status.get', {}, { transport: 'test' });
    expect(call).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: status.message } });
    expect(s.logs()).toContain('not restarting it again');
  }, 20_000);
});
