/**
 * Contract tests of the LaMetric sandbox against LaMetric's documentation
 * (providers.md §2; lametric/Documentation cloud-authorization, cloud-users,
 * device-authorization, device-endpoints, device-notifications).
 */
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLametricSandbox, type LametricSandbox } from '../../../sandbox/lametric/index';
import { approveInBrowser } from './cloud-browser';

let sb: LametricSandbox;
const REDIRECT = 'http://127.0.0.1:47613/callback';

beforeAll(async () => {
  sb = await startLametricSandbox();
});
afterAll(() => sb.close());

const basic = (key: string) => `Basic ${Buffer.from(`dev:${key}`).toString('base64')}`;

/** A request to the clock's HTTPS port trusting exactly its certificate. */
function httpsJson(path: string, init: { method?: string; body?: unknown; auth?: string } = {}): Promise<{ status: number; body: unknown; fingerprint: string }> {
  const url = new URL(path, sb.device.httpsUrl);
  return new Promise((resolve, reject) => {
    let fingerprint = '';
    const req = https.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: init.method ?? 'GET',
        agent: false,
        rejectUnauthorized: false, // this test reads the fingerprint and compares it below
        headers: { ...(init.auth ? { authorization: init.auth } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), fingerprint }));
      },
    );
    req.on('socket', (s) => s.once('secureConnect', () => (fingerprint = (s as import('node:tls').TLSSocket).getPeerCertificate().fingerprint256)));
    req.on('error', reject);
    req.end(init.body !== undefined ? JSON.stringify(init.body) : undefined);
  });
}

