import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trace } from '../../test-support/fake-client';
import { PipelineView } from './PipelineView';
import { useTracesStore } from './traces-store';

const initial = useTracesStore.getState();
beforeEach(() => useTracesStore.setState(initial, true));
afterEach(() => cleanup());

const blocked = trace(2, {
  text: 'echo darn',
  outcome: 'rejected',
  command: null,
  invocationId: null,
  stages: [
    { stage: 'detection', step: 'private', input: 'echo darn', output: 'echo darn', abort: null, micros: 12 },
    {
      stage: 'string-middleware',
      step: 'aliases',
      input: 'echo darn',
      output: 'echo darn',
      abort: null,
      micros: 30,
    },
    {
      stage: 'string-middleware',
      step: 'badwords',
      input: 'echo darn',
      output: null,
      abort: 'contains a blocked word',
      micros: 9,
    },
  ],
});

describe('PipelineView', () => {
  it('lists traces with their outcome and filters by outcome', () => {
    useTracesStore.getState().ingestSnapshot([trace(1), blocked, trace(3)], -1);
    render(<PipelineView />);
    const table = screen.getByRole('table', { name: 'Pipeline traces' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(within(table).getAllByRole('row')[1]!.textContent).toContain('echo 3');
    fireEvent.click(screen.getByRole('button', { name: /^rejected/ }));
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain('string-middleware › badwords');
    fireEvent.click(screen.getByRole('button', { name: /^All/ }));
    expect(within(table).getAllByRole('row')).toHaveLength(4);
  });

  it('opens a drawer with every stage, the abort reason and why', () => {
    useTracesStore.getState().ingestSnapshot([trace(1), blocked], -1);
    const { container } = render(<PipelineView />);
    fireEvent.click(screen.getByText('echo darn'));
    const drawer = screen.getByRole('complementary', { name: 'Trace 2' });
    expect(within(drawer).getByTestId('trace-why').textContent).toBe(
      'Rejected at string-middleware › badwords: contains a blocked word.',
    );
    const stages = drawer.querySelectorAll('li.stage');
    expect(stages).toHaveLength(3);
    expect(stages[1]!.textContent).toContain('unchanged');
    expect(stages[2]!.classList.contains('decisive')).toBe(true);
    expect(stages[2]!.textContent).toContain('aborted: contains a blocked word');
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    });
    expect(container.querySelector('.trace-drawer')).toBeNull();
  });
});
