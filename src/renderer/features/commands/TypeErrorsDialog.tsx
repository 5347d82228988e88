import { Modal } from '../../ui/Modal';
import { typeErrorCount, type TypeErrorInfo } from './types/type-errors';

/** How many errors the dialog lists (the editor marks all of them). */
const SHOWN = 8;

/**
 * Asked before Save & Reload when TypeScript finds errors in the file: the operator can keep
 * editing (jumping to an error) or save anyway (the reload's own syntax check still runs).
 */
export function TypeErrorsDialog({
  file,
  errors,
  onSaveAnyway,
  onGoTo,
  onCancel,
}: {
  file: string;
  errors: TypeErrorInfo[];
  onSaveAnyway: () => void;
  onGoTo: (error: TypeErrorInfo) => void;
  onCancel: () => void;
}) {
  const count = typeErrorCount(errors.length);
  return (
    <Modal
      title={`Save with ${count}?`}
      onClose={onCancel}
      width={560}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel} data-autofocus>
            Keep editing
          </button>
          <button type="button" className="button danger" onClick={onSaveAnyway} data-testid="save-anyway">
            Save & Reload anyway
          </button>
        </>
      }
    >
      <p className="confirm-text">
        TypeScript finds {count} in <b>{file}</b>. The file may still load, but it will probably fail when it
        runs.
      </p>
      <ul className="type-error-list" data-testid="type-error-list">
        {errors.slice(0, SHOWN).map((e, i) => (
          <li key={i}>
            <button type="button" className="link-button mono" onClick={() => onGoTo(e)}>
              {e.line}:{e.column}
            </button>
            <span>{e.message}</span>
          </li>
        ))}
        {errors.length > SHOWN && (
          <li className="dim">…and {errors.length - SHOWN} more, marked in the editor</li>
        )}
      </ul>
    </Modal>
  );
}
