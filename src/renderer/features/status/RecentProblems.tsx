import '../logs/logs.css';
import { useMemo } from 'react';
import { LOG_LEVEL_VALUES, type LogEntry } from '../../../shared/dto/log';
import { formatClock } from '../../lib/format';
import { LEVEL_LABEL } from '../logs/level-style';
import { useLogsStore } from '../logs/logs-store';

const LIMIT = 6;

/** The newest `limit` warn-or-worse lines, newest first. */
export function newestProblems(entries: readonly LogEntry[], limit = LIMIT): LogEntry[] {
  const out: LogEntry[] = [];
  for (let i = entries.length - 1; i >= 0 && out.length < limit; i--) {
    const entry = entries[i]!;
    if (LOG_LEVEL_VALUES[entry.level] >= LOG_LEVEL_VALUES.warn) out.push(entry);
  }
  return out;
}

/** The latest warnings and errors from the log, so trouble shows on the first screen. */
export function RecentProblems() {
  const entries = useLogsStore((s) => s.entries);
  const problems = useMemo(() => newestProblems(entries), [entries]);
  if (problems.length === 0) {
    return <div className="panel-empty">No warnings or errors in the log.</div>;
  }
  return (
    <ul className="problems">
      {problems.map((entry) => (
        <li key={entry.seq} className={`problem lvl-${entry.level}`}>
          <span className="log-time">{formatClock(entry.time)}</span>
          <span className="log-level">{LEVEL_LABEL[entry.level]}</span>
          <span className="problem-name">{entry.name}</span>
          <span className="problem-msg" title={entry.msg}>
            {entry.msg}
            {entry.err ? ` — ${entry.err.type}: ${entry.err.message}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
