import { expect, test } from './support/fixtures';
import { expectShellInPlace, openPanel, VIEW_ROUTES } from './support/panel';
import { saveScreenshot } from './support/screenshots';

const SIZES = [
  { width: 800, height: 600 },
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;
/**
 * Buttons, links and inputs cut off by the window or by a parent that hides overflow, where
 * nothing can scroll them into view (the ones inside a scrolling pane are reachable: not counted).
 * Evaluated in the page; plain JavaScript text because the e2e program has no DOM types.
 */
const CLIPPED_CONTROLS = `
(() => {
  const out = [];
  const inside = (r, box) =>
    r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  for (const el of document.querySelectorAll('button, a[href], input, select, [role="tab"]')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    let cut = false;
    let scrolled = false;
    for (let p = el.parentElement; p && !cut; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (/auto|scroll/.test(\`\${s.overflowX} \${s.overflowY}\`)) {
        scrolled = true; // reachable by scrolling this pane
        break;
      }
      // a parent that hides overflow cuts the control off sideways (toolbars, headers, chips)
      const box = p.getBoundingClientRect();
      if (/hidden|clip/.test(s.overflowX) && (r.left < box.left - 1 || r.right > box.right + 1)) cut = true;
    }
    if (!cut && !scrolled)
      cut = !inside(r, { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight });
    if (cut) {
      const text = (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30);
      out.push(
        \`\${el.tagName.toLowerCase()} "\${text}" at \${Math.round(r.left)},\${Math.round(r.top)} \${Math.round(r.width)}x\${Math.round(r.height)}\`,
      );
    }
  }
  return out;
})()
`;

for (const size of SIZES) {
  test(`every view at ${size.width}×${size.height}: nothing clipped, screenshots taken`, async ({
    page,
    runtime,
    api,
  }) => {
    test.setTimeout(45_000);
    await page.setViewportSize(size);
    await openPanel(page, runtime.url, 'status');
    await api.call('console.exec', { line: 'ping' }); // a trace for the Pipeline tab
    const clipped: string[] = [];
    for (const [route, label] of VIEW_ROUTES) {
      await page.goto(`${runtime.baseUrl}/#/${route}`);
      await expect(page.getByRole('region', { name: label, exact: true })).toBeVisible();
      await saveScreenshot(page, `layout-${route.replace('/', '-')}-${size.width}x${size.height}`);
      await expectShellInPlace(page);
      for (const c of await page.evaluate<string[]>(CLIPPED_CONTROLS)) clipped.push(`${route}: ${c}`);
      if (route === 'commands') {
        // the editor toolbar (Save & Reload) only shows with a file open
        await page.getByRole('region', { name: 'echo.ts' }).getByTitle('Open echo.ts in the editor').click();
        await expect(page.getByRole('button', { name: /Save & Reload/ })).toBeVisible();
        await saveScreenshot(page, `layout-commands-editor-${size.width}x${size.height}`);
        for (const c of await page.evaluate<string[]>(CLIPPED_CONTROLS))
          clipped.push(`commands editor: ${c}`);
      }
    }
    expect(clipped).toEqual([]);
  });
}
