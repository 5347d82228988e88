import './status.css';
import { formatCount, formatDateTime, formatDuration, formatMb, formatSince } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { Icon } from '../../ui/Icon';
import { ViewHeader } from '../../ui/ViewHeader';
import { AdaptersTable } from './AdaptersTable';
import { BotControls } from './BotControls';
import { MeterBar } from './MeterBar';
import { RecentProblems } from './RecentProblems';
import { RpcPanel } from './RpcPanel';
import { ShardsPanel } from '../shards/ShardsPanel';
import { RuntimeInfo } from './RuntimeInfo';
import { StatCard } from './StatCard';
import { StatusCharts } from './StatusCharts';
import { StateBadge } from './StateBadge';
import { liveUptimeMs, useStatusStore } from './status-store';

export function StatusView() {
  const status = useStatusStore((s) => s.status);
  const receivedAt = useStatusStore((s) => s.receivedAt);
  const info = useStatusStore((s) => s.info);
  const error = useStatusStore((s) => s.error);
  const now = useNow(1000, status?.state === 'running');

  if (!status) {
    return (
      <section className="view" aria-label="Status">
        <ViewHeader title="Status" />
        <div className={error ? 'view-message error' : 'view-message'}>
          {error ? `Could not load status: ${error}` : 'Loading status…'}
        </div>
      </section>
    );
  }

  const { memory, commands } = status;
  const adaptersUp = status.adapters.filter((a) => a.state === 'connected').length;
  const started = status.startedAt !== null ? formatSince(status.startedAt, now) : null;
  return (
    <section className="view" aria-label="Status">
      <ViewHeader
        title="Status"
        subtitle={
          status.startedAt !== null
            ? `Started ${formatDateTime(status.startedAt).slice(0, 19)}`
            : `Not started (${status.state})`
        }
      >
        <BotControls />
      </ViewHeader>
      <div className="view-body scroll">
        {error && <div className="callout warn">Last refresh failed: {error}</div>}
        {status.lastError && (
          <div className="callout err" role="alert">
            <Icon name="alert" size={14} />
            <span>
              <strong>Last runtime error:</strong> {status.lastError}
            </span>
          </div>
        )}
        <div className="stat-grid">
          <StatCard label="Runtime" detail={<span className="mono">pid {status.pid}</span>}>
            <StateBadge state={status.state} testId="runtime-state" />
          </StatCard>
          <StatCard label="Uptime" testId="uptime" detail={started ? `since ${started}` : 'not started'}>
            <span>{formatDuration(liveUptimeMs(status, receivedAt, now))}</span>
          </StatCard>
          <StatCard label="Memory (RSS)" detail="resident set size">
            <span>{formatMb(memory.rssMb)}</span>
          </StatCard>
          <StatCard
            label="JS heap"
            detail={
              <>
                <MeterBar ratio={memory.heapUsedMb / memory.heapTotalMb} label="Heap used of heap total" />
                <span>of {formatMb(memory.heapTotalMb)}</span>
              </>
            }
          >
            <span>{formatMb(memory.heapUsedMb)}</span>
          </StatCard>
          <StatCard
            label="Commands"
            detail={
              commands.failed > 0 ? (
                <span className="tone-text-err">{formatCount(commands.failed)} failed to load</span>
              ) : (
                'none failed'
              )
            }
          >
            <span>{formatCount(commands.loaded)}</span>
            <span className="stat-sub">loaded</span>
          </StatCard>
          <StatCard
            label="Adapters"
            detail={status.adapters.length === adaptersUp ? 'all connected' : 'some not connected'}
          >
            <span>{adaptersUp}</span>
            <span className="stat-sub">of {status.adapters.length}</span>
          </StatCard>
        </div>

        <StatusCharts />

        <section className="panel">
          <header className="panel-header">
            <h2>Adapters</h2>
            <span className="panel-meta">
              {adaptersUp} of {status.adapters.length} connected
            </span>
          </header>
          <AdaptersTable adapters={status.adapters} />
        </section>

        <ShardsPanel />
        <RpcPanel />

        <section className="panel">
          <header className="panel-header">
            <h2>Recent warnings and errors</h2>
            <a className="panel-link" href="#/logs">
              Open Logs →
            </a>
          </header>
          <RecentProblems />
        </section>

        <section className="panel">
          <header className="panel-header">
            <h2>Runtime</h2>
            {info && <span className="panel-meta">{info.mode} mode</span>}
          </header>
          {info ? <RuntimeInfo info={info} /> : <div className="panel-empty">Loading…</div>}
        </section>
      </div>
    </section>
  );
}
