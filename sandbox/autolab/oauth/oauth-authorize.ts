/**
 * Doorkeeper's authorization endpoint: pre-authorization checks, consent, approve and deny.
 *
 * Why: autolab-api.md §2.6–§2.7 — errors render an HTML page (no redirect), consent is skipped
 * for a confidential app when the user already holds a token with the same scopes, OOB goes
 * to `/oauth/authorize/native`, PKCE is ignored unless `strictPkce`.
 */
import type { RequestContext } from '../../http/request-context.js';
import { param, presentParam } from '../../http/request-context.js';
import { redirect, sendHtml, sendJson } from '../http-response.js';
import { consentPage, errorPage, nativeCodePage } from '../html-pages.js';
import { requireWebUser } from '../web-login.js';
import { appByUid, type SandboxApp } from '../sandbox-app.js';
import type { Application, User } from '../state.js';
import { urlsafeToken } from '../../http/random-token.js';
import { DEFAULT_SCOPES, OAUTH_ERRORS, SERVER_SCOPES, missingParam, type OAuthErrorCode } from './oauth-messages.js';
import { OOB_URIS, validForAuthorization } from './redirect-uri.js';

/** A validated authorization request. */
interface PreAuth {
  client: Application;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  codeChallenge: string | null;
}

type PreAuthResult = { ok: true; pre: PreAuth } | { ok: false; code: OAuthErrorCode; description: string };

function fail(code: OAuthErrorCode, description: string = OAUTH_ERRORS[code]): PreAuthResult {
  return { ok: false, code, description };
}

/**
 * Resolve the requested scope string against the app's and server's scopes.
 *
 * Why: §2.7 scope resolution; blank means `default ∩ app` (user_info).
 */
export function resolveScopes(requested: string | undefined, app: Application): string[] | null {
  let scopes: string[];
  if (requested === undefined || requested.trim() === '') {
    scopes = app.scopes.length ? DEFAULT_SCOPES.filter((s) => app.scopes.includes(s)) : [...DEFAULT_SCOPES];
    if (scopes.length === 0) return null;
    return scopes;
  }
  if (/[\r\n\t]/.test(requested)) return null;
  scopes = [...new Set(requested.split(' ').filter(Boolean))];
  const allowed = (s: string): boolean =>
    (SERVER_SCOPES as readonly string[]).includes(s) && (app.scopes.length === 0 || app.scopes.includes(s));
  return scopes.length > 0 && scopes.every(allowed) ? scopes : null;
}

/** Doorkeeper `PreAuthorization` validation, in its order (§2.7). */
function preAuthorize(app: SandboxApp, ctx: RequestContext): PreAuthResult {
  const clientId = presentParam(ctx, 'client_id');
  if (!clientId) return fail('invalid_request', missingParam('client_id'));
  const client = appByUid(app, clientId);
  if (!client) return fail('invalid_client');
  const redirectUri = presentParam(ctx, 'redirect_uri');
  if (!redirectUri || !validForAuthorization(redirectUri, client.redirect_uris)) return fail('invalid_redirect_uri');
  const responseType = presentParam(ctx, 'response_type');
  if (!responseType) return fail('invalid_request', missingParam('response_type'));
  if (responseType !== 'code') return fail('unsupported_response_type');
  const scopes = resolveScopes(param(ctx, 'scope'), client);
  if (!scopes) return fail('invalid_scope');
  let codeChallenge: string | null = null;
  if (app.options.strictPkce) {
    const challenge = presentParam(ctx, 'code_challenge');
    if (!challenge) return fail('invalid_request', missingParam('code_challenge'));
    if (param(ctx, 'code_challenge_method') !== 'S256') return fail('invalid_code_challenge_method', 'The code challenge method must be S256 (strict PKCE mode).');
    codeChallenge = challenge;
  }
  return { ok: true, pre: { client, redirectUri, scopes, state: presentParam(ctx, 'state'), codeChallenge } };
}

function renderError(ctx: RequestContext, code: OAuthErrorCode, description: string): void {
  const status = code === 'invalid_client' || code === 'unauthorized_client' ? 401 : 400;
  sendHtml(ctx.res, status, errorPage(description));
}

