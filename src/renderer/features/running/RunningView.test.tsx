import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../api/api-context';
import { invocation, runtimeFake } from '../../test-support/fake-client';
import { RunningView } from './RunningView';
import { useRunningStore } from './running-store';
import { TOAST_MS } from './use-cancel-toasts';

const initial = useRunningStore.getState();
beforeEach(() => {
  useRunningStore.setState(initial, true);
  vi.useFakeTimers({
    now: 1_700_000_065_000,
    toFake: ['Date', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('RunningView', () => {
  it('lists invocations with state, author, channel and a ticking elapsed time', () => {
    useRunningStore.getState().setInvocations([
      invocation(1),
      invocation(2, {
        command: 'quiz',
        state: 'awaiting_input',
        text: 'quiz',
        network: 'irc',
        author: 'alice',
      }),
    ]);
    render(
      <ApiProvider client={runtimeFake()}>
        <RunningView />
      </ApiProvider>,
    );
    const table = screen.getByRole('table', { name: 'Running invocations' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('#1');
    expect(rows[0]!.textContent).toContain('looping');
    expect(rows[1]!.textContent).toContain('awaiting input');
    expect(rows[1]!.textContent).toContain('alice');
    expect(rows[1]!.textContent).toContain('IRC');
    expect(screen.getByTestId('running-count').textContent).toBe('2 running · 1 looping · 1 awaiting input');
    const elapsed = within(rows[0]!).getByTestId('elapsed');
    expect(elapsed.textContent).toBe('00:01:05');
    act(() => {
      vi.advanceTimersByTime(2_000);
    });
    expect(elapsed.textContent).toBe('00:01:07');
  });

  it('cancels with invocations.cancel and says so when it had already finished', async () => {
    const client = runtimeFake().handle('invocations.cancel', ({ id }) => ({ cancelled: id === 1 }));
    useRunningStore.getState().setInvocations([invocation(1), invocation(2)]);
    render(
      <ApiProvider client={client}>
        <RunningView />
      </ApiProvider>,
    );
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Cancel #1 countdown' }));
      fireEvent.click(screen.getByRole('button', { name: 'Cancel #2 countdown' }));
    });
    expect(client.calls.filter((c) => c.method === 'invocations.cancel').map((c) => c.input)).toEqual([
      { id: 1 },
      { id: 2 },
    ]);
    expect(screen.getByText('already finished')).toBeTruthy();
    act(() => useRunningStore.getState().setInvocations([invocation(1, { state: 'cancelling' })]));
    const button = screen.getByRole('button', { name: 'Cancel #1 countdown' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toContain('Cancelling');
  });

  it('a toast says when a cancel landed (the invocation left the list), then goes away', async () => {
    const client = runtimeFake().handle('invocations.cancel', () => ({ cancelled: true }));
    useRunningStore.getState().setInvocations([invocation(1), invocation(2)]);
    render(
      <ApiProvider client={client}>
        <RunningView />
      </ApiProvider>,
    );
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Cancel #1 countdown' }));
    });
    expect(screen.queryByText('Cancelled #1 countdown')).toBeNull(); // asked, not landed yet
    act(() => useRunningStore.getState().setInvocations([invocation(2)]));
    expect(screen.getByText('Cancelled #1 countdown')).toBeTruthy();
    act(() => useRunningStore.getState().setInvocations([])); // #2 ended by itself: no toast
    expect(screen.queryByText(/Cancelled #2/)).toBeNull();
    act(() => {
      vi.advanceTimersByTime(TOAST_MS);
    });
    expect(screen.queryByText('Cancelled #1 countdown')).toBeNull();
  });

  it('says how to start something when nothing runs', () => {
    useRunningStore.getState().setInvocations([]);
    render(
      <ApiProvider client={runtimeFake()}>
        <RunningView />
      </ApiProvider>,
    );
    expect(screen.getByText('No command is running')).toBeTruthy();
    expect(screen.getByTestId('running-count').textContent).toBe('Nothing running');
  });
});
