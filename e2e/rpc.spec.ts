import type { Page } from '@playwright/test';
import { RpcClient } from '../src/rpc-client';
import { expect, test } from './support/fixtures';
import { goTo, openPanel } from './support/panel';
import { saveScreenshot } from './support/screenshots';

const field = (page: Page, path: string) => page.locator(`[data-path="${path}"]`);

test.describe('RPC server in the panel', () => {
  test('enabled in Settings, it shows on Status with its traffic; the token rotates from Settings', async ({
    page,
    runtime,
    api,
  }) => {
    const before = await api.call('config.get', {});
    try {
      await openPanel(page, runtime.url, 'settings');
      await field(page, 'rpc.port').getByRole('textbox').fill('0');
      await field(page, 'rpc.enabled').getByRole('switch').check();
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(async () => (await api.call('rpc.status', {})).running).toBe(true);

      const { endpoint } = await api.call('rpc.status', {});
      const { token } = await api.call('rpc.token', {});
      const client = RpcClient.connect({ endpoint: endpoint!, token: token!, requester: 'e2e' });
      try {
        expect(await client.request('core', 'ping')).toBe('pong');
        expect((await client.call('e2e', 'missing')).status).toBe(404);
      } finally {
        client.close();
      }

      await goTo(page, 'Status');
      const panel = page.getByRole('region', { name: 'RPC server' });
      await expect(panel.getByTestId('rpc-state')).toHaveText(`on · ${endpoint}`);
      await expect(panel.getByRole('list', { name: 'Last RPC errors' })).toContainText('unknown cog "e2e"');
      await saveScreenshot(page, 'status-rpc');

      await goTo(page, 'Settings');
      const tokenRow = page.getByTestId('rpc-token');
      await tokenRow.getByRole('button', { name: 'Show' }).click();
      await expect(tokenRow).toContainText(token!);
      await tokenRow.getByRole('button', { name: 'Rotate' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Rotate' }).click();
      await expect(tokenRow).not.toContainText(token!);
      const rotated = (await api.call('rpc.token', {})).token!;
      await expect(tokenRow).toContainText(rotated);
    } finally {
      await api.call('config.set', { config: before.stored, secrets: {} });
    }
  });
});
