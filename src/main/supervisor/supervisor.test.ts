// The supervisor's core against a fake runtime process: protocol validation, start failures,
// call relaying and how calls are answered while no runtime runs.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ToRuntime } from '../../shared/process/runtime-messages';
import { createLogging } from '../runtime/logging/logging';
import type { ChildLauncher, ChildProcessHandle } from './child-handle';
import { Supervisor } from './supervisor';

class FakeChild implements ChildProcessHandle {
  readonly sent: ToRuntime[] = [];
  private messageListener: (raw: unknown) => void = () => undefined;
  private exitListener: (code: number | null, signal: string | null) => void = () => undefined;
  killed = false;
  constructor(readonly pid: number) {}
  send(message: ToRuntime): void {
    this.sent.push(message);
  }
  onMessage(listener: (raw: unknown) => void): void {
    this.messageListener = listener;
  }
  onExit(listener: (code: number | null, signal: string | null) => void): void {
    this.exitListener = listener;
  }
  kill(): void {
    this.killed = true;
    this.exit(null, 'SIGKILL');
  }
  emit(raw: unknown): void {
    this.messageListener(raw);
  }
  exit(code: number | null, signal: string | null = null): void {
    this.exitListener(code, signal);
  }
}

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup() {
  dir = mkdtempSync(path.join(os.tmpdir(), 'protos-supervisor-'));
  const children: FakeChild[] = [];
  const envs: Record<string, string>[] = [];
  const spawn: ChildLauncher = (env) => {
    envs.push(env);
    const child = new FakeChild(1000 + children.length);
    children.push(child);
    return child;
  };
  let logs = '';
  const logging = createLogging({ console: { write: (t: string) => (logs += t) } as never, pretty: false });
  const supervisor = new Supervisor({
    launch: {
      dataDir: dir,
      commandsDir: path.join(dir, 'commands'),
      configOverrides: {},
      app: { name: 't', version: '0', mode: 'browser', electronVersion: null },
      panel: true,
      console: true,
      interactive: false,
      logConsole: false,
      stallFile: path.join(dir, 'runtime-stall.json'),
    },
    spawn,
    logger: logging.child('supervisor'),
  });
  return { supervisor, children, envs, logs: () => logs };
}

const running = (child: FakeChild): void => child.emit({ type: 'running', pid: child.pid });

