import { lazy, Suspense, useState } from 'react';
import { Modal } from '../../ui/Modal';
import type { SaveConflict } from './commands-store';

// The merge view pulls in CodeMirror's merge package: loaded only when a conflict happens.
const MergePane = lazy(() => import('./MergePane'));

/**
 * A save found a newer file on disk. Shows both versions (disk left, the editor's right, with
 * the differences marked and chunks that can be taken over from disk) and lets the operator
 * choose: save the right side over the disk version, or take the disk version.
 */
export function ConflictDialog({
  conflict,
  busy,
  onKeepMine,
  onTakeDisk,
  onCancel,
}: {
  conflict: SaveConflict;
  busy: boolean;
  onKeepMine: (content: string) => void;
  onTakeDisk: () => void;
  onCancel: () => void;
}) {
  const [mine, setMine] = useState(conflict.mine);
  const disk = conflict.disk;
  return (
    <Modal
      title={`${conflict.file} changed on disk`}
      onClose={onCancel}
      width={1100}
      footer={
        <>
          <button type="button" className="button quiet" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className="button"
            onClick={onTakeDisk}
            disabled={busy || disk === null}
            data-testid="conflict-take-disk"
          >
            Use the disk version
          </button>
          <button
            type="button"
            className="button primary"
            onClick={() => onKeepMine(mine)}
            disabled={busy}
            data-testid="conflict-keep-mine"
            data-autofocus
          >
            {disk === null ? 'Create it with my version' : 'Save my version over it'}
          </button>
        </>
      }
    >
      {disk === null ? (
        <p>
          The file was deleted since you opened it. Save your version to create it again, or cancel and keep
          editing.
        </p>
      ) : (
        <>
          <p>
            Someone (another editor, a script) saved this file after you opened it. Nothing was overwritten.
            Left: the file on disk now. Right: your version — edit it or take chunks over from the left, then
            save it; or use the disk version and drop your changes.
          </p>
          <Suspense
            fallback={
              <div className="merge-fallback">
                <pre data-testid="conflict-disk">{disk.content}</pre>
                <pre data-testid="conflict-mine">{mine}</pre>
              </div>
            }
          >
            <MergePane disk={disk.content} mine={conflict.mine} onMineChange={setMine} />
          </Suspense>
        </>
      )}
    </Modal>
  );
}
