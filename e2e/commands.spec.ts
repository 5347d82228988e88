import { expect, test } from './support/fixtures';
import {
  expectShellInPlace,
  goTo,
  openPanel,
  outputsOf,
  runInConsole,
  setEditorText,
  suffix,
  versionedCommand,
} from './support/panel';
import { saveScreenshot } from './support/screenshots';

test.describe('Commands view', () => {
  test('edit, Save & Reload, run it; break it: marker at the line, failure reported, the old version still answers', async ({
    page,
    runtime,
    api,
  }) => {
    const id = suffix();
    const file = `e2e-edit-${id}.ts`;
    const name = `e2eedit${id}`;
    await api.call('commands.writeFile', {
      file,
      content: versionedCommand('E2eEdit', name, `${name} v1`),
      reload: true,
    });
    try {
      await openPanel(page, runtime.url, 'commands');
      const group = page.getByRole('region', { name: file });
      await expect(group.locator('[data-file-state="loaded"]')).toBeVisible();
      await group.getByTitle(`Open ${file} in the editor`).click();
      await expect(page.locator('.cm-content')).toContainText(`${name} v1`);
      await expect(page.getByText('saved', { exact: true })).toBeVisible();

      // Edit → unsaved indicator → Ctrl+S saves and reloads in one step.
      await setEditorText(page, versionedCommand('E2eEdit', name, `${name} v2`));
      await expect(page.getByTestId('unsaved')).toBeVisible();
      await page.keyboard.press('ControlOrMeta+s');
      const report = page.getByTestId('reload-report');
      await expect(report).toContainText('Reloaded in');
      await expect(report.locator('[data-count="updated"]')).toHaveText('1 updated');
      await expect(report).toContainText(`~${file}`);
      await expect(page.getByTestId('unsaved')).toHaveCount(0);

      let answer = await runInConsole(page, name);
      await expect(outputsOf(answer)).toHaveText([`${name} v2`]);

      // Break it: a syntax error on line 10. The report names the file:line:col, the editor marks it.
      await goTo(page, 'Commands');
      const broken = versionedCommand('E2eEdit', name, `${name} v3`).replace(
        `    await this.respond('${name} v3');`,
        '    const oops = ;',
      );
      await setEditorText(page, broken);
      await page.getByRole('button', { name: /Save & Reload/ }).click();
      await expect(report).toContainText('Reload finished with failures');
      await expect(report.locator('[data-count="failed"]')).toHaveText('1 failed');
      await expect(report.getByRole('button', { name: new RegExp(`${file}:10:\\d+`) })).toBeVisible();
      await expect(page.getByTestId('load-failure')).toContainText(`${file}:10:`);
      await expect(page.getByTestId('load-failure')).toContainText('The previous version');
      await expect(group.locator('[data-file-state="failed"]')).toBeVisible();

      const marked = page.locator('.cm-line').filter({ has: page.locator('.cm-lintRange-error') });
      await expect(marked).toHaveCount(1);
      await expect(marked).toHaveText('    const oops = ;');
      const markedLine = await marked.evaluate((line) => [...line.parentElement!.children].indexOf(line) + 1);
      expect(markedLine).toBe(10);
      await expect(page.locator('.cm-gutter-lint .cm-lint-marker-error')).toHaveCount(1);
      await expectShellInPlace(page);
      await saveScreenshot(page, 'commands');

      answer = await runInConsole(page, name);
      await expect(outputsOf(answer)).toHaveText([`${name} v2`]);
    } finally {
      await api.call('commands.deleteFile', { file }).catch(() => undefined);
    }
  });

  test('a new command from the template runs at once; deleting it unloads it', async ({
    page,
    runtime,
    api,
  }) => {
    const id = suffix();
    const file = `e2e-new-${id}.ts`;
    const name = `e2e-new-${id}`;
    try {
      await openPanel(page, runtime.url, 'commands');
      await page.getByRole('button', { name: 'New command' }).click();
      const dialog = page.getByRole('dialog', { name: 'New command' });
      await dialog.getByLabel('File name').fill('not a file name');
      await expect(dialog).toContainText('End the name with .ts');
      await dialog.getByLabel('File name').fill('echo.ts');
      await expect(dialog).toContainText('echo.ts already exists.');
      await dialog.getByLabel('File name').fill(file);
      await expect(dialog.getByLabel('Command name')).toHaveValue(name);
      await saveScreenshot(page, 'commands-new');
      await dialog.getByRole('button', { name: 'Create & load' }).click();
      await expect(dialog).toHaveCount(0);

      await expect(page.locator('.editor-file')).toHaveText(file);
      await expect(page.locator('.cm-content')).toContainText(`this.name = '${name}'`);
      await expect(page.getByTestId('reload-report')).toContainText(`+${file}`);
      await expect(
        page.getByRole('region', { name: file }).locator('[data-file-state="loaded"]'),
      ).toBeVisible();

      let answer = await runInConsole(page, `${name} hello there`);
      await expect(outputsOf(answer)).toHaveText([`${name}: hello there`]);

      await goTo(page, 'Commands');
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      const confirm = page.getByRole('dialog', { name: `Delete ${file}?` });
      await expect(confirm).toContainText(name);
      await confirm.getByRole('button', { name: 'Delete file' }).click();
      await expect(confirm).toHaveCount(0);
      await expect(page.getByTestId('reload-report').locator('[data-count="removed"]')).toHaveText(
        '1 removed',
      );
      await expect(page.getByRole('region', { name: file })).toHaveCount(0);
      await expect(page.getByText('Select a command file to edit it')).toBeVisible();

      answer = await runInConsole(page, name);
      await expect(outputsOf(answer)).toContainText([`Unknown command`]);
    } finally {
      await api.call('commands.deleteFile', { file }).catch(() => undefined);
    }
  });

  test('Reload all reports every file; a reload from elsewhere shows up live', async ({
    page,
    runtime,
    api,
  }) => {
    await openPanel(page, runtime.url, 'commands');
    await page.getByRole('button', { name: 'Reload all' }).click();
    const report = page.getByTestId('reload-report');
    await expect(report).toContainText('Reload all');
    await expect(report.locator('[data-count="updated"]')).not.toHaveText('0 updated');

    const file = `e2e-outside-${suffix()}.ts`;
    try {
      await api.call('commands.writeFile', {
        file,
        content: versionedCommand('E2eOutside', `e2eoutside${suffix()}`, 'outside'),
        reload: true,
      });
      await expect(report).toContainText('from outside the panel');
      await expect(page.getByRole('region', { name: file })).toBeVisible();
    } finally {
      await api.call('commands.deleteFile', { file }).catch(() => undefined);
    }
    await expect(page.getByRole('region', { name: file })).toHaveCount(0);
  });
});
