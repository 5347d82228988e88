import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import type { PanelApi } from './support/panel-api';
import { goTo, openPanel, outputsOf, runInConsole } from './support/panel';
import { saveScreenshot } from './support/screenshots';

async function upcomingTitles(api: PanelApi): Promise<string[]> {
  const state = await api.call('audio.state', {});
  return state.players.find((p) => p.guildId === 'console')?.upcoming.map((i) => i.title) ?? [];
}

async function queueTitles(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Queue' }).locator('.queue-title').allTextContents();
}

test.describe('Audio view', () => {
  test('shows the queue built from the Console view; drag and keyboard reorder change the runtime queue', async ({
    page,
    runtime,
    api,
  }) => {
    await openPanel(page, runtime.url, 'console');
    await expect(outputsOf(await runInConsole(page, 'join'))).toHaveText(['Joined console sink.']);
    await expect(outputsOf(await runInConsole(page, 'play sweep.ogg'))).toHaveText([/^Playing sweep/]);
    await runInConsole(page, 'pause');
    await expect(outputsOf(await runInConsole(page, 'play beep.opus'))).toHaveText([
      /^Queued beep .* position 1/,
    ]);
    await expect(outputsOf(await runInConsole(page, 'play chime.opus'))).toHaveText([
      /^Queued chime .* position 2/,
    ]);

    await goTo(page, 'Audio');
    const card = page.getByRole('region', { name: 'Player console' });
    await expect(card.getByTestId('now-playing')).toContainText('Paused: sweep');
    await expect(card.getByTestId('voice-state')).toContainText('console sink');
    await expect.poll(() => queueTitles(page)).toEqual(['beep', 'chime']);
    await expect(page.getByRole('list', { name: 'Sounds' })).toContainText('sweep.ogg');
    await saveScreenshot(page, 'audio');

    // drag "chime" above "beep" with the mouse
    const chime = card.getByRole('button', { name: /^Move chime/ });
    const beep = card.getByRole('button', { name: /^Move beep/ });
    const from = (await chime.boundingBox())!;
    const to = (await beep.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y - 6, { steps: 4 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2 - 4, { steps: 10 });
    await page.mouse.up();
    await expect.poll(() => upcomingTitles(api)).toEqual(['chime', 'beep']);
    await expect.poll(() => queueTitles(page)).toEqual(['chime', 'beep']);

    // and back with the keyboard: pick up, move down, drop
    const handle = card.getByRole('button', { name: /^Move chime/ });
    await handle.focus();
    await page.keyboard.press('Space');
    await expect(handle).toHaveAttribute('aria-pressed', 'true'); // picked up
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('.queue-row.dragging')).toHaveAttribute('style', /translate3d\(0px, [1-9]/);
    await page.keyboard.press('Space');
    await expect.poll(() => upcomingTitles(api)).toEqual(['beep', 'chime']);

    // remove from the view; the console sees it
    await card.getByRole('button', { name: 'Remove chime' }).click();
    await expect.poll(() => upcomingTitles(api)).toEqual(['beep']);
    await card.getByRole('button', { name: 'Resume' }).click();
    await expect(card.getByTestId('now-playing')).not.toContainText('Paused');
    await card.getByRole('button', { name: /Stop/ }).click();
    await expect(card.getByTestId('now-playing')).toHaveText('Nothing is playing.');
  });
});
