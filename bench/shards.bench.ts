// shards: two hosts (two ClusterSupervisors on this machine) share one bot through PostgreSQL
// leases, with real runtime processes. Measured per round:
//   failover_ms   host A dies (stops renewing, leases not released) → host B runs A's cluster:
//                 the lease time (sharding.leaseMs) + at most one lease round + a cluster start
//   handover_ms   host B stops in order (releases its lease) → host A runs the cluster again
//   cold_start_ms the baseline, same run: one cluster started by a lone supervisor → running
// ready_ms_10k_guilds and rss_mb_per_1000_guilds need the sharded Discord adapter and the local
// Discord server's synthetic guilds (the adapter side of issue 17); not measured here.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogging } from '../src/main/runtime/logging/logging';
import { ClusterSupervisor } from '../src/main/supervisor/cluster-supervisor';
import type { LeaseCoordinator } from '../src/main/supervisor/lease-types';
import { nodeChildLauncher } from '../src/main/supervisor/node-child';
import { PgLeaseCoordinator } from '../src/main/supervisor/pg-leases';
import type { ShardSettings } from '../src/main/supervisor/shard-settings';
import { STALL_FILE } from '../src/main/supervisor/stall-file';
import { startPostgresCluster } from '../tests/support/postgres-cluster';
import { mergeResults, readResults } from './lib/merge-results';
import { buildRuntimeHost } from './lib/node-bundle';
import { report } from './lib/report';
import { ADAPTER_METRICS } from './lib/shard-metrics';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LEASE_MS = 2_000; // the smallest sharding.leaseMs the config accepts
const root = process.cwd();

const pg = await startPostgresCluster();
if (pg.url === null) {
  console.warn(`shards SKIPPED: ${pg.reason}`);
  process.exit(0);
}
const url = pg.url;

const entry = await buildRuntimeHost(root);

const dir = mkdtempSync(path.join(os.tmpdir(), 'protos-bench-shards-'));
const commandsDir = path.join(dir, 'commands');
cpSync(path.join(root, 'commands'), commandsDir, { recursive: true });
const logging = createLogging({ console: false, ringCapacity: 1_000 });

interface Host {
  supervisor: ClusterSupervisor;
  /** Stops renewing without releasing, as a host that died. */
  die(): Promise<void>;
  runningAt(clusterId: number): Promise<number>;
}

function host(name: string, hostId: string | null, tablePrefix: string): Host {
  const dataDir = path.join(dir, name);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  let coordinator: PgLeaseCoordinator | null = null;
  let dead = false;
  const settings: ShardSettings = {
    shards: 1,
    shardsPerCluster: 1,
    hostId,
    leaseMs: LEASE_MS,
    engine: 'postgres',
    postgresUrl: url,
    tablePrefix,
  };
  const supervisor = new ClusterSupervisor({
    launch: {
      dataDir,
      commandsDir,
      configOverrides: {},
      app: { name: 'bench', version: '0', mode: 'browser', electronVersion: null },
      panel: true,
      console: false,
      interactive: false,
      logConsole: false,
      stallFile: path.join(dataDir, STALL_FILE),
    },
    spawn: nodeChildLauncher({ entry }),
    logger: logging.child(name),
    settings,
    leases: (s, clusterCount): LeaseCoordinator => {
      coordinator = new PgLeaseCoordinator({
        url,
        hostId: s.hostId,
        leaseMs: s.leaseMs,
        clusterCount,
        tablePrefix: s.tablePrefix,
        logger: logging.child(`${name}-leases`),
      });
      const c = coordinator;
      // a dead host releases nothing: its stop() only halts
      return new Proxy(c, {
        get: (target, key) =>
          key === 'stop' ? () => (dead ? target.halt() : target.stop()) : Reflect.get(target, key, target),
      });
    },
  });
  return {
    supervisor,
    die: async () => {
      dead = true;
      await coordinator?.halt();
      await supervisor.stop('host died');
    },
    runningAt: (clusterId) =>
      new Promise((resolve) => {
        const check = setInterval(() => {
          const c = supervisor.shardsStatus().clusters.find((x) => x.clusterId === clusterId);
          if (c?.where === 'local' && c.state === 'running') {
            clearInterval(check);
            resolve(performance.now());
          }
        }, 5);
      }),
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cold: number[] = [];
const failover: number[] = [];
const handover: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const lone = host(`lone-${round}`, null, 'unused_');
  const t0 = performance.now();
  const outcome = await lone.supervisor.start();
  if (!outcome.ok) throw new Error('lone start failed');
  cold.push(performance.now() - t0);
  await lone.supervisor.stop('bench');

  const prefix = `bench${round}${Date.now() % 100000}_`;
  const a = host(`a-${round}`, 'a', prefix);
  const b = host(`b-${round}`, 'b', prefix);
  if (!(await a.supervisor.start()).ok) throw new Error('host a did not start');
  await a.runningAt(0);
  if (!(await b.supervisor.start()).ok) throw new Error('host b did not start');
  const onB = b.runningAt(0);
  const died = performance.now();
  await a.die();
  failover.push((await onB) - died);

  const a2 = host(`a2-${round}`, 'a', prefix);
  if (!(await a2.supervisor.start()).ok) throw new Error('host a did not rejoin');
  const onA = a2.runningAt(0);
  const left = performance.now();
  await b.supervisor.stop('bench: host b leaves');
  handover.push((await onA) - left);
  await a2.supervisor.stop('bench');
}
rmSync(dir, { recursive: true, force: true });
pg.stop();

// the adapter's figures (bench shards-adapter) share shards.json: keep them
const adapterFigures = Object.fromEntries(
  Object.entries(readResults('shards')).filter(([key]) => ADAPTER_METRICS.includes(key)),
);
report(
  'shards',
  {
    failover_ms: { value: median(failover), unit: 'ms' },
    handover_ms: { value: median(handover), unit: 'ms' },
    cold_start_ms: { value: median(cold), unit: 'ms' },
    failover_vs_cold_start: { value: median(failover) / median(cold), unit: 'ratio' },
  },
  {
    failover_ms: `host died → its cluster running on the other host, sharding.leaseMs = ${LEASE_MS}; median of ${ROUNDS}`,
    handover_ms: 'host stopped in order (lease released) → its cluster running on the other host',
    cold_start_ms: 'baseline: one cluster started by a lone supervisor → running',
    failover_vs_cold_start:
      'failover in cluster starts: 1 + (the lease time left at the death + up to one lease round) / cold start',
  },
);
mergeResults('shards', adapterFigures, (key) => ADAPTER_METRICS.includes(key));
process.exit(0);
