/**
 * The Playwright fixture `webHost`: a fresh built web host per test (see
 * web-host-process.ts), stopped afterwards.
 */
import { test as base } from '@playwright/test';
import { spawnWebHost, type RunningHost } from './web-host-process';

export { spawnWebHost, type RunningHost } from './web-host-process';

/** Playwright test with a fresh web host per test. */
export const test = base.extend<{ webHost: RunningHost }>({
  webHost: async ({}, use) => {
    const { host, stop } = await spawnWebHost();
    await use(host);
    await stop();
  },
});

export { expect } from '@playwright/test';
