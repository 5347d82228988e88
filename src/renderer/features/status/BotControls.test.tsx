import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../../shared/contract';
import type { Status } from '../../../shared/dto/status';
import { ApiProvider } from '../../api/api-context';
import { runtimeFake, SAMPLE_STATUS, type FakeClient } from '../../test-support/fake-client';
import { attachMetricsFeed } from './metrics-feed';
import { useMetricsStore } from './metrics-store';
import { StatusView } from './StatusView';
import { useStatusStore } from './status-store';

const IRC = {
  id: 'irc',
  network: 'irc' as const,
  label: 'IRC',
  state: 'connected' as const,
  latencyMs: 40,
  guilds: 1,
  channels: 2,
  reconnects: 0,
  lastError: null,
};
const WITH_IRC: Status = { ...SAMPLE_STATUS, adapters: [...SAMPLE_STATUS.adapters, IRC] };
const stopped = (s: Status): Status => ({
  ...s,
  adapters: s.adapters.map((a) => (a.network === 'console' ? a : { ...a, state: 'stopped' as const })),
});

let client: FakeClient;
beforeEach(() => {
  useStatusStore.setState({ status: WITH_IRC, receivedAt: Date.now(), error: null });
  useMetricsStore.setState({ window: null, error: null });
  client = runtimeFake();
});
afterEach(cleanup);

function renderView() {
  return render(
    <ApiProvider client={client}>
      <StatusView />
    </ApiProvider>,
  );
}

describe('Status: bot controls', () => {
  it('stops and starts the network adapters, following the answer', async () => {
    client.handle('bot.stopAdapters', () => stopped(WITH_IRC)).handle('bot.startAdapters', () => WITH_IRC);
    renderView();
    const stop = screen.getByRole('button', { name: /stop bot/i });
    expect(screen.getByRole('button', { name: /start bot/i }).hasAttribute('disabled')).toBe(true);
    await act(async () => fireEvent.click(stop));
    expect(client.calls.some((c) => c.method === 'bot.stopAdapters')).toBe(true);
    expect(useStatusStore.getState().status!.adapters.find((a) => a.id === 'irc')!.state).toBe('stopped');
    expect(screen.getByRole('button', { name: /stop bot/i }).hasAttribute('disabled')).toBe(true);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /start bot/i })));
    expect(useStatusStore.getState().status!.adapters.find((a) => a.id === 'irc')!.state).toBe('connected');
  });

  it('asks the supervisor to restart and shows why when it refuses', async () => {
    client.handle('supervisor.restart', () => {
      throw new ApiCallError({ code: 'UNAVAILABLE', message: 'this runtime runs without a supervisor' });
    });
    renderView();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /restart runtime/i })));
    expect(client.calls.filter((c) => c.method === 'supervisor.restart')).toHaveLength(1);
    expect(screen.getByRole('alert').textContent).toMatch(/Restart failed: .*without a supervisor/);
  });
});

describe('Status: charts', () => {
  it('loads the window, shows the newest values and follows pushed ticks', async () => {
    const off = attachMetricsFeed(client, useMetricsStore);
    renderView();
    const activity = await screen.findByTestId('chart-activity');
    expect(within(activity).getByText('messages/s').textContent).toContain('2.50/s');
    expect(within(screen.getByTestId('chart-lag')).getByText(/worst delay/).textContent).toContain('12.4 ms');
    expect(within(screen.getByTestId('chart-latency')).getByText(/^irc/).textContent).toContain('50.0 ms');
    act(() => client.push('metrics', { t: 1_700_000_003_000, values: { messages: 12 } }));
    expect(within(screen.getByTestId('chart-activity')).getByText('messages/s').textContent).toContain(
      '12.0/s',
    );
    off();
  });

  it('says so when the window cannot be loaded', async () => {
    client.handle('metrics.get', () => {
      throw new ApiCallError({ code: 'RESTARTING', message: 'runtime restarting' });
    });
    const off = attachMetricsFeed(client, useMetricsStore);
    renderView();
    expect(await screen.findByText(/Could not load the charts: .*restarting/)).toBeTruthy();
    off();
  });
});
