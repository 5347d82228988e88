import './shards.css';
import { useState } from 'react';
import type { ClusterStatus, ShardsStatus } from '../../../shared/dto/shards';
import { useApi } from '../../api/api-context';
import { describeError } from '../../lib/errors';
import { formatCount, formatMb } from '../../lib/format';
import { useShardsStatus } from './use-shards-status';

/**
 * The bot's clusters on the Status view (shown once the bot is sharded or shared by hosts):
 * per cluster its shards, host, process state, guilds, events/s and memory, each shard's state
 * and latency, and a restart button for this host's clusters.
 */
export function ShardsPanel() {
  const { status, error, refresh } = useShardsStatus();
  if (!status || (status.clusters.length <= 1 && status.hostId === null && status.shardCount <= 1))
    return null;
  return (
    <section className="panel" aria-label="Shards">
      <header className="panel-header">
        <h2>Shards</h2>
        <span className="panel-meta" data-testid="shards-summary">
          {summary(status)}
        </span>
      </header>
      {error && <div className="callout warn">Last refresh failed: {error}</div>}
      {status.lastReshard && (
        <div className={status.lastReshard.inProgress ? 'callout warn' : 'callout'} role="status">
          {status.lastReshard.inProgress ? 'Re-sharding' : 'Re-sharded'}: {status.lastReshard.from} →{' '}
          {status.lastReshard.to} shards ({status.lastReshard.reason})
        </div>
      )}
      <ClustersTable clusters={status.clusters} onRestarted={refresh} />
    </section>
  );
}

function summary(status: ShardsStatus): string {
  const hosts = new Set(status.clusters.flatMap((c) => (c.host ? [c.host] : [])));
  const parts = [`${status.shardCount} shards`, `${status.clusters.length} clusters`];
  if (status.hostId !== null) parts.push(`${hosts.size} hosts · this host: ${status.hostId}`);
  return parts.join(' · ');
}

function ClustersTable({ clusters, onRestarted }: { clusters: ClusterStatus[]; onRestarted(): void }) {
  const api = useApi();
  const [busy, setBusy] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const restart = (clusterId: number): void => {
    setBusy(clusterId);
    setProblem(null);
    api.call('shards.restartCluster', { clusterId }).then(
      () => {
        setBusy(null);
        onRestarted();
      },
      (err: unknown) => {
        setBusy(null);
        setProblem(`Cluster ${clusterId} not restarted: ${describeError(err)}`);
      },
    );
  };
  return (
    <>
      {problem && (
        <div className="callout err" role="alert">
          {problem}
        </div>
      )}
      <table className="data-table" aria-label="Clusters">
        <thead>
          <tr>
            <th>Cluster</th>
            <th>Shards</th>
            <th>Host</th>
            <th>State</th>
            <th className="num">Guilds</th>
            <th className="num">Events/s</th>
            <th className="num">Memory</th>
            <th className="actions" aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {clusters.map((c) => (
            <tr key={c.clusterId} data-cluster={c.clusterId}>
              <td className="strong mono">#{c.clusterId}</td>
              <td>
                <ShardList cluster={c} />
              </td>
              <td className={c.host ? 'mono' : 'dim'}>
                {c.host ?? (c.where === 'local' ? 'this host' : '—')}
              </td>
              <td data-testid={`cluster-state-${c.clusterId}`} title={c.message ?? undefined}>
                {stateOf(c)}
                {c.restarts > 0 && <span className="dim"> · {c.restarts} restarts</span>}
              </td>
              <td className="num mono">{c.figures ? formatCount(c.figures.guilds) : '—'}</td>
              <td className="num mono">{c.figures ? c.figures.eventsPerSec.toFixed(1) : '—'}</td>
              <td className="num mono">{c.figures ? formatMb(c.figures.rssMb) : '—'}</td>
              <td className="actions">
                {c.where === 'local' && (
                  <button
                    type="button"
                    className="button small"
                    disabled={busy !== null}
                    aria-label={`Restart cluster ${c.clusterId}`}
                    onClick={() => restart(c.clusterId)}
                  >
                    {busy === c.clusterId ? 'Restarting…' : 'Restart'}
                  </button>
                )}
                {c.where === 'remote' && (
                  <span className="dim" data-testid={`cluster-restart-note-${c.clusterId}`}>
                    restart it from {c.host}’s panel
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function stateOf(c: ClusterStatus): string {
  if (c.where === 'local') return c.state ?? 'unknown';
  return c.where === 'remote' ? 'on another host' : 'unassigned (being taken over)';
}

/** Each shard with its state and latency when the Discord adapter reports them, else the ids. */
function ShardList({ cluster }: { cluster: ClusterStatus }) {
  const shards = cluster.figures?.shards ?? [];
  if (shards.length === 0) return <span className="mono">{cluster.shardIds.join(', ')}</span>;
  return (
    <ul className="shard-list" aria-label={`Shards of cluster ${cluster.clusterId}`}>
      {shards.map((s) => (
        <li key={s.shardId} className="mono">
          {s.shardId}: {s.state}
          {s.latencyMs !== null && ` · ${Math.round(s.latencyMs)} ms`} · {formatCount(s.guilds)} guilds
        </li>
      ))}
    </ul>
  );
}