describe('Supervisor (fake runtime)', () => {
  it('passes the launch options and relays calls and their results', async () => {
    const { supervisor, children, envs } = setup();
    const started = supervisor.start();
    expect(JSON.parse(envs[0]!.PROTOS_RUNTIME_LAUNCH!)).toMatchObject({ panel: true, previous: null });
    running(children[0]!);
    expect(await started).toEqual({ ok: true });
    const call = supervisor.api.router.call('status.get', {}, { transport: 'test' });
    const sent = children[0]!.sent[0]!;
    expect(sent).toMatchObject({ type: 'call', method: 'status.get' });
    children[0]!.emit({ type: 'result', id: (sent as { id: number }).id, result: { ok: true, data: 42 } });
    expect(await call).toEqual({ ok: true, data: 42 });
  });

  it('restart(): an ordered stop, then a new runtime; calls meanwhile answer RESTARTING', async () => {
    const { supervisor, children } = setup();
    const started = supervisor.start();
    running(children[0]!);
    await started;
    const restarted = supervisor.restart('menu');
    expect(children[0]!.sent.at(-1)).toMatchObject({ type: 'stop', reason: 'menu' });
    expect(supervisor.status().state).toBe('stopping');
    children[0]!.exit(0);
    await Promise.resolve();
    expect(supervisor.status().state).toBe('restarting');
    expect(await supervisor.api.router.call('status.get', {}, { transport: 'test' })).toMatchObject({
      ok: false,
      error: { code: 'RESTARTING' },
    });
    expect(children).toHaveLength(2);
    running(children[1]!);
    expect(await restarted).toEqual({ ok: true });
    expect(supervisor.status()).toMatchObject({ state: 'running', runtimePid: 1001 });
    // a later stop still works (the restart did not keep the old stop around)
    const stopped = supervisor.stop('quit');
    children[1]!.exit(0);
    expect(await stopped).toBe(0);
  });

  it('drops messages that break the protocol, and says so', async () => {
    const { supervisor, children, logs } = setup();
    const started = supervisor.start();
    children[0]!.emit({ type: 'running' }); // no pid
    children[0]!.emit('not an object');
    children[0]!.emit({ type: 'launch-missiles' });
    expect(supervisor.status().state).toBe('starting');
    running(children[0]!);
    await started;
    expect(logs().match(/invalid message from the runtime dropped/g)).toHaveLength(3);
  });

  it('a start failure (invalid config) ends with its exit code, without a restart', async () => {
    const { supervisor, children } = setup();
    const started = supervisor.start();
    children[0]!.emit({ type: 'start-failed', exitCode: 78, message: 'config.json: ranks.default' });
    children[0]!.exit(78);
    expect(await started).toEqual({ ok: false, exitCode: 78 });
    expect(children).toHaveLength(1);
    expect(supervisor.status()).toMatchObject({ state: 'stopped', message: 'config.json: ranks.default' });
  });

  it('answers calls with RESTARTING while the runtime starts, and in-flight calls when it dies', async () => {
    const { supervisor, children, envs } = setup();
    void supervisor.start();
    expect(await supervisor.api.router.call('status.get', {}, { transport: 'test' })).toMatchObject({
      ok: false,
      error: { code: 'RESTARTING' },
    });
    running(children[0]!);
    const inFlight = supervisor.api.router.call('status.get', {}, { transport: 'test' });
    children[0]!.exit(1);
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'RESTARTING' } });
    expect(children).toHaveLength(2);
    expect(JSON.parse(envs[1]!.PROTOS_RUNTIME_LAUNCH!).previous).toContain('exited unexpectedly (code 1)');
    expect(supervisor.status()).toMatchObject({ state: 'restarting', restarts: 1, runtimePid: null });
    expect(await supervisor.api.router.call('supervisor.status', {}, { transport: 'test' })).toMatchObject({
      ok: true,
      data: { state: 'restarting' },
    });
    expect(
      await supervisor.api.router.call('supervisor.status', { x: 1 }, { transport: 'test' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('holds console lines and the end of input while restarting, then delivers them in order', async () => {
    const { supervisor, children } = setup();
    void supervisor.start();
    supervisor.consoleLine('early');
    running(children[0]!);
    expect(children[0]!.sent).toEqual([{ type: 'console-line', line: 'early' }]);
    children[0]!.exit(null, 'SIGKILL');
    supervisor.consoleLine('during');
    supervisor.consoleEnd();
    running(children[1]!);
    expect(children[1]!.sent).toEqual([{ type: 'console-line', line: 'during' }, { type: 'console-end' }]);
  });

  it('stop: asks the runtime, resolves with its exit once it is gone', async () => {
    const { supervisor, children } = setup();
    void supervisor.start();
    running(children[0]!);
    const stopped = supervisor.stop('panel', false);
    expect(children[0]!.sent).toEqual([{ type: 'stop', reason: 'panel', drain: false }]);
    children[0]!.emit({ type: 'stopped', exitCode: 0 });
    children[0]!.exit(0);
    expect(await stopped).toBe(0);
    expect(supervisor.status().state).toBe('stopped');
    expect(children).toHaveLength(1);
  });
});

describe('Supervisor: restart from the panel (supervisor.restart)', () => {
  it('answers at once, then stops and starts a new runtime', async () => {
    const { supervisor, children } = setup();
    const started = supervisor.start();
    running(children[0]!);
    await started;
    const states: string[] = [];
    supervisor.onStatus((s) => states.push(s.state));
    expect(await supervisor.api.router.call('supervisor.restart', {}, { transport: 'test' })).toEqual({
      ok: true,
      data: { accepted: true },
    });
    expect(children[0]!.sent.at(-1)).toMatchObject({ type: 'stop', reason: 'restarted from the panel' });
    // a second click while it restarts is refused, not queued
    expect(await supervisor.api.router.call('supervisor.restart', {}, { transport: 'test' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: /stopping/ },
    });
    children[0]!.exit(0);
    await Promise.resolve();
    expect(children).toHaveLength(2);
    running(children[1]!);
    expect(states).toEqual(['stopping', 'stopped', 'restarting', 'running']);
  });

  it('refuses input it does not take', async () => {
    const { supervisor, children } = setup();
    const started = supervisor.start();
    running(children[0]!);
    await started;
    expect(
      await supervisor.api.router.call('supervisor.restart', { now: true }, { transport: 'test' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(children[0]!.sent).toHaveLength(0);
  });
});
