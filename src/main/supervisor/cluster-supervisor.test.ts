// The cluster supervisor against fake runtime processes: the re-shard (rolling restart), the
// console and panel on cluster 0 only, relaying evaluations when a cluster is down.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterAssignment } from '../../shared/process/cluster';
import type { RuntimeLaunch, ToRuntime } from '../../shared/process/runtime-messages';
import { createLogging } from '../runtime/logging/logging';
import type { ChildLauncher, ChildProcessHandle } from './child-handle';
import { ClusterSupervisor } from './cluster-supervisor';
import { LOCK_FILE } from './data-dir-lock';
import type { ShardSettings } from './shard-settings';

interface Fake {
  launch: RuntimeLaunch;
  sent: ToRuntime[];
  alive: boolean;
  emit(raw: unknown): void;
  crash(): void;
}

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup(settings: Partial<ShardSettings>, options: { autoRun?: boolean } = {}) {
  dir = mkdtempSync(path.join(os.tmpdir(), 'protos-clusters-'));
  const children: Fake[] = [];
  const spawn: ChildLauncher = (env) => {
    let onMessage: (raw: unknown) => void = () => undefined;
    let onExit: (code: number | null, signal: string | null) => void = () => undefined;
    const fake: Fake = {
      launch: JSON.parse(env.PROTOS_RUNTIME_LAUNCH!) as RuntimeLaunch,
      sent: [],
      alive: true,
      emit: (raw) => onMessage(raw),
      crash: () => {
        fake.alive = false;
        onExit(1, null);
      },
    };
    children.push(fake);
    const pid = 100 + children.length;
    const handle: ChildProcessHandle = {
      pid,
      send: (message) => {
        fake.sent.push(message);
        if (message.type === 'stop')
          setImmediate(() => {
            fake.alive = false;
            onExit(0, null);
          });
      },
      onMessage: (listener) => {
        onMessage = listener;
        if (options.autoRun !== false) setImmediate(() => listener({ type: 'running', pid }));
      },
      onExit: (listener) => (onExit = listener),
      kill: () => fake.crash(),
    };
    return handle;
  };
  let logs = '';
  const logging = createLogging({ console: { write: (t: string) => (logs += t) } as never, pretty: false });
  const supervisor = new ClusterSupervisor({
    launch: {
      dataDir: dir,
      commandsDir: path.join(dir, 'commands'),
      configOverrides: { 'logging.level': 'debug' },
      ircFlags: { servers: [{ host: '127.0.0.1', port: 6667 }], nick: null, channels: [] },
      app: { name: 't', version: '0', mode: 'browser', electronVersion: null },
      panel: true,
      console: true,
      interactive: false,
      logConsole: false,
      stallFile: path.join(dir, 'runtime-stall.json'),
    },
    spawn,
    logger: logging.child('supervisor'),
    settings: {
      shards: 1,
      shardsPerCluster: 2,
      hostId: null,
      leaseMs: 15_000,
      engine: 'sqlite',
      postgresUrl: null,
      tablePrefix: 'protos_',
      ...settings,
    },
  });
  const live = () => children.filter((c) => c.alive);
  const assignments = () => live().map((c) => c.launch.cluster as ClusterAssignment | null);
  return { supervisor, children, live, assignments, logs: () => logs };
}

