import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logEntry } from '../../test-support/fake-client';
import { LogDrawer } from './LogDrawer';
import { LogRow } from './LogRow';

afterEach(() => cleanup());

const entry = logEntry(42, {
  level: 'error',
  name: 'cmd:roll',
  msg: 'command failed',
  fields: { guild: 'Ops', attempt: 2 },
  err: {
    type: 'RangeError',
    message: 'dice out of range',
    stack: 'RangeError: dice out of range\n    at roll (roll.ts:3:9)',
  },
});

describe('LogRow', () => {
  it('is one fixed-height line: no details inside the row', () => {
    const { container } = render(<LogRow entry={entry} selected onToggle={() => undefined} />);
    expect(container.querySelector('.log-details')).toBeNull();
    expect(screen.getByRole('button').getAttribute('aria-expanded')).toBe('true');
  });

  it('shows level, logger, message, the error and fields inline', () => {
    render(<LogRow entry={entry} selected={false} onToggle={() => undefined} />);
    const line = screen.getByRole('button');
    expect(line.getAttribute('aria-expanded')).toBe('false');
    expect(line.textContent).toContain('ERROR');
    expect(line.textContent).toContain('cmd:roll');
    expect(screen.getByText('command failed')).toBeTruthy();
    expect(line.textContent).toContain('RangeError: dice out of range');
    expect(line.textContent).toContain('guild=Ops  attempt=2');
  });

  it('toggles on click and on Enter', () => {
    const onToggle = vi.fn();
    render(<LogRow entry={entry} selected={false} onToggle={onToggle} />);
    fireEvent.click(screen.getByRole('button'));
    fireEvent.keyDown(screen.getByRole('button'), { key: 'Enter' });
    expect(onToggle).toHaveBeenCalledTimes(2);
    expect(onToggle).toHaveBeenCalledWith(42);
  });

  it('the drawer shows every field and the stack, and closes on Escape', () => {
    const onClose = vi.fn();
    const { container } = render(<LogDrawer entry={entry} onClose={onClose} />);
    expect(screen.getByRole('complementary', { name: 'Log line 42' })).toBeTruthy();
    const details = container.querySelector('.log-details')!;
    expect(details.textContent).toContain('seq 42');
    expect(details.textContent).toContain('guild');
    expect(details.textContent).toContain('Ops');
    expect(container.querySelector('.log-stack')?.textContent).toContain('at roll (roll.ts:3:9)');
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledOnce();
  });
});
