import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { goTo, openPanel } from './support/panel';
import { saveScreenshot } from './support/screenshots';

const SIZES = [
  { width: 800, height: 600 },
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;

const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });

/** Serious or critical axe findings (WCAG 2.1 A/AA) on the page as it is now. */
async function axeProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

test.describe('The operator’s everyday', () => {
  test('Status charts fill from the runtime time series', async ({ page, runtime }) => {
    await openPanel(page, runtime.url, 'status');
    const activity = page.getByTestId('chart-activity');
    await expect(activity.locator('canvas')).toBeVisible();
    expect(await axeProblems(page)).toEqual([]);
    await expect(page.getByTestId('chart-memory')).toContainText(/RSS \d+(\.\d+)? MB/);
    // a few ticks (one a second) so the lines have points in the screenshots
    await expect(page.getByTestId('chart-lag')).toContainText(/worst delay \d/, { timeout: 5_000 });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expect(page.getByTestId('chart-latency')).toBeVisible();
      await saveScreenshot(page, `status-charts-${size.width}x${size.height}`);
    }
  });

  test('palette (Ctrl/Cmd+K) navigates and opens files; ? shows the shortcuts, not while typing', async ({
    page,
    runtime,
  }) => {
    await openPanel(page, runtime.url, 'status');
    await page.keyboard.press('ControlOrMeta+k');
    await expect(palette(page)).toBeVisible();
    await page.keyboard.type('rate limits');
    await expect(palette(page).getByRole('option', { name: /Settings: Rate limits/ })).toBeVisible();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('countdown');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await saveScreenshot(page, `palette-${size.width}x${size.height}`);
    }
    expect(await axeProblems(page)).toEqual([]);
    await palette(page)
      .getByRole('option', { name: /^countdown\.ts/ })
      .click();
    await expect(palette(page)).toBeHidden();
    await expect(page).toHaveURL(/#\/commands$/);
    await expect(page.locator('.cm-content')).toContainText('countdown');

    await page.keyboard.press('ControlOrMeta+k');
    await page.keyboard.type('go to console');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Console', exact: true })).toBeVisible();

    // in the console's input, ? is a character
    const input = page.getByRole('textbox', { name: 'Command' });
    await input.fill('');
    await input.press('?');
    await expect(input).toHaveValue('?');
    await expect(page.getByRole('dialog', { name: /Keyboard shortcuts/ })).toBeHidden();
    await input.fill('');
    await page.getByRole('heading', { name: 'Console' }).click();
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: /Keyboard shortcuts/ });
    await expect(sheet).toContainText('Run the line as a new command');
    await saveScreenshot(page, 'shortcut-sheet');
    expect(await axeProblems(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
  });

  test('console: Tab completes; a line can answer the waiting command or run as a new one', async ({
    page,
    runtime,
  }) => {
    await openPanel(page, runtime.url, 'console');
    const input = page.getByRole('textbox', { name: 'Command' });
    await input.fill('countd');
    await input.press('Tab');
    await expect(input).toHaveValue('countdown ');
    await input.fill('');
    await input.pressSequentially('c');
    await input.press('Tab');
    await expect(page.getByRole('listbox', { name: 'Completions' })).toBeVisible();
    expect(await axeProblems(page)).toEqual([]);
    await input.press('Escape');
    await input.fill('');

    await input.fill('quiz');
    await input.press('Enter');
    const note = page.getByRole('status').filter({ hasText: /answering #\d+ quiz/ });
    await expect(note).toBeVisible();
    await input.fill('echo side-question');
    await saveScreenshot(page, 'console-answering');
    expect(await axeProblems(page)).toEqual([]);

    // Ctrl/Cmd+Enter: a new command, the quiz keeps waiting
    await input.fill('echo side-question');
    await input.press('ControlOrMeta+Enter');
    const log = page.getByRole('log', { name: 'Console output' });
    await expect(log.getByRole('article', { name: 'echo side-question', exact: true })).toContainText(
      'side-question',
    );
    await expect(note).toBeVisible();
    // the button does the same
    await input.fill('echo by-button');
    await page.getByRole('button', { name: 'Run as new command' }).click();
    await expect(log.getByRole('article', { name: 'echo by-button', exact: true })).toContainText(
      'by-button',
    );
    await expect(note).toBeVisible();

    // Enter answers it
    for (const answer of ['42', 'mars', '6']) {
      await input.fill(answer);
      await input.press('Enter');
    }
    await expect(note).toBeHidden();
    await expect(log).toContainText('Score: 3/3');
  });

  test('restart from the Status view: a new runtime, the panel carries on', async ({
    page,
    runtime,
    api,
  }) => {
    await openPanel(page, runtime.url, 'status');
    const before = (await api.call('status.get', {})) as { pid: number };
    await page.getByRole('button', { name: 'Restart runtime' }).click();
    await expect
      .poll(
        async () =>
          ((await api.call('status.get', {}).catch(() => ({ pid: before.pid }))) as { pid: number }).pid,
        {
          timeout: 20_000,
        },
      )
      .not.toBe(before.pid);
    await expect(page.getByTestId('connection')).toHaveText('Live');
    await goTo(page, 'Status');
    await expect(page.getByTestId('runtime-state')).toHaveText(/running/i);
  });
});
