import type { Page } from '@playwright/test';
import type { CallResult, EventFrame } from '../src/shared/contract';
import type { AdapterStatus, Status } from '../src/shared/dto/status';
import { expect, test } from './support/fixtures';
import { openPanel } from './support/panel';
import { saveScreenshot } from './support/screenshots';

const INTENTS_ERROR =
  'Discord refused a privileged intent (gateway close code 4014, disallowed intents). Switch on ' +
  '"Message Content Intent" in the Discord Developer Portal (your application → Bot → Privileged ' +
  'Gateway Intents), then connect again.';

/**
 * Discord and IRC cannot connect from this e2e, so the page sees them through stubs: every
 * `status.get` answer and every pushed `status` event of the real runtime gets these adapters
 * appended. Changing them here shows up with the next push (every 2 s), like a real adapter.
 */
async function stubAdapters(
  page: Page,
  adapters: Record<string, AdapterStatus>,
): Promise<(s: Status) => Status> {
  const withFakes = (status: Status): Status => ({
    ...status,
    adapters: [...status.adapters.filter((a) => !(a.id in adapters)), ...Object.values(adapters)],
  });
  await page.routeWebSocket(/\/api\/events/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      if (typeof message !== 'string') return ws.send(message);
      const frame = JSON.parse(message) as EventFrame;
      ws.send(
        JSON.stringify(
          frame.map((item) => (item.event === 'status' ? { ...item, data: withFakes(item.data) } : item)),
        ),
      );
    });
  });
  await page.route('**/api/status.get', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as CallResult<Status>;
    await route.fulfill({ response, json: body.ok ? { ok: true, data: withFakes(body.data) } : body });
  });
  return withFakes;
}

function adapterRow(page: Page, id: string) {
  return page.getByRole('table', { name: 'Adapters' }).locator(`tr[data-adapter="${id}"]`);
}

test.describe('Status: adapter controls', () => {
  test('the console adapter is always on: no Disconnect button, and the runtime refuses it too', async ({
    page,
    runtime,
    api,
  }) => {
    await openPanel(page, runtime.url, 'status');
    const consoleRow = adapterRow(page, 'console');
    await expect(consoleRow).toContainText('Console (panel)');
    await expect(consoleRow).toContainText('connected');
    await expect(consoleRow).toContainText('always on');
    await expect(consoleRow.getByRole('button')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^(Dis)?[Cc]onnect Console/ })).toHaveCount(0);

    await expect(api.call('adapters.disconnect', { id: 'console' })).rejects.toThrow(
      /the console adapter cannot be disconnected/,
    );
    await expect(api.call('adapters.connect', { id: 'no-such-adapter' })).rejects.toThrow(
      /no adapter "no-such-adapter"/,
    );
    await expect(consoleRow).toContainText('connected');
  });

  test('Connect / Disconnect per adapter: pending state, errors, the full last error, live updates', async ({
    page,
    runtime,
    api,
  }) => {
    const fakes: Record<string, AdapterStatus> = {
      discord: {
        id: 'discord',
        network: 'discord',
        label: 'Discord',
        state: 'error',
        latencyMs: null,
        guilds: 0,
        channels: 0,
        reconnects: 0,
        lastError: INTENTS_ERROR,
      },
      'irc-libera': {
        id: 'irc-libera',
        network: 'irc',
        label: 'Libera',
        state: 'connected',
        latencyMs: 84,
        guilds: 1,
        channels: 3,
        reconnects: 1,
        lastError: 'read ECONNRESET',
      },
    };
    const withFakes = await stubAdapters(page, fakes);
    const calls: { method: string; input: unknown }[] = [];
    let releaseDisconnect: () => void = () => undefined;
    const disconnectHeld = new Promise<void>((resolve) => (releaseDisconnect = resolve));
    await page.route('**/api/adapters.*', async (route) => {
      const method = new URL(route.request().url()).pathname.split('/').pop()!;
      calls.push({ method, input: route.request().postDataJSON() });
      if (method === 'adapters.connect') {
        await route.fulfill({
          status: 503,
          json: {
            ok: false,
            error: {
              code: 'UNAVAILABLE',
              message: 'Discord is not reachable (getaddrinfo ENOTFOUND gateway.discord.gg)',
              errorId: 'e2e-1',
            },
          },
        });
        return;
      }
      await disconnectHeld;
      fakes['irc-libera'] = {
        ...fakes['irc-libera']!,
        state: 'stopped',
        latencyMs: null,
        guilds: 0,
        channels: 0,
      };
      await route.fulfill({ json: { ok: true, data: withFakes(await api.call('status.get', {})) } });
    });

    await openPanel(page, runtime.url, 'status');
    const discord = adapterRow(page, 'discord');
    const irc = adapterRow(page, 'irc-libera');
    await expect(adapterRow(page, 'console').getByRole('button')).toHaveCount(0);

    // A failed adapter shows its whole error (it says what to switch on where), and Connect.
    await expect(discord).toContainText('error');
    const lastError = page.getByTestId('adapter-last-error');
    await expect(lastError).toContainText(
      'Developer Portal (your application → Bot → Privileged Gateway Intents)',
    );
    await expect(discord.getByRole('button', { name: /last error of Discord/ })).toHaveAttribute(
      'title',
      INTENTS_ERROR,
    );

    // Connect fails: the runtime's message, with its error id.
    await discord.getByRole('button', { name: 'Connect Discord' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'Connect failed: Discord is not reachable (getaddrinfo ENOTFOUND gateway.discord.gg) [e2e-1]',
    );
    await expect(discord.getByRole('button', { name: 'Connect Discord' })).toBeEnabled();
    expect(calls).toEqual([{ method: 'adapters.connect', input: { id: 'discord' } }]);
    await saveScreenshot(page, 'adapters');

    // Disconnect: pending until the runtime answers, then the Status it returns.
    const disconnect = irc.getByRole('button', { name: 'Disconnect Libera' });
    await disconnect.click();
    await expect(disconnect).toBeDisabled();
    await expect(disconnect).toHaveText('Disconnecting…');
    releaseDisconnect();
    await expect(irc.getByRole('button', { name: 'Connect Libera' })).toBeEnabled();
    await expect(irc).toContainText('stopped');
    expect(calls.at(-1)).toEqual({ method: 'adapters.disconnect', input: { id: 'irc-libera' } });

    // Pushed status events keep the table live.
    fakes['irc-libera'] = { ...fakes['irc-libera']!, state: 'reconnecting', reconnects: 2 };
    await expect(irc).toContainText('reconnecting');
    await expect(irc.getByRole('button', { name: 'Disconnect Libera' })).toBeVisible();

    // The short IRC error opens on demand; the Discord one closes.
    await irc.getByRole('button', { name: 'Show the last error of Libera' }).click();
    await expect(page.locator('[data-adapter-detail="irc-libera"]')).toContainText('read ECONNRESET');
    await discord.getByRole('button', { name: 'Hide the last error of Discord' }).click();
    await expect(page.locator('[data-adapter-detail="discord"]')).toContainText('Connect failed');
    await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.locator('[data-adapter-detail="discord"]')).toHaveCount(0);
  });
});
