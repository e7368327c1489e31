/**
 * Sign-in end to end (issue 4) through the web host, with Chromium walking the
 * sandbox's real login, consent and /activate pages.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { addServer, addServerAndSignIn } from './add-server';
import { DEMO, logInIfAsked, signInToDemo } from './demo-sign-in';
import { startSandboxProcess } from './sandbox-process';
import { expect, test } from './web-host-fixture';

/** Finish a device-flow sign-in the app has started: enter the shown code on /activate. */
async function completeDeviceFlow(page: Page, user: { email: string; password: string }): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Sign in with a code' })).toBeVisible({ timeout: 15_000 });
  const code = (await page.getByRole('status', { name: 'Your sign-in code' }).or(page.locator('output.user-code')).first().textContent())?.trim() ?? '';
  expect(code).toMatch(/^[A-Za-z0-9]{6}$/);
  const open = page.getByRole('button', { name: /^Open http/ });
  const verificationUri = ((await open.textContent()) ?? '').replace(/^Open /, '').trim();
  expect(verificationUri).toMatch(/\/activate$/);
  await page.screenshot({ path: 'test-results/screens/sign-in-device-code.png', fullPage: true });
  const tab = await page.context().newPage();
  await tab.goto(verificationUri);
  await logInIfAsked(tab, user);
  await tab.getByLabel('User code').fill(code);
  await tab.getByRole('button', { name: 'Activate' }).click();
  // Consent may be skipped (§2.7); isVisible() does not wait, so wait for either page first.
  const authorize = tab.getByRole('button', { name: 'Authorize' });
  const granted = tab.getByText('Access granted');
  await authorize.or(granted).first().waitFor({ timeout: 15_000 });
  if (await authorize.isVisible()) await authorize.click();
  await expect(granted).toBeVisible();
  await tab.close();
  // The app polls every 5 s (Autolab's limit), then exchanges the code; Upcoming is the home.
  await expect(page.getByRole('heading', { name: 'Upcoming', level: 1 })).toBeVisible({ timeout: 20_000 });
}

test('Try the demo signs in through the browser and shows the courses', async ({ page, webHost }) => {
  await page.goto(await webHost.launchUrl());
  await page.screenshot({ path: 'test-results/screens/welcome-full.png', fullPage: true });
  // signInToDemo visits the fixture's own (unused) one-time link.
  await signInToDemo(page, webHost.url, DEMO.student);
  await expect(page.getByTestId('identity')).toContainText('Sam Student');
  await page.screenshot({ path: 'test-results/screens/courses.png', fullPage: true });
});

test('"Sign in with a code instead" completes Autolab\'s device flow', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByRole('textbox', { name: 'Sign-in address' })).toHaveValue(/\/oauth\/authorize\?/);
  await page.getByRole('button', { name: 'Sign in with a code instead' }).click();
  await completeDeviceFlow(page, DEMO.student);
  await expect(page.getByTestId('identity')).toContainText('Sam Student');
});

test('a production Autolab refuses the loopback redirect; one click switches to the code, which works', async ({ page, webHost }) => {
  const production = await startSandboxProcess(['--production']);
  try {
    await addServer(page, webHost.url, production);
    const address = page.getByRole('textbox', { name: 'Sign-in address' });
    await expect(address).toHaveValue(/\/oauth\/authorize\?/, { timeout: 15_000 });
    // The browser meets Autolab's invalid-redirect-URI page (autolab-api.md §2.6).
    const tab = await page.context().newPage();
    await tab.goto(await address.inputValue());
    await tab.getByLabel('Email').fill(DEMO.student.email);
    await tab.getByLabel('Password').fill(DEMO.student.password);
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await expect(tab.getByText(/redirect uri/i).first()).toBeVisible();
    await tab.screenshot({ path: 'test-results/screens/sign-in-production-error.png' });
    await tab.close();
    // The app offers the way out in one click.
    await page.getByRole('button', { name: 'Sign in with a code instead' }).click();
    await completeDeviceFlow(page, DEMO.student);
  } finally {
    await production.stop();
  }
});

test('Add an Autolab server refuses a wrong client secret with one sentence', async ({ page, webHost }) => {
  const sandbox = await startSandboxProcess([]);
  try {
    await addServer(page, webHost.url, { baseUrl: sandbox.baseUrl, applications: [{ ...sandbox.applications[0]!, client_secret: 'wrong-secret' }] });
    await expect(page.getByRole('alert').filter({ hasText: /client id and secret/ })).toBeVisible({ timeout: 15_000 });
    await page.screenshot({ path: 'test-results/screens/add-server-error.png', fullPage: true });
  } finally {
    await sandbox.stop();
  }
});

test('after a full sign-in and sign-out no token reaches the renderer, the data folder or the logs, and sign-out revokes', async ({ page, webHost }) => {
  const serverData = await mkdtemp(path.join(os.tmpdir(), 'ad-leak-server-'));
  const sandbox = await startSandboxProcess(['--data', serverData]);
  const toRenderer: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => toRenderer.push(String(f.payload))));
  try {
    await addServerAndSignIn(page, webHost.url, sandbox, DEMO.student);
    await page.getByRole('button', { name: /Introduction to Computer Systems/ }).click();
    await page.getByRole('button', { name: 'Data Lab', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Your submissions' })).toBeVisible();
    await page.getByTestId('identity').click();
    await page.getByRole('menuitem', { name: /^Sign out/ }).click();
    await expect(page.getByRole('heading', { name: 'Welcome to Autolab Desktop' })).toBeVisible({ timeout: 15_000 });
    const requests = await sandbox.requests();
    expect(requests.some((r) => r.method === 'POST' && r.path === '/oauth/revoke' && r.status === 200)).toBe(true);
    // Never the password grant: every token request of the full sign-in asked for an authorization code's token.
    const grants = requests.filter((r) => r.path === '/oauth/token').map((r) => r.grantType);
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.filter((g) => g !== 'authorization_code' && g !== 'refresh_token')).toEqual([]);
    expect(grants).not.toContain('password');
  } finally {
    await sandbox.stop();
  }

  // Every secret the server issued or holds for the app.
  const state = JSON.parse(await readFile(path.join(serverData, 'state.json'), 'utf8')) as {
    applications: Array<{ secret: string }>;
    grants: Array<{ token: string }>;
    tokens: Array<{ token: string; refresh_token: string; revoked_at: number | null }>;
  };
  const secrets = [
    ...state.applications.map((a) => a.secret),
    ...state.grants.map((g) => g.token),
    ...state.tokens.flatMap((t) => [t.token, t.refresh_token]),
  ].filter((s) => s.length >= 20);
  expect(state.tokens.length).toBeGreaterThan(0);
  expect(state.tokens.every((t) => t.revoked_at !== null)).toBe(true);

  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const name of await readdir(dir)) {
      const p = path.join(dir, name);
      if ((await stat(p)).isDirectory()) await walk(p);
      else files.push(await readFile(p, 'latin1'));
    }
  };
  await walk(webHost.dataDir);
  expect(toRenderer.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    expect(toRenderer.some((m) => m.includes(secret)), 'a token reached the renderer').toBe(false);
    expect(files.some((f) => f.includes(secret)), 'a token is in the app data folder').toBe(false);
    expect(webHost.output().includes(secret), 'a token is in the logs').toBe(false);
  }
});
