import { expect, test } from './support/fixtures';
import { openPanel, outputsOf, runInConsole, suffix } from './support/panel';
import { saveScreenshot } from './support/screenshots';

test('a command that throws: its trace says failed, and the error id in the reply opens its log entry', async ({
  page,
  runtime,
  api,
}) => {
  const id = suffix();
  const file = `e2e-boom-${id}.ts`;
  const name = `boom${id}`;
  await api.call('commands.writeFile', {
    file,
    content: [
      "import { Command } from 'cmdsys';",
      'export class Boom extends Command {',
      `  setup() { this.name = '${name}'; }`,
      `  call() { throw new Error('kaboom ${id}'); }`,
      '}',
      '',
    ].join('\n'),
    reload: true,
  });
  try {
    await openPanel(page, runtime.url, 'console');
    const group = await runInConsole(page, name);
    const link = group.getByRole('link', { name: /^error id [0-9a-f]{8}$/ });
    await expect(link).toBeVisible();
    const errorId = (await link.textContent())!.replace('error id ', '');
    await expect(outputsOf(group)).toContainText([`(error id ${errorId})`]);

    await page.goto(`${runtime.baseUrl}/#/logs/pipeline`);
    const row = page.locator('tr[data-trace]').filter({ hasText: name }).last();
    await expect(row.getByText('failed', { exact: true })).toBeVisible();
    await row.click();
    const drawer = page.getByRole('complementary', { name: /^Trace \d+$/ });
    await expect(drawer.getByText(`kaboom ${id}`).first()).toBeVisible();
    await saveScreenshot(page, 'trace-failed-command');

    // the link in the drawer (and the console's) lands on the log line, opened
    await drawer.getByRole('link', { name: `error id ${errorId}` }).click();
    await expect(page).toHaveURL(new RegExp(`#/logs\\?find=${errorId}$`));
    await expect(page.locator('.log-row.selected')).toHaveCount(1);
    const entry = page.getByRole('complementary', { name: /^Log line \d+$/ });
    await expect(entry).toContainText(errorId);
    await expect(entry).toContainText(`kaboom ${id}`);
  } finally {
    await api.call('commands.deleteFile', { file });
  }
});
