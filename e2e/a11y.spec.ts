import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/fixtures';
import { openPanel, VIEW_ROUTES } from './support/panel';

for (const theme of ['dark', 'light'] as const) {
  test(`axe (WCAG 2.1 A/AA), ${theme} theme: no serious or critical violation on any view`, async ({
    page,
    runtime,
    api,
  }) => {
    test.setTimeout(45_000);
    // the panel follows the system's theme
    await page.emulateMedia({ colorScheme: theme });
    await openPanel(page, runtime.url, 'status');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await api.call('console.exec', { line: 'ping' }); // the Pipeline tab and the console have content
    const found: string[] = [];
    for (const [route, label] of VIEW_ROUTES) {
      await page.goto(`${runtime.baseUrl}/#/${route}`);
      await expect(page.getByRole('region', { name: label, exact: true })).toBeVisible();
      // judge the settled view: a pane that is loading is dimmed on purpose
      await expect(page.locator('.loading')).toHaveCount(0);
      if (route === 'database') await expect(page.locator('.db-grid-scroll')).toHaveCSS('opacity', '1');
      const { violations } = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      for (const v of violations) {
        if (v.impact !== 'serious' && v.impact !== 'critical') continue;
        const where = v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ');
        const why = v.nodes[0]?.any[0]?.message ?? v.help;
        found.push(`${route}: [${v.impact}] ${v.id} ×${v.nodes.length}: ${where} (${why})`);
      }
    }
    expect(found).toEqual([]);
  });
}

test('the page has a favicon that loads, and the header shows the app icon', async ({ page, runtime }) => {
  await openPanel(page, runtime.url, 'status');
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toMatch(/\.svg$/);
  const res = await page.request.get(new URL(href!, `${runtime.baseUrl}/`).toString());
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('image/svg+xml');
  const icon = page.locator('.app-header img.app-icon');
  await expect(icon).toBeVisible();
  expect(await icon.evaluate((img: { naturalWidth?: number }) => img.naturalWidth ?? 0)).toBeGreaterThan(0);
});
