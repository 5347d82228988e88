import path from 'node:path';
import { expect, test } from './support/fixtures';
import { expectShellInPlace, goTo, openPanel, outputsOf, runInConsole, suffix } from './support/panel';
import { REPO_ROOT } from './support/runtime';

/** The Audit view's screenshots go to test-results for people to look at. */
const shot = (name: string) => path.join(REPO_ROOT, 'test-results', `${name}.png`);

test.describe('Audit view and console images', () => {
  test('an entry created from the Console view shows in the Audit view, live and filtered', async ({
    page,
    runtime,
    api,
  }) => {
    // the runtime is shared by the worker's specs: everything here is told apart by `id`
    const id = suffix();
    await openPanel(page, runtime.url, 'console');
    const alias = await runInConsole(page, `alias add "aud${id} {x}" "echo {x}"`);
    await expect(outputsOf(alias).first()).toContainText('added');
    const mode = await runInConsole(page, 'badword mode mask');
    await expect(outputsOf(mode).first()).toHaveText('Bad-word mode: mask.');

    await goTo(page, 'Audit');
    const view = page.getByRole('region', { name: 'Audit', exact: true });
    await expect(view.getByRole('button', { name: /Console/ })).toHaveAttribute('aria-current', 'true');
    const rows = view.locator('tbody tr[data-entry]');
    await expect(rows.nth(0)).toContainText('badword mode');
    await expect(rows.nth(0)).toContainText('set the bad-word mode to mask');
    await expect(rows.nth(1)).toContainText('alias add');
    await expect(rows.nth(1)).toContainText(`added alias aud${id} {x} → echo {x}`);
    await expect(view.getByText(/audit channel is this view/)).toBeVisible();

    // live: a note written while the view is open appears on top without a refresh
    await api.call('audit.record', { message: `maintenance window ${id}` });
    await expect(rows.first()).toContainText(`maintenance window ${id}`);

    // filters narrow the table (a server-side search)
    const text = view.getByRole('searchbox', { name: 'Text' });
    await text.fill(id);
    await expect(rows).toHaveCount(2);
    await view.getByRole('searchbox', { name: 'Command' }).fill('alias');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(`aud${id}`);
    await view.getByRole('searchbox', { name: 'Command' }).fill('');
    await expect(rows).toHaveCount(2);

    for (const [w, h] of [
      [800, 600],
      [1024, 700],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await expect(rows).toHaveCount(2);
      await expectShellInPlace(page);
      await page.screenshot({ path: shot(`audit-${w}x${h}`), animations: 'disabled', caret: 'hide' });
    }

    // export: a CSV download of what the filter matches (header + two entries)
    const download = page.waitForEvent('download');
    await view.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^audit-console-.*\.csv$/);
    const body = await file.createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    });
    const lines = body.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`maintenance window ${id}`);
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
