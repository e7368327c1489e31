import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { Browser, STUDENT, api, approve, authorizeUrl, codeFrom, tokenRequest, signInForToken } from './sandbox-client.js';

const INVALID_GRANT =
  'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';
const INVALID_CLIENT =
  'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.';

let sb: Sandbox;
let b: Browser;
const LOOPBACK = 'http://127.0.0.1:49152/callback';

beforeAll(async () => {
  sb = await startSandbox({ rateLimits: false });
  b = new Browser(sb.baseUrl);
  await b.signIn(...STUDENT);
});
afterAll(async () => sb.close());

const demo = (): Sandbox['applications'][number] => sb.applications[0] as Sandbox['applications'][number];

async function freshCode(redirect_uri = LOOPBACK, scope?: string): Promise<string> {
  const { location } = await approve(b, { client_id: demo().client_id, redirect_uri, scope: scope ?? demo().scopes.join(' ') });
  return codeFrom(location);
}

describe('sandbox OAuth: authorization endpoint', () => {
  it('registers 43-char client ids and secrets and the documented redirect URIs', () => {
    expect(demo().name).toBe('Autolab Desktop');
    expect(demo().client_id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(demo().client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(demo().redirect_uris).toEqual(['http://127.0.0.1/callback', `${sb.baseUrl}/device_flow_auth_cb`, 'urn:ietf:wg:oauth:2.0:oob']);
    expect(sb.users.map((u) => u.role)).toEqual(['student', 'instructor', 'course_assistant', 'admin']);
  });

  it('redirects an anonymous visitor to the Devise sign-in and back afterwards', async () => {
    const anon = new Browser(sb.baseUrl);
    const url = authorizeUrl({ client_id: demo().client_id, redirect_uri: LOOPBACK });
    const r = await anon.go(url);
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/auth/users/sign_in');
    const bad = await anon.post('/auth/users/sign_in', { 'user[email]': STUDENT[0], 'user[password]': 'wrong' });
    expect(await bad.text()).toContain('Invalid Email or password.');
    const ok = await anon.post('/auth/users/sign_in', { 'user[email]': STUDENT[0], 'user[password]': STUDENT[1] });
    expect(ok.headers.get('location')).toBe(url);
    expect(ok.headers.get('set-cookie') ?? r.headers.get('set-cookie')).toMatch(/HttpOnly/);
  });

  it('shows a consent page listing scopes with Authorize and Deny', async () => {
    const r = await b.go(authorizeUrl({ client_id: demo().client_id, redirect_uri: LOOPBACK, scope: 'user_info user_courses' }));
    const html = await r.text();
    expect(r.status).toBe(200);
    expect(html).toContain('Courses and assessments');
    expect(html).toContain('Basic info (name, email, school, year)');
    expect(html).toMatch(/>Authorize</);
    expect(html).toMatch(/>Deny</);
    expect(html).toContain('authenticity_token');
  });

  it('matches loopback IP redirect URIs on any port, but not localhost, and requires redirect_uri', async () => {
    for (const uri of ['http://127.0.0.1:1/callback', 'http://127.0.0.1:65000/callback', 'http://127.0.0.1/callback?x=1']) {
      const r = await b.go(authorizeUrl({ client_id: demo().client_id, redirect_uri: uri }));
      expect([200, 302]).toContain(r.status);
    }
    for (const uri of ['http://localhost:5000/callback', 'http://127.0.0.1:5000/other', 'https://127.0.0.1/callback', 'http://127.0.0.1/callback#x', undefined]) {
      const r = await b.go(authorizeUrl({ client_id: demo().client_id, redirect_uri: uri as string }));
      expect(r.status).toBe(400);
      expect(await r.text()).toContain('The requested redirect uri is malformed or doesn&#39;t match client redirect URI.');
    }
  });

  it('renders Doorkeeper error pages for unknown client, bad scope and response type', async () => {
    let r = await b.go(authorizeUrl({ client_id: 'nope', redirect_uri: LOOPBACK }));
    expect(r.status).toBe(401);
    r = await b.go(authorizeUrl({ client_id: demo().client_id, redirect_uri: LOOPBACK, scope: 'admin_all' }));
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('The requested scope is invalid, unknown, or malformed.');
    r = await b.go(authorizeUrl({ client_id: demo().client_id, redirect_uri: LOOPBACK, response_type: 'token' }));
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('The authorization server does not support this response type.');
  });

  it('redirects with access_denied on Deny, and answers JSON 400 for OOB deny', async () => {
    const r = await b.go(authorizeUrl({ client_id: demo().client_id, redirect_uri: LOOPBACK, scope: 'user_info user_scores', state: 's1' }));
    const csrf = /name="authenticity_token" value="([^"]+)"/.exec(await r.text())?.[1] ?? '';
    const form = { authenticity_token: csrf, _method: 'delete', client_id: demo().client_id, redirect_uri: LOOPBACK, response_type: 'code', scope: 'user_info user_scores', state: 's1' };
    const d = await b.post('/oauth/authorize', form);
    expect(d.headers.get('location')).toBe(
      `${LOOPBACK}?error=access_denied&error_description=The+resource+owner+or+authorization+server+denied+the+request.&state=s1`,
    );
    const oob = await b.post('/oauth/authorize', { ...form, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob' });
    expect(oob.status).toBe(400);
    expect(await oob.text()).toBe('{"error":"access_denied","error_description":"The resource owner or authorization server denied the request."}');
  });

  it('rejects a consent POST without the CSRF token', async () => {
    const r = await b.post('/oauth/authorize', { client_id: demo().client_id, redirect_uri: LOOPBACK, response_type: 'code' });
    expect(r.status).toBe(422);
  });

  it('skips consent when the user already holds a token with exactly the same scopes', async () => {
    const scope = 'user_info user_submit';
    const first = await approve(b, { client_id: demo().client_id, redirect_uri: LOOPBACK, scope, state: 'a' });
    expect(first.consentShown).toBe(true);
    const t = await tokenRequest(sb.baseUrl, { grant_type: 'authorization_code', code: codeFrom(first.location), redirect_uri: LOOPBACK, client_id: demo().client_id, client_secret: demo().client_secret });
    expect(t.status).toBe(200);
    const second = await approve(b, { client_id: demo().client_id, redirect_uri: LOOPBACK, scope: 'user_submit user_info', state: 'b' });
    expect(second.consentShown).toBe(false);
    expect(second.location).toMatch(/^http:\/\/127\.0\.0\.1:49152\/callback\?code=[A-Za-z0-9_-]{43}&state=b$/);
    const third = await approve(b, { client_id: demo().client_id, redirect_uri: LOOPBACK, scope: 'user_info', state: 'c' });
    expect(third.consentShown).toBe(true);
  });

  it('shows OOB codes on /oauth/authorize/native', async () => {
    const { location } = await approve(b, { client_id: demo().client_id, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob', scope: 'user_info user_courses user_scores' });
    expect(location).toMatch(/^\/oauth\/authorize\/native\?code=/);
    const page = await (await b.go(location)).text();
    expect(page).toMatch(/<code id="authorization_code">[A-Za-z0-9_-]{43}<\/code>/);
  });
});

describe('sandbox OAuth: token endpoint error table (§2.8)', () => {
  const creds = (): Record<string, string> => ({ client_id: demo().client_id, client_secret: demo().client_secret });

  it('answers each row with its exact status and body', async () => {
    const rows: Array<[Record<string, string>, number, string, string]> = [
      [{}, 400, 'invalid_request', 'Missing required parameter: grant_type.'],
      [{ grant_type: 'client_credentials' }, 400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.'],
      [{ grant_type: 'password' }, 400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.'],
      [{ grant_type: 'urn:ietf:params:oauth:grant-type:device_code' }, 400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.'],
      [{ grant_type: 'authorization_code', redirect_uri: LOOPBACK, ...creds() }, 400, 'invalid_request', 'Missing required parameter: code.'],
      [{ grant_type: 'authorization_code', code: 'x', ...creds() }, 400, 'invalid_request', 'Missing required parameter: redirect_uri.'],
      [{ grant_type: 'refresh_token', ...creds() }, 400, 'invalid_request', 'Missing required parameter: refresh_token.'],
      [{ grant_type: 'authorization_code', code: 'x', redirect_uri: LOOPBACK }, 401, 'invalid_client', INVALID_CLIENT],
      [{ grant_type: 'authorization_code', code: 'x', redirect_uri: LOOPBACK, client_id: demo().client_id, client_secret: 'wrong' }, 401, 'invalid_client', INVALID_CLIENT],
      [{ grant_type: 'authorization_code', code: 'x', redirect_uri: LOOPBACK, client_id: 'unknown', client_secret: 'x' }, 401, 'invalid_client', INVALID_CLIENT],
      [{ grant_type: 'authorization_code', code: 'unknown-code', redirect_uri: LOOPBACK, ...creds() }, 400, 'invalid_grant', INVALID_GRANT],
      [{ grant_type: 'refresh_token', refresh_token: 'unknown', ...creds() }, 400, 'invalid_grant', INVALID_GRANT],
    ];
    for (const [form, status, error, description] of rows) {
      const t = await tokenRequest(sb.baseUrl, form);
      expect([t.status, t.body]).toEqual([status, { error, error_description: description }]);
      expect(t.headers.get('www-authenticate')).toBe(`Bearer realm="Doorkeeper", error="${error}", error_description="${description}"`);
    }
    // The request log names each token request's grant type ('' when absent): e2e tests check the app never asks for `password`.
    const logged = sb.controls.requestLog().filter((e) => e.path === '/oauth/token').slice(-rows.length).map((e) => e.grantType);
    expect(logged).toEqual(rows.map(([form]) => form.grant_type ?? ''));
  });

  it('exchanges a code once (Basic auth), rejects reuse and redirect mismatch, keeps issued tokens', async () => {
    const code = await freshCode();
    const basic = `Basic ${Buffer.from(`${demo().client_id}:${demo().client_secret}`).toString('base64')}`;
    const mismatch = await tokenRequest(sb.baseUrl, { grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:1/other' }, { authorization: basic });
    expect(mismatch.body.error).toBe('invalid_grant');
    const ok = await tokenRequest(sb.baseUrl, { grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:7/callback' }, { authorization: basic });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store, no-cache');
    expect(ok.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Object.keys(ok.body)).toEqual(['access_token', 'token_type', 'expires_in', 'refresh_token', 'scope', 'created_at']);
    expect(ok.body.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ok.body.expires_in).toBe(7200);
    expect(ok.text).toMatch(/"created_at":\d+\}$/);
    const again = await tokenRequest(sb.baseUrl, { grant_type: 'authorization_code', code, redirect_uri: LOOPBACK }, { authorization: basic });
    expect(again.body.error).toBe('invalid_grant');
    expect((await api(sb, String(ok.body.access_token), '/user')).status).toBe(200);
  });

  it('rejects a code issued to another client', async () => {
    const code = await freshCode();
    const other = sb.applications[1] as Sandbox['applications'][number];
    const t = await tokenRequest(sb.baseUrl, { grant_type: 'authorization_code', code, redirect_uri: LOOPBACK, client_id: other.client_id, client_secret: other.client_secret });
    expect(t.body.error).toBe('invalid_grant');
  });

  it('expires codes after 10 minutes (clock offset)', async () => {
    const code = await freshCode();
    sb.controls.setClockOffset(601_000);
    try {
      const t = await tokenRequest(sb.baseUrl, { grant_type: 'authorization_code', code, redirect_uri: LOOPBACK, ...creds() });
      expect(t.body.error).toBe('invalid_grant');
    } finally {
      sb.controls.setClockOffset(0);
    }
  });

  it('rotates refresh tokens with deferred revocation of the old pair (§2.5)', async () => {
    const code = await freshCode(LOOPBACK, 'user_info user_courses user_scores');
    const first = (await tokenRequest(sb.baseUrl, { grant_type: 'authorization_code', code, redirect_uri: LOOPBACK, ...creds() })).body;
    const noClient = await tokenRequest(sb.baseUrl, { grant_type: 'refresh_token', refresh_token: String(first.refresh_token) });
    expect(noClient.body.error).toBe('invalid_grant');
    const wrong = await tokenRequest(sb.baseUrl, { grant_type: 'refresh_token', refresh_token: String(first.refresh_token), client_id: demo().client_id, client_secret: 'bad' });
    expect([wrong.status, wrong.body.error]).toEqual([401, 'invalid_client']);
    const wider = await tokenRequest(sb.baseUrl, { grant_type: 'refresh_token', refresh_token: String(first.refresh_token), scope: 'user_info user_submit', ...creds() });
    expect([wider.status, wider.body.error]).toEqual([400, 'invalid_scope']);
    const second = (await tokenRequest(sb.baseUrl, { grant_type: 'refresh_token', refresh_token: String(first.refresh_token), ...creds() })).body;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await api(sb, String(first.access_token), '/user')).status).toBe(200);
    const third = await tokenRequest(sb.baseUrl, { grant_type: 'refresh_token', refresh_token: String(first.refresh_token), ...creds() });
    expect(third.status).toBe(200);
    expect((await api(sb, String(second.access_token), '/user')).status).toBe(200);
    const old = await api(sb, String(first.access_token), '/user');
    expect(old.status).toBe(401);
    expect(old.text).toBe('{"error":"OAuth2 authorization failed"}');
    expect(old.headers.get('www-authenticate')).toContain('The access token was revoked');
    expect((await tokenRequest(sb.baseUrl, { grant_type: 'refresh_token', refresh_token: String(first.refresh_token), ...creds() })).body.error).toBe('invalid_grant');
    const narrowed = await tokenRequest(sb.baseUrl, { grant_type: 'refresh_token', refresh_token: String(second.refresh_token), scope: 'user_info', ...creds() });
    expect(narrowed.body.scope).toBe('user_info');
  });

  it('reports expired tokens in WWW-Authenticate only', async () => {
    sb.controls.setAccessTokenLifetime(1);
    const t = await signInForToken(sb, ...STUDENT, { scope: 'user_info' });
    sb.controls.setAccessTokenLifetime(7200);
    sb.controls.setClockOffset(2000);
    try {
      const r = await api(sb, t.access_token, '/user');
      expect(r.status).toBe(401);
      expect(r.text).toBe('{"error":"OAuth2 authorization failed"}');
      expect(r.headers.get('www-authenticate')).toBe('Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token expired"');
    } finally {
      sb.controls.setClockOffset(0);
    }
    const unknown = await api(sb, 'x'.repeat(43), '/user');
    expect(unknown.headers.get('www-authenticate')).toContain('The access token is invalid');
  });

  it('revokes tokens (RFC 7009) and answers token/info', async () => {
    const t = await signInForToken(sb, ...STUDENT, { scope: 'user_info user_courses' });
    const info = await fetch(`${sb.baseUrl}/oauth/token/info`, { headers: { authorization: `Bearer ${t.access_token}` } });
    const body = (await info.json()) as Record<string, unknown>;
    expect(body.scope).toEqual(['user_info', 'user_courses']);
    expect(body.application).toEqual({ uid: demo().client_id });
    expect(typeof body.resource_owner_id).toBe('number');
    const revoke = (form: Record<string, string>): Promise<Response> =>
      fetch(`${sb.baseUrl}/oauth/revoke`, { method: 'POST', body: new URLSearchParams(form) });
    const denied = await revoke({ token: t.refresh_token });
    expect([denied.status, await denied.text()]).toEqual([403, '{"error":"unauthorized_client","error_description":"You are not authorized to revoke this token"}']);
    const other = sb.applications[1] as Sandbox['applications'][number];
    expect((await revoke({ token: t.refresh_token, client_id: other.client_id, client_secret: other.client_secret })).status).toBe(403);
    const unknown = await revoke({ token: 'nope', ...creds() });
    expect([unknown.status, await unknown.text()]).toEqual([200, '{}']);
    const ok = await revoke({ token: t.refresh_token, token_type_hint: 'refresh_token', ...creds() });
    expect([ok.status, await ok.text()]).toEqual([200, '{}']);
    expect((await api(sb, t.access_token, '/user')).status).toBe(401);
    const infoAfter = await fetch(`${sb.baseUrl}/oauth/token/info`, { headers: { authorization: `Bearer ${t.access_token}` } });
    expect(infoAfter.status).toBe(401);
  });
});

describe('sandbox OAuth: production and strict PKCE modes', () => {
  it('production registers no http loopback URI, so loopback sign-in meets the error page', async () => {
    const prod = await startSandbox({ production: true });
    try {
      const app = prod.applications[0] as Sandbox['applications'][number];
      expect(app.redirect_uris).toEqual([`${prod.baseUrl}/device_flow_auth_cb`, 'urn:ietf:wg:oauth:2.0:oob']);
      const pb = new Browser(prod.baseUrl);
      await pb.signIn(...STUDENT);
      const r = await pb.go(authorizeUrl({ client_id: app.client_id, redirect_uri: 'http://127.0.0.1:5000/callback' }));
      expect(r.status).toBe(400);
      expect(await r.text()).toContain('redirect uri is malformed');
    } finally {
      await prod.close();
    }
  });

  it('ignores PKCE by default and enforces S256 under strictPkce', async () => {
    const strict = await startSandbox({ strictPkce: true });
    try {
      const app = strict.applications[0] as Sandbox['applications'][number];
      const sbb = new Browser(strict.baseUrl);
      await sbb.signIn(...STUDENT);
      const missing = await sbb.go(authorizeUrl({ client_id: app.client_id, redirect_uri: LOOPBACK }));
      expect(missing.status).toBe(400);
      const { createHash } = await import('node:crypto');
      const verifier = 'v'.repeat(50);
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const { location } = await approve(sbb, { client_id: app.client_id, redirect_uri: LOOPBACK, code_challenge: challenge, code_challenge_method: 'S256' });
      const base = { grant_type: 'authorization_code', code: codeFrom(location), redirect_uri: LOOPBACK, client_id: app.client_id, client_secret: app.client_secret };
      expect((await tokenRequest(strict.baseUrl, { ...base, code_verifier: 'wrong' })).body.error).toBe('invalid_grant');
      expect((await tokenRequest(strict.baseUrl, { ...base, code_verifier: verifier })).status).toBe(200);
    } finally {
      await strict.close();
    }
    const code = await freshCode(LOOPBACK);
    const t = await tokenRequest(sb.baseUrl, { grant_type: 'authorization_code', code, redirect_uri: LOOPBACK, code_verifier: 'anything', ...creds() });
    expect(t.status).toBe(200);
  });
});

function creds(): Record<string, string> {
  return { client_id: demo().client_id, client_secret: demo().client_secret };
}
