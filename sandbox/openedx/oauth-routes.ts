/**
 * `/oauth2/access_token`, `/oauth2/authorize`, `/oauth2/revoke_token` and `/login`,
 * as django-oauth-toolkit 1.x behind edx-platform's `oauth_dispatch` answers them
 * (providers.md §1.1–1.3).
 *
 * Why: the app's OAuth core is tested against this: client authentication by
 * Basic or form, one grant type per application, exact redirect matching,
 * PKCE when sent, the JWT swap, and DOT's error codes.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { redirect, sendHtml } from '../http/response.js';
import { DEFAULT_SCOPES, type EdxRequest, type EdxServer } from './context.js';
import { consentPage, errorPage, loginPage } from './pages.js';
import { NO_STORE, sendJson } from './respond.js';
import type { EdxApplication } from './state.js';
import { issueTokens, userById } from './tokens.js';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const oauthError = (r: EdxRequest, status: number, error: string, description?: string) =>
  sendJson(r.res, status, description ? { error, error_description: description } : { error }, NO_STORE);

/** Client authentication: Basic (form-encoded id:secret) first, then form fields. */
function authenticateClient(s: EdxServer, r: EdxRequest): EdxApplication | null {
  let id = r.form.get('client_id');
  let secret = r.form.get('client_secret');
  const header = r.req.headers.authorization ?? '';
  if (/^basic /i.test(header)) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i < 0) return null;
    try {
      id = decodeURIComponent(decoded.slice(0, i).replace(/\+/g, ' '));
      secret = decodeURIComponent(decoded.slice(i + 1).replace(/\+/g, ' '));
    } catch {
      return null;
    }
  }
  const app = id ? s.state.applications.find((a) => a.clientId === id) : undefined;
  if (!app) return null;
  if (app.clientType === 'confidential' && !(secret !== undefined && same(secret, app.clientSecret))) return null;
  return app;
}

/** The scopes granted for a request, or null when one is not allowed (invalid_scope). */
function grantScopes(app: EdxApplication, requested: string | undefined): string[] | null {
  const asked = requested?.trim() ? [...new Set(requested.trim().split(/\s+/))] : DEFAULT_SCOPES;
  const allowed = new Set([...DEFAULT_SCOPES, ...app.scopes]);
  return asked.every((x) => allowed.has(x)) ? asked : null;
}

const wantsJwt = (r: EdxRequest) => (r.form.get('token_type') ?? String(r.req.headers['x-token-type'] ?? '')).toLowerCase() === 'jwt';

/** POST /oauth2/access_token */
export function accessToken(s: EdxServer, r: EdxRequest): void {
  const app = authenticateClient(s, r);
  if (!app) return oauthError(r, 401, 'invalid_client');
  const grant = r.form.get('grant_type');
  if (!grant || !['client_credentials', 'authorization_code', 'refresh_token', 'password'].includes(grant)) return oauthError(r, 400, 'unsupported_grant_type');
  const jwt = wantsJwt(r);
  if (grant === 'client_credentials') {
    if (app.grantType !== 'client-credentials') return oauthError(r, 400, 'unauthorized_client');
    const scopes = grantScopes(app, r.form.get('scope'));
    if (!scopes) return oauthError(r, 400, 'invalid_scope');
    const owner = userById(s, app.userId);
    if (!owner) return oauthError(r, 400, 'invalid_client');
    return sendJson(r.res, 200, issueTokens(s, app, owner, scopes, { refresh: false, jwt }), NO_STORE);
  }
  if (grant === 'authorization_code') {
    if (app.grantType !== 'authorization-code') return oauthError(r, 400, 'unauthorized_client');
    const code = s.codes.get(r.form.get('code') ?? '');
    if (!code || code.clientId !== app.clientId || code.expiresAt <= s.clock.now()) return oauthError(r, 400, 'invalid_grant');
    s.codes.delete(r.form.get('code') ?? '');
    if (r.form.get('redirect_uri') !== code.redirectUri) return oauthError(r, 400, 'invalid_grant');
    if (code.challenge) {
      const verifier = r.form.get('code_verifier') ?? '';
      const computed = code.challengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
      if (!verifier || !same(computed, code.challenge)) return oauthError(r, 400, 'invalid_grant');
    }
    const user = userById(s, code.userId);
    if (!user) return oauthError(r, 400, 'invalid_grant');
    return sendJson(r.res, 200, issueTokens(s, app, user, code.scopes, { refresh: true, jwt }), NO_STORE);
  }
  if (grant === 'refresh_token') {
    if (app.grantType !== 'authorization-code') return oauthError(r, 400, 'unauthorized_client');
    const old = s.state.refreshTokens.find((t) => t.token === r.form.get('refresh_token') && t.clientId === app.clientId);
    if (!old || old.revoked || old.expiresAt <= s.clock.now()) return oauthError(r, 400, 'invalid_grant');
    const user = userById(s, old.userId);
    if (!user) return oauthError(r, 400, 'invalid_grant');
    old.revoked = true; // DOT rotates refresh tokens
    return sendJson(r.res, 200, issueTokens(s, app, user, old.scopes, { refresh: true, jwt }), NO_STORE);
  }
  // The password grant exists on real sites for public clients; no sandbox application allows it.
  return oauthError(r, 400, 'unauthorized_client');
}

