import { defineConfig } from '@playwright/test';

// Browser-mode e2e against the real runtime (see e2e/support/runtime.ts) in Debian's Chromium.
// Build first: `npx electron-vite build && npx playwright test`. Electron specs in e2e/ launch
// their own app through `_electron` and only share these settings.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    // the panel follows the system theme: specs see the dark one unless they ask for light
    colorScheme: 'dark',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
