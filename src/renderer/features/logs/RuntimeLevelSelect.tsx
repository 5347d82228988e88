import { useState } from 'react';
import { LOG_LEVELS, type LogLevel } from '../../../shared/dto/log';
import { useApi } from '../../api/api-context';
import { describeError } from '../../lib/errors';
import { LEVEL_LABEL } from './level-style';
import { useLogsStore } from './logs-store';

/** The runtime's own log level (what it records at all), changed live with `logs.setLevel`. */
export function RuntimeLevelSelect() {
  const api = useApi();
  const level = useLogsStore((s) => s.runtimeLevel);
  const setRuntimeLevel = useLogsStore((s) => s.setRuntimeLevel);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const change = async (next: LogLevel): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const res = await api.call('logs.setLevel', { level: next });
      setRuntimeLevel(res.level);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <label
      className="field"
      title="What the runtime records. Lines below this level are never written, so they cannot be shown."
    >
      <span className="field-label">Runtime level</span>
      <select
        aria-label="Runtime log level"
        value={level ?? ''}
        disabled={busy || level === null}
        onChange={(e) => void change(e.target.value as LogLevel)}
      >
        {level === null && <option value="">…</option>}
        {LOG_LEVELS.map((l) => (
          <option key={l} value={l}>
            {LEVEL_LABEL[l]}
          </option>
        ))}
      </select>
      {error && (
        <span className="field-error" role="alert" title={error}>
          failed
        </span>
      )}
    </label>
  );
}
