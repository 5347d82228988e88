import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/api-context';
import { consoleOutput as out, runtimeFake } from '../../test-support/fake-client';
import { ConsoleView } from './ConsoleView';
import { useConsoleStore } from './console-store';

const initial = useConsoleStore.getState();
beforeEach(() => useConsoleStore.setState({ ...initial, groups: [], history: [] }, true));
afterEach(() => cleanup());

function renderConsole() {
  let n = 0;
  const client = runtimeFake().handle('console.exec', () => ({ requestId: `req-${++n}` }));
  const view = render(
    <ApiProvider client={client}>
      <ConsoleView />
    </ApiProvider>,
  );
  const input = screen.getByRole('textbox', { name: 'Command' }) as HTMLInputElement;
  return { client, input, ...view };
}

const type = (input: HTMLInputElement, text: string) => fireEvent.change(input, { target: { value: text } });
const key = (input: HTMLInputElement, k: string) => fireEvent.keyDown(input, { key: k });

describe('ConsoleView', () => {
  it('runs a line with Enter through console.exec and remembers it', async () => {
    const { client, input } = renderConsole();
    type(input, '  echo hello  ');
    await act(async () => key(input, 'Enter'));
    expect(client.calls.filter((c) => c.method === 'console.exec').map((c) => c.input)).toEqual([
      { line: 'echo hello' },
    ]);
    expect(input.value).toBe('');
    expect(useConsoleStore.getState().history).toEqual(['echo hello']);
  });

  it('walks the history with ↑ and ↓ and brings the draft back', async () => {
    const { input } = renderConsole();
    for (const line of ['help', 'echo 1', 'countdown 3']) {
      type(input, line);
      await act(async () => key(input, 'Enter'));
    }
    type(input, 'half-typed');
    key(input, 'ArrowUp');
    expect(input.value).toBe('countdown 3');
    key(input, 'ArrowUp');
    key(input, 'ArrowUp');
    expect(input.value).toBe('help');
    key(input, 'ArrowUp');
    expect(input.value).toBe('help');
    key(input, 'ArrowDown');
    expect(input.value).toBe('echo 1');
    key(input, 'ArrowDown');
    key(input, 'ArrowDown');
    expect(input.value).toBe('half-typed');
  });

  it('renders requests as groups, text never as HTML, code blocks and mention chips', () => {
    const { container } = renderConsole();
    act(() =>
      useConsoleStore
        .getState()
        .ingest([
          out('r1', 'input', 'echo <img src=x onerror=alert(1)>'),
          out('r1', 'response', '<img src=x onerror=alert(1)> hi <@123>'),
          out('r2', 'input', 'code'),
          out('r2', 'response', '```js\nlet a = "<b>x</b>";\n```'),
          out('r3', 'input', 'nope'),
          out('r3', 'error', 'Unknown command "nope".'),
        ]),
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    const groups = container.querySelectorAll('article.cgroup');
    expect(groups).toHaveLength(3);
    expect(groups[0]!.textContent).toContain('<img src=x onerror=alert(1)> hi');
    expect(groups[0]!.querySelector('.mention-chip')?.textContent).toBe('@123');
    expect(groups[1]!.querySelector('pre.ccode-block code')?.textContent).toBe('let a = "<b>x</b>";');
    expect(groups[2]!.classList.contains('failed')).toBe(true);
    expect(groups[2]!.querySelector('[data-kind="error"]')?.textContent).toBe('Unknown command "nope".');
  });

  it('clears the output, and puts an earlier command back in the input on click', async () => {
    const { input } = renderConsole();
    act(() => useConsoleStore.getState().ingest([out('r1', 'input', 'countdown 5')]));
    fireEvent.click(screen.getByRole('button', { name: 'countdown 5' }));
    expect(input.value).toBe('countdown 5');
    fireEvent.click(screen.getByRole('button', { name: /Clear/ }));
    expect(useConsoleStore.getState().groups).toEqual([]);
    expect(screen.getByText('Run a command')).toBeTruthy();
  });

  it('shows a call that failed before reaching the runtime as an error', async () => {
    const client = runtimeFake().handle('console.exec', () => {
      throw new Error('runtime unreachable');
    });
    render(
      <ApiProvider client={client}>
        <ConsoleView />
      </ApiProvider>,
    );
    const input = screen.getByRole('textbox', { name: 'Command' }) as HTMLInputElement;
    type(input, 'ping');
    await act(async () => key(input, 'Enter'));
    expect(screen.getByText('Could not run "ping": runtime unreachable')).toBeTruthy();
  });
});
