import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import type { LogEntry } from '../../../shared/dto/log';
import { formatClock } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { inlineFields } from './inline-fields';
import { LEVEL_LABEL, loggerColourClass } from './level-style';
import { LogDetails } from './LogDetails';

export const LOG_ROW_HEIGHT = 21;

interface LogRowProps {
  entry: LogEntry;
  expanded: boolean;
  onToggle: (seq: number) => void;
}

/** One log line: time, level, logger, message (+ fields dimmed); click to expand. */
export const LogRow = memo(function LogRow({ entry, expanded, onToggle }: LogRowProps) {
  const toggle = (e: MouseEvent): void => {
    // Selecting text to copy it must not fold or unfold the row.
    if (e.detail > 1 || (window.getSelection()?.toString() ?? '') !== '') return;
    onToggle(entry.seq);
  };
  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onToggle(entry.seq);
    }
  };
  const fields = inlineFields(entry);
  return (
    <div className={`log-row lvl-${entry.level}${expanded ? ' expanded' : ''}`} data-seq={entry.seq}>
      <div
        className="log-line"
        role="button"
        tabIndex={0}
        aria-expanded={expanded}
        onClick={toggle}
        onKeyDown={onKey}
      >
        <Icon name="chevron" size={11} className="log-chevron" />
        <span className="log-time">{formatClock(entry.time)}</span>
        <span className="log-level">{LEVEL_LABEL[entry.level]}</span>
        <span className={`log-name ${loggerColourClass(entry.name)}`} title={entry.name}>
          {entry.name}
        </span>
        <span className="log-msg">
          <span className="log-text">{entry.msg}</span>
          {entry.err && (
            <span className="log-inline-err">
              {' '}
              {entry.err.type}: {entry.err.message}
            </span>
          )}
          {fields && <span className="log-inline-fields"> {fields}</span>}
        </span>
      </div>
      {expanded && <LogDetails entry={entry} />}
    </div>
  );
});
