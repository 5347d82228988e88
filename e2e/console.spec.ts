import { expect, test } from './support/fixtures';
import { openPanel, outputsOf, runInConsole } from './support/panel';
import { saveScreenshot } from './support/screenshots';

test.describe('Console view', () => {
  test('runs commands as on the terminal: grouped answers, errors, chips and code, history', async ({
    page,
    runtime,
  }) => {
    await openPanel(page, runtime.url, 'console');
    const help = await runInConsole(page, 'help echo');
    await expect(outputsOf(help).first()).toContainText('Usage: echo [message]');

    const echo = await runInConsole(page, 'echo hi <@123> and <b>bold</b>');
    await expect(outputsOf(echo)).toHaveText(['hi @123 and <b>bold</b>']);
    await expect(echo.locator('.mention-chip')).toHaveText('@123');
    await expect(echo.locator('b')).toHaveCount(0);

    const code = await runInConsole(page, "echo '```ts\nconst answer = 42;\n```'");
    await expect(code.locator('pre.ccode-block')).toContainText('const answer = 42;');

    const unknown = await runInConsole(page, 'nosuchcommand');
    await expect(unknown).toHaveClass(/failed/);
    await expect(unknown.locator('[data-kind="error"]')).toContainText('Unknown command');

    const countdown = await runInConsole(page, 'countdown 2');
    await expect(outputsOf(countdown)).toHaveText(['2', '1', 'Liftoff!'], { timeout: 8_000 });
    await saveScreenshot(page, 'console');

    // ↑ walks back through what was run; the history survives a reload of the page.
    const input = page.getByRole('textbox', { name: 'Command' });
    await input.press('ArrowUp');
    await expect(input).toHaveValue('countdown 2');
    await input.press('ArrowUp');
    await expect(input).toHaveValue('nosuchcommand');
    await input.press('ArrowDown');
    await input.press('ArrowDown');
    await expect(input).toHaveValue('');

    await page.getByRole('button', { name: /Clear/ }).click();
    await expect(page.getByText('Run a command')).toBeVisible();

    await page.reload();
    await expect(page.getByTestId('connection')).toHaveText('Live');
    await page.getByRole('textbox', { name: 'Command' }).press('ArrowUp');
    await expect(page.getByRole('textbox', { name: 'Command' })).toHaveValue('countdown 2');
  });
});
