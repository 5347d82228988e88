import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from './ConfirmDialog';
import { Icon } from './Icon';
import { Modal } from './Modal';

afterEach(cleanup);

function Harness({ onKeyBehind }: { onKeyBehind: (key: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div onKeyDown={(e) => onKeyBehind(e.key)}>
      <button type="button" onClick={() => setOpen(true)}>
        open
      </button>
      {open && (
        <Modal
          title="Rename file"
          onClose={() => setOpen(false)}
          footer={
            <>
              <button type="button">first</button>
              <button type="button" data-autofocus>
                last
              </button>
            </>
          }
        >
          <p>body</p>
        </Modal>
      )}
    </div>
  );
}

describe('Modal (Radix dialog)', () => {
  it('is a labelled modal dialog that focuses the marked control and traps Tab', () => {
    render(<Harness onKeyBehind={() => undefined} />);
    fireEvent.click(screen.getByText('open'));
    const dialog = screen.getByRole('dialog', { name: 'Rename file' });
    expect(dialog.getAttribute('aria-describedby')).toBeNull();
    const last = screen.getByText('last');
    expect(document.activeElement).toBe(last);
    // Tab on the last focusable element wraps to the first one inside the dialog (the close button)
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
  });

  it('closes on Escape without the key reaching the view behind, and gives focus back', async () => {
    const behind = vi.fn();
    render(<Harness onKeyBehind={behind} />);
    const opener = screen.getByText('open');
    opener.focus();
    fireEvent.click(opener);
    fireEvent.keyDown(screen.getByText('last'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(behind).not.toHaveBeenCalledWith('Escape');
    // Radix hands focus back right after the dialog unmounts
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });

  it('closes from its Close button', () => {
    render(<Harness onKeyBehind={() => undefined} />);
    fireEvent.click(screen.getByText('open'));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('ConfirmDialog', () => {
  it('keeps itself open with the error when the confirmed action fails', async () => {
    const onCancel = vi.fn();
    render(
      <ConfirmDialog
        title="Delete x?"
        confirmLabel="Delete"
        tone="danger"
        onCancel={onCancel}
        onConfirm={() => Promise.reject(new Error('disk is read-only'))}
      >
        sure?
      </ConfirmDialog>,
    );
    // a dangerous action starts on Cancel
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'disk is read-only');
    expect(screen.getByRole('dialog', { name: 'Delete x?' })).toBeTruthy();
    expect(onCancel).not.toHaveBeenCalled();
  });
});

describe('Icon', () => {
  it('renders a lucide glyph hidden from assistive technology with the panel class', () => {
    const { container } = render(<Icon name="history" size={20} className="extra" />);
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('aria-hidden')).toBe('true');
    expect(svg.getAttribute('width')).toBe('20');
    expect(svg.classList.contains('icon')).toBe(true);
    expect(svg.classList.contains('extra')).toBe(true);
  });
});
