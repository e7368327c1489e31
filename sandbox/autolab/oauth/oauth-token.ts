/**
 * `/oauth/token`, `/oauth/revoke`, `/oauth/token/info` and `/oauth/introspect`.
 *
 * Why: the token endpoint's error table (autolab-api.md §2.8) row by row, confidential-client
 * authentication (§2.4), refresh rotation with deferred revocation (§2.5), RFC 7009 revocation
 * (§2.9) and token info (§2.1).
 */
import { createHash } from 'node:crypto';
import type { RequestContext } from '../../http/request-context.js';
import { param, presentParam } from '../../http/request-context.js';
import { sendJson } from '../http-response.js';
import type { SandboxApp } from '../sandbox-app.js';
import type { AccessToken } from '../state.js';
import { authenticateClient, clientCredentials } from './client-auth.js';
import { OAUTH_ERRORS, missingParam, type OAuthErrorCode } from './oauth-messages.js';
import { validForAuthorization } from './redirect-uri.js';
import { checkAccessToken, createAccessToken, invalidTokenHeader, isExpired, isRevoked, presentedToken } from './access-tokens.js';

const NO_STORE = { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' };

function tokenError(ctx: RequestContext, code: OAuthErrorCode, description: string = OAUTH_ERRORS[code]): void {
  const status = code === 'invalid_client' ? 401 : 400;
  sendJson(
    ctx.res,
    status,
    { error: code, error_description: description },
    { ...NO_STORE, 'WWW-Authenticate': `Bearer realm="Doorkeeper", error="${code}", error_description="${description}"` },
  );
}

function tokenBody(app: SandboxApp, t: AccessToken): Record<string, string | number> {
  const remaining = Math.max(0, Math.round((t.created_at + t.expires_in * 1000 - app.clock.now()) / 1000));
  return {
    access_token: t.token,
    token_type: 'Bearer',
    expires_in: remaining,
    refresh_token: t.refresh_token,
    scope: t.scopes.join(' '),
    created_at: Math.floor(t.created_at / 1000),
  };
}

function authorizationCodeGrant(app: SandboxApp, ctx: RequestContext): void {
  const code = presentParam(ctx, 'code');
  if (!code) return tokenError(ctx, 'invalid_request', missingParam('code'));
  const redirectUri = presentParam(ctx, 'redirect_uri');
  if (!redirectUri) return tokenError(ctx, 'invalid_request', missingParam('redirect_uri'));
  const client = authenticateClient(app, clientCredentials(ctx));
  if (!client) return tokenError(ctx, 'invalid_client');
  const now = app.clock.now();
  const grant = app.state.grants.find((g) => g.token === code);
  if (!grant || grant.app_id !== client.id || isRevoked(grant, now) || grant.created_at + grant.expires_in * 1000 <= now) {
    return tokenError(ctx, 'invalid_grant');
  }
  if (!validForAuthorization(redirectUri, [grant.redirect_uri])) return tokenError(ctx, 'invalid_grant');
  if (app.options.strictPkce && grant.code_challenge) {
    const verifier = param(ctx, 'code_verifier') ?? '';
    const expected = createHash('sha256').update(verifier).digest('base64url');
    if (!verifier || expected !== grant.code_challenge) return tokenError(ctx, 'invalid_grant');
  }
  grant.revoked_at = now;
  const t = createAccessToken(app, client.id, grant.user_id, grant.scopes);
  sendJson(ctx.res, 200, tokenBody(app, t), NO_STORE);
}

function refreshTokenGrant(app: SandboxApp, ctx: RequestContext): void {
  const presented = presentParam(ctx, 'refresh_token');
  if (!presented) return tokenError(ctx, 'invalid_request', missingParam('refresh_token'));
  const now = app.clock.now();
  const old = app.state.tokens.find((t) => t.refresh_token === presented);
  if (!old || isRevoked(old, now)) return tokenError(ctx, 'invalid_grant');
  const creds = clientCredentials(ctx);
  const client = authenticateClient(app, creds);
  if (creds && !client) return tokenError(ctx, 'invalid_client');
  if (!client || client.id !== old.app_id) return tokenError(ctx, 'invalid_grant');
  let scopes = old.scopes;
  const requested = param(ctx, 'scope');
  if (requested !== undefined && requested.trim() !== '') {
    const wanted = [...new Set(requested.split(' ').filter(Boolean))];
    if (!wanted.every((s) => old.scopes.includes(s))) return tokenError(ctx, 'invalid_scope');
    scopes = wanted;
  }
  const t = createAccessToken(app, client.id, old.user_id, scopes, old.refresh_token);
  sendJson(ctx.res, 200, tokenBody(app, t), NO_STORE);
}

/** `POST /oauth/token` (§2.8). */
export function postToken(app: SandboxApp, ctx: RequestContext): void {
  const grantType = presentParam(ctx, 'grant_type');
  if (!grantType) return tokenError(ctx, 'invalid_request', missingParam('grant_type'));
  if (grantType === 'authorization_code') return authorizationCodeGrant(app, ctx);
  if (grantType === 'refresh_token') return refreshTokenGrant(app, ctx);
  return tokenError(ctx, 'unsupported_grant_type');
}

function findForRevocation(app: SandboxApp, token: string, hint: string | undefined): AccessToken | undefined {
  const byAccess = (): AccessToken | undefined => app.state.tokens.find((t) => t.token === token);
  const byRefresh = (): AccessToken | undefined => app.state.tokens.find((t) => t.refresh_token === token);
  return hint === 'refresh_token' ? (byRefresh() ?? byAccess()) : (byAccess() ?? byRefresh());
}

/** `POST /oauth/revoke` (§2.9). */
export function postRevoke(app: SandboxApp, ctx: RequestContext): void {
  const unauthorized = (): void =>
    sendJson(ctx.res, 403, { error: 'unauthorized_client', error_description: 'You are not authorized to revoke this token' });
  const client = authenticateClient(app, clientCredentials(ctx));
  if (!client) return unauthorized();
  const presented = param(ctx, 'token');
  const t = presented ? findForRevocation(app, presented, param(ctx, 'token_type_hint')) : undefined;
  if (!t) return sendJson(ctx.res, 200, {});
  const owner = app.state.applications.find((a) => a.id === t.app_id);
  if (owner?.confidential && owner.id !== client.id) return unauthorized();
  if (t.revoked_at === null) t.revoked_at = app.clock.now();
  app.save();
  sendJson(ctx.res, 200, {});
}

/** `GET /oauth/token/info` (§2.1); it also triggers deferred revocation (§2.5). */
export function getTokenInfo(app: SandboxApp, ctx: RequestContext): void {
  const check = checkAccessToken(app, presentedToken(ctx.req.headers.authorization, (n) => param(ctx, n)));
  if (!check.ok) {
    sendJson(
      ctx.res,
      401,
      { error: 'invalid_token', error_description: check.description },
      { 'WWW-Authenticate': invalidTokenHeader(check.description), 'Cache-Control': 'no-store, no-cache' },
    );
    return;
  }
  const t = check.token;
  if (!t.scopes.includes('user_info')) {
    sendJson(ctx.res, 403, { error: 'insufficient_scope', error_description: 'Access to this resource requires scope "user_info".' });
    return;
  }
  const uid = app.state.applications.find((a) => a.id === t.app_id)?.uid ?? null;
  sendJson(ctx.res, 200, {
    resource_owner_id: t.user_id,
    scope: t.scopes,
    expires_in: Math.max(0, Math.round((t.created_at + t.expires_in * 1000 - app.clock.now()) / 1000)),
    application: { uid },
    created_at: Math.floor(t.created_at / 1000),
  });
}

/** `POST /oauth/introspect` (RFC 7662, Doorkeeper defaults: the client authenticates). */
export function postIntrospect(app: SandboxApp, ctx: RequestContext): void {
  const client = authenticateClient(app, clientCredentials(ctx));
  if (!client) {
    sendJson(ctx.res, 401, { error: 'invalid_client', error_description: OAUTH_ERRORS.invalid_client });
    return;
  }
  const now = app.clock.now();
  const presented = param(ctx, 'token');
  const t = presented ? findForRevocation(app, presented, param(ctx, 'token_type_hint')) : undefined;
  if (!t || isRevoked(t, now) || (t.token === presented && isExpired(t, now))) return sendJson(ctx.res, 200, { active: false });
  sendJson(ctx.res, 200, {
    active: true,
    scope: t.scopes.join(' '),
    client_id: app.state.applications.find((a) => a.id === t.app_id)?.uid ?? null,
    token_type: 'Bearer',
    exp: Math.floor((t.created_at + t.expires_in * 1000) / 1000),
    iat: Math.floor(t.created_at / 1000),
  });
}
