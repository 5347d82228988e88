import { randomUUID } from 'node:crypto';
import type { Page, WebSocketRoute } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { openPanel } from './support/panel';
import { saveScreenshot } from './support/screenshots';

function logLine(page: Page, text: string) {
  return page.getByRole('log', { name: 'Log lines' }).getByText(text, { exact: true });
}

/** The row whose message is `text` (its details open in the drawer, `logDrawer`). */
function logRow(page: Page, text: string) {
  return page
    .getByRole('log', { name: 'Log lines' })
    .locator('.log-row')
    .filter({ has: page.getByText(text, { exact: true }) });
}

/**
 * Filters the list down to `text`: the runtime is shared by the worker's specs, so an early line
 * such as "bot running" may have scrolled out of the fixed-height list by the time a spec runs.
 */
async function filterLines(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Filter log lines' }).fill(text);
}

/** The drawer showing the selected line's fields and stack. */
function logDrawer(page: Page) {
  return page.getByRole('complementary', { name: /^Log line -?\d+$/ });
}

test.describe('browser-mode panel', () => {
  test('loads with its token and removes it from the address bar; without the token it is refused', async ({
    page,
    runtime,
    playwright,
  }) => {
    await openPanel(page, runtime.url);
    await expect(page).toHaveTitle('ProtOS Panel');
    expect(page.url()).not.toContain('token=');
    await expect(page.locator('.brand')).toContainText('ProtOS Panel');
    await expect(page.locator('.app-header .chip')).toHaveText('browser');

    // A reload of the stripped URL still works (token kept in session storage, page via cookie).
    await page.reload();
    await expect(page.getByTestId('connection')).toHaveText('Live');

    const anonymous = await playwright.request.newContext();
    try {
      const pageRes = await anonymous.get(`${runtime.baseUrl}/`);
      expect(pageRes.status()).toBe(401);
      expect(await pageRes.text()).toContain('open the panel with the URL the bot printed');
      const apiRes = await anonymous.post(`${runtime.baseUrl}/api/status.get`, { data: {} });
      expect(apiRes.status()).toBe(401);
      const wrongToken = await anonymous.get(`${runtime.baseUrl}/?token=not-the-token`);
      expect(wrongToken.status()).toBe(401);
    } finally {
      await anonymous.dispose();
    }
  });

  test('a tab without the token shows how to get in instead of a blank page', async ({
    page,
    runtime,
    browser,
  }) => {
    await openPanel(page, runtime.url);
    // Same browser, new tab without the token: the session cookie lets it in.
    const sibling = await page.context().newPage();
    await sibling.goto(`${runtime.baseUrl}/#/status`);
    await expect(sibling.getByTestId('connection')).toHaveText('Live');
    await sibling.close();
    // Another browser (no cookie, no token): the server says how to get in.
    const other = await browser.newContext();
    const stranger = await other.newPage();
    const refused = await stranger.goto(`${runtime.baseUrl}/`);
    expect(refused?.status()).toBe(401);
    await expect(stranger.getByText('open the panel with the URL the bot printed')).toBeVisible();
    await other.close();

    // A stale token (rotated, or another data dir) is refused by the API even with the
    // session cookie: the panel says so.
    const tab = await page.context().newPage();
    await tab.goto(`${runtime.baseUrl}/?token=stale-token-from-an-old-launch`);
    await expect(tab.getByRole('heading', { name: 'This panel link has expired' })).toBeVisible();
    await saveScreenshot(tab, 'token-rejected');
    await tab.close();
  });

  test('Status shows the running runtime, its adapters and paths', async ({ page, runtime }) => {
    await openPanel(page, runtime.url, 'status');
    await expect(page.getByTestId('runtime-state')).toHaveText('running');
    const adapters = page.getByRole('table', { name: 'Adapters' });
    await expect(adapters.getByRole('row')).not.toHaveCount(1);
    await expect(adapters).toContainText('Console');
    await expect(page.getByText(runtime.dataDir, { exact: true })).toBeVisible();
    await expect(page.getByText(runtime.commandsDir, { exact: true })).toBeVisible();

    // Uptime ticks on its own between status pushes.
    const uptime = page.getByTestId('uptime').locator('.stat-value');
    const first = await uptime.textContent();
    await expect(uptime).not.toHaveText(first ?? '', { timeout: 4_000 });
  });

  test('a line logged after the page loaded appears live; a higher level filter hides it', async ({
    page,
    runtime,
    api,
  }) => {
    await openPanel(page, runtime.url, 'logs');
    await filterLines(page, 'bot running');
    await expect(logLine(page, 'bot running')).toBeVisible();
    await filterLines(page, '');

    const msg = `operator note ${randomUUID()}`;
    await api.call('logs.emit', { level: 'info', msg });
    await expect(logLine(page, msg)).toBeVisible();

    const minLevel = page.getByRole('combobox', { name: 'Minimum level' });
    await minLevel.selectOption('warn');
    await expect(logLine(page, msg)).toHaveCount(0);
    const warning = `warning note ${randomUUID()}`;
    await api.call('logs.emit', { level: 'warn', msg: warning });
    await expect(logLine(page, warning)).toBeVisible();

    await minLevel.selectOption('trace');
    await expect(logLine(page, msg)).toBeVisible();

    // The text filter matches the message; non-matching lines go.
    const filter = page.getByRole('searchbox', { name: 'Filter log lines' });
    await filter.fill(msg.split(' ')[2]!);
    await expect(logLine(page, msg)).toBeVisible();
    await expect(logLine(page, warning)).toHaveCount(0);
    await filter.fill('');
    await expect(logLine(page, warning)).toBeVisible();
  });

  test('clicking a line shows its fields; pausing counts new lines', async ({ page, runtime, api }) => {
    await openPanel(page, runtime.url, 'logs');
    await filterLines(page, 'bot running');
    const running = logRow(page, 'bot running');
    await running.locator('.log-line').click();
    await expect(logDrawer(page)).toContainText('dataDir');
    await expect(logDrawer(page)).toContainText(runtime.dataDir);
    await filterLines(page, '');

    await page.getByRole('button', { name: 'Following' }).click();
    await expect(page.getByRole('button', { name: /^Paused/ })).toBeVisible();
    for (let i = 0; i < 3; i++) await api.call('logs.emit', { level: 'info', msg: `while paused ${i}` });
    const pill = page.getByRole('button', { name: /new lines?$/ });
    await expect(pill).toHaveText(/^[3-9]\d* new lines$/);
    await pill.click();
    await expect(page.getByRole('button', { name: 'Following' })).toBeVisible();
    await expect(logLine(page, 'while paused 2')).toBeVisible();
  });

  test('reconnects after the event stream drops and catches up on lines it missed', async ({
    page,
    runtime,
    api,
  }) => {
    const sockets: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/api\/events/, (ws) => {
      ws.connectToServer();
      sockets.push(ws);
    });
    await openPanel(page, runtime.url, 'logs');
    await filterLines(page, 'bot running');
    await expect(logLine(page, 'bot running')).toBeVisible();
    await filterLines(page, '');
    const catchUp = page.waitForRequest(
      (req) =>
        req.url().endsWith('/api/logs.tail') &&
        typeof (req.postDataJSON() as { afterSeq?: unknown }).afterSeq === 'number',
    );

    await sockets[0]!.close({ code: 1012, reason: 'dropped by the test' });
    await expect(page.getByTestId('connection')).toContainText('Reconnecting');
    const missed = `written while the panel was offline ${randomUUID()}`;
    await api.call('logs.emit', { level: 'warn', msg: missed });

    await expect(page.getByTestId('connection')).toHaveText('Live');
    await catchUp;
    await expect(logLine(page, missed)).toHaveCount(1);
    expect(sockets).toHaveLength(2);

    // Live again: new lines arrive over the new socket.
    const after = `after the reconnect ${randomUUID()}`;
    await api.call('logs.emit', { level: 'info', msg: after });
    await expect(logLine(page, after)).toBeVisible();
  });

  test('the runtime log level can be changed from the panel', async ({ page, runtime, api }) => {
    await openPanel(page, runtime.url, 'logs');
    const select = page.getByRole('combobox', { name: 'Runtime log level' });
    await expect(select).toHaveValue('info');
    await select.selectOption('debug');
    await expect.poll(async () => (await api.call('logs.getLevel', {})).level).toBe('debug');
    await expect(logLine(page, 'log level changed from the panel')).toBeVisible();
    await select.selectOption('info');
    await expect.poll(async () => (await api.call('logs.getLevel', {})).level).toBe('info');
  });

  test('screenshots of Logs (every level, one line expanded) and Status (recent problems)', async ({
    page,
    runtime,
    api,
  }) => {
    await api.call('logs.setLevel', { level: 'trace' });
    try {
      const lines: [Parameters<typeof api.call<'logs.emit'>>[1]['level'], string][] = [
        ['trace', 'tokeniser: 3 tokens from "!echo hello world"'],
        ['debug', 'pipeline: detection matched prefix "!" for message 1187'],
        ['info', 'command echo finished in 4 ms'],
        ['warn', 'adapter irc: latency 812 ms is above the 500 ms budget'],
        ['error', 'command roll failed: dice expression "2d" is incomplete'],
        ['info', 'reloaded 12 commands (generation 4) in 38 ms'],
        ['fatal', 'database global.sqlite is read-only; refusing to continue'],
        ['info', 'operator opened the panel'],
      ];
      for (const [level, msg] of lines) await api.call('logs.emit', { level, msg });
      await openPanel(page, runtime.url, 'logs');
      await expect(logLine(page, 'operator opened the panel')).toBeVisible();
      // a line just written (early ones such as "bot running" have scrolled away in a shared runtime)
      const row = logRow(page, 'command roll failed: dice expression "2d" is incomplete');
      await row.locator('.log-line').click();
      await expect(logDrawer(page).locator('.log-details')).toBeVisible();
      await saveScreenshot(page, 'logs');

      await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Status' }).click();
      await expect(page.getByTestId('runtime-state')).toHaveText('running');
      await expect(page.getByText('database global.sqlite is read-only; refusing to continue')).toBeVisible();
      await saveScreenshot(page, 'status');
    } finally {
      await api.call('logs.setLevel', { level: 'info' });
    }
  });
});
