import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SupervisorStatus } from '../../shared/dto/supervisor';
import { ApiProvider } from '../api/api-context';
import { FakeClient } from '../test-support/fake-client';
import { RuntimeBanner } from './RuntimeBanner';

afterEach(cleanup);

const RUNNING: SupervisorStatus = {
  state: 'running',
  runtimePid: 1,
  restarts: 0,
  lastRestart: null,
  message: null,
};
const RESTART = {
  reason: 'stall' as const,
  at: '2026-12-03T02:00:00.000Z',
  message: 'the runtime stalled for 5000 ms in loop.ts (loop #3)',
  culprit: { file: 'loop.ts', command: 'loop', invocationId: 3 },
  quarantined: true,
};

async function setup(first: SupervisorStatus = RUNNING) {
  const client = new FakeClient().handle('supervisor.status', () => first);
  render(
    <ApiProvider client={client}>
      <RuntimeBanner />
    </ApiProvider>,
  );
  await act(async () => new Promise((r) => setTimeout(r, 0)));
  return client;
}

describe('RuntimeBanner', () => {
  it('shows nothing while the runtime runs as it started', async () => {
    await setup();
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('"runtime restarting…" with the reason and culprit, then a dismissable note', async () => {
    const client = await setup();
    act(() =>
      client.push('supervisor', {
        ...RUNNING,
        state: 'restarting',
        runtimePid: null,
        restarts: 1,
        lastRestart: RESTART,
      }),
    );
    expect(screen.getByRole('status').textContent).toMatch(
      /Runtime restarting… the runtime stalled.*Culprit: loop\.ts \(loop #3\), quarantined/,
    );
    act(() => client.push('supervisor', { ...RUNNING, restarts: 1, lastRestart: RESTART }));
    expect(screen.getByRole('status').textContent).toContain('The runtime was restarted at');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says so when the supervisor gave up', async () => {
    await setup({ ...RUNNING, state: 'gave-up', runtimePid: null, message: 'failed twice within 60 s' });
    expect(screen.getByRole('alert').textContent).toContain('not restarted again: failed twice within 60 s');
  });

  it('shows nothing when the runtime has no supervisor to ask', async () => {
    render(
      <ApiProvider client={new FakeClient()}>
        <RuntimeBanner />
      </ApiProvider>,
    );
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(screen.queryByRole('status')).toBeNull();
  });
});
