import type { FileStatusDto } from '../../../shared/dto/commands';
import { formatClock } from '../../lib/format';
import { Icon } from '../../ui/Icon';

const REASON_TEXT: Record<NonNullable<FileStatusDto['quarantine']>['reason'], string> = {
  stall: 'it blocked the runtime',
  crash: 'it crashed the runtime',
  faults: 'it kept throwing where nothing caught it',
  manual: 'it was put there by hand',
};

/**
 * What the guards know about an open command file: its quarantine (with "Load again") and the
 * uncaught faults attributed to it (how many, and the last one with its source position).
 */
export function FileGuardNotes({
  status,
  busy,
  onLoadAgain,
}: {
  status: FileStatusDto | null;
  busy: boolean;
  onLoadAgain: () => void;
}) {
  if (!status) return null;
  const { quarantine, faults } = status;
  return (
    <>
      {status.state === 'quarantined' && quarantine && (
        <div className="callout warn editor-failure" role="alert" data-testid="quarantine">
          <Icon name="alert" size={14} />
          <div>
            <div>
              <strong>Quarantined</strong> ({quarantine.reason}): {REASON_TEXT[quarantine.reason]}.{' '}
              <span className="mono">{quarantine.message}</span>
            </div>
            <div className="editor-failure-note">
              Not loaded since {formatClock(Date.parse(quarantine.at)).slice(0, 8)}
              {quarantine.invocation
                ? ` (it was running #${quarantine.invocation.id} ${quarantine.invocation.command})`
                : ''}
              . Saving a new version lifts the quarantine.
            </div>
          </div>
          <button type="button" className="button small" onClick={onLoadAgain} disabled={busy}>
            Load again
          </button>
        </div>
      )}
      {faults.count > 0 && faults.last && (
        <div className="callout warn editor-failure" data-testid="file-faults">
          <Icon name="alert" size={14} />
          <div>
            <strong>
              {faults.count} uncaught {faults.count === 1 ? 'fault' : 'faults'}
            </strong>{' '}
            since the bot started; last at {formatClock(faults.last.at).slice(0, 8)} ({faults.last.kind})
            {faults.last.location ? (
              <>
                {' '}
                in <span className="mono">{faults.last.location}</span>
              </>
            ) : null}
            : <span className="mono">{faults.last.message}</span>
          </div>
        </div>
      )}
    </>
  );
}
