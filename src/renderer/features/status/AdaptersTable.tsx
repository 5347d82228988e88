import { Fragment, useState } from 'react';
import type { AdapterStatus } from '../../../shared/dto/status';
import { useApi } from '../../api/api-context';
import { formatCount } from '../../lib/format';
import { CopyButton } from '../../ui/CopyButton';
import { Icon } from '../../ui/Icon';
import { actionFor, useAdapterControls, type AdapterAction } from './adapter-controls';
import { StateBadge } from './StateBadge';
import { useStatusStore } from './status-store';
import { RateLimitNote } from './RateLimitNote';

const NETWORK_LABEL: Record<AdapterStatus['network'], string> = {
  console: 'Console',
  discord: 'Discord',
  irc: 'IRC',
};

const COLUMNS = 9;

function latencyClass(ms: number): string {
  return ms > 1000 ? 'tone-text-err' : ms > 250 ? 'tone-text-warn' : '';
}

function ActionCell({
  adapter,
  pending,
  onRun,
}: {
  adapter: AdapterStatus;
  pending: AdapterAction | undefined;
  onRun: (action: AdapterAction) => void;
}) {
  const action = actionFor(adapter);
  if (action === null) {
    return (
      <span className="adapter-fixed" title="The console adapter is part of the runtime: always connected">
        always on
      </span>
    );
  }
  // While a call is in flight the button keeps the action it started with.
  const shown = pending ?? action;
  const connect = shown === 'connect';
  return (
    <button
      type="button"
      className={connect ? 'button small primary' : 'button small'}
      onClick={() => onRun(action)}
      disabled={pending !== undefined}
      aria-label={`${connect ? 'Connect' : 'Disconnect'} ${adapter.label}`}
    >
      <Icon name={connect ? 'plug' : 'stop'} size={11} />
      {pending ? (connect ? 'Connecting…' : 'Disconnecting…') : connect ? 'Connect' : 'Disconnect'}
    </button>
  );
}

/** One row per network adapter with its connection health, and buttons to connect or disconnect it. */
export function AdaptersTable({ adapters }: { adapters: readonly AdapterStatus[] }) {
  const api = useApi();
  const controls = useAdapterControls(api, useStatusStore);
  // Explicit expand/collapse of the last error; by default it is open while the adapter is in
  // `error` (a fatal failure that says what to fix) and closed otherwise.
  const [expanded, setExpanded] = useState<ReadonlyMap<string, boolean>>(new Map());

  if (adapters.length === 0) {
    return <div className="panel-empty">No adapters configured.</div>;
  }
  return (
    <table className="data-table adapters-table" aria-label="Adapters">
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
          <th className="actions" aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {adapters.map((a) => {
          const open = a.lastError !== null && (expanded.get(a.id) ?? a.state === 'error');
          const actionError = controls.errors.get(a.id);
          const toggle = (): void => setExpanded((m) => new Map(m).set(a.id, !open));
          return (
            <Fragment key={a.id}>
              <tr data-adapter={a.id} className={open || actionError ? 'has-detail' : undefined}>
                <td>
                  <span className={`network-tag net-${a.network}`}>{NETWORK_LABEL[a.network]}</span>
                </td>
                <td className="strong" title={a.id}>
                  {a.label}
                  <RateLimitNote rateLimits={a.rateLimits} />
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
                {a.lastError === null ? (
                  <td className="dim">—</td>
                ) : (
                  <td className="error-cell">
                    <button
                      type="button"
                      className="error-toggle"
                      title={a.lastError}
                      aria-expanded={open}
                      aria-label={`${open ? 'Hide' : 'Show'} the last error of ${a.label}`}
                      onClick={toggle}
                    >
                      <Icon name={open ? 'down' : 'chevron'} size={12} />
                      <span className="error-text">{a.lastError}</span>
                    </button>
                  </td>
                )}
                <td className="actions">
                  <ActionCell
                    adapter={a}
                    pending={controls.pending.get(a.id)}
                    onRun={(action) => void controls.run(a.id, action)}
                  />
                </td>
              </tr>
              {(open || actionError) && (
                <tr className="adapter-detail" data-adapter-detail={a.id}>
                  <td colSpan={COLUMNS}>
                    {actionError && (
                      <div className="callout err adapter-action-error" role="alert">
                        <Icon name="alert" size={14} />
                        <span className="callout-text">{actionError}</span>
                        <button
                          type="button"
                          className="icon-button"
                          aria-label="Dismiss"
                          onClick={() => controls.dismiss(a.id)}
                        >
                          <Icon name="close" size={12} />
                        </button>
                      </div>
                    )}
                    {open && a.lastError !== null && (
                      <div className="adapter-error-full" data-testid="adapter-last-error">
                        <span className="adapter-error-label">Last error</span>
                        <p>{a.lastError}</p>
                        <CopyButton text={a.lastError} label="the error" />
                      </div>
                    )}
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