async function post(body: unknown, key = sb.device.apiKey) {
  const r = await fetch(`${sb.device.httpUrl}/api/v2/device/notifications`, {
    method: 'POST',
    headers: { authorization: basic(key), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

function multipart(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

async function codeFlow(scope = 'basic devices_read'): Promise<{ access_token: string; refresh_token: string; scope: string; expires_in: number; token_type: string }> {
  const app = sb.applications[0]!;
  const url = new URL('/api/v2/oauth2/authorize/', sb.cloudUrl);
  url.search = new URLSearchParams({ client_id: app.client_id, redirect_uri: REDIRECT, response_type: 'code', scope, state: 's1' }).toString();
  const back = new URL(await approveInBrowser(url.toString(), sb.users[0]!));
  expect(back.searchParams.get('state')).toBe('s1');
  const r = await fetch(`${sb.cloudUrl}/api/v2/oauth2/token`, {
    method: 'POST',
    body: multipart({ client_id: app.client_id, client_secret: app.client_secret, grant_type: 'authorization_code', redirect_uri: REDIRECT, code: back.searchParams.get('code')! }),
  });
  expect(r.status).toBe(200);
  return (await r.json()) as never;
}

describe('LaMetric clock (local device API)', () => {
  it('refuses every call without Basic dev:<api_key> with 401', async () => {
    for (const auth of [undefined, basic('wrong'), `Basic ${Buffer.from(`admin:${sb.device.apiKey}`).toString('base64')}`]) {
      const r = await fetch(`${sb.device.httpUrl}/api/v2`, { headers: auth ? { authorization: auth } : {} });
      expect(r.status).toBe(401);
      expect(((await r.json()) as { errors: unknown[] }).errors).toHaveLength(1);
    }
    expect(sb.controls.received()).toHaveLength(0);
  });

  it('answers GET /api/v2 with the version and endpoint map over HTTPS, with the advertised certificate', async () => {
    const r = await httpsJson('/api/v2', { auth: basic(sb.device.apiKey) });
    expect(r.status).toBe(200);
    expect(r.fingerprint).toBe(sb.device.certificateSha256);
    const body = r.body as { api_version: string; endpoints: Record<string, string> };
    expect(body.api_version).toMatch(/^2\.\d+\.\d+$/);
    expect(body.endpoints.notifications_url).toBe(`${sb.device.httpsUrl}/api/v2/device/notifications`);
  });

  it('queues a valid notification, lists it, and dismisses it by id', async () => {
    const n = {
      priority: 'info',
      icon_type: 'info',
      lifetime: 600000,
      model: {
        cycles: 2,
        frames: [{ icon: 'i620', text: 'malloclab 94/100' }, { icon: 'i620', goalData: { start: 0, current: 94, end: 100, unit: '%' } }],
        sound: { category: 'notifications', id: 'positive1', repeat: 1 },
      },
    };
    const r = await post(n);
    expect(r.status).toBe(200);
    const id = (r.body.success as { id: string }).id;
    expect(id).toMatch(/^\d+$/);
    const list = (await (await fetch(`${sb.device.httpUrl}/api/v2/device/notifications`, { headers: { authorization: basic(sb.device.apiKey) } })).json()) as Array<{ id: string; model: unknown; priority: string }>;
    expect(list.find((x) => x.id === id)).toMatchObject({ priority: 'info', model: n.model });
    expect(sb.controls.notifications().map((x) => x.id)).toContain(id);
    const del = await fetch(`${sb.device.httpUrl}/api/v2/device/notifications/${id}`, { method: 'DELETE', headers: { authorization: basic(sb.device.apiKey) } });
    expect(await del.json()).toEqual({ success: true });
    expect(sb.controls.notifications().map((x) => x.id)).not.toContain(id);
    expect(sb.controls.received().map((x) => x.id)).toContain(id);
  });

  it('lists warning notifications before info ones', async () => {
    const a = await post({ priority: 'info', model: { frames: [{ text: 'a' }] } });
    const b = await post({ priority: 'warning', model: { frames: [{ text: 'b' }] } });
    const ids = sb.controls.notifications().map((x) => x.id);
    expect(ids.indexOf((b.body.success as { id: string }).id)).toBeLessThan(ids.indexOf((a.body.success as { id: string }).id));
  });

  it.each([
    ['an unknown priority', { priority: 'urgent', model: { frames: [{ text: 'x' }] } }],
    ['an unknown icon_type', { icon_type: 'big', model: { frames: [{ text: 'x' }] } }],
    ['no frames', { model: { frames: [] } }],
    ['no model', { priority: 'info' }],
    ['a sound id from another category', { model: { frames: [{ text: 'x' }], sound: { category: 'notifications', id: 'alarm1' } } }],
    ['a negative lifetime', { lifetime: -5, model: { frames: [{ text: 'x' }] } }],
    ['the old lifeTime spelling', { lifeTime: 5000, model: { frames: [{ text: 'x' }] } }],
    ['a goal frame without end', { model: { frames: [{ icon: 'i1', goalData: { start: 0, current: 1 } }] } }],
    ['a bad icon', { model: { frames: [{ icon: 'javascript:1', text: 'x' }] } }],
  ])('refuses a notification with %s (400, nothing queued)', async (_what, body) => {
    const before = sb.controls.received().length;
    const r = await post(body);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ errors: [{ message: 'Request validation failed' }] });
    expect(sb.controls.received()).toHaveLength(before);
  });
});

describe('LaMetric cloud', () => {
  it('runs the code flow with a multipart token request and lists the clock with its LAN address and API key', async () => {
    const t = await codeFlow();
    expect(t).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'basic devices_read' });
    const me = await fetch(`${sb.cloudUrl}/api/v2/users/me`, { headers: { authorization: `Bearer ${t.access_token}` } });
    expect(await me.json()).toMatchObject({ email: sb.users[0]!.email });
    const devices = (await (await fetch(`${sb.cloudUrl}/api/v2/users/me/devices`, { headers: { authorization: `Bearer ${t.access_token}` } })).json()) as Array<Record<string, unknown>>;
    expect(devices).toEqual([expect.objectContaining({ api_key: sb.device.apiKey, ipv4_internal: '127.0.0.1', state: 'configured' })]);
  });

  it('answers a missing or expired token with the documented 401 and Www-Authenticate: native; refresh rotates both tokens', async () => {
    const none = await fetch(`${sb.cloudUrl}/api/v2/users/me/devices`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('native');
    expect(await none.json()).toEqual({ errors: [{ message: 'Unauthorized' }] });
    const t = await codeFlow();
    sb.controls.expireAccessTokens();
    const expired = await fetch(`${sb.cloudUrl}/api/v2/users/me`, { headers: { authorization: `Bearer ${t.access_token}` } });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ errors: [{ message: 'Unauthorized' }] });
    const app = sb.applications[0]!;
    const refresh = () => fetch(`${sb.cloudUrl}/api/v2/oauth2/token`, { method: 'POST', body: multipart({ client_id: app.client_id, client_secret: app.client_secret, grant_type: 'refresh_token', refresh_token: t.refresh_token }) });
    const r = await refresh();
    const fresh = (await r.json()) as { access_token: string; refresh_token: string };
    expect(fresh.refresh_token).not.toBe(t.refresh_token);
    expect((await fetch(`${sb.cloudUrl}/api/v2/users/me`, { headers: { authorization: `Bearer ${fresh.access_token}` } })).status).toBe(200);
    const again = await refresh();
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a urlencoded token request, a reused code, a different redirect URI and a wrong secret', async () => {
    const app = sb.applications[0]!;
    const url = new URL('/api/v2/oauth2/authorize/', sb.cloudUrl);
    url.search = new URLSearchParams({ client_id: app.client_id, redirect_uri: `${REDIRECT}?extra=1`, response_type: 'code', scope: 'basic', state: 'x' }).toString();
    const code = new URL(await approveInBrowser(url.toString(), sb.users[0]!)).searchParams.get('code')!;
    const fields = { client_id: app.client_id, client_secret: app.client_secret, grant_type: 'authorization_code', redirect_uri: `${REDIRECT}?extra=1`, code };
    const urlencoded = await fetch(`${sb.cloudUrl}/api/v2/oauth2/token`, { method: 'POST', body: new URLSearchParams(fields) });
    expect([urlencoded.status, ((await urlencoded.json()) as { error: string }).error]).toEqual([400, 'invalid_request']);
    const wrongSecret = await fetch(`${sb.cloudUrl}/api/v2/oauth2/token`, { method: 'POST', body: multipart({ ...fields, client_secret: 'nope' }) });
    expect([wrongSecret.status, ((await wrongSecret.json()) as { error: string }).error]).toEqual([401, 'invalid_client']);
    const otherRedirect = await fetch(`${sb.cloudUrl}/api/v2/oauth2/token`, { method: 'POST', body: multipart({ ...fields, redirect_uri: REDIRECT }) });
    expect(((await otherRedirect.json()) as { error: string }).error).toBe('invalid_grant');
    const ok = await fetch(`${sb.cloudUrl}/api/v2/oauth2/token`, { method: 'POST', body: multipart(fields) });
    expect(ok.status).toBe(200);
    const reused = await fetch(`${sb.cloudUrl}/api/v2/oauth2/token`, { method: 'POST', body: multipart(fields) });
    expect(((await reused.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it.each([
    ['another port', 'http://127.0.0.1:47614/callback'],
    ['a trailing slash', 'http://127.0.0.1:47613/callback/'],
    ['localhost', 'http://localhost:47613/callback'],
  ])('shows an error page (no redirect) for a redirect URI on %s', async (_what, redirectUri) => {
    const app = sb.applications[0]!;
    const url = new URL('/api/v2/oauth2/authorize/', sb.cloudUrl);
    url.search = new URLSearchParams({ client_id: app.client_id, redirect_uri: redirectUri, response_type: 'code', scope: 'basic', state: 'x' }).toString();
    const r = await fetch(url, { redirect: 'manual' });
    expect(r.status).toBe(400);
    expect(r.headers.get('location')).toBeNull();
  });

  it('redirects a denial with error=access_denied and the state, and serves the implicit flow in the fragment as documented', async () => {
    const app = sb.applications[0]!;
    const url = new URL('/api/v2/oauth2/authorize/', sb.cloudUrl);
    url.search = new URLSearchParams({ client_id: app.client_id, redirect_uri: REDIRECT, response_type: 'code', scope: 'basic devices_read', state: 'd' }).toString();
    const denied = new URL(await approveInBrowser(url.toString(), sb.users[0]!, 'deny'));
    expect([denied.searchParams.get('error'), denied.searchParams.get('state')]).toEqual(['access_denied', 'd']);
    url.searchParams.set('response_type', 'token');
    const implicit = new URL(await approveInBrowser(url.toString(), sb.users[0]!));
    expect(implicit.search).toBe('');
    expect(new URLSearchParams(implicit.hash.slice(1)).get('token_type')).toBe('Bearer');
    expect(sb.controls.requestLog().some((e) => e.responseType === 'token')).toBe(true);
  });
});

describe('LaMetric cloud Indicator app push', () => {
  const push = (body: unknown, token?: string) =>
    fetch(sb.indicator.pushUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { 'x-access-token': token } : {}) }, body: JSON.stringify(body) });

  it('shows the pushed frames with the right X-Access-Token, refuses a missing or wrong one with the documented 401', async () => {
    for (const token of [undefined, 'wrong==']) {
      const r = await push({ frames: [{ text: 'x', icon: 'i620', index: 0 }] }, token);
      expect(r.status).toBe(401);
      expect(await r.json()).toEqual({ errors: [{ message: 'Unauthorized' }] });
    }
    expect(sb.controls.indicatorFrames()).toBeNull();
    const frames = [{ text: 'malloclab 94/100', icon: 'i620', index: 0 }, { icon: 'i620', goalData: { start: 0, current: 94, end: 100, unit: '' }, index: 1 }];
    const ok = await push({ frames }, sb.indicator.accessToken);
    expect(ok.status).toBe(200);
    expect(sb.controls.indicatorFrames()).toEqual(frames);
  });

  it('refuses frames the clock could not show (400), keeping what it showed', async () => {
    const before = sb.controls.indicatorFrames();
    const r = await push({ frames: [] }, sb.indicator.accessToken);
    expect(r.status).toBe(400);
    expect(sb.controls.indicatorFrames()).toEqual(before);
  });
});
