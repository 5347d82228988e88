import type { LogEntry } from '../../../shared/dto/log';
import { formatDateTime } from '../../lib/format';
import { CopyButton } from '../../ui/CopyButton';

function pretty(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The expanded part of a log row: every field, and the error with its stack. */
export function LogDetails({ entry }: { entry: LogEntry }) {
  const fields = entry.fields ? Object.entries(entry.fields) : [];
  return (
    <div className="log-details" onClick={(e) => e.stopPropagation()}>
      <div className="log-details-meta">
        {entry.seq >= 0 ? (
          <span>
            seq <b>{entry.seq}</b>
          </span>
        ) : (
          <span>from an earlier run (log file)</span>
        )}
        <span>{formatDateTime(entry.time)}</span>
        <span>
          logger <b>{entry.name}</b>
        </span>
        <CopyButton text={JSON.stringify(entry, null, 2)} label="log line as JSON" />
      </div>
      {fields.length > 0 && (
        <dl className="log-fields">
          {fields.map(([key, value]) => (
            <div key={key} className="log-field">
              <dt>{key}</dt>
              <dd>{pretty(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {entry.err && (
        <div className="log-err">
          <div className="log-err-head">
            {entry.err.type}: {entry.err.message}
          </div>
          {entry.err.stack && <pre className="log-stack">{entry.err.stack}</pre>}
        </div>
      )}
      {fields.length === 0 && !entry.err && <div className="log-details-none">No structured fields.</div>}
    </div>
  );
}
