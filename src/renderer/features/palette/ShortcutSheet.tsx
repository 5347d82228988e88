import * as Dialog from '@radix-ui/react-dialog';
import { Keyboard, X } from 'lucide-react';
import { Fragment } from 'react';
import { keysFor, SHORTCUTS } from './shortcuts';

/** The list of keyboard shortcuts (`?`), in an accessible dialog (focus trap, Escape). */
export function ShortcutSheet({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="palette-overlay" />
        <Dialog.Content className="modal shortcut-sheet" aria-describedby={undefined}>
          <header className="modal-header">
            <Dialog.Title className="shortcut-title">
              <Keyboard size={15} aria-hidden="true" /> Keyboard shortcuts
            </Dialog.Title>
            <Dialog.Close className="button quiet small" aria-label="Close">
              <X size={14} aria-hidden="true" />
            </Dialog.Close>
          </header>
          <div className="modal-body shortcut-body">
            {SHORTCUTS.map((group) => (
              <section key={group.where} aria-labelledby={`shortcuts-${group.where}`}>
                <h3 id={`shortcuts-${group.where}`}>{group.where}</h3>
                <dl>
                  {group.items.map((s) => (
                    <Fragment key={`${s.keys.join('+')} ${s.what}`}>
                      <dt>
                        {keysFor(s.keys).map((k, i) => (
                          <Fragment key={i}>
                            {i > 0 && <span aria-hidden="true">+</span>}
                            <kbd className="kbd">{k}</kbd>
                          </Fragment>
                        ))}
                      </dt>
                      <dd>{s.what}</dd>
                    </Fragment>
                  ))}
                </dl>
              </section>
            ))}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
