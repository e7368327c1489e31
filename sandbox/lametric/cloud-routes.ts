/**
 * The LaMetric cloud sandbox's routes: authorize (login + consent), token, users and devices.
 *
 * Why: providers.md §2.1–§2.2 as `cloud-authorization.rst` and `cloud-users.rst` describe them:
 * - `GET /api/v2/oauth2/authorize/`: the redirect URI must match a registered one exactly in
 *   scheme, host, port and path (trailing slash included); extra query parameters are allowed.
 *   `response_type=code` redirects with `?code=…&state=…`; `response_type=token` (the implicit
 *   flow) redirects with the token in the URL fragment, as documented, so a test can see that a
 *   client never asks for it.
 * - `POST /api/v2/oauth2/token`: a multipart/form-data body (the documented `curl -F`); code and
 *   refresh grants; the code is single-use and bound to its redirect URI; refresh rotates both
 *   tokens. Error bodies follow RFC 6749 §5.2 (LaMetric's own wording is unverified).
 * - `POST /api/v1/dev/widget/update/com.lametric.<id>/<version>` (an Indicator app's push URL, §2.3 B) with
 *   `X-Access-Token`: a JSON `{"frames":[…]}` body replaces what the app shows (frames as the clock's
 *   notifications take them, plus `index`); a wrong token answers 401 `{"errors":[{"message":"Unauthorized"}]}`.
 * - `GET /api/v2/users/me` and `/api/v2/users/me/devices[/:id]` with `Authorization: Bearer`;
 *   a missing, unknown or expired token answers 401 `{"errors":[{"message":"Unauthorized"}]}`
 *   with `Www-Authenticate: native`, exactly as documented.
 */
import { tmpdir } from 'node:os';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { discardFiles, readBody } from '../http/body-parser.js';
import { parseCookies } from '../http/request-context.js';
import { redirect, sendHtml } from '../http/response.js';
import { urlsafeToken } from '../http/random-token.js';
import { indicatorPush } from './indicator-routes.js';
import { json, unauthorized } from './cloud-json.js';
import { consentPage, errorPage, loginPage } from './cloud-pages.js';
import { LAMETRIC_SCOPES, hex40, type CloudApplication, type CloudState, type CloudUser } from './cloud-state.js';

/** One line of the sandbox's request log; never a secret (no codes, tokens or keys). */
export interface LametricLogEntry {
  server: 'cloud' | 'device';
  method: string;
  path: string;
  status: number;
  /** The request's Content-Type without parameters, when it had a body. */
  contentType?: string;
  /** `response_type` of an authorize request. */
  responseType?: string;
  /** `grant_type` of a token request. */
  grantType?: string;
  /** `scope` of an authorize request, as decoded. */
  scope?: string;
  at: number;
}

/** What the cloud routes need. */
export interface CloudContext {
  state: CloudState;
  now(): number;
  /** Access-token lifetime in seconds for tokens issued from now on. */
  tokenLifetimeSec(): number;
  codeLifetimeSec: number;
  log(entry: Omit<LametricLogEntry, 'server' | 'at'>): void;
}

const SESSION_COOKIE = 'lametric_sandbox_session';
const AUTHORIZE_PATHS = new Set(['/api/v2/oauth2/authorize/', '/api/v2/oauth2/authorize']);

interface Session {
  userId: number | null;
  csrf: string;
}
const sessions = new WeakMap<CloudState, Map<string, Session>>();

