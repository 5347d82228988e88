import { useEffect } from 'react';
import type { LogEntry } from '../../../shared/dto/log';
import { Icon } from '../../ui/Icon';
import { LEVEL_LABEL } from './level-style';
import { LogDetails } from './LogDetails';
import { LOG_DRAWER_ID } from './LogRow';

/** The selected line's fields and stack, beside the list (an overlay on narrow windows). */
export function LogDrawer({ entry, onClose }: { entry: LogEntry; onClose: () => void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside id={LOG_DRAWER_ID} className="log-drawer" aria-label={`Log line ${entry.seq}`}>
      <header className="drawer-header">
        <h2 className={`lvl-${entry.level}`}>
          <span className="log-level">{LEVEL_LABEL[entry.level]}</span> {entry.name}
        </h2>
        <div className="drawer-actions">
          <button type="button" className="icon-button" aria-label="Close details" onClick={onClose}>
            <Icon name="close" size={14} />
          </button>
        </div>
      </header>
      <div className="drawer-body">
        <p className="log-drawer-msg">{entry.msg}</p>
        <LogDetails entry={entry} />
      </div>
    </aside>
  );
}
