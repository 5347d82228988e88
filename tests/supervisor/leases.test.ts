// Several hosts sharing one bot through PostgreSQL: cluster leases in a table, expiry by the
// server's clock, take-over when a host leaves or dies. Runs against the throwaway cluster of
// the vitest globalSetup; without PostgreSQL the suite is skipped, loudly.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { ToRuntime } from '../../src/shared/process/runtime-messages';
import { createLogging } from '../../src/main/runtime/logging/logging';
import type { ChildLauncher, ChildProcessHandle } from '../../src/main/supervisor/child-handle';
import { ClusterSupervisor } from '../../src/main/supervisor/cluster-supervisor';
import { PgLeaseCoordinator } from '../../src/main/supervisor/pg-leases';
import type { ShardSettings } from '../../src/main/supervisor/shard-settings';
import { useTmpDirs } from '../support/tmp-dir';
import { waitFor } from '../support/wait';

const pg = inject('postgres') ?? { url: null, reason: 'the PostgreSQL globalSetup did not run' };
if (!pg.url) console.warn(`[postgres] SKIPPING the shard lease tests: ${pg.reason}`);
const url = pg.url!;
const tmp = useTmpDirs();

const logging = createLogging({ console: { write: () => true } as never, pretty: false });
const prefix = (): string => `t${randomBytes(4).toString('hex')}_`;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => undefined);
});

function host(hostId: string, tablePrefix: string, clusterCount: number, leaseMs = 600) {
  const coordinator = new PgLeaseCoordinator({
    url,
    hostId,
    leaseMs,
    clusterCount,
    tablePrefix,
    logger: logging.child(hostId),
  });
  const held = new Set<number>();
  const log: string[] = [];
  const events = {
    acquired: (id: number) => {
      held.add(id);
      log.push(`+${id}`);
    },
    lost: (id: number) => {
      held.delete(id);
      log.push(`-${id}`);
    },
  };
  cleanups.push(() => coordinator.stop());
  return { coordinator, held, log, start: () => coordinator.start(events) };
}

