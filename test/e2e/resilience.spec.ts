/**
 * Issue 10 in the page (web host, Debian Chromium, sandbox process): a
 * damaged account list is said once; a hanging Autolab shows the cached
 * assessment first, then "Autolab is not answering" with Cancel and Keep
 * waiting; the offline banner has Retry and clears itself; a stopped web
 * host says what works instead of "reload this page".
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { addServer, addServerAndSignIn } from './add-server';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';
import { expect, spawnWebHost, test } from './web-host-fixture';

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of [{ width: 1280, height: 800 }, { width: 860, height: 700 }]) {
    await page.setViewportSize(size);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `test-results/screens/${name}-${size.width}-${scheme}.png` });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('a damaged account list is kept aside and said once, not again after a reload', async ({ page }) => {
  const { host, stop } = await spawnWebHost({}, { prepare: (dir) => writeFile(path.join(dir, 'accounts.json'), '{"version":1,"accounts":[{"id":') });
  try {
    await page.goto(host.url);
    const notice = page.getByTestId('app-notice');
    await expect(notice).toContainText(/^The file holding your list of Autolab servers was damaged and could not be read; it was kept aside as accounts\.json\.corrupt-/);
    await shoot(page, 'notice-damaged-accounts');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Welcome to Autolab Desktop' })).toBeVisible();
    await expect(page.getByTestId('no-account')).toBeVisible();
    await expect(page.getByTestId('app-notice')).toHaveCount(0);
  } finally {
    await stop();
  }
});

test.describe('a hanging Autolab', () => {
  let sandbox: SandboxProcess;
  test.beforeAll(async () => {
    sandbox = await startSandboxProcess();
  });
  test.afterAll(async () => {
    await sandbox?.stop();
  });

  test('the cached assessment shows while its request hangs; after 10 s "not answering" with Cancel; the offline banner has Retry and clears', async ({ page, webHost }) => {
    await addServerAndSignIn(page, webHost.url, sandbox);
    await page.getByRole('button', { name: /Introduction to Computer Systems/ }).click();
    await page.getByRole('button', { name: 'Data Lab', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Your submissions' })).toBeVisible();
    await page.getByRole('button', { name: /Introduction to Computer Systems/ }).first().click(); // breadcrumb back

    await sandbox.control('injectFault', { route: 'assessment', kind: 'hang', count: 1 });
    const hungBefore = (await sandbox.requests()).filter((r) => /\/assessments\/datalab$/.test(r.path)).length;
    await page.getByRole('button', { name: 'Data Lab', exact: true }).click();
    // The cached copy is on screen while the fresh request is still hanging.
    await expect(page.getByRole('heading', { name: 'Your submissions' })).toBeVisible();
    expect((await sandbox.requests()).filter((r) => /\/assessments\/datalab$/.test(r.path)).length).toBe(hungBefore); // not answered yet

    const banner = page.getByTestId('not-answering');
    await expect(banner).toContainText('Autolab is not answering.', { timeout: 20_000 });
    await expect(banner.getByRole('button', { name: 'Keep waiting' })).toBeVisible();
    await shoot(page, 'not-answering');
    await banner.getByRole('button', { name: 'Cancel' }).click();
    await expect(banner).toHaveCount(0);
    const stale = page.getByTestId('stale-banner');
    await expect(stale).toContainText('Offline — showing data as of');
    await expect(stale).toContainText('Autolab is not answering, so you stopped waiting');
    await shoot(page, 'offline-retry');
    // The hung request was sent once and ended by the Cancel, not retried.
    expect((await sandbox.requests()).filter((r) => /\/assessments\/datalab$/.test(r.path)).map((r) => r.status).slice(hungBefore)).toEqual([0]);
    await stale.getByRole('button', { name: 'Retry' }).click();
    await expect(stale).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Your submissions' })).toBeVisible();
  });

  test('429: the course list comes from the cache at once with the time of the next try, which then happens by itself', async ({ page, webHost }) => {
    let networkLoads = 0;
    page.on('websocket', (ws) =>
      ws.on('framesent', (f) => {
        const text = String(f.payload);
        if (text.includes('"courses:list"') && text.includes('"network"')) networkLoads++;
      }),
    );
    await addServerAndSignIn(page, webHost.url, sandbox);
    await expect(page.getByRole('button', { name: /Introduction to Computer Systems/ })).toBeVisible();
    await page.getByRole('button', { name: /Introduction to Computer Systems/ }).click();
    // Every courses request is throttled (the watcher's too), until the test lifts it.
    await sandbox.control('injectFault', { route: 'courses', kind: 'status429', count: 1000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Courses' }).click();
    const stale = page.getByTestId('stale-banner');
    await expect(stale).toContainText(/Autolab asked Autolab Desktop to slow down; the next try is at \d/);
    await expect(page.getByRole('button', { name: /Introduction to Computer Systems/ })).toBeVisible(); // the cached list
    await shoot(page, 'rate-limited');
    const loadsWhenLimited = networkLoads;
    await sandbox.control('clearFaults');
    // No click: the banner's own next try (at the next 30-s window) brings fresh data.
    await expect(stale).toHaveCount(0, { timeout: 40_000 });
    // One automatic try (two at most, when a watcher poll said Autolab answers again first): no retry storm.
    expect(networkLoads - loadsWhenLimited).toBeGreaterThanOrEqual(1);
    expect(networkLoads - loadsWhenLimited).toBeLessThanOrEqual(2);
  });
});

test('a server that no longer knows the app: Sign in says so and removes and re-adds it with one button', async ({ page, webHost }) => {
  let server = await startSandboxProcess();
  try {
    await addServer(page, webHost.url, server);
    await expect(page.getByRole('heading', { name: 'Continue in your browser' })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();
    // The server's database is reset: the same address, an Autolab that never registered this app.
    const port = new URL(server.baseUrl).port;
    await server.stop();
    server = await startSandboxProcess(['--port', port]);
    await page.getByRole('button', { name: /^Sign in to / }).click();
    const panel = page.getByRole('region', { name: 'Sign-in did not finish' });
    await expect(panel.getByRole('alert')).toHaveText(`127.0.0.1:${port} no longer knows Autolab Desktop (its database may have been reset); remove this server and add it again.`);
    await expect(panel.getByRole('button', { name: 'Try again' })).toHaveCount(0);
    await shoot(page, 'unknown-client');
    await panel.getByRole('button', { name: 'Remove this server and add it again' }).click();
    await expect(page.getByRole('textbox', { name: 'Autolab address' })).toHaveValue(server.baseUrl);
    await expect(page.getByRole('textbox', { name: 'Client ID' })).toHaveValue('');
    await expect(page.getByRole('textbox', { name: 'Client ID' })).toBeFocused();
    await expect(page.getByRole('button', { name: /^Sign in to / })).toHaveCount(0);
    const app = server.applications[0]!;
    await page.getByRole('textbox', { name: 'Client ID' }).fill(app.client_id);
    await page.getByRole('textbox', { name: 'Client secret' }).fill(app.client_secret);
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Continue in your browser' })).toBeVisible();
    expect((await server.requests()).filter((r) => r.path.startsWith('/oauth/authorize'))).toEqual([]);
  } finally {
    await server.stop();
  }
});

test('when the web host stops, the page says to start it and open the new address', async ({ page }) => {
  const { host, stop } = await spawnWebHost();
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Autolab Desktop' })).toBeVisible();
  await stop();
  await expect(page.getByRole('alert')).toHaveText(
    'Autolab Desktop stopped running. Start it again (npm start or the Autolab Desktop launcher) and open the new address it prints; this tab will not work again.',
  );
  await shoot(page, 'host-stopped');
});
