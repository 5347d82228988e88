import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/api-context';
import { FakeClient, SAMPLE_INFO } from '../../test-support/fake-client';
import { RuntimeInfo } from './RuntimeInfo';

afterEach(cleanup);

async function show(client: FakeClient) {
  render(
    <ApiProvider client={client}>
      <RuntimeInfo info={SAMPLE_INFO} />
    </ApiProvider>,
  );
  await act(async () => new Promise((r) => setTimeout(r, 0)));
}

describe('RuntimeInfo', () => {
  it('shows the runtime process: pid, restarts and the last restart, kept current by events', async () => {
    const client = new FakeClient().handle('supervisor.status', () => ({
      state: 'running',
      runtimePid: 4242,
      restarts: 0,
      lastRestart: null,
      message: null,
    }));
    await show(client);
    expect(screen.getByTestId('runtime-process').textContent).toBe('pid 4242 · 0 restarts');
    act(() =>
      client.push('supervisor', {
        state: 'running',
        runtimePid: 4243,
        restarts: 1,
        lastRestart: {
          reason: 'crash',
          at: new Date().toISOString(),
          message: 'exited',
          culprit: { file: 'crash.ts', command: 'crash', invocationId: 2 },
          quarantined: true,
        },
        message: null,
      }),
    );
    expect(screen.getByTestId('runtime-process').textContent).toMatch(
      /^pid 4243 · 1 restart · last: crash in crash\.ts \(quarantined\) at /,
    );
  });

  it('leaves the row out without a supervisor', async () => {
    await show(new FakeClient());
    expect(screen.queryByTestId('runtime-process')).toBeNull();
  });
});
