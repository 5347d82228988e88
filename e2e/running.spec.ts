import { expect, test } from './support/fixtures';
import { goTo, openPanel, runInConsole } from './support/panel';
import { saveScreenshot } from './support/screenshots';

test.describe('Running view', () => {
  test('shows a running countdown with a ticking elapsed time, and cancels it', async ({
    page,
    runtime,
    api,
  }) => {
    await openPanel(page, runtime.url, 'running');
    await expect(page.getByTestId('running-count')).toHaveText('Nothing running');
    const group = await runInConsole(page, 'countdown 30');
    await expect(group.locator('.cout').first()).toHaveText('30');

    // Two more for a realistic screenshot: a longer countdown and a quiz waiting for an answer.
    await api.call('console.exec', { line: 'countdown 2m' });
    await api.call('console.exec', { line: 'quiz' });

    await goTo(page, 'Running');
    await expect(page.getByTestId('running-count')).toHaveText('3 running · 2 looping · 1 awaiting input');
    const row = page
      .getByRole('table', { name: 'Running invocations' })
      .getByRole('row')
      .filter({ hasText: 'countdown 30' });
    await expect(row).toHaveCount(1);
    await expect(row.locator('[data-state="looping"]')).toBeVisible();
    await expect(row).toContainText('Console');
    const elapsed = row.getByTestId('elapsed');
    const first = await elapsed.textContent();
    await expect(elapsed).not.toHaveText(first ?? '', { timeout: 4_000 });
    await saveScreenshot(page, 'running');

    await row.getByRole('button', { name: /^Cancel #\d+ countdown$/ }).click();
    await expect(row).toHaveCount(0);
    await expect(page.getByTestId('running-count')).toHaveText('2 running · 1 looping · 1 awaiting input');
    for (const inv of (await api.call('invocations.list', {})).invocations) {
      await page.getByRole('button', { name: `Cancel #${inv.id} ${inv.command}` }).click();
    }
    await expect(page.getByTestId('running-count')).toHaveText('Nothing running');
    expect((await api.call('invocations.list', {})).invocations).toEqual([]);
  });
});
