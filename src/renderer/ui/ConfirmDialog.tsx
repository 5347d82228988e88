import { useState, type ReactNode } from 'react';
import { describeError } from '../lib/errors';
import { Modal } from './Modal';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** `danger` paints the confirm button red (deleting, discarding). */
  tone?: 'danger' | 'normal';
  /** May be async: the dialog shows progress and keeps itself open with the error if it fails. */
  onConfirm: () => void | Promise<void>;
  onCancel: () => void;
}

/** Asks before something that cannot be undone. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  tone = 'normal',
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };
  return (
    <Modal
      title={title}
      onClose={onCancel}
      footer={
        <>
          <button
            type="button"
            className="button"
            onClick={onCancel}
            disabled={busy}
            data-autofocus={tone === 'danger' ? true : undefined}
          >
            Cancel
          </button>
          <button
            type="button"
            className={tone === 'danger' ? 'button danger' : 'button primary'}
            onClick={() => void confirm()}
            disabled={busy}
            data-autofocus={tone === 'danger' ? undefined : true}
          >
            {busy ? 'Working…' : confirmLabel}
          </button>
        </>
      }
    >
      <div className="confirm-text">{children}</div>
      {error && (
        <div className="callout err" role="alert">
          {error}
        </div>
      )}
    </Modal>
  );
}