function sessionOf(ctx: CloudContext, req: IncomingMessage, res: ServerResponse): Session {
  let table = sessions.get(ctx.state);
  if (!table) sessions.set(ctx.state, (table = new Map()));
  const id = parseCookies(req.headers.cookie)[SESSION_COOKIE];
  const found = id ? table.get(id) : undefined;
  if (found) return found;
  const fresh = { userId: null, csrf: urlsafeToken() };
  const newId = urlsafeToken();
  table.set(newId, fresh);
  res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${newId}; Path=/; HttpOnly; SameSite=Lax`);
  return fresh;
}

/** Exact match on everything but the query (`cloud-authorization.rst` step two). */
export function redirectMatches(requested: string, registered: string[]): boolean {
  let r: URL;
  try {
    r = new URL(requested);
  } catch {
    return false;
  }
  if (r.hash) return false;
  return registered.some((reg) => {
    try {
      const g = new URL(reg);
      return g.protocol === r.protocol && g.host === r.host && g.pathname === r.pathname;
    } catch {
      return false;
    }
  });
}

function appendParams(uri: string, params: Record<string, string | undefined>, where: 'query' | 'fragment'): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.append(k, v);
  if (where === 'fragment') return `${uri}#${q.toString()}`;
  return `${uri}${uri.includes('?') ? '&' : '?'}${q.toString()}`;
}

type Checked = { ok: true; app: CloudApplication; redirectUri: string; scopes: string[]; responseType: 'code' | 'token'; state: string | undefined } | { ok: false; page: string } | { ok: false; redirectTo: string };

function checkAuthorize(ctx: CloudContext, p: URLSearchParams): Checked {
  const app = ctx.state.app(p.get('client_id') ?? undefined);
  if (!app) return { ok: false, page: 'Unknown client_id: this application is not registered.' };
  const redirectUri = p.get('redirect_uri') ?? '';
  if (!redirectMatches(redirectUri, app.redirect_uris)) return { ok: false, page: 'The redirect_uri does not match the one registered for this application.' };
  const state = p.get('state') ?? undefined;
  const responseType = p.get('response_type');
  if (responseType !== 'code' && responseType !== 'token') {
    return { ok: false, redirectTo: appendParams(redirectUri, { error: 'unsupported_response_type', state }, 'query') };
  }
  const scopes = [...new Set((p.get('scope') ?? '').split(' ').filter(Boolean))];
  const known = (s: string) => (LAMETRIC_SCOPES as readonly string[]).includes(s) && app.scopes.includes(s);
  if (scopes.length === 0 || !scopes.every(known)) {
    return { ok: false, redirectTo: appendParams(redirectUri, { error: 'invalid_scope', state }, responseType === 'token' ? 'fragment' : 'query') };
  }
  return { ok: true, app, redirectUri, scopes, responseType, state };
}

async function formFields(req: IncomingMessage): Promise<{ type: string; fields: Map<string, string> } | null> {
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  const body = await readBody(req, { tempDir: tmpdir(), fileCapBytes: 0 });
  if (!body.ok) return null;
  await discardFiles(body.files);
  return { type, fields: body.fields };
}

function authorizeUser(ctx: CloudContext, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const session = sessionOf(ctx, req, res);
  const p = url.searchParams;
  const checked = checkAuthorize(ctx, p);
  ctx.log({ method: 'GET', path: url.pathname, status: 'page' in checked ? 400 : 200, responseType: p.get('response_type') ?? '', scope: p.get('scope') ?? '' });
  if (!checked.ok) return 'page' in checked ? sendHtml(res, 400, errorPage(checked.page)) : redirect(res, checked.redirectTo);
  if (session.userId === null) return sendHtml(res, 200, loginPage(url.pathname + url.search, null));
  const carried = { client_id: checked.app.client_id, redirect_uri: checked.redirectUri, response_type: checked.responseType, scope: checked.scopes.join(' '), state: checked.state ?? '' };
  sendHtml(res, 200, consentPage(checked.app.name, checked.scopes, carried, session.csrf));
}

