import type { FileStatusDto } from '../../../shared/dto/commands';

const TONE: Record<FileStatusDto['state'], string> = {
  loaded: 'tone-ok',
  failed: 'tone-err',
  empty: 'tone-idle',
  quarantined: 'tone-warn',
};

/** Load state of a command file: loaded, failed, empty (no command in it) or quarantined. */
export function FileStateBadge({ status }: { status: FileStatusDto | null }) {
  if (!status) return <span className="badge tone-idle">not loaded</span>;
  return (
    <span
      className={`badge ${TONE[status.state]}`}
      data-file-state={status.state}
      title={
        status.quarantine
          ? `quarantined (${status.quarantine.reason}): ${status.quarantine.message}`
          : status.generation !== null
            ? `generation ${status.generation} is running`
            : 'no version is running'
      }
    >
      {status.state}
    </span>
  );
}
