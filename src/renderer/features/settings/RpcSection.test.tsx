import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/api-context';
import { runtimeFake } from '../../test-support/fake-client';
import { SettingsView } from './SettingsView';
import { useSettingsStore } from './settings-store';

const initial = useSettingsStore.getState();
beforeEach(() => useSettingsStore.setState(initial, true));
afterEach(cleanup);
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
const row = (path: string) => document.querySelector<HTMLElement>(`[data-path="${path}"]`)!;

async function renderSettings(token: string | null) {
  let current = token;
  const client = runtimeFake()
    .handle('rpc.token', () => ({ token: current, file: '/data/rpc-token' }))
    .handle('rpc.rotateToken', () => {
      current = 'fresh-token';
      return { token: current, file: '/data/rpc-token' };
    });
  render(
    <ApiProvider client={client}>
      <SettingsView />
    </ApiProvider>,
  );
  await settle();
  return client;
}

describe('Settings › RPC server', () => {
  it('edits enable and port with the shared schema', async () => {
    await renderSettings(null);
    expect(within(row('rpc.enabled')).getByRole('switch')).toBeTruthy();
    const port = within(row('rpc.port')).getByRole('textbox');
    expect((port as HTMLInputElement).value).toBe('6133');
    fireEvent.change(port, { target: { value: '70000' } });
    expect(row('rpc.port').textContent).toMatch(/65535|at most/i);
  });

  it('hides the token until asked, and rotates it after a confirmation', async () => {
    const client = await renderSettings('old-token-value');
    const tokenRow = screen.getByTestId('rpc-token');
    expect(tokenRow.textContent).not.toContain('old-token-value');
    fireEvent.click(within(tokenRow).getByRole('button', { name: 'Show' }));
    expect(tokenRow.textContent).toContain('old-token-value');
    fireEvent.click(within(tokenRow).getByRole('button', { name: 'Rotate' }));
    fireEvent.click(screen.getAllByRole('button', { name: 'Rotate' }).at(-1)!);
    await settle();
    expect(client.calls.some((c) => c.method === 'rpc.rotateToken')).toBe(true);
    expect(screen.getByTestId('rpc-token').textContent).toContain('fresh-token');
  });

  it('says when no token exists yet', async () => {
    await renderSettings(null);
    expect(screen.getByTestId('rpc-token').textContent).toContain('Generated when the server first starts');
  });
});