describe.skipIf(!pg.url)('PostgreSQL shard leases', () => {
  it('a leaving host releases its clusters and the other host takes them', async () => {
    const p = prefix();
    const a = host('a', p, 2);
    const b = host('b', p, 2);
    await a.start();
    expect([...a.held].sort()).toEqual([0, 1]);
    await b.start();
    expect(b.held.size).toBe(0); // nothing free: b waits
    expect(b.coordinator.view().map((v) => v.host)).toEqual(['a', 'a']);
    await a.coordinator.stop();
    await waitFor('b holding both clusters', () => b.held.size === 2, 5_000);
    expect(a.log).toEqual(['+0', '+1']);
  });

  it('a host that dies (stops renewing) loses its clusters after the lease time, not before', async () => {
    const p = prefix();
    const a = host('a', p, 1, 1_500);
    const b = host('b', p, 1, 1_500);
    await a.start();
    await b.start();
    await a.coordinator.halt();
    const diedAt = Date.now();
    await waitFor('b taking the dead host’s cluster', () => b.held.has(0), 8_000);
    // the server only lets it go once the lease expired (renewed at most one round before the halt)
    expect(Date.now() - diedAt).toBeGreaterThanOrEqual(1_500 - 500 - 100);
  });

  it('hosts joining at once never hold the same cluster', async () => {
    const p = prefix();
    const hosts = ['a', 'b', 'c'].map((id) => host(id, p, 5));
    await Promise.all(hosts.map((h) => h.start()));
    await waitFor('every cluster held', () => hosts.reduce((n, h) => n + h.held.size, 0) === 5, 5_000);
    const all = hosts.flatMap((h) => [...h.held]).sort();
    expect(all).toEqual([0, 1, 2, 3, 4]);
    // a few more rounds: still disjoint
    await new Promise((r) => setTimeout(r, 700));
    expect(hosts.flatMap((h) => [...h.held]).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('a bad table prefix is refused before anything is created', () => {
    expect(
      () =>
        new PgLeaseCoordinator({
          url,
          hostId: 'x',
          leaseMs: 1000,
          clusterCount: 1,
          tablePrefix: 'x; DROP TABLE y',
          logger: logging.child('x'),
        }),
    ).toThrow(/bad lease table prefix/);
  });
});

/** A runtime that starts at once and stops when asked (the lease logic is what is tested). */
interface FakeChild {
  pid: number;
  cluster: number | null;
  /** The shard count of its cluster plan. */
  shardCount: number;
  alive: boolean;
  /** What the supervisor sent it. */
  got: ToRuntime[];
  /** Sends a message to the supervisor as the runtime would. */
  say(message: unknown): void;
}

const everyChild: FakeChild[] = [];
const overlaps: string[] = [];

/** Its `eval` answers name the host and cluster and echo the context (any size). */
function fakeLauncher(hostId: string, spawned: FakeChild[]): ChildLauncher {
  return (env) => {
    const launch = JSON.parse(env.PROTOS_RUNTIME_LAUNCH!) as {
      cluster: { clusterId: number; shardCount: number } | null;
    };
    const record: FakeChild = {
      pid: 5000 + spawned.length,
      cluster: launch.cluster?.clusterId ?? null,
      shardCount: launch.cluster?.shardCount ?? 1,
      alive: true,
      got: [],
      say: (message) => onMessage(message),
    };
    // no host ever runs a cluster of one plan while a cluster of another plan still runs anywhere
    const mixed = everyChild.filter((c) => c.alive && c.shardCount !== record.shardCount);
    if (mixed.length)
      overlaps.push(
        `${hostId} started ${record.shardCount}-shard cluster ${record.cluster} while ${mixed.length} others ran`,
      );
    spawned.push(record);
    everyChild.push(record);
    let onMessage: (raw: unknown) => void = () => undefined;
    let onExit: (code: number | null, signal: string | null) => void = () => undefined;
    const exit = (code: number | null) =>
      setImmediate(() => {
        record.alive = false;
        onExit(code, null);
      });
    const handle: ChildProcessHandle = {
      pid: record.pid,
      send: (message: ToRuntime) => {
        record.got.push(message);
        if (message.type === 'eval') {
          const value = { host: hostId, cluster: record.cluster, context: message.context };
          const result = { clusterId: record.cluster ?? 0, ok: true, value };
          setImmediate(() => onMessage({ type: 'eval-result', id: message.id, result }));
        }
        if (message.type === 'stop') {
          onMessage({ type: 'stopped', exitCode: 0 });
          exit(0);
        }
      },
      onMessage: (listener) => {
        onMessage = listener;
        setImmediate(() => {
          listener({ type: 'running', pid: record.pid });
          // what a real cluster reports every 2 s: its guild count tells the clusters apart
          const id = record.cluster ?? 0;
          const shard = { shardId: id, state: 'ready', latencyMs: 40 + id, guilds: 1000 + id };
          const figures = {
            guilds: 1000 + id,
            eventsPerSec: 2.5,
            rssMb: 60 + id,
            heapUsedMb: 20,
            shards: [shard],
          };
          listener({ type: 'cluster-figures', figures });
        });
      },
      onExit: (listener) => (onExit = listener),
      kill: () => exit(null),
    };
    return handle;
  };
}

function supervisorOn(hostId: string, tablePrefix: string, engine: 'sqlite' | 'postgres' = 'postgres') {
  const dataDir = tmp();
  const spawned: FakeChild[] = [];
  let logs = '';
  const hostLogging = createLogging({
    console: { write: (t: string) => (logs += t) } as never,
    pretty: false,
  });
  const settings: ShardSettings = {
    shards: 4,
    shardsPerCluster: 1,
    hostId,
    leaseMs: 600,
    engine,
    postgresUrl: engine === 'postgres' ? url : null,
    tablePrefix,
  };
  const supervisor = new ClusterSupervisor({
    launch: {
      dataDir,
      commandsDir: path.join(dataDir, 'commands'),
      configOverrides: {},
      app: { name: 't', version: '0', mode: 'browser', electronVersion: null },
      panel: true,
      console: false,
      interactive: false,
      logConsole: false,
      stallFile: path.join(dataDir, 'runtime-stall.json'),
    },
    spawn: fakeLauncher(hostId, spawned),
    logger: hostLogging.child('supervisor'),
    settings,
  });
  cleanups.push(() => supervisor.stop('test over'));
  const running = () =>
    spawned
      .filter((s) => s.alive)
      .map((s) => s.cluster!)
      .sort();
  const child = (cluster: number) => spawned.find((s) => s.alive && s.cluster === cluster);
  return { supervisor, running, child, logs: () => logs };
}

/**
 * Two hosts running 2 of the 4 clusters each: a third host that only leaves its heartbeat row
 * (for `ghostMs`) makes the first host's fair share 2 (there is no rebalancing afterwards).
 */
async function twoHalves(p: string, ghostMs: number) {
  const ghost = new PgLeaseCoordinator({
    url,
    hostId: 'ghost',
    leaseMs: ghostMs,
    clusterCount: 0,
    shardCount: 4,
    tablePrefix: p,
    logger: logging.child('ghost'),
  });
  await ghost.start({ acquired: () => undefined, lost: () => undefined });
  await ghost.halt();
  const one = supervisorOn('one', p);
  const two = supervisorOn('two', p);
  expect(await one.supervisor.start()).toEqual({ ok: true });
  await waitFor('host one running clusters 0 and 1', () => one.running().join() === '0,1', 5_000);
  expect(await two.supervisor.start()).toEqual({ ok: true });
  await waitFor('host two running clusters 2 and 3', () => two.running().join() === '2,3', 5_000);
  return { one, two };
}

describe.skipIf(!pg.url)('two supervisors, one PostgreSQL', () => {
  it('stopping one host moves its clusters to the other; the panel of either shows every cluster', async () => {
    const p = prefix();
    const one = supervisorOn('one', p);
    const two = supervisorOn('two', p);
    expect(await one.supervisor.start()).toEqual({ ok: true });
    await waitFor('host one running all 4 clusters', () => one.running().length === 4, 5_000);
    expect(await two.supervisor.start()).toEqual({ ok: true });
    expect(two.running()).toEqual([]);
    await waitFor('host two seeing host one’s clusters with their figures', () =>
      two.supervisor
        .shardsStatus()
        .clusters.every((c) => c.where === 'remote' && c.host === 'one' && c.figures !== null),
    );
    // each remote cluster carries the figures its own runtime reported on host one
    for (const c of two.supervisor.shardsStatus().clusters) {
      expect(c.figures).toMatchObject({ guilds: 1000 + c.clusterId, rssMb: 60 + c.clusterId });
      expect(c.figures!.shards).toEqual([
        { shardId: c.clusterId, state: 'ready', latencyMs: 40 + c.clusterId, guilds: 1000 + c.clusterId },
      ]);
      expect(c.figuresAt).toEqual(expect.any(String));
    }
    // host two has no cluster 0: its panel api says where it runs
    expect(await two.supervisor.call('status.get', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringContaining('host one') },
    });
    expect(await two.supervisor.call('shards.restartCluster', { clusterId: 2 })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringContaining('host one runs it') },
    });
    expect(await one.supervisor.stop('host one leaves')).toBe(0);
    expect(one.running()).toEqual([]);
    await waitFor('host two running all 4 clusters', () => two.running().length === 4, 5_000);
    expect(two.supervisor.shardsStatus().clusters.map((c) => [c.where, c.host, c.state])).toEqual(
      Array(4).fill(['local', 'two', 'running']),
    );
    expect(two.logs()).toContain('leased cluster 3');
  });

  it('broadcastEval from a cluster reaches the clusters of the other host through PostgreSQL', async () => {
    const p = prefix();
    // a host that registers and leaves nothing but its heartbeat row: the first real host takes
    // only half the clusters, the second the other half (no rebalancing afterwards)
    const { one, two } = await twoHalves(p, 10_000);
    await waitFor(
      'host one seeing host two’s leases',
      () => one.supervisor.shardsStatus().clusters.filter((c) => c.host === 'two').length === 2,
    );
    // a command on cluster 0 asks every cluster; the context is over PostgreSQL's NOTIFY limit
    const context = { big: 'z'.repeat(9_000) };
    const asker = one.child(0)!;
    asker.say({ type: 'broadcast', id: 41, source: '(c) => c', context, timeoutMs: 2_000 });
    const answer = await waitFor('the gathered answer', () =>
      asker.got.find((m) => m.type === 'broadcast-result' && m.id === 41),
    );
    expect(answer).toEqual({
      type: 'broadcast-result',
      id: 41,
      results: [0, 1, 2, 3].map((clusterId) => ({
        clusterId,
        ok: true,
        value: { host: clusterId < 2 ? 'one' : 'two', cluster: clusterId, context },
      })),
    });
    // host two's runtimes were asked once each, by host two's supervisor
    expect(two.child(2)!.got.filter((m) => m.type === 'eval')).toHaveLength(1);
    expect(two.child(3)!.got.filter((m) => m.type === 'eval')).toHaveLength(1);
  });

  it('a re-shard asked on one host moves every host to the new plan, never running two plans at once', async () => {
    const p = prefix();
    const { one, two } = await twoHalves(p, 1_500);
    overlaps.length = 0;
    // Discord closed a shard of cluster 3 (on host two) with 4011: 6 shards wanted
    two.child(3)!.say({ type: 'reshard-needed', shardCount: 6, reason: 'Discord closed with 4011' });
    const everything = () => [...one.running(), ...two.running()].sort((a, b) => a - b).join();
    await waitFor(
      'the 6 new clusters running across the two hosts',
      () => everything() === '0,1,2,3,4,5',
      8_000,
    );
    const alive = everyChild.filter((c) => c.alive);
    expect(
      alive
        .filter((c) => one.running().includes(c.cluster!) || two.running().includes(c.cluster!))
        .map((c) => c.shardCount),
    ).toEqual(Array(6).fill(6));
    expect(overlaps).toEqual([]);
    // fair share under the new plan: 3 each
    expect([one.running().length, two.running().length]).toEqual([3, 3]);
    for (const host of [one, two]) {
      // the other host's new leases show from the next lease round on
      await waitFor('every new cluster with its host in the panel', () =>
        host.supervisor.shardsStatus().clusters.every((c) => c.host !== null),
      );
      const status = host.supervisor.shardsStatus();
      expect(status.shardCount).toBe(6);
      expect(status.clusters.map((c) => c.host).filter(Boolean)).toHaveLength(6);
      expect(status.lastReshard).toMatchObject({ from: 4, to: 6, reason: expect.stringContaining('4011') });
    }
    expect(two.logs()).toContain('recorded 6 shards for every host');
    expect(one.logs()).toContain('the hosts re-shard: 4 → 6 shards');
    // a host joining later runs the recorded plan, not its own configured count
    const three = supervisorOn('three', p);
    expect(await three.supervisor.start()).toEqual({ ok: true });
    expect(three.supervisor.shardsStatus().shardCount).toBe(6);
  });

  it('SQLite with a host id is refused with a clear error, and nothing starts', async () => {
    const lone = supervisorOn('lone', prefix(), 'sqlite');
    expect(await lone.supervisor.start()).toEqual({ ok: false, exitCode: 78 });
    expect(lone.running()).toEqual([]);
    expect(lone.supervisor.status().message).toMatch(/only through PostgreSQL/);
    expect(lone.logs()).toMatch(/database.engine is \\"sqlite\\"/);
  });
});