async function decide(ctx: CloudContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const session = sessionOf(ctx, req, res);
  const form = await formFields(req);
  const fields = new URLSearchParams([...(form?.fields ?? new Map<string, string>())]);
  const checked = checkAuthorize(ctx, fields);
  const csrfOk = fields.get('csrf') === session.csrf;
  ctx.log({ method: 'POST', path, status: 302, responseType: fields.get('response_type') ?? '' });
  if (!checked.ok) return 'page' in checked ? sendHtml(res, 400, errorPage(checked.page)) : redirect(res, checked.redirectTo);
  if (session.userId === null || !csrfOk) return sendHtml(res, 403, errorPage('Your session expired; start again from the application.'));
  const { app, redirectUri, scopes, state, responseType } = checked;
  if (fields.get('decision') !== 'allow') {
    return redirect(res, appendParams(redirectUri, { error: 'access_denied', error_description: 'The user denied access to your application', state }, responseType === 'token' ? 'fragment' : 'query'));
  }
  if (responseType === 'token') {
    const t = ctx.state.issue(app.client_id, session.userId, scopes, ctx.now(), ctx.tokenLifetimeSec());
    return redirect(res, appendParams(redirectUri, { access_token: t.access, expires_in: String(ctx.tokenLifetimeSec()), token_type: 'Bearer', scope: scopes.join(' '), state }, 'fragment'));
  }
  const code = hex40();
  ctx.state.codes.set(code, { code, clientId: app.client_id, userId: session.userId, redirectUri, scopes, expiresAt: ctx.now() + ctx.codeLifetimeSec * 1000, used: false });
  redirect(res, appendParams(redirectUri, { code, state }, 'query'));
}

async function login(ctx: CloudContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const session = sessionOf(ctx, req, res);
  const form = await formFields(req);
  const f = form?.fields ?? new Map<string, string>();
  const email = (f.get('email') ?? '').trim();
  const returnTo = f.get('return_to') ?? '/';
  const user = ctx.state.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
  const safeReturn = returnTo.startsWith('/api/v2/oauth2/authorize') ? returnTo : '/';
  if (!user || user.password !== (f.get('password') ?? '')) {
    ctx.log({ method: 'POST', path: '/login', status: 401 });
    return sendHtml(res, 401, loginPage(safeReturn, 'Wrong email or password.', email));
  }
  session.userId = user.id;
  ctx.log({ method: 'POST', path: '/login', status: 302 });
  redirect(res, safeReturn);
}

function oauthError(res: ServerResponse, status: number, error: string, description: string): void {
  json(res, status, { error, error_description: description }, { 'Cache-Control': 'no-store' });
}

async function token(ctx: CloudContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await formFields(req);
  const f = form?.fields ?? new Map<string, string>();
  const grant = f.get('grant_type') ?? '';
  let status = 200;
  const answer = (s: number, error: string, description: string) => {
    status = s;
    oauthError(res, s, error, description);
  };
  try {
    if (!form) return answer(400, 'invalid_request', 'The request body could not be read.');
    if (form.type !== 'multipart/form-data') return answer(400, 'invalid_request', 'Send the token request as multipart/form-data.');
    const app = ctx.state.app(f.get('client_id'));
    if (!app || f.get('client_secret') !== app.client_secret) return answer(401, 'invalid_client', 'Client authentication failed.');
    const now = ctx.now();
    if (grant === 'authorization_code') {
      const code = ctx.state.codes.get(f.get('code') ?? '');
      if (!f.get('code') || !f.get('redirect_uri')) return answer(400, 'invalid_request', 'code and redirect_uri are required.');
      if (!code || code.used || code.clientId !== app.client_id || now >= code.expiresAt) return answer(400, 'invalid_grant', 'Authorization code is invalid, used or expired.');
      if (code.redirectUri !== f.get('redirect_uri')) return answer(400, 'invalid_grant', 'The redirect URI does not match the authorization request.');
      code.used = true;
      const t = ctx.state.issue(app.client_id, code.userId, code.scopes, now, ctx.tokenLifetimeSec());
      return json(res, 200, { access_token: t.access, expires_in: ctx.tokenLifetimeSec(), token_type: 'Bearer', scope: t.scopes.join(' '), refresh_token: t.refresh }, { 'Cache-Control': 'no-store' });
    }
    if (grant === 'refresh_token') {
      const old = ctx.state.tokens.find((t) => t.refresh === f.get('refresh_token') && !t.revoked && t.clientId === app.client_id);
      if (!old) return answer(400, 'invalid_grant', 'Invalid refresh token.');
      old.revoked = true;
      const t = ctx.state.issue(app.client_id, old.userId, old.scopes, now, ctx.tokenLifetimeSec());
      return json(res, 200, { access_token: t.access, expires_in: ctx.tokenLifetimeSec(), token_type: 'Bearer', scope: t.scopes.join(' '), refresh_token: t.refresh }, { 'Cache-Control': 'no-store' });
    }
    return answer(400, 'unsupported_grant_type', 'Only authorization_code and refresh_token are supported.');
  } finally {
    ctx.log({ method: 'POST', path: '/api/v2/oauth2/token', status, contentType: form?.type ?? '', grantType: grant });
  }
}