const waitUntil = async (what: string, probe: () => boolean): Promise<void> => {
  for (let i = 0; i < 500; i++) {
    if (probe()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`never: ${what}`);
};

describe('ClusterSupervisor', () => {
  it('an unsharded bot runs exactly as before: one runtime, no cluster assignment', async () => {
    const { supervisor, children } = setup({});
    expect(await supervisor.start()).toEqual({ ok: true });
    expect(children).toHaveLength(1);
    expect(children[0]!.launch).toMatchObject({ cluster: null, panel: true, console: true });
    expect(children[0]!.launch.stallFile).toBe(path.join(dir, 'runtime-stall.json'));
  });

  it('console, panel, IRC and RPC run in cluster 0 only; the others get their own stall file', async () => {
    const { supervisor, children } = setup({ shards: 4 });
    await supervisor.start();
    expect(children.map((c) => [c.launch.panel, c.launch.console, c.launch.ircFlags !== null])).toEqual([
      [true, true, true],
      [false, false, false],
    ]);
    expect(children[1]!.launch.configOverrides).toMatchObject({
      'logging.level': 'debug',
      'irc.servers': [],
      'rpc.enabled': false,
    });
    expect(children[1]!.launch.stallFile).toBe(path.join(dir, 'runtime-stall-1.json'));
    supervisor.consoleLine('help');
    expect(children[0]!.sent).toContainEqual({ type: 'console-line', line: 'help' });
    expect(children[1]!.sent).toEqual([]);
  });

  it('reshard-needed: a rolling restart of every cluster with the new count, logged and shown', async () => {
    const { supervisor, children, live, assignments, logs } = setup({ shards: 2 });
    await supervisor.start();
    expect(assignments().map((a) => a?.shardIds)).toEqual([[0, 1]]);
    children[0]!.emit({ type: 'reshard-needed', shardCount: 6, reason: 'close 4011 (sharding required)' });
    supervisor.consoleLine('typed during the re-shard');
    await waitUntil(
      '3 clusters of 6 shards',
      () => live().length === 3 && !supervisor.shardsStatus().lastReshard?.inProgress,
    );
    expect(assignments()).toEqual([
      { clusterId: 0, clusterCount: 3, shardIds: [0, 1], shardCount: 6 },
      { clusterId: 1, clusterCount: 3, shardIds: [2, 3], shardCount: 6 },
      { clusterId: 2, clusterCount: 3, shardIds: [4, 5], shardCount: 6 },
    ]);
    expect(children[0]!.sent).toContainEqual({
      type: 'stop',
      reason: 're-sharding to 6 shards',
      drain: false,
    });
    // the console line reached the new cluster 0, not the stopped one
    expect(children[1]!.sent).toContainEqual({ type: 'console-line', line: 'typed during the re-shard' });
    expect(logs()).toContain('re-sharding: 2 → 6 shards in 3 clusters');
    expect(supervisor.shardsStatus()).toMatchObject({
      shardCount: 6,
      lastReshard: { from: 2, to: 6, inProgress: false },
    });
    // the same count again changes nothing
    live()[1]!.emit({ type: 'reshard-needed', shardCount: 6, reason: 'again' });
    await new Promise((r) => setTimeout(r, 10));
    expect(children).toHaveLength(4);
  });

  it('"auto": one process first, then the count its Discord adapter asks for', async () => {
    const { supervisor, children, live, assignments } = setup({ shards: 'auto' });
    await supervisor.start();
    expect(children[0]!.launch.cluster).toBeNull();
    children[0]!.emit({ type: 'reshard-needed', shardCount: 3, reason: 'GET /gateway/bot recommends 3' });
    await waitUntil(
      '2 clusters',
      () => live().length === 2 && !supervisor.shardsStatus().lastReshard?.inProgress,
    );
    expect(assignments().map((a) => a?.shardIds)).toEqual([[0, 1], [2]]);
  });

  it('broadcast: a cluster that is down answers with an error value; the others still answer', async () => {
    const { supervisor, children } = setup({ shards: 4 }, { autoRun: true });
    await supervisor.start();
    children[1]!.crash(); // restarting (its replacement runs on the next turn)
    children[0]!.emit({
      type: 'broadcast',
      id: 7,
      source: '(c) => c.clusterId',
      context: null,
      timeoutMs: 1000,
    });
    const asked = children[0]!.sent.find((m) => m.type === 'eval') as { id: number } | undefined;
    expect(asked).toBeDefined();
    children[0]!.emit({ type: 'eval-result', id: asked!.id, result: { clusterId: 0, ok: true, value: 0 } });
    await waitUntil('the gathered answer', () =>
      children[0]!.sent.some((m) => m.type === 'broadcast-result'),
    );
    expect(children[0]!.sent.find((m) => m.type === 'broadcast-result')).toEqual({
      type: 'broadcast-result',
      id: 7,
      results: [
        { clusterId: 0, ok: true, value: 0 },
        { clusterId: 1, ok: false, error: 'cluster 1 is restarting' },
      ],
    });
  });

  it('a cluster that stops before answering answers with an error value, not silence', async () => {
    const { supervisor, children } = setup({ shards: 4 });
    await supervisor.start();
    children[0]!.emit({ type: 'broadcast', id: 1, source: '(c) => 1', context: null, timeoutMs: 60_000 });
    children[1]!.crash();
    const asked = children[0]!.sent.find((m) => m.type === 'eval') as { id: number };
    children[0]!.emit({ type: 'eval-result', id: asked.id, result: { clusterId: 0, ok: true, value: 1 } });
    await waitUntil('the gathered answer', () =>
      children[0]!.sent.some((m) => m.type === 'broadcast-result'),
    );
    const answer = children[0]!.sent.find((m) => m.type === 'broadcast-result') as { results: unknown[] };
    expect(answer.results[1]).toEqual({ clusterId: 1, ok: false, error: 'cluster 1 is restarting' });
  });

  it('log lines of cluster 1 go to cluster 0 tagged with their cluster; a bad batch is dropped', async () => {
    const { supervisor, children, logs } = setup({ shards: 4 });
    await supervisor.start();
    await waitUntil('both clusters running', () =>
      supervisor.shardsStatus().clusters.every((c) => c.state === 'running'),
    );
    const entry = { seq: 7, time: 1, level: 'info', name: 'adapter:discord', msg: 'shard 2 ready' };
    children[1]!.emit({ type: 'cluster-logs', entries: [entry] });
    expect(children[0]!.sent).toContainEqual({ type: 'cluster-logs', clusterId: 1, entries: [entry] });
    // cluster 0's own lines are already in its stream: never sent back to it
    children[0]!.emit({ type: 'cluster-logs', entries: [entry] });
    // over the batch limit, or not log entries: dropped by validation, nothing relayed
    children[1]!.emit({ type: 'cluster-logs', entries: Array(501).fill(entry) });
    children[1]!.emit({ type: 'cluster-logs', entries: [{ msg: 'no level' }] });
    expect(children[0]!.sent.filter((m) => m.type === 'cluster-logs')).toHaveLength(1);
    expect(children[1]!.sent.filter((m) => m.type === 'cluster-logs')).toHaveLength(0);
    expect(logs()).toContain('invalid message from the runtime dropped');
  });

  it('validates panel input for shards.*', async () => {
    const { supervisor } = setup({ shards: 4 });
    await supervisor.start();
    expect(await supervisor.call('shards.status', { x: 1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await supervisor.call('shards.restartCluster', { clusterId: -1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await supervisor.call('shards.restartCluster', {})).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  describe('one supervisor per data dir (SQLite is not shared)', () => {
    const lock = (record: object) => writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(record));

    it('takes the lock while it runs and gives it back when it stops', async () => {
      const { supervisor } = setup({ shards: 4 });
      await supervisor.start();
      expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
      await supervisor.stop('done');
      expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    });

    it('refuses to start beside a live supervisor of this machine, naming it', async () => {
      const { supervisor, children, logs } = setup({});
      lock({ pid: process.ppid, host: os.hostname() });
      expect(await supervisor.start()).toEqual({ ok: false, exitCode: 1 });
      expect(children).toHaveLength(0);
      expect(supervisor.status().message).toContain(`another supervisor (pid ${process.ppid}`);
      expect(logs()).toContain('two hosts cannot share one bot over SQLite files');
      // and its lock is left alone
      expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.ppid);
    });

    it('refuses a lock from another machine (its liveness cannot be checked), saying how to clear it', async () => {
      const { supervisor } = setup({});
      lock({ pid: 1, host: 'elsewhere.example' });
      expect(await supervisor.start()).toEqual({ ok: false, exitCode: 1 });
      expect(supervisor.status().message).toMatch(/on elsewhere\.example.*if that host is gone, delete/);
    });

    it('takes over a lock whose process is gone, or one that is garbage', async () => {
      const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
      const first = setup({});
      lock({ pid: gone, host: os.hostname() });
      expect(await first.supervisor.start()).toEqual({ ok: true });
      await first.supervisor.stop('done');
      const firstDir = dir;
      const second = setup({});
      rmSync(firstDir, { recursive: true, force: true });
      writeFileSync(path.join(dir, LOCK_FILE), '{"pid":');
      expect(await second.supervisor.start()).toEqual({ ok: true });
    });
  });
});
