import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import type { LogEntry } from '../../../shared/dto/log';
import { formatClock } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { inlineFields } from './inline-fields';
import { LEVEL_LABEL, loggerColourClass } from './level-style';

/** Every row is this tall (px): the list never measures rows; details open in the drawer. */
export const LOG_ROW_HEIGHT = 21;
/** Id of the details drawer (the selected row controls it). */
export const LOG_DRAWER_ID = 'log-details-drawer';

interface LogRowProps {
  entry: LogEntry;
  /** Its details are open in the drawer. */
  selected: boolean;
  onToggle: (seq: number) => void;
}

/** One log line: time, level, logger, message (+ fields dimmed); click to open its details. */
export const LogRow = memo(function LogRow({ entry, selected, onToggle }: LogRowProps) {
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
    <div className={`log-row lvl-${entry.level}${selected ? ' selected' : ''}`} data-seq={entry.seq}>
      <div
        className="log-line"
        role="button"
        tabIndex={0}
        aria-expanded={selected}
        aria-controls={selected ? LOG_DRAWER_ID : undefined}
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
    </div>
  );
});
