import { expect, test } from './support/fixtures';
import { openPanel, setEditorText, suffix, versionedCommand } from './support/panel';

test.describe('Command editor conflicts', () => {
  test('a file changed on disk while open: flagged, saving shows both versions, taking the disk version keeps it', async ({
    page,
    runtime,
    api,
  }) => {
    const id = suffix();
    const file = `e2e-conflict-${id}.ts`;
    const name = `e2econflict${id}`;
    await api.call('commands.writeFile', {
      file,
      content: versionedCommand('Conflict', name, 'v1'),
      reload: true,
    });
    try {
      await openPanel(page, runtime.url, 'commands');
      await page.getByRole('region', { name: file }).getByTitle(`Open ${file} in the editor`).click();
      await expect(page.locator('.cm-content')).toContainText("'v1'");

      await setEditorText(page, versionedCommand('Conflict', name, 'mine'));
      // someone else saves the file meanwhile (another editor; here the API without a base version)
      await api.call('commands.writeFile', {
        file,
        content: versionedCommand('Conflict', name, 'theirs'),
        reload: false,
      });
      await expect(page.getByTestId('changed-on-disk')).toBeVisible();

      await page.keyboard.press('ControlOrMeta+s');
      const dialog = page.getByRole('dialog', { name: `${file} changed on disk` });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByTestId('merge-pane')).toContainText("'theirs'");
      await expect(dialog.getByTestId('merge-pane')).toContainText("'mine'");
      // nothing was overwritten
      expect((await api.call('commands.readFile', { file })).content).toContain("'theirs'");

      await dialog.getByTestId('conflict-take-disk').click();
      await expect(dialog).toBeHidden();
      await expect(page.locator('.cm-content')).toContainText("'theirs'");
      await expect(page.getByText('saved', { exact: true })).toBeVisible();
    } finally {
      await api.call('commands.deleteFile', { file }).catch(() => undefined);
    }
  });
});
