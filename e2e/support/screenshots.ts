import path from 'node:path';
import type { Page } from '@playwright/test';
import { REPO_ROOT } from './runtime';

/** Where specs save screenshots for people to look at (gitignored). */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'e2e/screenshots');

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  return file;
}
