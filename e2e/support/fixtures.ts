import { test as base, expect } from '@playwright/test';
import { PanelApi } from './panel-api';
import { startRuntime, type RuntimeHandle } from './runtime';

export interface PanelFixtures {
  /** The runtime's API with the token, for driving it from a test. */
  api: PanelApi;
  /** Attaches the runtime's output to every failed test (automatic). */
  runtimeOutputOnFailure: void;
}

export interface RuntimeFixtures {
  /** One runtime per worker: started from the build, killed after the worker's tests. */
  runtime: RuntimeHandle;
}

export const test = base.extend<PanelFixtures, RuntimeFixtures>({
  runtime: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their deps as a pattern
    async ({}, use) => {
      const runtime = await startRuntime();
      try {
        await use(runtime);
      } finally {
        await runtime.stop();
      }
    },
    { scope: 'worker', timeout: 30_000 },
  ],
  api: async ({ runtime, playwright }, use) => {
    const request = await playwright.request.newContext();
    try {
      await use(new PanelApi(request, runtime.baseUrl, runtime.token));
    } finally {
      await request.dispose();
    }
  },
  runtimeOutputOnFailure: [
    async ({ runtime }, use, testInfo) => {
      await use();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('runtime output', { body: runtime.output(), contentType: 'text/plain' });
      }
    },
    { auto: true },
  ],
});

export { expect };
