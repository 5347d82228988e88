import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShardsStatus } from '../../../shared/dto/shards';
import { ApiCallError } from '../../../shared/contract';
import { ApiProvider } from '../../api/api-context';
import { ONE_CLUSTER, runtimeFake } from '../../test-support/fake-client';
import { ShardsPanel } from './ShardsPanel';

afterEach(cleanup);
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

const figures = (guilds: number) => ({
  guilds,
  eventsPerSec: 12.34,
  rssMb: 81.5,
  heapUsedMb: 40,
  shards: [
    { shardId: 2, state: 'ready', latencyMs: 41.6, guilds: guilds / 2 },
    { shardId: 3, state: 'reconnecting', latencyMs: null, guilds: guilds / 2 },
  ],
});

const TWO_HOSTS: ShardsStatus = {
  shardCount: 4,
  shardsPerCluster: 2,
  hostId: 'alpha',
  clusters: [
    {
      clusterId: 0,
      shardIds: [0, 1],
      host: 'alpha',
      where: 'local',
      state: 'running',
      pid: 11,
      restarts: 2,
      message: 'the runtime exited unexpectedly (SIGKILL)',
      figures: null,
      figuresAt: null,
    },
    {
      clusterId: 1,
      shardIds: [2, 3],
      host: 'beta',
      where: 'remote',
      state: null,
      pid: null,
      restarts: 0,
      message: null,
      figures: figures(5000),
      figuresAt: '2026-01-01T00:00:00.000Z',
    },
  ],
  lastReshard: {
    at: '2026-01-01T00:00:00.000Z',
    from: 2,
    to: 4,
    reason: 'cluster 0: close 4011',
    inProgress: false,
  },
};

function renderWith(status: ShardsStatus, restart?: (clusterId: number) => unknown) {
  const calls: number[] = [];
  const client = runtimeFake()
    .handle('shards.status', () => status)
    .handle('shards.restartCluster', ({ clusterId }) => {
      calls.push(clusterId);
      return (restart?.(clusterId) ?? { restarted: true }) as { restarted: true };
    });
  render(
    <ApiProvider client={client}>
      <ShardsPanel />
    </ApiProvider>,
  );
  return { calls };
}

describe('ShardsPanel', () => {
  it('stays out of the way for an unsharded bot', async () => {
    renderWith(ONE_CLUSTER);
    await settle();
    expect(screen.queryByRole('region', { name: 'Shards' })).toBeNull();
  });

  it('shows every cluster: shards with state and latency, host, guilds, events/s, memory, the re-shard', async () => {
    renderWith(TWO_HOSTS);
    await settle();
    expect(screen.getByTestId('shards-summary').textContent).toBe(
      '4 shards · 2 clusters · 2 hosts · this host: alpha',
    );
    const remote = document.querySelector('[data-cluster="1"]')!;
    expect(remote.textContent).toContain('beta');
    expect(remote.textContent).toContain('on another host');
    expect(remote.textContent).toContain('5,000');
    expect(remote.textContent).toContain('12.3');
    expect(screen.getByRole('list', { name: 'Shards of cluster 1' }).textContent).toContain(
      '2: ready · 42 ms · 2,500 guilds',
    );
    const local = document.querySelector('[data-cluster="0"]')!;
    expect(local.textContent).toContain('0, 1');
    expect(screen.getByTestId('cluster-state-0').textContent).toBe('running · 2 restarts');
    expect(screen.getByTestId('cluster-state-0').getAttribute('title')).toContain('SIGKILL');
    expect(screen.getByRole('status').textContent).toContain('Re-sharded: 2 → 4 shards');
    // only this host's clusters can be restarted from here
    expect(screen.queryByRole('button', { name: 'Restart cluster 1' })).toBeNull();
    expect(screen.getByTestId('cluster-restart-note-1').textContent).toBe('restart it from beta’s panel');
  });

  it('restarts a local cluster, and says why when it could not', async () => {
    const { calls } = renderWith(TWO_HOSTS, (id) => {
      if (calls.length > 1)
        throw new ApiCallError({ code: 'UNAVAILABLE', message: `cluster ${id} does not run on this host` });
      return undefined;
    });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Restart cluster 0' }));
    await settle();
    expect(calls).toEqual([0]);
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Restart cluster 0' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toContain('does not run on this host');
  });
});