function publicDevice(d: CloudState['devices'][number]) {
  const { owner: _owner, ...rest } = d;
  return rest;
}

function api(ctx: CloudContext, req: IncomingMessage, res: ServerResponse, path: string): void {
  const header = req.headers.authorization ?? '';
  const bearer = /^Bearer (\S+)$/i.exec(header)?.[1];
  const t = ctx.state.byAccess(bearer, ctx.now());
  let status = 200;
  const done = () => ctx.log({ method: req.method ?? 'GET', path, status });
  if (!t) {
    status = 401;
    unauthorized(res);
    return done();
  }
  const user = ctx.state.users.find((u) => u.id === t.userId) as CloudUser;
  const forbidden = () => {
    status = 403;
    json(res, 403, { errors: [{ message: 'Forbidden' }] });
  };
  const mine = ctx.state.devices.filter((d) => d.owner === user.id);
  const one = /^\/api\/v2\/users\/me\/devices\/(\d+)$/.exec(path);
  if (path === '/api/v2/users/me') {
    if (!t.scopes.includes('basic')) forbidden();
    else json(res, 200, { id: user.id, email: user.email, name: user.name, apps_count: 0, private_device_count: mine.length, private_apps_count: 0 });
  } else if (path === '/api/v2/users/me/devices') {
    if (!t.scopes.includes('devices_read')) forbidden();
    else json(res, 200, mine.map(publicDevice));
  } else if (one) {
    const d = mine.find((x) => x.id === Number(one[1]));
    if (!t.scopes.includes('devices_read')) forbidden();
    else if (!d) (status = 404), json(res, 404, { errors: [{ message: 'Not found' }] });
    else json(res, 200, publicDevice(d));
  } else {
    status = 404;
    json(res, 404, { errors: [{ message: 'Not found' }] });
  }
  done();
}

/**
 * Answer one request to the cloud.
 *
 * Why: see the file comment. Never rejects; unknown paths answer 404 JSON.
 */
export async function handleCloud(ctx: CloudContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const method = req.method ?? 'GET';
  if (AUTHORIZE_PATHS.has(url.pathname) && method === 'GET') return authorizeUser(ctx, req, res, url);
  if (AUTHORIZE_PATHS.has(url.pathname) && method === 'POST') return decide(ctx, req, res, url.pathname);
  if (url.pathname === '/login' && method === 'POST') return login(ctx, req, res);
  if (url.pathname === '/api/v2/oauth2/token' && method === 'POST') return token(ctx, req, res);
  if (url.pathname.startsWith('/api/v2/users/me') && method === 'GET') return api(ctx, req, res, url.pathname);
  const widget = /^\/api\/v1\/dev\/widget\/update\/com\.lametric\.([0-9a-f]+)\/(\d+)$/.exec(url.pathname);
  if (widget && method === 'POST') return indicatorPush(ctx, req, res, url.pathname, widget);
  ctx.log({ method, path: url.pathname, status: 404 });
  json(res, 404, { errors: [{ message: 'Not found' }] });
}
