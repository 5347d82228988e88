import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FinishedInvocation } from '../../../shared/dto/running';
import { ApiProvider } from '../../api/api-context';
import { invocation, runtimeFake } from '../../test-support/fake-client';
import { formatDuration } from '../../lib/format';
import { formatTook, RunningHistory } from './RunningHistory';
import { useRunningStore } from './running-store';

afterEach(() => cleanup());

const ended = (id: number, over: Partial<FinishedInvocation> = {}): FinishedInvocation => ({
  id,
  command: 'ping',
  network: 'console',
  adapterId: 'console',
  author: 'Console',
  channel: 'panel',
  guild: null,
  text: 'ping',
  startedAt: Date.now() - 5_000,
  ms: 12,
  outcome: 'finished',
  detail: null,
  errorId: null,
  ...over,
});

describe('RunningHistory', () => {
  it('lists finished invocations newest first, failures with a link to their log entry', async () => {
    let history = [
      ended(1),
      ended(2, { command: 'boom', outcome: 'failed', detail: 'kaboom', errorId: 'deadbeef' }),
    ];
    const client = runtimeFake().handle('invocations.history', () => ({ invocations: history }));
    render(
      <ApiProvider client={client}>
        <RunningHistory />
      </ApiProvider>,
    );
    const table = await screen.findByRole('table', { name: 'Finished invocations' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-finished'))).toEqual(['2', '1']);
    expect(within(rows[0]!).getByText('failed')).toBeTruthy();
    expect(within(rows[0]!).getByRole('link', { name: 'error id deadbeef' }).getAttribute('href')).toBe(
      '#/logs?find=deadbeef',
    );

    // when the running list changes, something may have ended: it reads the history again
    history = [...history, ended(3, { command: 'wait', outcome: 'cancelled', detail: 'stopped' })];
    await act(async () => useRunningStore.getState().setInvocations([invocation(9)]));
    await screen.findByText('stopped');
    expect(within(table).getAllByRole('row')).toHaveLength(4);
  });

  it('says when nothing has finished, and shows a failed load clearly', async () => {
    const empty = runtimeFake();
    const { unmount } = render(
      <ApiProvider client={empty}>
        <RunningHistory />
      </ApiProvider>,
    );
    await screen.findByText('Nothing has finished yet.');
    unmount();
    const broken = runtimeFake().handle('invocations.history', () => {
      throw new Error('runtime restarting');
    });
    render(
      <ApiProvider client={broken}>
        <RunningHistory />
      </ApiProvider>,
    );
    await screen.findByText(/Could not load the history/);
  });
});

describe('formatTook', () => {
  it('shows short runs in ms or seconds and long ones as a duration', () => {
    expect(formatTook(12)).toBe('12 ms');
    expect(formatTook(4_250)).toBe('4.3 s');
    expect(formatTook(90_000)).toBe(formatDuration(90_000));
  });
});
