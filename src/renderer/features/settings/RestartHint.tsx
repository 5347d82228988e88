import { RotateCw, TriangleAlert } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { describeError } from '../../lib/errors';
import { restartRuntime } from '../status/bot-actions';
import { useStatusStore } from '../status/status-store';
import { useRestartHint } from './restart-hint';

/** Shown in Settings after a saved change that needs a restart, with the Restart button. */
export function RestartHint() {
  const client = useApi();
  const keys = useRestartHint((s) => s.keys);
  const savedPid = useRestartHint((s) => s.pid);
  const pid = useStatusStore((s) => s.status?.pid ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // a new runtime (restarted from here, the menu or after a crash) has read the saved keys
  useEffect(() => {
    if (savedPid !== null && pid !== null && pid !== savedPid) useRestartHint.getState().clear();
  }, [pid, savedPid]);

  if (keys.length === 0) return null;
  const restart = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await restartRuntime(client);
    } catch (err) {
      setError(`Restart failed: ${describeError(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="callout warn" role="status" data-testid="restart-hint">
      <TriangleAlert size={14} aria-hidden="true" />
      <span>
        Saved. A restart is needed before{' '}
        {keys.map((k, i) => (
          <span key={k}>
            {i > 0 && ', '}
            <code>{k}</code>
          </span>
        ))}{' '}
        take{keys.length === 1 ? 's' : ''} effect.
        {error && <span className="tone-text-err"> {error}</span>}
      </span>
      <button type="button" className="button small" disabled={busy} onClick={() => void restart()}>
        <RotateCw size={13} aria-hidden="true" />
        {busy ? 'Restarting…' : 'Restart now'}
      </button>
    </div>
  );
}
