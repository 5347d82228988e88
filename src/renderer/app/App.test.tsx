import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useCommandsStore } from '../features/commands/commands-store';
import { useLogsStore } from '../features/logs/logs-store';
import { useStatusStore } from '../features/status/status-store';
import { logEntries, runtimeFake, SAMPLE_STATUS } from '../test-support/fake-client';
import { App } from './App';

const initialLogs = useLogsStore.getState();
const initialStatus = useStatusStore.getState();
const initialCommands = useCommandsStore.getState();

beforeEach(() => {
  useLogsStore.setState(initialLogs, true);
  useStatusStore.setState(initialStatus, true);
  useCommandsStore.setState(initialCommands, true);
  window.location.hash = '';
});
afterEach(() => {
  cleanup();
});

async function renderApp(client = runtimeFake(logEntries(0, 2))) {
  const view = render(<App client={client} />);
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return { client, ...view };
}

describe('App shell', () => {
  it('shows the navigation, the app name and version, the mode and the connection', async () => {
    await renderApp();
    const nav = screen.getByRole('navigation', { name: 'Views' });
    const labels = within(nav)
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(labels).toEqual([
      'Status',
      'Logs',
      'Commands',
      'Console',
      'Running',
      'Audio',
      'Audit',
      'Settings',
      'Database',
    ]);
    expect(within(nav).getByRole('link', { name: 'Status' }).getAttribute('aria-current')).toBe('page');
    const header = document.querySelector('.app-header')!;
    expect(header.textContent).toContain('ProtOS Panel');
    expect(header.textContent).toContain('v9.8.7');
    expect(header.textContent).toContain('browser');
    expect(screen.getByTestId('connection').textContent).toBe('Live');
  });

  it('renders Status from status.get and live status events', async () => {
    const { client } = await renderApp();
    expect(screen.getByTestId('runtime-state').textContent).toBe('running');
    const adapters = screen.getByRole('table', { name: 'Adapters' });
    expect(within(adapters).getAllByRole('row')).toHaveLength(3);
    expect(adapters.textContent).toContain('Libera');
    expect(adapters.textContent).toContain('ETIMEDOUT');
    expect(screen.getByText('/srv/protos/data/config.json')).toBeTruthy();
    act(() => client.push('status', { ...SAMPLE_STATUS, state: 'stopping' }));
    expect(screen.getByTestId('runtime-state').textContent).toBe('stopping');
  });

  it('shows the reconnect state in the header and a stale-data banner', async () => {
    const { client } = await renderApp();
    act(() => client.setConnection({ state: 'reconnecting', attempt: 2, nextRetryAt: Date.now() + 3000 }));
    expect(screen.getByTestId('connection').textContent).toMatch(/^Reconnecting · retry in \ds$/);
    expect(screen.getByText(/Lost the connection to the runtime/)).toBeTruthy();
    act(() => client.setConnection({ state: 'connected' }));
    expect(screen.queryByText(/Lost the connection to the runtime/)).toBeNull();
  });

  it('wires Commands, Console, Running, Settings and the Pipeline tab to the runtime', async () => {
    const { client } = await renderApp();
    const go = async (hash: string) => {
      await act(async () => {
        window.location.hash = hash;
        window.dispatchEvent(new HashChangeEvent('hashchange'));
        await new Promise((resolve) => setTimeout(resolve, 0));
      });
    };
    expect(client.calls.map((c) => c.method)).toEqual(
      expect.arrayContaining(['commands.list', 'invocations.list', 'pipeline.traces']),
    );
    await go('#/commands');
    expect(screen.getByRole('region', { name: 'Commands' }).textContent).toContain('echo.ts:5:15');
    await go('#/console');
    expect(screen.getByRole('textbox', { name: 'Command' })).toBeTruthy();
    await go('#/running');
    expect(screen.getByText('No command is running')).toBeTruthy();
    await go('#/settings');
    expect(screen.getByRole('heading', { name: 'Pipeline', level: 2 })).toBeTruthy();
    await go('#/logs/pipeline');
    expect(screen.getByRole('link', { name: 'Pipeline' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('trace-counts').textContent).toBe('0 traces');
  });

  it('shows the Logs view with the level filter wired to the store', async () => {
    window.location.hash = '#/logs';
    await renderApp();
    expect(screen.getByTestId('log-counts').textContent).toBe('3 lines');
    fireEvent.change(screen.getByRole('combobox', { name: 'Minimum level' }), { target: { value: 'error' } });
    expect(useLogsStore.getState().filter.minLevel).toBe('error');
    expect(screen.getByTestId('log-counts').textContent).toBe('0 of 3 lines match');
    expect(screen.getByText(/No line matches the filter/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reset filter' }));
    expect(screen.getByTestId('log-counts').textContent).toBe('3 lines');
  });

  it('asks for the printed URL instead of showing an empty panel when there is no token', async () => {
    const client = runtimeFake();
    client.setConnection({ state: 'unauthorized', reason: 'missing-token' });
    await renderApp(client);
    expect(screen.getByRole('heading', { name: 'Open the URL printed by the bot' })).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(client.calls).toHaveLength(0);
  });

  it('says the link expired when the runtime refuses the token later', async () => {
    const { client } = await renderApp();
    act(() => client.setConnection({ state: 'unauthorized', reason: 'rejected-token' }));
    expect(screen.getByRole('heading', { name: 'This panel link has expired' })).toBeTruthy();
  });
});
