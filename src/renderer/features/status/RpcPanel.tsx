import { useEffect, useState } from 'react';
import type { RpcStatus } from '../../../shared/dto/rpc';
import { useApi } from '../../api/api-context';
import { describeError } from '../../lib/errors';
import { formatClock, formatCount } from '../../lib/format';
import { Icon } from '../../ui/Icon';

const POLL_MS = 2_000;
const SHOWN_ERRORS = 5;

/** Polls `rpc.status` while mounted. */
function useRpcStatus(): { status: RpcStatus | null; error: string | null } {
  const client = useApi();
  const [state, setState] = useState<{ status: RpcStatus | null; error: string | null }>({
    status: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    const poll = (): void => {
      client.call('rpc.status', {}).then(
        (status) => live && setState({ status, error: null }),
        (err: unknown) => live && setState((s) => ({ status: s.status, error: describeError(err) })),
      );
    };
    poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client]);
  return state;
}

/** The loopback RPC server on the Status view: on/off, port, auth, clients, traffic, last errors. */
export function RpcPanel() {
  const { status, error } = useRpcStatus();
  return (
    <section className="panel" aria-label="RPC server">
      <header className="panel-header">
        <h2>RPC server</h2>
        {status && (
          <span className="panel-meta" data-testid="rpc-state">
            {status.running
              ? `on · ${status.endpoint ?? `port ${status.port}`}`
              : status.enabled
                ? 'not running'
                : 'off'}
          </span>
        )}
        <a className="panel-link" href="#/settings">
          Settings →
        </a>
      </header>
      {!status ? (
        <div className="panel-empty">{error ? `RPC status unavailable: ${error}` : 'Loading…'}</div>
      ) : (
        <RpcDetails status={status} />
      )}
    </section>
  );
}

function RpcDetails({ status }: { status: RpcStatus }) {
  const errors = status.lastErrors.slice(-SHOWN_ERRORS).reverse();
  return (
    <>
      {status.running && !status.auth && (
        <div className="callout warn" role="alert">
          <Icon name="alert" size={14} />
          <span>
            <strong>Authentication is off</strong> (--rpc-no-auth): any program on this computer can call the
            bot.
          </span>
        </div>
      )}
      {status.problem && (
        <div className="callout err" role="alert">
          <Icon name="alert" size={14} />
          <span>{status.problem}</span>
        </div>
      )}
      {!status.running && !status.enabled && (
        <div className="panel-empty">Off. Enable it in Settings or start the bot with --rpc.</div>
      )}
      {status.running && (
        <dl className="kv">
          <div className="kv-row">
            <dt>Port</dt>
            <dd className="mono">{status.port}</dd>
          </div>
          <div className="kv-row">
            <dt>Clients</dt>
            <dd data-testid="rpc-clients">{formatCount(status.connectedClients)} connected</dd>
          </div>
          <div className="kv-row">
            <dt>Requests</dt>
            <dd data-testid="rpc-rate">
              {status.requestsPerSecond}/s · {formatCount(status.totalRequests)} in all
            </dd>
          </div>
          <div className="kv-row">
            <dt>Methods</dt>
            <dd className="mono">{status.methods.length}</dd>
          </div>
        </dl>
      )}
      {errors.length > 0 && (
        <ul className="problems" aria-label="Last RPC errors">
          {errors.map((e, i) => (
            <li key={`${e.time}-${i}`} className={`problem ${e.status >= 500 ? 'lvl-error' : 'lvl-warn'}`}>
              <span className="log-time">{formatClock(e.time)}</span>
              <span className="log-level">{e.status}</span>
              <span className="problem-name">{e.target ?? '—'}</span>
              <span className="problem-msg" title={e.message}>
                {e.message}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
