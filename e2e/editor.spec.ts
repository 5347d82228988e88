import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import {
  goTo,
  openPanel,
  outputsOf,
  runInConsole,
  setEditorText,
  suffix,
  versionedCommand,
} from './support/panel';
import { saveScreenshot } from './support/screenshots';

/** Opens a command file in the editor and waits until the type checker has looked at it. */
async function openInEditor(page: Page, file: string): Promise<void> {
  const group = page.getByRole('region', { name: file });
  await group.getByTitle(`Open ${file} in the editor`).click();
  await expect(page.locator('.cm-content')).toBeVisible();
  // the TypeScript worker loads the type pack on first use: allow it a while on a busy machine
  await expect(page.getByTestId('type-status')).toHaveText('No type errors', { timeout: 30_000 });
}

/** Serious or critical axe findings on the page as it is now. */
async function axeProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} ×${v.nodes.length}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

test.describe('Commands editor: types, history, themes', () => {
  test('a type error is marked and counted, and Save & Reload asks before saving it', async ({
    page,
    runtime,
    api,
  }) => {
    test.setTimeout(60_000);
    const id = suffix();
    const file = `e2e-types-${id}.ts`;
    const name = `e2etypes${id}`;
    await api.call('commands.writeFile', {
      file,
      content: versionedCommand('E2eTypes', name, `${name} ok`),
      reload: true,
    });
    try {
      await openPanel(page, runtime.url, 'commands');
      await openInEditor(page, file);

      // this.name is a string in the cmdsys API: a number is a type error (the file still parses)
      const bad = versionedCommand('E2eTypes', name, `${name} typed`).replace(
        `this.name = '${name}';`,
        `this.name = 42;`,
      );
      await setEditorText(page, bad);
      await expect(page.getByTestId('type-status')).toHaveText('1 type error', { timeout: 15_000 });
      await expect(page.locator('.cm-lintRange-error').first()).toBeVisible();

      await page.getByRole('button', { name: /Save & Reload/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Save with 1 type error?' });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByTestId('type-error-list')).toContainText("not assignable to type 'string'");
      await expect(dialog.getByRole('button', { name: 'Keep editing' })).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(page.getByTestId('unsaved')).toBeVisible();
      expect((await api.call('commands.readFile', { file })).content).toContain(`${name} ok`);

      // completions come from the cmdsys types
      await setEditorText(page, versionedCommand('E2eTypes', name, `${name} fixed`));
      await expect(page.getByTestId('type-status')).toHaveText('No type errors', { timeout: 15_000 });
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.insertText('\nconst probe = new E2eTypes();\nprobe.resp');
      await page.keyboard.press('Control+Space');
      await expect(page.locator('.cm-tooltip-autocomplete')).toContainText('respond', { timeout: 15_000 });
      await page.keyboard.press('Escape');
      await setEditorText(page, versionedCommand('E2eTypes', name, `${name} fixed`));

      // fixed: saves straight away
      await page.keyboard.press('ControlOrMeta+s');
      await expect(page.getByTestId('reload-report')).toContainText('1 updated');
      const answer = await runInConsole(page, name);
      await expect(outputsOf(answer)).toHaveText([`${name} fixed`]);
    } finally {
      await api.call('commands.deleteFile', { file }).catch(() => undefined);
    }
  });

  test('history: each save is listed; rollback restores and reloads the old version in one click', async ({
    page,
    runtime,
    api,
  }) => {
    test.setTimeout(60_000);
    const id = suffix();
    const file = `e2e-hist-${id}.ts`;
    const name = `e2ehist${id}`;
    await api.call('commands.writeFile', {
      file,
      content: versionedCommand('E2eHist', name, `${name} v1`),
      reload: true,
    });
    await api.call('commands.writeFile', {
      file,
      content: versionedCommand('E2eHist', name, `${name} v2`),
      reload: true,
    });
    try {
      await openPanel(page, runtime.url, 'commands');
      await openInEditor(page, file);
      await expect(page.locator('.cm-content')).toContainText(`${name} v2`);
      await page.getByTestId('open-history').click();
      const dialog = page.getByRole('dialog', { name: `History of ${file}` });
      const versions = dialog.getByTestId('history-list').getByRole('button');
      await expect(versions).toHaveCount(2);
      await expect(versions.first()).toContainText('newest');
      await expect(versions.first()).toContainText('panel (browser)');
      await versions.nth(1).click();
      await expect(dialog.getByTestId('history-diff')).toContainText(`${name} v1`);
      await expect(dialog.locator('.cm-changedLine, .cm-changedText').first()).toBeVisible();
      expect(await axeProblems(page)).toEqual([]);
      await saveScreenshot(page, 'editor-history-dark');

      await dialog.getByTestId('history-rollback').click();
      await expect(dialog).toHaveCount(0);
      await expect(page.locator('.cm-content')).toContainText(`${name} v1`);
      await expect(page.getByTestId('reload-report')).toContainText('Rollback');
      expect((await api.call('commands.readFile', { file })).content).toContain(`${name} v1`);
      const answer = await runInConsole(page, name);
      await expect(outputsOf(answer)).toHaveText([`${name} v1`]);

      // the rollback is a version of its own
      await goTo(page, 'Commands');
      await page.getByTestId('open-history').click();
      await expect(page.getByTestId('history-list').getByRole('button')).toHaveCount(3);
      await expect(page.getByTestId('history-list').getByRole('button').first()).toContainText('rollback to');
    } finally {
      await api.call('commands.deleteFile', { file }).catch(() => undefined);
    }
  });

  test('Commands in dark and light at 800×600, 1024×700 and 1440×900: screenshots, nothing clipped, axe clean', async ({
    page,
    runtime,
    api,
  }) => {
    test.setTimeout(90_000);
    const id = suffix();
    const file = `e2e-shots-${id}.ts`;
    await api.call('commands.writeFile', {
      file,
      content: versionedCommand('E2eShots', `e2eshots${id}`, 'hi'),
      reload: true,
    });
    try {
      await openPanel(page, runtime.url, 'commands');
      await openInEditor(page, file);
      // the manual choice in Settings wins over the system
      await page.emulateMedia({ colorScheme: 'dark' });
      for (const theme of ['dark', 'light'] as const) {
        await goTo(page, 'Settings');
        await page
          .getByTestId('theme-choice')
          .getByRole('button', { name: theme === 'dark' ? 'Dark' : 'Light' })
          .click();
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await goTo(page, 'Commands');
        await expect(page.locator('.cm-content')).toBeVisible();
        expect(await axeProblems(page)).toEqual([]);
        for (const size of [
          { width: 800, height: 600 },
          { width: 1024, height: 700 },
          { width: 1440, height: 900 },
        ]) {
          await page.setViewportSize(size);
          const save = page.getByRole('button', { name: /Save & Reload/ });
          await expect(save).toBeInViewport({ ratio: 1 });
          await expect(page.getByRole('button', { name: 'History' })).toBeInViewport({ ratio: 1 });
          await saveScreenshot(page, `commands-${theme}-${size.width}x${size.height}`);
        }
      }
      await page.getByTestId('open-history').click();
      const history = page.getByRole('dialog', { name: `History of ${file}` });
      await expect(history.getByTestId('history-diff')).toBeVisible();
      await saveScreenshot(page, 'editor-history-light');
      await page.keyboard.press('Escape');
    } finally {
      await page.evaluate("localStorage.removeItem('protos.theme')").catch(() => undefined);
      await api.call('commands.deleteFile', { file }).catch(() => undefined);
    }
  });
});
