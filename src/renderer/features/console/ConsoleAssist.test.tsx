// The console's "run as a new command" (button and Ctrl/Cmd+Enter) and Tab completion.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InvocationDto } from '../../../shared/dto/commands';
import type { Completion } from '../../../shared/dto/console-tools';
import { ApiCallError } from '../../../shared/contract';
import { ApiProvider } from '../../api/api-context';
import { runtimeFake } from '../../test-support/fake-client';
import { useRunningStore } from '../running/running-store';
import { applyCompletion, commonStart, cycle, firstTab } from './completion';
import { ConsoleView } from './ConsoleView';
import { useConsoleStore } from './console-store';

const QUIZ: InvocationDto = {
  id: 9,
  command: 'quiz',
  state: 'awaiting_input',
  network: 'console',
  adapterId: 'console',
  author: 'Console',
  channel: 'panel',
  guild: 'Console',
  startedAt: 0,
  text: 'quiz',
};

const initial = useConsoleStore.getState();
beforeEach(() => {
  useConsoleStore.setState({ ...initial, groups: [], history: [] }, true);
  useRunningStore.getState().setInvocations([]);
});
afterEach(cleanup);

function renderConsole(answers: Record<string, Completion | Error> = {}) {
  const client = runtimeFake()
    .handle('console.exec', () => ({ requestId: 'r1' }))
    .handle('console.execCommand', () => ({ requestId: 'r2' }))
    .handle('console.complete', ({ line }) => {
      const answer = answers[line];
      if (!answer) return { from: line.length, items: [], kind: 'unknown command' };
      if (answer instanceof Error) throw answer;
      return answer;
    });
  render(
    <ApiProvider client={client}>
      <ConsoleView />
    </ApiProvider>,
  );
  const input = screen.getByRole('textbox', { name: 'Command' }) as HTMLInputElement;
  return { client, input };
}

const type = (input: HTMLInputElement, text: string) => fireEvent.change(input, { target: { value: text } });
const sent = (client: ReturnType<typeof renderConsole>['client']) =>
  client.calls.filter((c) => c.method.startsWith('console.exec')).map((c) => [c.method, c.input]);
const tab = (input: HTMLInputElement, shiftKey = false) =>
  act(async () => {
    fireEvent.keyDown(input, { key: 'Tab', shiftKey });
    await new Promise((r) => setTimeout(r, 0));
  });

describe('Console: answering or a new command', () => {
  it('offers no "Run as new command" while nothing waits; Enter runs', async () => {
    const { client, input } = renderConsole();
    expect(screen.queryByRole('button', { name: /run as new command/i })).toBeNull();
    type(input, 'help');
    await act(async () => fireEvent.keyDown(input, { key: 'Enter' }));
    expect(sent(client)).toEqual([['console.exec', { line: 'help' }]]);
  });

  it('while a command waits: Enter answers it, the button and Ctrl/Cmd+Enter run a new command', async () => {
    const { client, input } = renderConsole();
    act(() => useRunningStore.getState().setInvocations([QUIZ]));
    expect(screen.getByRole('status').textContent).toContain('answering #9 quiz');
    expect(screen.getByRole('button', { name: 'Answer' })).toBeTruthy();
    type(input, '42');
    await act(async () => fireEvent.keyDown(input, { key: 'Enter' }));
    type(input, 'help');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /run as new command/i })));
    type(input, 'running');
    await act(async () => fireEvent.keyDown(input, { key: 'Enter', ctrlKey: true }));
    type(input, 'status');
    await act(async () => fireEvent.keyDown(input, { key: 'Enter', metaKey: true }));
    expect(sent(client)).toEqual([
      ['console.exec', { line: '42' }],
      ['console.execCommand', { line: 'help' }],
      ['console.execCommand', { line: 'running' }],
      ['console.execCommand', { line: 'status' }],
    ]);
    expect(input.value).toBe('');
  });
});

describe('Console: Tab completion', () => {
  const MODES: Completion = {
    from: 5,
    kind: '<level:low|lower|high>',
    items: [
      { value: 'low', detail: 'level' },
      { value: 'lower', detail: 'level' },
    ],
  };

  it('completes a single candidate with a space after it', async () => {
    const { input } = renderConsole({
      he: { from: 0, kind: 'command', items: [{ value: 'help', detail: '' }] },
    });
    type(input, 'he');
    await tab(input);
    expect(input.value).toBe('help ');
    expect(screen.queryByTestId('console-completions')).toBeNull();
  });

  it('fills the common start, lists the candidates, and cycles with Tab / Shift+Tab; Escape closes', async () => {
    const { input } = renderConsole({ 'mode l': MODES });
    type(input, 'mode l');
    await tab(input);
    expect(input.value).toBe('mode low');
    const list = screen.getByRole('listbox', { name: 'Completions' });
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['lowlevel', 'lowerlevel']);
    expect(screen.getByTestId('console-completions').textContent).toContain('<level:low|lower|high>');
    await tab(input);
    expect(input.value).toBe('mode low');
    expect(input.getAttribute('aria-activedescendant')).toBe(within(list).getAllByRole('option')[0]!.id);
    await tab(input);
    expect(input.value).toBe('mode lower');
    await tab(input, true);
    expect(input.value).toBe('mode low');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByTestId('console-completions')).toBeNull();
    expect(input.value).toBe('mode low'); // the first Escape only closes the list
  });

  it('picks a candidate by click; typing closes the list', async () => {
    const { input } = renderConsole({ 'mode l': MODES });
    type(input, 'mode l');
    await tab(input);
    fireEvent.mouseDown(screen.getAllByRole('option')[1]!);
    expect(input.value).toBe('mode lower ');
    type(input, 'mode lower x');
    expect(screen.queryByTestId('console-completions')).toBeNull();
  });

  it('says what is expected when nothing matches, and keeps the line when the runtime cannot answer', async () => {
    const { input } = renderConsole({
      'mode low yes ': { from: 13, kind: 'no more arguments', items: [] },
      'boom ': new ApiCallError({ code: 'RESTARTING', message: 'runtime restarting' }),
    });
    type(input, 'mode low yes ');
    await tab(input);
    expect(screen.getByTestId('console-completions').textContent).toBe('no suggestions · no more arguments');
    type(input, 'boom ');
    await tab(input);
    expect(input.value).toBe('boom ');
    expect(screen.queryByTestId('console-completions')).toBeNull();
  });

  it('leaves Tab to move the focus when the line is empty', async () => {
    const { client, input } = renderConsole();
    const event = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    input.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
    expect(client.calls.some((c) => c.method === 'console.complete')).toBe(false);
  });
});

describe('completion helpers', () => {
  it('finds the shared start case-insensitively and replaces only the last word', () => {
    expect(commonStart(['Apple', 'apricot'])).toBe('Ap');
    expect(commonStart([])).toBe('');
    expect(applyCompletion('zoo add c', 8, 'cat', true)).toBe('zoo add cat ');
  });

  it('cycles around both ways', () => {
    const result: Completion = {
      from: 0,
      kind: 'command',
      items: ['a', 'b', 'c'].map((value) => ({ value, detail: '' })),
    };
    const { state } = firstTab('', result);
    expect(cycle(state!, true).line).toBe('c');
    expect(cycle(cycle(cycle(cycle(state!, false).state, false).state, false).state, false).line).toBe('a');
  });
});
