import { expect, test } from '@playwright/test';
import { openPanel, runInConsole, setEditorText, outputsOf } from './support/panel';
import { startRuntime, type RuntimeHandle } from './support/runtime';

// Its own runtime: this spec stops and restarts the whole bot process.
let runtime: RuntimeHandle;
test.beforeAll(async () => {
  runtime = await startRuntime();
});
test.afterAll(async () => {
  await runtime?.stop();
});

test.describe('Sessions that survive a bot restart', () => {
  test('restart while an edit is unsaved: same URL, the panel reconnects, the edit and the console are still there', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await openPanel(page, runtime.url, 'console');
    const ping = await runInConsole(page, 'ping');
    await expect(outputsOf(ping)).toHaveText(['pong']);

    await page.goto(`${runtime.baseUrl}/#/commands`);
    const group = page.getByRole('region', { name: 'echo.ts' });
    await group.getByTitle('Open echo.ts in the editor').click();
    await expect(page.getByText('saved', { exact: true })).toBeVisible();
    const edit = '// an edit nobody saved yet';
    await setEditorText(page, edit);
    await expect(page.getByTestId('unsaved')).toBeVisible();

    // the whole bot goes down and comes back with the same data dir
    const first = runtime;
    await first.kill();
    await expect(page.getByTestId('connection')).not.toHaveText('Live');
    runtime = await startRuntime({ root: first.root });
    expect(runtime.url).toBe(first.url); // the printed link stays valid: same port, same token
    await expect(page.getByTestId('connection')).toHaveText('Live', { timeout: 20_000 });
    await expect(page.locator('.cm-content')).toContainText(edit);

    // a reload of the page keeps the session, the unsaved edit and the console transcript
    page.once('dialog', (dialog) => void dialog.accept()); // "leave with unsaved changes?"
    await page.reload();
    await expect(page.getByTestId('connection')).toHaveText('Live');
    await expect(page.locator('.cm-content')).toContainText(edit);
    await expect(page.getByTestId('unsaved')).toBeVisible();
    await page.goto(`${runtime.baseUrl}/#/console`);
    await expect(
      page.getByRole('log', { name: 'Console output' }).getByRole('article', { name: 'ping', exact: true }),
    ).toHaveCount(1);
  });
});
