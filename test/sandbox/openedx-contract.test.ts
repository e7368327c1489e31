/**
 * The Open edX sandbox's contract (providers.md §1; edx-platform oauth_dispatch,
 * edx-drf-extensions JwtAuthentication, the enrollment, courses, blocks and
 * grades APIs): each grant, each error, JWT claims and expiry, header schemes,
 * pagination and the throttle.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readline from 'node:readline';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenedxSandbox, type OpenedxSandbox } from '../../sandbox/openedx/index';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
const COURSE = 'course-v1:AutolabX+CS101+2026_T1';

describe('Open edX sandbox contract', () => {
  let sb: OpenedxSandbox;
  let personal: OpenedxSandbox['applications'][number];
  let noGrades: OpenedxSandbox['applications'][number];
  let browser: OpenedxSandbox['applications'][number];
  beforeAll(async () => {
    sb = await startOpenedxSandbox({ port: 0 });
    [personal, noGrades, browser] = sb.applications as [typeof personal, typeof personal, typeof personal];
  });
  afterAll(() => sb.close());

  const token = (body: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${sb.baseUrl}/oauth2/access_token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(body) });
  const api = (path: string, auth?: string) => fetch(`${sb.baseUrl}${path}`, auth ? { headers: { authorization: auth } } : {});
  const jwtFor = async (app = personal, scope = 'read email profile grades:read') => {
    const r = await token({ grant_type: 'client_credentials', token_type: 'jwt', scope }, { authorization: basic(app.client_id, app.client_secret) });
    return ((await r.json()) as { access_token: string }).access_token;
  };

  it('client_credentials with Basic and token_type=jwt returns an HS256 JWT with the documented claims, 3600 s, no refresh token', async () => {
    const r = await token({ grant_type: 'client_credentials', token_type: 'jwt', scope: 'read email profile grades:read user_id' }, { authorization: basic(personal.client_id, personal.client_secret) });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'JWT', expires_in: 3600, scope: 'read email profile grades:read user_id' });
    expect(body).not.toHaveProperty('refresh_token');
    const jwt = body.access_token as string;
    expect(JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    const c = claimsOf(jwt);
    for (const k of ['aud', 'exp', 'iat', 'iss', 'grant_type', 'preferred_username', 'scopes', 'version', 'sub', 'filters', 'is_restricted', 'email_verified']) expect(c).toHaveProperty(k);
    expect(c).toMatchObject({ preferred_username: 'ada_learner', email: 'ada@example.org', name: 'Ada Lovelace', grant_type: '', scopes: ['read', 'email', 'profile', 'grades:read', 'user_id'] });
    expect(typeof c.user_id).toBe('number');
    expect((c.exp as number) - (c.iat as number)).toBe(3600);
  });

  it('token_type is case-insensitive (form or X-Token-Type); without it an opaque Bearer token comes back; form client auth works', async () => {
    const upper = await token({ grant_type: 'client_credentials', token_type: 'JWT', client_id: personal.client_id, client_secret: personal.client_secret });
    expect(((await upper.json()) as { token_type: string }).token_type).toBe('JWT');
    const header = await token({ grant_type: 'client_credentials', client_id: personal.client_id, client_secret: personal.client_secret }, { 'x-token-type': 'jwt' });
    expect(((await header.json()) as { token_type: string }).token_type).toBe('JWT');
    const plain = (await (await token({ grant_type: 'client_credentials', client_id: personal.client_id, client_secret: personal.client_secret })).json()) as Record<string, unknown>;
    expect(plain.token_type).toBe('Bearer');
    expect((plain.access_token as string).split('.')).toHaveLength(1);
    expect(plain.scope).toBe('read write email profile');
  });

  it('a wrong secret or unknown client is 401 invalid_client; an unallowed scope is 400 invalid_scope; a wrong grant is unauthorized_client', async () => {
    const wrong = await token({ grant_type: 'client_credentials', token_type: 'jwt' }, { authorization: basic(personal.client_id, 'nope') });
    expect([wrong.status, await wrong.json()]).toEqual([401, { error: 'invalid_client' }]);
    const unknown = await token({ grant_type: 'client_credentials', client_id: 'ghost', client_secret: 'x' });
    expect(unknown.status).toBe(401);
    const scope = await token({ grant_type: 'client_credentials', scope: 'read grades:read' }, { authorization: basic(noGrades.client_id, noGrades.client_secret) });
    expect([scope.status, await scope.json()]).toEqual([400, { error: 'invalid_scope' }]);
    const password = await token({ grant_type: 'password', username: 'ada_learner', password: 'edx-demo-learner' }, { authorization: basic(personal.client_id, personal.client_secret) });
    expect([password.status, await password.json()]).toEqual([400, { error: 'unauthorized_client' }]);
    const none = await token({}, { authorization: basic(personal.client_id, personal.client_secret) });
    expect([none.status, await none.json()]).toEqual([400, { error: 'unsupported_grant_type' }]);
    // The request log names each token request's grant type (e2e tests check the app never asks for `password`).
    const grants = sb.controls.requestLog().filter((e) => e.path === '/oauth2/access_token').slice(-5).map((e) => e.grantType);
    expect(grants).toEqual(['client_credentials', 'client_credentials', 'client_credentials', 'password', '']);
    expect(sb.controls.requestLog().filter((e) => e.path !== '/oauth2/access_token').every((e) => e.grantType === undefined)).toBe(true);
  });

  it('APIs accept "JWT <jwt>" and "Bearer <opaque>", refuse "Bearer <jwt>", and an expired JWT is 401 {"detail": …}', async () => {
    const jwt = await jwtFor();
    expect(await (await api('/api/user/v1/me', `JWT ${jwt}`)).json()).toEqual({ username: 'ada_learner' });
    const bearerJwt = await api('/api/user/v1/me', `Bearer ${jwt}`);
    expect(bearerJwt.status).toBe(401);
    expect(bearerJwt.headers.get('www-authenticate')).toBe('JWT realm="api"');
    const opaque = ((await (await token({ grant_type: 'client_credentials', client_id: personal.client_id, client_secret: personal.client_secret })).json()) as { access_token: string }).access_token;
    expect((await api('/api/user/v1/me', `Bearer ${opaque}`)).status).toBe(200);
    expect(await (await api('/api/user/v1/me')).json()).toEqual({ detail: 'Authentication credentials were not provided.' });
    const tampered = `${jwt.slice(0, -2)}xx`;
    expect((await api('/api/user/v1/me', `JWT ${tampered}`)).status).toBe(401);
    sb.controls.advanceClock(3601_000);
    try {
      const expired = await api('/api/user/v1/me', `JWT ${jwt}`);
      expect([expired.status, await expired.json()]).toEqual([401, { detail: 'Signature has expired.' }]);
    } finally {
      sb.controls.setClockOffset(0);
    }
  });

  it('authorization_code: login and consent pages, exact redirect, PKCE S256, refresh rotation, revocation', async () => {
    const redirectUri = browser.redirect_uris[0]!;
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const q = new URLSearchParams({ client_id: browser.client_id, redirect_uri: redirectUri, response_type: 'code', scope: 'read profile grades:read', state: 'st8', code_challenge: challenge, code_challenge_method: 'S256' });
    const mismatch = await fetch(`${sb.baseUrl}/oauth2/authorize?${new URLSearchParams({ ...Object.fromEntries(q), redirect_uri: 'http://127.0.0.1:1/callback' })}`, { redirect: 'manual' });
    expect([mismatch.status, (await mismatch.text()).includes('Mismatching redirect URI.')]).toEqual([400, true]);
    const first = await fetch(`${sb.baseUrl}/oauth2/authorize?${q}`, { redirect: 'manual' });
    expect(first.status).toBe(302);
    const loginUrl = new URL(first.headers.get('location')!, sb.baseUrl);
    expect(loginUrl.pathname).toBe('/login');
    expect(await (await fetch(loginUrl)).text()).toContain('<label for="password">Password</label>');
    const bad = await fetch(`${sb.baseUrl}/login`, { method: 'POST', body: new URLSearchParams({ email: 'ada@example.org', password: 'wrong', next: loginUrl.searchParams.get('next')! }), redirect: 'manual' });
    expect(await bad.text()).toContain('Email or password is incorrect.');
    const signedIn = await fetch(`${sb.baseUrl}/login`, { method: 'POST', body: new URLSearchParams({ email: 'ada@example.org', password: 'edx-demo-learner', next: loginUrl.searchParams.get('next')! }), redirect: 'manual' });
    expect(signedIn.status).toBe(302);
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    const consent = await fetch(new URL(signedIn.headers.get('location')!, sb.baseUrl), { headers: { cookie }, redirect: 'manual' });
    const html = await consent.text();
    expect(html).toContain('>Allow</button>');
    expect(html).toContain(browser.name);
    const allow = async () => {
      const r = await fetch(`${sb.baseUrl}/oauth2/authorize`, { method: 'POST', headers: { cookie }, body: new URLSearchParams({ ...Object.fromEntries(q), allow: 'Authorize' }), redirect: 'manual' });
      const back = new URL(r.headers.get('location')!);
      expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
      expect(back.searchParams.get('state')).toBe('st8');
      return back.searchParams.get('code')!;
    };
    const exchange = (code: string, extra: Record<string, string> = {}) =>
      token({ grant_type: 'authorization_code', client_id: browser.client_id, code, redirect_uri: redirectUri, code_verifier: verifier, token_type: 'jwt', ...extra });
    expect(await (await exchange(await allow(), { redirect_uri: `${redirectUri}/` })).json()).toEqual({ error: 'invalid_grant' });
    expect(await (await exchange(await allow(), { code_verifier: 'w'.repeat(50) })).json()).toEqual({ error: 'invalid_grant' });
    const code = await allow();
    const granted = (await (await exchange(code)).json()) as Record<string, string>;
    expect(granted).toMatchObject({ token_type: 'JWT', expires_in: 3600, scope: 'read profile grades:read' });
    expect(granted.refresh_token).toBeTruthy();
    expect(await (await exchange(code)).json()).toEqual({ error: 'invalid_grant' }); // one use
    const refresh = (rt: string) => token({ grant_type: 'refresh_token', client_id: browser.client_id, refresh_token: rt, token_type: 'jwt' });
    const rotated = (await (await refresh(granted.refresh_token!)).json()) as Record<string, string>;
    expect(rotated.refresh_token).not.toBe(granted.refresh_token);
    expect(await (await refresh(granted.refresh_token!)).json()).toEqual({ error: 'invalid_grant' });
    const revoked = await fetch(`${sb.baseUrl}/oauth2/revoke_token`, { method: 'POST', body: new URLSearchParams({ client_id: browser.client_id, token: rotated.refresh_token! }) });
    expect(revoked.status).toBe(200);
    expect(await (await refresh(rotated.refresh_token!)).json()).toEqual({ error: 'invalid_grant' });
    // Once approved, the consent page is skipped (REQUEST_APPROVAL_PROMPT auto_even_if_expired).
    const again = await fetch(`${sb.baseUrl}/oauth2/authorize?${q}`, { headers: { cookie }, redirect: 'manual' });
    expect(new URL(again.headers.get('location')!).searchParams.get('code')).toBeTruthy();
  });

  it('serves enrollments, blocks with graded subsections and due dates, and the course grade under URL-encoded keys', async () => {
    const auth = `JWT ${await jwtFor()}`;
    const enr = (await (await api('/api/enrollment/v1/enrollment', auth)).json()) as Array<Record<string, unknown>>;
    expect(enr.map((e) => (e.course_details as { course_id: string }).course_id)).toContain(COURSE);
    expect(enr[0]).toMatchObject({ is_active: true, user: 'ada_learner', course_details: { course_name: expect.any(String), course_start: expect.stringMatching(/Z$/) } });
    const q = new URLSearchParams({ course_id: COURSE, username: 'ada_learner', depth: 'all', requested_fields: 'graded,format,due', block_types_filter: 'sequential' });
    const b = (await (await api(`/api/courses/v1/blocks/?${q}`, auth)).json()) as { root: string; blocks: Record<string, Record<string, unknown>> };
    const seqs = Object.values(b.blocks);
    expect(seqs.every((x) => x.type === 'sequential')).toBe(true);
    const hw = seqs.find((x) => x.display_name === 'Homework 2: Machine Code')!;
    expect(hw).toMatchObject({ graded: true, format: 'Homework', due: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), lms_web_url: expect.stringContaining('/jump_to/') });
    expect(seqs.find((x) => x.display_name === 'Welcome')).not.toHaveProperty('due');
    const g = await api(`/api/grades/v1/courses/${encodeURIComponent(COURSE)}/?username=ada_learner`, auth);
    expect(await g.json()).toEqual([{ username: 'ada_learner', email: 'ada@example.org', course_id: COURSE, passed: true, percent: 0.72, letter_grade: 'C' }]);
    expect(sb.controls.setGrade('ada_learner', COURSE, 0.93)).toEqual({ percent: 0.93, letter_grade: 'A', passed: true });
    const g2 = (await (await api(`/api/grades/v1/courses/${encodeURIComponent(COURSE)}/?username=ada_learner`, auth)).json()) as Array<Record<string, unknown>>;
    expect(g2[0]).toMatchObject({ percent: 0.93, letter_grade: 'A' });
    sb.controls.setGrade('ada_learner', COURSE, 0.72);
    const noScope = await api(`/api/grades/v1/courses/${encodeURIComponent(COURSE)}/?username=ada_learner`, `JWT ${await jwtFor(personal, 'read profile')}`);
    expect([noScope.status, await noScope.json()]).toEqual([403, { detail: 'You do not have permission to perform this action.' }]);
    const other = await api(`/api/grades/v1/courses/${encodeURIComponent(COURSE)}/?username=grace_staff`, auth);
    expect(other.status).toBe(403);
  });

  it('paginates the course list with next links until null', async () => {
    const auth = `JWT ${await jwtFor()}`;
    let url: string | null = `${sb.baseUrl}/api/courses/v1/courses/?username=ada_learner&page_size=1`;
    const ids: string[] = [];
    let pages = 0;
    while (url) {
      const page = (await (await fetch(url, { headers: { authorization: auth } })).json()) as { results: Array<{ id: string }>; pagination: { next: string | null; count: number; num_pages: number } };
      ids.push(...page.results.map((r) => r.id));
      expect(page.pagination).toMatchObject({ count: 3, num_pages: 3 });
      url = page.pagination.next;
      pages++;
    }
    expect([pages, new Set(ids).size]).toEqual([3, 3]);
    expect(await (await api('/api/courses/v1/courses/?page=9', auth)).json()).toEqual({ detail: 'Invalid page.' });
  });

  it('throttles per user with 429 and Retry-After', async () => {
    const auth = `JWT ${await jwtFor()}`;
    sb.controls.setThrottle(2, 60);
    try {
      expect((await api('/api/user/v1/me', auth)).status).toBe(200);
      expect((await api('/api/user/v1/me', auth)).status).toBe(200);
      const r = await api('/api/user/v1/me', auth);
      expect(r.status).toBe(429);
      const wait = Number(r.headers.get('retry-after'));
      expect(wait >= 1 && wait <= 60).toBe(true);
      expect(((await r.json()) as { detail: string }).detail).toMatch(/^Request was throttled\. Expected available in \d+ seconds\.$/);
    } finally {
      sb.controls.setThrottle(0);
    }
  });

  it('the CLI prints its info JSON as the first line and keeps state (a grade change) under --data', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edx-sb-'));
    const run = async () => {
      const child = spawn('node_modules/.bin/tsx', ['sandbox/openedx/cli.ts', '--port', '0', '--data', dir, '--controls'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const line = await new Promise<string>((resolve) => readline.createInterface({ input: child.stdout }).once('line', resolve));
      return { child, info: JSON.parse(line) as { baseUrl: string; applications: Array<{ client_id: string; grant_type: string }>; users: Array<{ username: string; password: string }>; control: { url: string; token: string } } };
    };
    try {
      const a = await run();
      expect(a.info.users[0]).toMatchObject({ username: 'ada_learner', password: 'edx-demo-learner' });
      expect(a.info.applications.map((x) => x.grant_type)).toContain('authorization-code');
      const set = await fetch(a.info.control.url, { method: 'POST', headers: { 'x-sandbox-control': a.info.control.token, 'content-type': 'application/json' }, body: JSON.stringify({ action: 'setGrade', args: ['ada_learner', COURSE, 0.5] }) });
      expect(set.status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      a.child.kill('SIGTERM');
      await new Promise((r) => a.child.once('exit', r));
      const b = await run();
      expect(b.info.applications[0]!.client_id).toBe(a.info.applications[0]!.client_id);
      const app = b.info.applications[0] as unknown as { client_id: string; client_secret: string };
      const t = (await (await fetch(`${b.info.baseUrl}/oauth2/access_token`, { method: 'POST', headers: { authorization: basic(app.client_id, app.client_secret) }, body: new URLSearchParams({ grant_type: 'client_credentials', token_type: 'jwt', scope: 'read grades:read' }) })).json()) as { access_token: string };
      const g = (await (await fetch(`${b.info.baseUrl}/api/grades/v1/courses/${encodeURIComponent(COURSE)}/?username=ada_learner`, { headers: { authorization: `JWT ${t.access_token}` } })).json()) as Array<{ percent: number }>;
      expect(g[0]!.percent).toBe(0.5);
      b.child.kill('SIGTERM');
      await new Promise((r) => b.child.once('exit', r));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
