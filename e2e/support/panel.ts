import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';
import { PANEL_VIEWS } from '../../src/shared/panel/views';

/** Opens the panel with the printed URL at a view (hash route) and waits for the live stream. */
export async function openPanel(page: Page, url: string, view = 'status'): Promise<void> {
  await page.goto(`${url}#/${view}`);
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  await expect(page.getByTestId('connection')).toHaveText('Live');
}

/** Switches view with the navigation, as an operator does (the page, and its stores, stay). */
export async function goTo(page: Page, label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: label, exact: true })
    .click();
  await expect(page.getByRole('region', { name: label, exact: true })).toBeVisible();
}

/** Runs a line in the Console view; returns the newest group of that line (input + responses). */
export async function runInConsole(page: Page, line: string): Promise<Locator> {
  await goTo(page, 'Console');
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.fill(line);
  const groups = page
    .getByRole('log', { name: 'Console output' })
    .getByRole('article', { name: line, exact: true });
  const before = await groups.count();
  await input.press('Enter');
  await expect(groups).toHaveCount(before + 1);
  return groups.last();
}

/** The responses of a console group (what the command answered), one locator per output. */
export function outputsOf(group: Locator): Locator {
  return group.locator('.cout');
}

/** Replaces the whole content of the CodeMirror editor (inserted as text: no auto-indent or brackets). */
export async function setEditorText(page: Page, text: string): Promise<void> {
  const content = page.locator('.cm-content');
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
  await expect(content).toContainText(text.split('\n')[0]!);
}

/** Short random lower-case suffix for names that must not collide between specs. */
export function suffix(): string {
  return Math.random().toString(36).slice(2, 8).replace(/[0-9]/g, 'x');
}

/** The app shell never scrolls as a whole (only its panes do): nothing may overflow the page. */
export async function expectShellInPlace(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    'document.documentElement.scrollHeight - document.documentElement.clientHeight + document.documentElement.scrollTop',
  );
  expect(overflow).toBe(0);
}

/**
 * Every route an operator can open, with the label of the region it shows: each view of the
 * panel (the same list the desktop menu uses), plus the Logs view's Pipeline tab.
 */
export const VIEW_ROUTES: readonly (readonly [route: string, label: string])[] = PANEL_VIEWS.flatMap(
  (view): [string, string][] =>
    view.id === 'logs'
      ? [
          [view.id, view.label],
          ['logs/pipeline', view.label],
        ]
      : [[view.id, view.label]],
);

/** A small command file whose answer shows which version of it runs. */
export function versionedCommand(cls: string, name: string, answer: string): string {
  return [
    "import { Command } from 'cmdsys';",
    '',
    `export class ${cls} extends Command {`,
    '  setup() {',
    `    this.name = '${name}';`,
    "    this.desc = 'Says which version runs (e2e).';",
    '  }',
    '',
    '  async call() {',
    `    await this.respond('${answer}');`,
    '  }',
    '}',
    '',
  ].join('\n');
}
