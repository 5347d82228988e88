import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { forwardRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandsOverview } from '../../../shared/dto/commands';
import { ApiProvider } from '../../api/api-context';
import { fakeVersion, reloadReport, runtimeFake, SAMPLE_OVERVIEW } from '../../test-support/fake-client';
import type { CodeEditorProps } from './CodeEditor';
import { CommandsView } from './CommandsView';
import { useCommandsStore } from './commands-store';

vi.mock('./CodeEditor', () => {
  const Fake = forwardRef<unknown, CodeEditorProps>(function Fake({ value, label }, _ref) {
    return <textarea aria-label={label} value={value} readOnly />;
  });
  return { default: Fake, CodeEditor: Fake };
});

const initial = useCommandsStore.getState();
beforeEach(() => useCommandsStore.setState(initial, true));
afterEach(() => cleanup());

const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

const QUARANTINED: CommandsOverview = {
  ...SAMPLE_OVERVIEW,
  files: [
    ...SAMPLE_OVERVIEW.files,
    {
      file: 'loop.ts',
      state: 'quarantined',
      generation: null,
      commands: [],
      error: null,
      quarantine: {
        reason: 'faults',
        message: '5 uncaught faults within 60 s; last: Error: again at loop.ts:7:24',
        stack: null,
        at: '2026-12-03T02:00:00.000Z',
        invocation: null,
        sha256: 'a'.repeat(64),
      },
      faults: {
        count: 5,
        last: { message: 'Error: again', location: 'loop.ts:7:24', kind: 'timeout callback', at: Date.now() },
      },
    },
  ],
};

describe('a quarantined command file in the Commands view', () => {
  it('shows the state, reason and faults, and "Load again" lifts it', async () => {
    const client = runtimeFake()
      .handle('commands.readFile', ({ file }) => ({
        file,
        content: '// loop',
        version: fakeVersion('// loop'),
      }))
      .handle('commands.liftQuarantine', ({ file }) => reloadReport({ loaded: [file] }));
    useCommandsStore.getState().setOverview(QUARANTINED);
    render(
      <ApiProvider client={client}>
        <CommandsView />
      </ApiProvider>,
    );
    expect(screen.getByTestId('fault-count').textContent).toBe('5 faults');
    expect(screen.getByTestId('fault-count').title).toBe('last fault: Error: again at loop.ts:7:24');
    fireEvent.click(screen.getByTitle('Open loop.ts in the editor'));
    await settle();
    expect(document.querySelector('[data-file-state="quarantined"]')).not.toBeNull();
    const callout = await screen.findByTestId('quarantine');
    expect(callout.textContent).toContain('Quarantined (faults)');
    expect(callout.textContent).toContain('5 uncaught faults within 60 s');
    expect(screen.getByTestId('file-faults').textContent).toMatch(
      /5 uncaught faults since the bot started; last at .* \(timeout callback\) in loop\.ts:7:24: Error: again/,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Load again' }));
    await settle();
    expect(client.calls.filter((c) => c.method === 'commands.liftQuarantine')).toEqual([
      { method: 'commands.liftQuarantine', input: { file: 'loop.ts' } },
    ]);
    expect(screen.getByTestId('reload-report').textContent).toContain('Load again');
  });
});
