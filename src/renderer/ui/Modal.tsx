import * as Dialog from '@radix-ui/react-dialog';
import { useRef, useState, type ReactNode } from 'react';
import { Icon } from './Icon';

export interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons, right-aligned under the body. */
  footer?: ReactNode;
  width?: number;
}

/**
 * A modal dialog over the panel, on Radix's dialog primitive: focus moves in (to the element
 * marked `data-autofocus`, else the first focusable one), stays trapped there, Escape or a click
 * on the backdrop closes it, and focus returns where it was. The title labels the dialog.
 * Shown while mounted: the caller renders it conditionally.
 */
export function Modal({ title, onClose, children, footer, width = 440 }: ModalProps) {
  const box = useRef<HTMLDivElement>(null);
  // Radix gives focus back to a Dialog.Trigger; these dialogs open from anywhere, so focus goes
  // back to whatever had it when the dialog opened
  const [opener] = useState(() =>
    typeof document === 'undefined' ? null : (document.activeElement as HTMLElement | null),
  );
  return (
    <Dialog.Root open onOpenChange={(open) => open || onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="modal-backdrop">
          <Dialog.Content
            ref={box}
            className="modal"
            style={{ width }}
            // the body is free-form (forms, merge views): the title alone names the dialog
            aria-describedby={undefined}
            onOpenAutoFocus={(e) => {
              const preferred = box.current?.querySelector<HTMLElement>('[data-autofocus]');
              if (!preferred) return;
              e.preventDefault();
              preferred.focus();
            }}
            onCloseAutoFocus={(e) => {
              e.preventDefault();
              if (opener?.isConnected) opener.focus();
            }}
            onKeyDown={(e) => {
              // an Escape that closes the dialog does nothing else in the view behind it
              if (e.key === 'Escape') e.stopPropagation();
            }}
          >
            <header className="modal-header">
              <Dialog.Title>{title}</Dialog.Title>
              <Dialog.Close className="icon-button" aria-label="Close">
                <Icon name="close" size={14} />
              </Dialog.Close>
            </header>
            <div className="modal-body">{children}</div>
            {footer !== undefined && <footer className="modal-footer">{footer}</footer>}
          </Dialog.Content>
        </Dialog.Overlay>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
