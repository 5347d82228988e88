import { expect, test } from './support/fixtures';
import { openPanel, outputsOf, runInConsole, suffix } from './support/panel';
import { saveScreenshot } from './support/screenshots';

/**
 * A command whose top-level code starts a timer that throws five times (counted on globalThis,
 * so a reloaded version does not throw again): five uncaught faults in a minute quarantine it.
 */
function faulting(name: string, counter: string): string {
  return [
    "import { Command } from 'cmdsys';",
    '',
    `const g = globalThis as unknown as { ${counter}?: number };`,
    'const timer = setInterval(() => {',
    `  g.${counter} = (g.${counter} ?? 0) + 1;`,
    `  if (g.${counter} >= 5) clearInterval(timer);`,
    "  throw new Error('e2e fault ' + g." + counter + ');',
    '}, 20);',
    '',
    'export class Faulty extends Command {',
    '  setup() {',
    `    this.name = '${name}';`,
    '  }',
    '',
    '  async call() {',
    `    await this.respond('${name} is back');`,
    '  }',
    '}',
    '',
  ].join('\n');
}

test.describe('Quarantine', () => {
  test('a file faulting five times is quarantined with its faults shown; Load again brings it back', async ({
    page,
    runtime,
    api,
  }) => {
    const id = suffix();
    const file = `e2e-faulty-${id}.ts`;
    const name = `e2efaulty${id}`;
    await api.call('commands.writeFile', { file, content: faulting(name, `e2eFaults${id}`), reload: true });
    try {
      await openPanel(page, runtime.url, 'commands');
      const group = page.getByRole('region', { name: file });
      await expect(group.locator('[data-file-state="quarantined"]')).toBeVisible();
      await expect(group.getByTestId('fault-count')).toHaveText('5 faults');

      await group.getByTitle(`Open ${file} in the editor`).click();
      const callout = page.getByTestId('quarantine');
      await expect(callout).toContainText('Quarantined (faults)');
      await expect(callout).toContainText('5 uncaught faults within 60 s; last: Error: e2e fault 5');
      await expect(page.getByTestId('file-faults')).toContainText(`in ${file}:7:`);
      await saveScreenshot(page, 'commands-quarantined');

      await callout.getByRole('button', { name: 'Load again' }).click();
      await expect(page.getByTestId('reload-report')).toContainText('Load again');
      await expect(group.locator('[data-file-state="loaded"]')).toBeVisible();
      await expect(page.getByTestId('quarantine')).toHaveCount(0);

      const answer = await runInConsole(page, name);
      await expect(outputsOf(answer)).toHaveText([`${name} is back`]);
    } finally {
      await api.call('commands.deleteFile', { file }).catch(() => undefined);
    }
  });
});
