import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../shared/config/schema';
import { ApiProvider } from '../../api/api-context';
import { configSnapshot, runtimeFake, SAMPLE_STATUS } from '../../test-support/fake-client';
import { useStatusStore } from '../status/status-store';
import { useRestartHint } from './restart-hint';
import { SettingsView } from './SettingsView';
import { useSettingsStore } from './settings-store';

const initial = useSettingsStore.getState();
beforeEach(() => {
  useSettingsStore.setState(initial, true);
  useRestartHint.getState().clear();
  useStatusStore.setState({ status: SAMPLE_STATUS, receivedAt: Date.now(), error: null });
});
afterEach(cleanup);

const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
const row = (path: string) => document.querySelector<HTMLElement>(`[data-path="${path}"]`)!;

async function renderSettings() {
  let stored: unknown = defaultConfig();
  const client = runtimeFake()
    .handle('config.get', () => configSnapshot({ stored }))
    .handle('config.set', ({ config }) => {
      stored = config;
      return { ok: true as const, revision: 'rev-1' };
    })
    .handle('supervisor.restart', () => ({ accepted: true as const }));
  render(
    <ApiProvider client={client}>
      <SettingsView />
    </ApiProvider>,
  );
  await settle();
  return client;
}

async function setAndSave(path: string, value: string): Promise<void> {
  fireEvent.change(within(row(path)).getByRole('textbox'), { target: { value } });
  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
  await settle();
}

describe('Settings: restart required', () => {
  it('shows no hint for a change that applies live', async () => {
    await renderSettings();
    await setAndSave('pipeline.maxLength', '4000');
    expect(screen.queryByTestId('restart-hint')).toBeNull();
  });

  it('names the saved key that needs a restart; Restart now asks the supervisor; a new runtime clears it', async () => {
    const client = await renderSettings();
    await setAndSave('logging.ringSize', '20000');
    const hint = screen.getByTestId('restart-hint');
    expect(hint.textContent).toContain('logging.ringSize');
    await act(async () => fireEvent.click(within(hint).getByRole('button', { name: /restart now/i })));
    expect(client.calls.filter((c) => c.method === 'supervisor.restart')).toHaveLength(1);
    expect(screen.getByTestId('restart-hint')).toBeTruthy(); // until the new runtime is there
    act(() => useStatusStore.getState().setStatus({ ...SAMPLE_STATUS, pid: SAMPLE_STATUS.pid + 1 }));
    expect(screen.queryByTestId('restart-hint')).toBeNull();
  });
});