/** Append query parameters to a URI as Doorkeeper's URIBuilder does. */
export function withQuery(uri: string, params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.append(k, v);
  const s = q.toString();
  if (!s) return uri;
  return uri.includes('?') ? `${uri}&${s}` : `${uri}?${s}`;
}

function issueGrantAndRedirect(app: SandboxApp, ctx: RequestContext, pre: PreAuth, user: User): void {
  const code = urlsafeToken();
  app.state.grants.push({
    token: code,
    app_id: pre.client.id,
    user_id: user.id,
    redirect_uri: pre.redirectUri,
    scopes: pre.scopes,
    created_at: app.clock.now(),
    expires_in: app.options.codeLifetimeSec,
    revoked_at: null,
    code_challenge: pre.codeChallenge,
  });
  app.save();
  if (OOB_URIS.includes(pre.redirectUri)) {
    redirect(ctx.res, `/oauth/authorize/native?code=${encodeURIComponent(code)}`);
    return;
  }
  redirect(ctx.res, withQuery(pre.redirectUri, { code, state: pre.state }));
}

function sameScopes(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((s) => b.includes(s));
}

/** `GET /oauth/authorize`: sign-in, checks, consent page or skip. */
export function getAuthorize(app: SandboxApp, ctx: RequestContext): void {
  const who = requireWebUser(app, ctx);
  if (!who) return;
  const r = preAuthorize(app, ctx);
  if (!r.ok) return renderError(ctx, r.code, r.description);
  const { pre } = r;
  const matching = app.state.tokens.some(
    (t) => t.app_id === pre.client.id && t.user_id === who.user.id && t.revoked_at === null && sameScopes(t.scopes, pre.scopes),
  );
  if (pre.client.confidential && matching) return issueGrantAndRedirect(app, ctx, pre, who.user);
  const carried: Record<string, string> = {
    client_id: pre.client.uid,
    redirect_uri: pre.redirectUri,
    state: pre.state ?? '',
    response_type: 'code',
    scope: pre.scopes.join(' '),
  };
  if (pre.codeChallenge) {
    carried.code_challenge = pre.codeChallenge;
    carried.code_challenge_method = 'S256';
  }
  sendHtml(ctx.res, 200, consentPage(pre.client.name, pre.scopes, carried, who.session.csrf));
}

/**
 * `POST /oauth/authorize` (Authorize) and `DELETE /oauth/authorize` (Deny, also via `_method`).
 *
 * Why: §2.7 success and deny redirects; OOB deny answers a JSON 400 (§2.6).
 */
export function postAuthorize(app: SandboxApp, ctx: RequestContext): void {
  const who = requireWebUser(app, ctx);
  if (!who) return;
  const deny = ctx.method === 'DELETE' || param(ctx, '_method')?.toLowerCase() === 'delete';
  if (ctx.method !== 'DELETE' && param(ctx, 'authenticity_token') !== who.session.csrf) {
    sendHtml(ctx.res, 422, errorPage("The change you wanted was rejected. (ActionController::InvalidAuthenticityToken)"));
    return;
  }
  const r = preAuthorize(app, ctx);
  if (!r.ok) return renderError(ctx, r.code, r.description);
  const { pre } = r;
  if (!deny) return issueGrantAndRedirect(app, ctx, pre, who.user);
  if (OOB_URIS.includes(pre.redirectUri)) {
    sendJson(ctx.res, 400, { error: 'access_denied', error_description: OAUTH_ERRORS.access_denied });
    return;
  }
  redirect(
    ctx.res,
    withQuery(pre.redirectUri, { error: 'access_denied', error_description: OAUTH_ERRORS.access_denied, state: pre.state }),
  );
}

/** `GET /oauth/authorize/native?code=…`: show the OOB code (§2.6). */
export function getNative(app: SandboxApp, ctx: RequestContext): void {
  const who = requireWebUser(app, ctx);
  if (!who) return;
  sendHtml(ctx.res, 200, nativeCodePage(param(ctx, 'code') ?? ''));
}
