/**
 * Access-token records: creation, lookup, validation and deferred refresh-token revocation.
 *
 * Why: autolab-api.md §2.5 and §2.11 — tokens last `accessTokenLifetime`, refresh tokens never
 * expire, and a refreshed pair revokes the previous one only when the new access token is
 * first used at a protected endpoint.
 */
import { urlsafeToken } from '../../http/random-token.js';
import { nextId, type AccessToken } from '../state.js';
import type { SandboxApp } from '../sandbox-app.js';
import { INVALID_TOKEN } from './oauth-messages.js';

/** Whether a record is revoked at `now`. */
export function isRevoked(t: { revoked_at: number | null }, now: number): boolean {
  return t.revoked_at !== null && t.revoked_at <= now;
}

/** Whether an access token has expired at `now`. */
export function isExpired(t: AccessToken, now: number): boolean {
  return t.created_at + t.expires_in * 1000 <= now;
}

/** Create and store a new token pair. */
export function createAccessToken(
  app: SandboxApp,
  appId: number,
  userId: number,
  scopes: string[],
  previousRefreshToken = '',
): AccessToken {
  const t: AccessToken = {
    id: nextId(app.state),
    token: urlsafeToken(),
    refresh_token: urlsafeToken(),
    app_id: appId,
    user_id: userId,
    scopes,
    created_at: app.clock.now(),
    expires_in: app.runtime.accessTokenLifetimeSec,
    revoked_at: null,
    previous_refresh_token: previousRefreshToken,
  };
  app.state.tokens.push(t);
  app.save();
  return t;
}

/** The result of checking a presented access token. */
export type TokenCheck = { ok: true; token: AccessToken } | { ok: false; description: string };

/**
 * Validate a presented access token and, on success, run deferred revocation.
 *
 * Why: §2.5 step 3 — the first use of a refreshed token revokes the old pair; §2.11 the three
 * invalid reasons appear only in `WWW-Authenticate`.
 */
export function checkAccessToken(app: SandboxApp, presented: string | undefined): TokenCheck {
  const now = app.clock.now();
  const t = presented ? app.state.tokens.find((x) => x.token === presented) : undefined;
  if (!t) return { ok: false, description: INVALID_TOKEN.unknown };
  if (isRevoked(t, now)) return { ok: false, description: INVALID_TOKEN.revoked };
  if (isExpired(t, now)) return { ok: false, description: INVALID_TOKEN.expired };
  if (t.previous_refresh_token) {
    const old = app.state.tokens.find((x) => x.refresh_token === t.previous_refresh_token);
    if (old && old.revoked_at === null) old.revoked_at = now;
    t.previous_refresh_token = '';
    app.save();
  }
  return { ok: true, token: t };
}

/** `WWW-Authenticate` for an invalid token (§2.11). */
export function invalidTokenHeader(description: string): string {
  return `Bearer realm="Doorkeeper", error="invalid_token", error_description="${description}"`;
}

/** The token a request presents: Bearer header, then `access_token`, then `bearer_token` (§2.11). */
export function presentedToken(authorization: string | undefined, params: (name: string) => string | undefined): string | undefined {
  const m = authorization ? /^Bearer\s+(.+)$/i.exec(authorization.trim()) : null;
  if (m?.[1]) return m[1].trim();
  return params('access_token') || params('bearer_token') || undefined;
}
