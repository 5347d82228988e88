// Clusters as real runtime processes under one ClusterSupervisor: 4 shards in 2 clusters, the
// cross-cluster API through the supervisor, and a killed cluster restarting alone.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/shared/dto/log';
import type { ShardsStatus } from '../../src/shared/dto/shards';
import { createLogging } from '../../src/main/runtime/logging/logging';
import { ClusterSupervisor } from '../../src/main/supervisor/cluster-supervisor';
import { nodeChildLauncher } from '../../src/main/supervisor/node-child';
import { STALL_FILE } from '../../src/main/supervisor/stall-file';
import { RUNTIME_ENTRY } from '../support/run-cli';
import { useTmpDirs } from '../support/tmp-dir';
import { waitFor } from '../support/wait';

const tmp = useTmpDirs();
const started: ClusterSupervisor[] = [];
afterEach(async () => {
  for (const supervisor of started.splice(0)) {
    const pids = supervisor.shardsStatus().clusters.flatMap((c) => (c.pid ? [c.pid] : []));
    await Promise.race([supervisor.stop('test over'), new Promise((r) => setTimeout(r, 10_000))]);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});

const TOTAL = `import { Command } from 'cmdsys';
export class C extends Command {
  setup() { this.name = 'total'; }
  async call() {
    const each = await this.env.shards.broadcastEval((c, ctx) => ({ id: c.clusterId, shards: c.shardIds, guilds: c.guilds, tag: ctx.tag }), { tag: 'x' });
    await this.respond('each=' + JSON.stringify(each));
    await this.respond('total=' + (await this.env.shards.guildCount()));
    const failing = await this.env.shards.broadcastEval((c) => { if (c.clusterId === 1) throw new Error('nope'); return c.clusterId; });
    await this.respond('failing=' + JSON.stringify(failing));
    const late = await this.env.shards.broadcastEval((c) => new Promise((r) => setTimeout(() => r(c.clusterId), c.clusterId === 0 ? 0 : 5000)), undefined, { timeoutMs: 300 });
    await this.respond('late=' + JSON.stringify(late));
    await this.respond('where=' + this.env.shards.shardOfGuild(String(4194304 * 7)) + '/' + this.env.shards.clusterOfGuild(String(4194304 * 7)));
  }
}
`;

function startClusters(files: Record<string, string>) {
  return startIn(files).started;
}

function startIn(files: Record<string, string>) {
  const dir = tmp();
  const dataDir = path.join(dir, 'data');
  const commandsDir = path.join(dir, 'commands');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(commandsDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(commandsDir, name), text);
  writeFileSync(
    path.join(dataDir, 'config.json'),
    JSON.stringify({ runtime: { stallTimeoutMs: 2_000 }, discord: { shards: 4, shardsPerCluster: 2 } }),
  );
  let logs = '';
  let stdout = '';
  const output = new PassThrough();
  output.on('data', (d: Buffer) => (logs += d.toString()));
  const logging = createLogging({ console: output, pretty: false, ringCapacity: 100 });
  const supervisor = new ClusterSupervisor({
    launch: {
      dataDir,
      commandsDir,
      configOverrides: {},
      app: { name: 'test', version: '0', mode: 'browser', electronVersion: null },
      panel: true,
      console: true,
      interactive: false,
      logConsole: true,
      stallFile: path.join(dataDir, STALL_FILE),
    },
    spawn: nodeChildLauncher({ entry: RUNTIME_ENTRY, output }),
    logger: logging.child('supervisor'),
    stdout: (text) => (stdout += text),
  });
  started.push(supervisor);
  return { started: { supervisor, logs: () => logs, stdout: () => stdout }, commandsDir };
}

const greet = (version: string, setupExtra = '') => `import { Command } from 'cmdsys';
export class C extends Command {
  setup() { ${setupExtra} this.name = 'greet'; }
  async call() { await this.respond('greet ${version}'); }
}
`;

const local = (status: ShardsStatus, id: number) => status.clusters.find((c) => c.clusterId === id)!;

describe('ClusterSupervisor (real runtime processes)', () => {
  it('4 shards in 2 clusters: one process each; broadcastEval gathers both, errors as values', async () => {
    const { supervisor, stdout, logs } = startClusters({ 'total.ts': TOTAL });
    expect(await supervisor.start()).toEqual({ ok: true });
    const status = supervisor.shardsStatus();
    expect(status.shardCount).toBe(4);
    expect(status.clusters.map((c) => [c.clusterId, c.shardIds, c.where, c.state])).toEqual([
      [0, [0, 1], 'local', 'running'],
      [1, [2, 3], 'local', 'running'],
    ]);
    expect(local(status, 0).pid).not.toBe(local(status, 1).pid);

    supervisor.consoleLine('total');
    const out = await waitFor('the answers', () => /where=.*\n/.exec(stdout()) && stdout(), 20_000);
    const each = JSON.parse(/each=(.*)/.exec(out)![1]!) as {
      ok: boolean;
      value: { id: number; shards: number[]; tag: string; guilds: number };
    }[];
    expect(each.map((r) => r.ok)).toEqual([true, true]);
    expect(each.map((r) => r.value)).toMatchObject([
      { id: 0, shards: [0, 1], tag: 'x' },
      { id: 1, shards: [2, 3], tag: 'x' },
    ]);
    const sum = each.reduce((n, r) => n + r.value.guilds, 0);
    expect(Number(/total=(\d+)/.exec(out)![1])).toBe(sum);
    expect(JSON.parse(/failing=(.*)/.exec(out)![1]!)).toEqual([
      { clusterId: 0, ok: true, value: 0 },
      { clusterId: 1, ok: false, error: 'Error: nope' },
    ]);
    expect(JSON.parse(/late=(.*)/.exec(out)![1]!)).toEqual([
      { clusterId: 0, ok: true, value: 0 },
      { clusterId: 1, ok: false, error: 'Error: no answer within 300 ms' },
    ]);
    expect(/where=(.*)/.exec(out)![1]).toBe('3/1');
    // only cluster 0 runs the console: one answer, not two
    expect(out.match(/total=/g)).toHaveLength(1);
    expect(logs()).toContain('starting cluster 1 of 2 (shards 2, 3 of 4)');
    // cluster 1's own log lines reach the panel's Logs view (cluster 0's stream), tagged
    const tagged = async (): Promise<LogEntry[]> => {
      const tail = await supervisor.call('logs.tail', {});
      const entries = tail.ok ? (tail.data as { entries: LogEntry[] }).entries : [];
      return entries.filter((e) => e.fields?.cluster === 1);
    };
    let fromCluster1 = await tagged();
    for (let i = 0; i < 40 && fromCluster1.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      fromCluster1 = await tagged();
    }
    expect(fromCluster1.length).toBeGreaterThan(0);
  });

  it('killing one cluster restarts only it; the other keeps its process', async () => {
    const { supervisor } = startClusters({});
    expect(await supervisor.start()).toEqual({ ok: true });
    const before = supervisor.shardsStatus();
    const pid0 = local(before, 0).pid!;
    const pid1 = local(before, 1).pid!;
    process.kill(pid1, 'SIGKILL');
    const after = await waitFor(
      'cluster 1 back with a new process',
      () => {
        const s = supervisor.shardsStatus();
        const c1 = local(s, 1);
        return c1.state === 'running' && c1.pid !== null && c1.pid !== pid1 && s;
      },
      20_000,
    );
    expect(local(after, 1).restarts).toBe(1);
    expect(local(after, 1).message).toContain('exited unexpectedly');
    expect(local(after, 0)).toMatchObject({ pid: pid0, restarts: 0, state: 'running' });
    // the panel api (cluster 0) answered throughout
    expect(await supervisor.call('status.get', {})).toMatchObject({ ok: true });
    // and a cluster restarts from the panel: only it gets a new process
    expect(await supervisor.call('shards.restartCluster', { clusterId: 0 })).toEqual({
      ok: true,
      data: { restarted: true },
    });
    const pid1b = local(after, 1).pid;
    await waitFor(
      'cluster 0 restarted',
      () => {
        const c0 = local(supervisor.shardsStatus(), 0);
        return c0.state === 'running' && c0.pid !== pid0;
      },
      20_000,
    );
    expect(local(supervisor.shardsStatus(), 1).pid).toBe(pid1b);
    expect(await supervisor.call('shards.restartCluster', { clusterId: 5 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('reload: a file that fails in any cluster keeps its previous version in every cluster', async () => {
    const { started: cluster, commandsDir } = startIn({
      'greet.ts': greet('v1'),
      'other.ts': greet('x1').replace("'greet'", "'other'"),
    });
    const { supervisor, stdout } = cluster;
    expect(await supervisor.start()).toEqual({ ok: true });
    // v2 builds in cluster 0 but throws in cluster 1's setup; other.ts gets a syntax error
    writeFileSync(
      path.join(commandsDir, 'greet.ts'),
      greet('v2', "if (this.env.shards.clusterId === 1) throw new Error('broken in cluster 1');"),
    );
    writeFileSync(path.join(commandsDir, 'other.ts'), 'export const = ;');
    const result = await supervisor.call('commands.reload', { force: false });
    expect(result.ok).toBe(true);
    const report = (result as { data: { failed: { file: string; message: string }[]; updated: string[] } })
      .data;
    expect(report.updated).toEqual([]);
    const failed = Object.fromEntries(report.failed.map((f) => [f.file, f.message]));
    expect(failed['greet.ts']).toMatch(/failed in cluster 1: .*broken in cluster 1/);
    expect(Object.keys(failed).sort()).toEqual(['greet.ts', 'other.ts']);
    supervisor.consoleLine('greet');
    await waitFor('the answer', () => stdout().includes('greet v'), 10_000);
    expect(stdout()).toContain('greet v1');
    expect(stdout()).not.toContain('greet v2');
    // fixed everywhere: every cluster takes it
    writeFileSync(path.join(commandsDir, 'greet.ts'), greet('v3'));
    const again = await supervisor.call('commands.reload', { force: false });
    expect((again as { data: { updated: string[] } }).data.updated).toEqual(['greet.ts']);
    supervisor.consoleLine('greet');
    await waitFor('the new answer', () => stdout().includes('greet v3'), 10_000);
  });

  it('a stalled cluster is killed and restarted alone; its evaluation answers with an error', async () => {
    const { supervisor, stdout } = startClusters({
      'spin.ts': `import { Command } from 'cmdsys';
export class C extends Command {
  setup() { this.name = 'spin'; }
  async call() {
    const r = await this.env.shards.broadcastEval((c) => { if (c.clusterId === 1) { while (true) {} } return c.clusterId; }, undefined, { timeoutMs: 30000 });
    await this.respond('spun=' + JSON.stringify(r));
  }
}
`,
    });
    expect(await supervisor.start()).toEqual({ ok: true });
    const pid0 = local(supervisor.shardsStatus(), 0).pid;
    supervisor.consoleLine('spin');
    const out = await waitFor('the answer', () => /spun=(.*)/.exec(stdout())?.[1], 20_000);
    expect(JSON.parse(out)).toEqual([
      { clusterId: 0, ok: true, value: 0 },
      { clusterId: 1, ok: false, error: 'cluster 1 is restarting' },
    ]);
    await waitFor(
      'cluster 1 running again',
      () => local(supervisor.shardsStatus(), 1).state === 'running',
      20_000,
    );
    expect(local(supervisor.shardsStatus(), 1)).toMatchObject({
      restarts: 1,
      message: expect.stringContaining('stalled'),
    });
    expect(local(supervisor.shardsStatus(), 0)).toMatchObject({ pid: pid0, restarts: 0 });
  });
});
