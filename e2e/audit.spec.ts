import path from 'node:path';
import { expect, test } from './support/fixtures';
import { expectShellInPlace, goTo, openPanel, outputsOf, runInConsole } from './support/panel';
import { REPO_ROOT } from './support/runtime';

/** The Audit view's screenshots go to test-results for people to look at. */
const shot = (name: string) => path.join(REPO_ROOT, 'test-results', `${name}.png`);

test.describe('Audit view and console images', () => {
  test('an entry created from the Console view shows in the Audit view, live and filtered', async ({
    page,
    runtime,
    api,
  }) => {
    await openPanel(page, runtime.url, 'console');
    const reload = await runInConsole(page, 'reloadCommands');
    await expect(outputsOf(reload).first()).toContainText('Reloaded commands');
    const mode = await runInConsole(page, 'badword mode mask');
    await expect(outputsOf(mode).first()).toHaveText('Bad-word mode: mask.');

    await goTo(page, 'Audit');
    const view = page.getByRole('region', { name: 'Audit', exact: true });
    await expect(view.getByRole('button', { name: /Console/ })).toHaveAttribute('aria-current', 'true');
    const rows = view.locator('tbody tr[data-entry]');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('badword mode');
    await expect(rows.nth(0)).toContainText('set the bad-word mode to mask');
    await expect(rows.nth(1)).toContainText('reloadCommands');
    await expect(view.getByText(/audit channel is this view/)).toBeVisible();

    // live: a note written while the view is open appears without a refresh
    await api.call('audit.record', { message: 'maintenance window starts' });
    await expect(rows.first()).toContainText('maintenance window starts');
    await expect(rows).toHaveCount(3);

    // filters narrow the table (server-side search)
    await view.getByRole('searchbox', { name: 'Command' }).fill('reload');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('reloadCommands');
    await view.getByRole('searchbox', { name: 'Command' }).fill('');
    await expect(rows).toHaveCount(3);

    for (const [w, h] of [
      [800, 600],
      [1024, 700],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await expect(rows).toHaveCount(3);
      await expectShellInPlace(page);
      await page.screenshot({ path: shot(`audit-${w}x${h}`), animations: 'disabled', caret: 'hide' });
    }

    // export: a CSV download with the three entries
    const download = page.waitForEvent('download');
    await view.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^audit-console-.*\.csv$/);
    const body = await file.createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    });
    expect(body.trim().split('\r\n')).toHaveLength(4);
  });

  test('the Console view shows the statcard image inline', async ({ page, runtime }) => {
    await openPanel(page, runtime.url, 'console');
    const group = await runInConsole(page, 'statcard');
    await expect(outputsOf(group).first()).toHaveText('Bot status');
    await expect(outputsOf(group).nth(1)).toContainText(`[image: ${path.join(runtime.dataDir, 'images')}`);
    const img = group.locator('img.cimage');
    await expect(img).toBeVisible();
    await expect
      .poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(480);
    await page.screenshot({ path: shot('console-statcard'), animations: 'disabled', caret: 'hide' });
  });
});
