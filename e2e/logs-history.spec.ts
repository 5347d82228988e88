import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { PanelApi } from './support/panel-api';
import { goTo, openPanel, outputsOf, runInConsole, suffix } from './support/panel';
import { startRuntime, type RuntimeHandle } from './support/runtime';
import { saveScreenshot } from './support/screenshots';

const SIZES = [
  [800, 600],
  [1024, 700],
  [1440, 900],
] as const;

async function shoot(page: Page, name: string): Promise<void> {
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await saveScreenshot(page, `${name}-${width}x${height}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test.describe('Logs history and export, Database search', () => {
  // Its own runtime: it is stopped and started again over the same data dir.
  let runtime: RuntimeHandle | null = null;
  test.afterEach(async () => {
    await runtime?.stop();
    runtime = null;
  });

  test('lines of the previous run come back from the log files, and export saves the filter', async ({
    page,
    playwright,
  }) => {
    test.setTimeout(90_000);
    const id = suffix();
    const marker = `histmark${id}`;
    const first = await startRuntime();
    runtime = first;
    const request = await playwright.request.newContext();
    try {
      const api1 = new PanelApi(request, first.baseUrl, first.token);
      for (let i = 0; i < 30; i++)
        await api1.call('logs.emit', { level: i % 10 === 0 ? 'warn' : 'info', msg: `${marker} line ${i}` });
    } finally {
      await request.dispose();
    }
    await first.kill();
    runtime = await startRuntime({ root: first.root });

    await openPanel(page, runtime.url, 'logs');
    const view = page.getByRole('region', { name: 'Logs' });
    const list = view.getByRole('log', { name: 'Log lines' });
    const history = view.getByTestId('log-history');
    await expect(list.locator('.log-row').first()).toBeVisible();

    // Scrolling up to the top asks for older lines (of this run, then of the files).
    await page.getByRole('button', { name: 'Following' }).click(); // pause
    await list.hover();
    await page.mouse.wheel(0, -100_000);
    await expect(history).toContainText(/older lines loaded|All .* older lines loaded/);

    // Filtered to the marker: nothing live (the lines are from the run before), all of them from the files.
    await view.getByRole('searchbox', { name: 'Filter log lines' }).fill(marker);
    await expect(view.getByText(/No line matches the filter/)).toBeVisible();
    for (let i = 0; i < 5 && !(await list.isVisible()); i++) {
      await history.getByRole('button', { name: 'Load older' }).click();
      await page.waitForTimeout(200);
    }
    await expect(list.locator('.log-row')).toHaveCount(30);
    await expect(list.locator('.log-row').first()).toContainText(`${marker} line 0`);
    await expect(list.locator('.log-row').last()).toContainText(`${marker} line 29`);
    await expect(history).toContainText('All 30 older lines loaded');

    // Its details open in the drawer.
    await list.locator('.log-row').first().getByRole('button').click();
    const drawer = view.getByRole('complementary', { name: /^Log line -?\d+$/ });
    await expect(drawer).toContainText(`${marker} line 0`);
    await shoot(page, 'logs-history');
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();

    // Level ≥ warn: three of them, in the list and in the export.
    await view.getByRole('combobox', { name: 'Minimum level' }).selectOption('warn');
    await history.getByRole('button', { name: 'Load older' }).click();
    await expect(list.locator('.log-row')).toHaveCount(3);

    await view.getByRole('combobox', { name: 'Export format' }).selectOption('log');
    const [text] = await Promise.all([
      page.waitForEvent('download'),
      view.getByRole('button', { name: 'Export' }).click(),
    ]);
    expect(text.suggestedFilename()).toMatch(/^protos-logs-.*\.log$/);
    const lines = (await readFile((await text.path())!, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`WARN .*${marker} line 0$`));
    await expect(view.getByRole('status')).toHaveText('3 lines saved');

    await view.getByRole('combobox', { name: 'Minimum level' }).selectOption('trace');
    await view.getByRole('combobox', { name: 'Export format' }).selectOption('ndjson');
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      view.getByRole('button', { name: 'Export' }).click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/\.ndjson$/);
    const entries = (await readFile((await json.path())!, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; name: string });
    expect(entries.map((e) => e.msg)).toEqual([...Array(30).keys()].map((i) => `${marker} line ${i}`));
    expect(entries.every((e) => e.name === 'panel')).toBe(true);
  });

  test('Database: search and sort a table on the server', async ({ page }) => {
    runtime = await startRuntime();
    await openPanel(page, runtime.url, 'console');
    for (const [model, hp] of [
      ['Roadster', 300],
      ['Beetle', 50],
      ['Miura', 350],
      ['Mini', 55],
    ] as const) {
      const group = await runInConsole(page, `car add ${model} ${hp}`);
      await expect(outputsOf(group)).toContainText([`${model}, ${hp} hp.`]);
    }
    await goTo(page, 'Database');
    const view = page.getByRole('region', { name: 'Database' });
    await view.getByRole('combobox', { name: 'Database' }).selectOption('console');
    await view.getByRole('list', { name: 'Tables' }).getByRole('button', { name: /^Car/ }).click();
    const grid = view.getByRole('table', { name: 'Rows of Car' });
    await expect(grid.getByRole('row')).toHaveCount(5);

    await view.getByRole('searchbox', { name: 'Search rows' }).fill('mi');
    await expect(view.getByTestId('table-summary')).toContainText('2 of 4 rows match');
    await expect(grid.locator('td[data-column="car_model"]')).toHaveText(['Miura', 'Mini']);

    await grid.getByRole('button', { name: 'Sort by horsepower' }).click();
    await expect(grid.getByRole('columnheader', { name: /horsepower/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    await expect(grid.locator('td[data-column="car_model"]')).toHaveText(['Mini', 'Miura']);
    await grid.getByRole('button', { name: 'Sort by horsepower, descending' }).click();
    await expect(grid.locator('td[data-column="car_model"]')).toHaveText(['Miura', 'Mini']);

    // Live refresh picks up a row added meanwhile.
    await view.getByRole('combobox', { name: 'Live refresh' }).selectOption('2000');
    const api = new PanelApi(page.request, runtime.baseUrl, runtime.token);
    await api.call('console.exec', { line: 'car add Minor 30' });
    await expect(view.getByTestId('table-summary')).toContainText('3 of 5 rows match', { timeout: 10_000 });
    await shoot(page, 'database-search');
  });
});
