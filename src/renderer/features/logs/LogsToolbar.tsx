import { useEffect, useRef } from 'react';
import { LOG_LEVELS, type LogLevel } from '../../../shared/dto/log';
import { SearchInput } from '../../ui/SearchInput';
import { Icon } from '../../ui/Icon';
import { LEVEL_LABEL } from './level-style';
import { useLogsStore } from './logs-store';
import { RuntimeLevelSelect } from './RuntimeLevelSelect';
import { TimeRangeFields } from './TimeRangeFields';
import { ExportLogs } from './ExportLogs';

/** Filters (minimum level, text, time range), follow/pause, clear and export for the log list. */
export function LogsToolbar() {
  const filter = useLogsStore((s) => s.filter);
  const follow = useLogsStore((s) => s.follow);
  const unseen = useLogsStore((s) => s.unseen);
  const setMinLevel = useLogsStore((s) => s.setMinLevel);
  const setText = useLogsStore((s) => s.setText);
  const setFollow = useLogsStore((s) => s.setFollow);
  const clear = useLogsStore((s) => s.clear);
  const input = useRef<HTMLInputElement>(null);

  // `/` focuses the filter, as in most log and code viewers.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      const typing =
        target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="toolbar" role="toolbar" aria-label="Log filters">
      <label className="field">
        <span className="field-label">Level ≥</span>
        <select
          aria-label="Minimum level"
          className={`level-select lvl-${filter.minLevel}`}
          value={filter.minLevel}
          onChange={(e) => setMinLevel(e.target.value as LogLevel)}
        >
          {LOG_LEVELS.map((l) => (
            <option key={l} value={l}>
              {LEVEL_LABEL[l]}
            </option>
          ))}
        </select>
      </label>
      <SearchInput
        ref={input}
        label="Filter log lines"
        placeholder="Filter message, logger, fields…  ( / )"
        value={filter.text}
        onChange={setText}
        clearable
        blurOnEscape
      />
      <TimeRangeFields />
      <button
        type="button"
        className={follow ? 'button toggle on' : 'button toggle'}
        aria-pressed={follow}
        onClick={() => setFollow(!follow)}
        title={follow ? 'Pause auto-scroll (or scroll up)' : 'Follow the newest line (End)'}
      >
        <Icon name={follow ? 'follow' : 'pause'} size={13} />
        {follow ? 'Following' : 'Paused'}
        {!follow && unseen > 0 && <span className="count-badge">+{unseen > 9999 ? '9999+' : unseen}</span>}
      </button>
      <button type="button" className="button" onClick={clear} title="Hide every line received so far">
        <Icon name="clear" size={13} />
        Clear
      </button>
      <ExportLogs />
      <div className="toolbar-spacer" />
      <RuntimeLevelSelect />
    </div>
  );
}
