import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser as PwBrowser } from '@playwright/test';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { INSTRUCTOR, STUDENT, api, tokenRequest } from './sandbox-client.js';

let sb: Sandbox;
let browser: PwBrowser;

beforeAll(async () => {
  sb = await startSandbox({ rateLimits: false });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await sb?.close();
});

const poll = async (client_id: string, device_code: string): Promise<{ status: number; text: string }> => {
  const r = await fetch(`${sb.baseUrl}/oauth/device_flow_authorize?${new URLSearchParams({ client_id, device_code })}`);
  return { status: r.status, text: await r.text() };
};

describe('sandbox device flow (§3)', () => {
  it('init and poll answer their exact errors', async () => {
    const init = async (q: string): Promise<string> => (await fetch(`${sb.baseUrl}/oauth/device_flow_init${q}`)).text();
    expect(await init('')).toBe(`{"error":"Required param 'client_id' not present"}`);
    expect(await init('?client_id=nope')).toBe('{"error":"Unrecognized client_id"}');
    expect((await poll('', 'x')).text).toBe(`{"error":"Required param 'client_id' not present"}`);
    expect((await poll('nope', 'x')).text).toBe('{"error":"Unrecognized client_id"}');
    expect((await poll(sb.applications[0]?.client_id ?? '', '')).text).toBe(`{"error":"Required param 'device_code' not present"}`);
    expect((await poll(sb.applications[0]?.client_id ?? '', 'abc')).text).toBe('{"error":"Invalid device_code. User may have denied access"}');
    expect((await fetch(`${sb.baseUrl}/oauth/device_flow_init`, { method: 'POST' })).status).toBe(404);
  });

  it('is approved by a user in Chromium on the real pages; the code is returned once and exchanged', async () => {
    const app = sb.applications[0] as Sandbox['applications'][number];
    const init = (await (await fetch(`${sb.baseUrl}/oauth/device_flow_init?client_id=${app.client_id}`)).json()) as Record<string, string>;
    expect(init.device_code).toMatch(/^[0-9a-f]{64}$/);
    expect(init.user_code).toMatch(/^[A-Za-z0-9]{6}$/);
    expect(init.verification_uri).toBe(`${sb.baseUrl}/activate`);
    expect(await poll(app.client_id, init.device_code ?? '')).toEqual({ status: 400, text: '{"error":"authorization_pending"}' });

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(init.verification_uri ?? '');
    await page.getByLabel('Email').fill(STUDENT[0]);
    await page.getByLabel('Password').fill(STUDENT[1]);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('User code').fill('zzzzzz');
    await page.getByRole('button', { name: 'Activate' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Invalid user code.');
    await page.getByLabel('User code').fill(init.user_code ?? '');
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(/\/activate$/);
    // Consent is now skipped for this user and app (same scopes): §2.7.
    expect(await page.getByRole('status').textContent()).toContain('Access granted');
    await context.close();

    const granted = await poll(app.client_id, init.device_code ?? '');
    expect(granted.status).toBe(200);
    const code = (JSON.parse(granted.text) as { code: string }).code;
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await poll(app.client_id, init.device_code ?? '')).toEqual({ status: 400, text: '{"error":"Invalid device_code. User may have denied access"}' });
    const t = await tokenRequest(sb.baseUrl, { grant_type: 'authorization_code', code, redirect_uri: `${sb.baseUrl}/device_flow_auth_cb`, client_id: app.client_id, client_secret: app.client_secret });
    expect(t.status).toBe(200);
    expect(t.body.scope).toBe(app.scopes.join(' '));
    expect((await api(sb, String(t.body.access_token), '/user')).status).toBe(200);
  }, 30_000);

  it('reports a denial once, then forgets the request (a user with no prior token, so consent is shown)', async () => {
    const app = sb.applications[0] as Sandbox['applications'][number];
    const init = (await (await fetch(`${sb.baseUrl}/oauth/device_flow_init?client_id=${app.client_id}`)).json()) as Record<string, string>;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${sb.baseUrl}/activate`);
    await page.getByLabel('Email').fill(INSTRUCTOR[0]);
    await page.getByLabel('Password').fill(INSTRUCTOR[1]);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('User code').fill(init.user_code ?? '');
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL(/\/activate$/);
    expect(await page.getByRole('alert').textContent()).toContain('Access denied by user');
    await context.close();
    expect((await poll(app.client_id, init.device_code ?? '')).text).toBe('{"error":"authorization denied by user"}');
    expect((await poll(app.client_id, init.device_code ?? '')).text).toBe('{"error":"Invalid device_code. User may have denied access"}');
  }, 30_000);
});