/** POST /oauth2/revoke_token (RFC 7009: 200 for unknown tokens, JWTs included). */
export function revokeToken(s: EdxServer, r: EdxRequest): void {
  const app = authenticateClient(s, r);
  if (!app) return oauthError(r, 401, 'invalid_client');
  const token = r.form.get('token') ?? '';
  for (const t of [...s.state.accessTokens, ...s.state.refreshTokens]) if (t.token === token && t.clientId === app.clientId) t.revoked = true;
  s.save();
  r.res.writeHead(200, { 'Content-Length': '0', ...NO_STORE }).end();
}

function sessionUser(s: EdxServer, r: EdxRequest): number | undefined {
  const sid = r.cookies.sessionid;
  return sid ? s.sessions.get(sid) : undefined;
}

/** GET and POST /oauth2/authorize */
export function authorize(s: EdxServer, r: EdxRequest): void {
  const p = r.method === 'POST' ? new URLSearchParams([...r.form]) : r.query;
  const app = s.state.applications.find((a) => a.clientId === p.get('client_id'));
  if (!app) return sendHtml(r.res, 400, errorPage('Invalid client_id parameter value.'));
  const redirectUri = p.get('redirect_uri') ?? '';
  if (!app.redirectUris.includes(redirectUri)) return sendHtml(r.res, 400, errorPage('Mismatching redirect URI.'));
  const back = (params: Record<string, string>) => {
    const u = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    const state = p.get('state');
    if (state) u.searchParams.set('state', state);
    redirect(r.res, u.toString());
  };
  if (p.get('response_type') !== 'code' || app.grantType !== 'authorization-code') return back({ error: 'unsupported_response_type' });
  const scopes = grantScopes(app, p.get('scope') ?? undefined);
  if (!scopes) return back({ error: 'invalid_scope' });
  const method = p.get('code_challenge_method') ?? (p.get('code_challenge') ? 'plain' : '');
  if (p.get('code_challenge') && method !== 'S256' && method !== 'plain') return back({ error: 'invalid_request' });
  const userId = sessionUser(s, r);
  if (userId === undefined) {
    return redirect(r.res, `/login?next=${encodeURIComponent(`/oauth2/authorize?${r.query.toString()}`)}`);
  }
  const approvedBefore = s.state.accessTokens.some((t) => t.userId === userId && t.clientId === app.clientId);
  if (r.method === 'GET' && !approvedBefore) {
    const fields: Record<string, string> = {};
    for (const k of ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'code_challenge', 'code_challenge_method']) {
      const v = p.get(k);
      if (v !== null) fields[k] = v;
    }
    return sendHtml(r.res, 200, consentPage(app.name, scopes, fields));
  }
  if (r.method === 'POST' && p.get('allow') !== 'Authorize') return back({ error: 'access_denied' });
  const code = randomBytes(22).toString('base64url').replace(/[-_]/g, 'x').slice(0, 30);
  s.codes.set(code, {
    clientId: app.clientId,
    userId,
    redirectUri,
    scopes,
    ...(p.get('code_challenge') ? { challenge: p.get('code_challenge') ?? '', challengeMethod: method } : {}),
    expiresAt: s.clock.now() + 60_000, // AUTHORIZATION_CODE_EXPIRE_SECONDS
  });
  back({ code });
}

/** GET and POST /login (the LMS's email + password sign-in). */
export function login(s: EdxServer, r: EdxRequest): void {
  const nextRaw = (r.method === 'POST' ? r.form.get('next') : r.query.get('next')) ?? '/';
  const next = nextRaw.startsWith('/') && !nextRaw.startsWith('//') ? nextRaw : '/';
  if (r.method === 'GET') return sendHtml(r.res, 200, loginPage(next, null));
  const user = s.state.users.find((u) => u.email.toLowerCase() === (r.form.get('email') ?? '').toLowerCase());
  if (!user || !same(user.password, r.form.get('password') ?? '')) {
    return sendHtml(r.res, 200, loginPage(next, 'Email or password is incorrect.'));
  }
  const sid = randomBytes(24).toString('hex');
  s.sessions.set(sid, user.id);
  redirect(r.res, next, { 'Set-Cookie': `sessionid=${sid}; Path=/; HttpOnly; SameSite=Lax` });
}
