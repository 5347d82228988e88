import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ForkOptions } from 'electron';
import { utilityChildLauncher, type UtilityProcessLike } from './utility-child';

class FakeUtility extends EventEmitter implements UtilityProcessLike {
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly posted: unknown[] = [];
  killedGently = 0;
  constructor(readonly pid: number | undefined) {
    super();
  }
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.killedGently++;
    return true;
  }
}

function setup(pid: number | undefined) {
  const forks: { modulePath: string; args: string[]; options: ForkOptions }[] = [];
  const killed: number[] = [];
  let child!: FakeUtility;
  let output = '';
  const out = new PassThrough();
  out.on('data', (d: Buffer) => (output += d.toString()));
  const launch = utilityChildLauncher({
    entry: '/app/out/main/runtime-host.js',
    fork: (modulePath, args, options) => {
      forks.push({ modulePath, args, options });
      return (child = new FakeUtility(pid));
    },
    output: out,
    killPid: (p) => void killed.push(p),
  });
  const handle = launch({ PROTOS_RUNTIME_LAUNCH: '{}' });
  return { handle, child, forks, killed, output: () => output };
}

describe('utilityChildLauncher', () => {
  it('forks the runtime entry with the launch environment and piped output', async () => {
    const { handle, forks, child, output } = setup(4242);
    expect(forks[0]!.modulePath).toBe('/app/out/main/runtime-host.js');
    expect(forks[0]!.options.env).toMatchObject({ PROTOS_RUNTIME_LAUNCH: '{}' });
    expect(forks[0]!.options.stdio).toBe('pipe');
    expect(handle.pid).toBe(4242);
    child.stderr.write('a log line\n');
    await new Promise((r) => setImmediate(r));
    expect(output()).toBe('a log line\n');
  });

  it('relays messages both ways and reports the exit once', () => {
    const { handle, child } = setup(4242);
    const received: unknown[] = [];
    const exits: unknown[] = [];
    handle.onMessage((m) => received.push(m));
    handle.onExit((code, signal) => exits.push([code, signal]));
    handle.send({ type: 'console-end' });
    child.emit('message', { type: 'heartbeat' });
    child.emit('exit', 3);
    handle.send({ type: 'console-end' }); // after exit: dropped, no throw
    expect(child.posted).toEqual([{ type: 'console-end' }]);
    expect(received).toEqual([{ type: 'heartbeat' }]);
    expect(exits).toEqual([[3, null]]);
  });

  it('kill sends SIGKILL to the pid (a blocked loop ignores SIGTERM); nothing after exit', () => {
    const { handle, child, killed } = setup(4242);
    handle.kill();
    expect(killed).toEqual([4242]);
    expect(child.killedGently).toBe(0);
    child.emit('exit', 0);
    handle.kill();
    expect(killed).toEqual([4242]);
  });

  it('without a pid yet, falls back to Electron’s own kill', () => {
    const { handle, child, killed } = setup(undefined);
    expect(handle.pid).toBeNull();
    handle.kill();
    expect(killed).toEqual([]);
    expect(child.killedGently).toBe(1);
  });
});
