import type { AdapterStatus } from '../../../shared/dto/status';
import { formatCount } from '../../lib/format';
import { StateBadge } from './StateBadge';

const NETWORK_LABEL: Record<AdapterStatus['network'], string> = {
  console: 'Console',
  discord: 'Discord',
  irc: 'IRC',
};

function latencyClass(ms: number): string {
  return ms > 1000 ? 'tone-text-err' : ms > 250 ? 'tone-text-warn' : '';
}

/** One row per network adapter with its connection health. */
export function AdaptersTable({ adapters }: { adapters: readonly AdapterStatus[] }) {
  if (adapters.length === 0) {
    return <div className="panel-empty">No adapters configured.</div>;
  }
  return (
    <table className="data-table" aria-label="Adapters">
      <thead>
        <tr>
          <th>Network</th>
          <th>Label</th>
          <th>State</th>
          <th className="num">Latency</th>
          <th className="num">Guilds</th>
          <th className="num">Channels</th>
          <th className="num">Reconnects</th>
          <th>Last error</th>
        </tr>
      </thead>
      <tbody>
        {adapters.map((a) => (
          <tr key={a.id}>
            <td>
              <span className={`network-tag net-${a.network}`}>{NETWORK_LABEL[a.network]}</span>
            </td>
            <td className="strong" title={a.id}>
              {a.label}
            </td>
            <td>
              <StateBadge state={a.state} />
            </td>
            <td className={`num mono ${a.latencyMs === null ? 'dim' : latencyClass(a.latencyMs)}`}>
              {a.latencyMs === null ? '—' : `${Math.round(a.latencyMs)} ms`}
            </td>
            <td className="num mono">{formatCount(a.guilds)}</td>
            <td className="num mono">{formatCount(a.channels)}</td>
            <td className={`num mono ${a.reconnects > 0 ? 'tone-text-warn' : 'dim'}`}>
              {formatCount(a.reconnects)}
            </td>
            <td className={a.lastError ? 'error-cell' : 'dim'} title={a.lastError ?? undefined}>
              {a.lastError ?? '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
