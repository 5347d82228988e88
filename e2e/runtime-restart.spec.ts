import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { PanelApi } from './support/panel-api';
import { openPanel, outputsOf, runInConsole } from './support/panel';
import { startRuntime, type RuntimeHandle } from './support/runtime';

const LOOP = `import { Command } from 'cmdsys';
export class Loop extends Command {
  setup() { this.name = 'spin'; }
  call() { while (true) {} }
}
`;

// Its own runtime: this spec stalls it on purpose, and other specs must not see that.
let runtime: RuntimeHandle;
test.beforeAll(async () => {
  runtime = await startRuntime();
});
test.afterAll(async () => {
  await runtime?.stop();
});

test.describe('Runtime restart', () => {
  test('a stalled runtime: "restarting…" banner, then the panel carries on with the new runtime', async ({
    page,
    playwright,
  }) => {
    test.setTimeout(60_000);
    const request = await playwright.request.newContext();
    const api = new PanelApi(request, runtime.baseUrl, runtime.token);
    await writeFile(path.join(runtime.commandsDir, 'loop.ts'), LOOP);
    const report = await api.call('commands.reload', { force: false });
    expect(report.failed).toEqual([]);
    const before = await api.call('status.get', {});

    await openPanel(page, runtime.url, 'console');
    const input = page.getByRole('textbox', { name: 'Command' });
    await input.fill('spin');
    await input.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Runtime restarting…' })).toBeVisible({
      timeout: 15_000,
    });
    const note = page.getByRole('status').filter({ hasText: 'The runtime was restarted at' });
    await expect(note).toBeVisible({ timeout: 15_000 });
    await expect(note).toContainText('Culprit: loop.ts (spin #');
    await expect(note).toContainText('quarantined');
    // the socket never dropped
    await expect(page.getByTestId('connection')).toHaveText('Live');

    const ping = await runInConsole(page, 'ping');
    await expect(outputsOf(ping)).toHaveText(['pong']);
    const after = await api.call('status.get', {});
    expect(after.pid).not.toBe(before.pid);
    expect(await api.call('supervisor.status', {})).toMatchObject({
      state: 'running',
      restarts: 1,
      lastRestart: { reason: 'stall', culprit: { file: 'loop.ts', command: 'spin' } },
    });
    await note.getByRole('button', { name: 'Dismiss' }).click();
    await expect(note).toBeHidden();
    await request.dispose();
  });
});
