import { useConnection, useApi } from '../api/api-context';
import { useStatusStore } from '../features/status/status-store';
import appIcon from '../../../resources/icon.svg';
import { ConnectionIndicator } from './ConnectionIndicator';

/** App name and version, transport mode, runtime state and connection. */
export function Header() {
  const client = useApi();
  const connection = useConnection();
  const info = useStatusStore((s) => s.info);
  const state = useStatusStore((s) => s.status?.state);
  const mode = info?.mode ?? client.mode;
  return (
    <header className="app-header">
      <div className="brand">
        <img className="app-icon" src={appIcon} width={22} height={22} alt="" />
        <span className="brand-name">{info?.name ?? 'ProtOS Panel'}</span>
        {info && <span className="brand-version">v{info.version}</span>}
      </div>
      <span
        className="chip"
        title={mode === 'electron' ? 'Desktop app (IPC)' : 'Browser mode (HTTP + WebSocket on 127.0.0.1)'}
      >
        {mode}
      </span>
      <div className="header-spacer" />
      {state && (
        <span className={`header-state state-${state}`} title="Runtime state">
          runtime <b>{state}</b>
        </span>
      )}
      {/* Keyed so the retry countdown starts from a fresh clock on every state change. */}
      <ConnectionIndicator
        key={`${connection.state}:${connection.attempt}`}
        status={connection}
        mode={mode}
      />
    </header>
  );
}
