import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import type { PanelApi } from './support/panel-api';
import { expectShellInPlace, goTo, openPanel, outputsOf, runInConsole, suffix } from './support/panel';
import { saveScreenshot } from './support/screenshots';

/** The row of a settings field, by its config path. */
const field = (page: Page, path: string) => page.locator(`[data-path="${path}"]`);

/** Puts the stored config back as it was (and clears any token) after a test that saved. */
async function restoring(api: PanelApi, run: () => Promise<void>): Promise<void> {
  const before = await api.call('config.get', {});
  try {
    await run();
  } finally {
    await api.call('config.set', { config: before.stored, secrets: { 'discord.token': null } });
  }
}

/** Records CSP violations (zod must not probe `new Function` under `script-src 'self'`). */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|unsafe-eval/i.test(msg.text())) violations.push(msg.text());
  });
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) =>
      console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));`,
  });
  return violations;
}

test.describe('Settings view', () => {
  test('validates as you type with the shared schema, saves, and the change survives a reload', async ({
    page,
    runtime,
    api,
  }) => {
    const violations = await watchCsp(page);
    await restoring(api, async () => {
      await openPanel(page, runtime.url, 'settings');
      const save = page.getByRole('button', { name: 'Save', exact: true });
      await expect(save).toBeDisabled();

      const maxLength = field(page, 'pipeline.maxLength').getByRole('textbox');
      await maxLength.fill('3');
      await expect(field(page, 'pipeline.maxLength')).toContainText('At least 16.');
      await expect(save).toBeDisabled();
      await expect(page.getByTestId('settings-problems')).toContainText('pipeline.maxLength');
      await saveScreenshot(page, 'settings-invalid');
      await maxLength.fill('3000');
      await expect(field(page, 'pipeline.maxLength')).not.toContainText('At least');

      const triggers = field(page, 'pipeline.triggers');
      await triggers.getByRole('textbox', { name: 'Add to Triggers' }).fill('!');
      await triggers.getByRole('textbox', { name: 'Add to Triggers' }).press('Enter');
      await expect(triggers.locator('.tag')).toHaveText(['+', '!']);
      await field(page, 'pipeline.stringMiddleware')
        .getByRole('button', { name: 'Move ratelimit up' })
        .click();
      await expect(field(page, 'pipeline.stringMiddleware').locator('.order-name')).toHaveText([
        'aliases',
        'ratelimit',
        'badwords',
      ]);
      await expect(save).toBeEnabled();
      await save.click();
      await expect(page.getByTestId('settings-status')).toContainText('Saved');

      await page.reload();
      await expect(page.getByTestId('connection')).toHaveText('Live');
      await expect(field(page, 'pipeline.triggers').locator('.tag')).toHaveText(['+', '!']);
      await expect(field(page, 'pipeline.maxLength').getByRole('textbox')).toHaveValue('3000');
      const stored = (await api.call('config.get', {})).stored as {
        pipeline: { triggers: string[]; stringMiddleware: string[] };
      };
      expect(stored.pipeline.triggers).toEqual(['+', '!']);
      expect(stored.pipeline.stringMiddleware).toEqual(['aliases', 'ratelimit', 'badwords']);
      await expectShellInPlace(page);
      await saveScreenshot(page, 'settings');

      await page.getByRole('button', { name: 'Raw JSON' }).click();
      await expect(page.getByLabel('Effective config as JSON')).toContainText('"maxLength": 3000');
    });
    expect(violations).toEqual([]);
  });

  test('the Discord token is never shown: set it, reload, and the page does not contain it', async ({
    page,
    runtime,
    api,
  }) => {
    const token = `e2e.${suffix()}${suffix()}.never-shown-${suffix()}`;
    await restoring(api, async () => {
      await openPanel(page, runtime.url, 'settings');
      const row = field(page, 'discord.token');
      await expect(row.getByTestId('secret-discord.token')).toHaveText('not set');
      await row.getByRole('button', { name: 'Set' }).click();
      await row.getByLabel('New Bot token').fill(token);
      await expect(row.getByTestId('secret-discord.token')).toHaveText('new value on save');
      expect(await page.content()).not.toContain(token);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(page.getByTestId('settings-status')).toContainText('Saved');
      await expect(row.getByTestId('secret-discord.token')).toHaveText('set');
      await expect(row.getByLabel('New Bot token')).toHaveCount(0);

      await page.reload();
      await expect(page.getByTestId('connection')).toHaveText('Live');
      await expect(field(page, 'discord.token').getByTestId('secret-discord.token')).toHaveText('set');
      expect(await page.content()).not.toContain(token);
      await page.getByRole('button', { name: 'Raw JSON' }).click();
      await expect(page.getByLabel('Effective config as JSON')).toContainText('"token": null');
      expect(await page.content()).not.toContain(token);
      expect(JSON.stringify(await api.call('config.get', {}))).not.toContain(token);

      // An IRC server: a SASL password is required once SASL is on; nothing is saved here.
      await page.getByRole('button', { name: 'Form' }).click();
      await page.getByRole('button', { name: 'Add server' }).click();
      await field(page, 'irc.servers.0.host').getByRole('textbox').fill('irc.libera.chat');
      await field(page, 'irc.servers.0.channels').getByRole('textbox').fill('#protos');
      await field(page, 'irc.servers.0.channels').getByRole('textbox').press('Enter');
      await page.getByRole('switch', { name: 'SASL for IRC server 1' }).check({ force: true });
      await field(page, 'irc.servers.0.sasl.account').getByRole('textbox').fill('protos');
      await expect(field(page, 'irc.servers.0.sasl.password')).toContainText('Required.');
      await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
      const sections = page.getByRole('navigation', { name: 'Settings sections' });
      await sections.getByRole('link', { name: 'Discord' }).click();
      await expectShellInPlace(page);
      await saveScreenshot(page, 'settings-discord');
      await sections.getByRole('link', { name: /^IRC/ }).click();
      await expect(sections.getByRole('link', { name: /^IRC/ })).toHaveClass(/active/);
      await expectShellInPlace(page);
      await saveScreenshot(page, 'settings-irc');
      await page.getByRole('button', { name: 'Discard' }).click();
      await expect(page.getByRole('group', { name: 'IRC server 1' })).toHaveCount(0);
    });
  });

  test('a bad word set in Settings rejects a message; its trace shows the badwords abort', async ({
    page,
    runtime,
    api,
  }) => {
    const word = `zonk${suffix()}`;
    await restoring(api, async () => {
      await openPanel(page, runtime.url, 'settings');
      const words = field(page, 'badWords.words');
      await words.getByRole('textbox', { name: 'Add to Words' }).fill(word);
      await words.getByRole('textbox', { name: 'Add to Words' }).press('Enter');
      await field(page, 'badWords.mode').getByRole('combobox').selectOption('abort');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(page.getByTestId('settings-status')).toContainText('Saved');

      for (const other of ['help ping', 'echo hello from the panel', 'nosuchcommand', 'ping'])
        await api.call('console.exec', { line: other });
      const line = `echo this has ${word} in it`;
      const group = await runInConsole(page, line);
      const ok = await runInConsole(page, 'echo clean');
      await expect(outputsOf(ok)).toHaveText(['clean']);
      await expect(outputsOf(group)).toHaveCount(0);

      await goTo(page, 'Logs');
      await page.getByRole('link', { name: 'Pipeline' }).click();
      await page.getByRole('button', { name: /^rejected/ }).click();
      const row = page
        .getByRole('table', { name: 'Pipeline traces' })
        .getByRole('row')
        .filter({ hasText: line });
      await expect(row).toHaveCount(1);
      await expect(row.locator('[data-outcome="rejected"]')).toBeVisible();
      await expect(row).toContainText('string-middleware › badwords');
      await row.click();
      const drawer = page.getByRole('complementary', { name: /^Trace \d+$/ });
      await expect(drawer.getByTestId('trace-why')).toHaveText(
        'Rejected at string-middleware › badwords: contains a blocked word.',
      );
      const stage = drawer.locator('li.stage[data-step="badwords"]');
      await expect(stage).toContainText('aborted: contains a blocked word');
      await expect(stage).toHaveClass(/decisive/);
      await page.getByRole('button', { name: /^All/ }).click();
      await expect(drawer).toBeVisible();
      await saveScreenshot(page, 'pipeline');
    });
  });
});
