/**
 * Issuing and looking up tokens, and the `token_type=jwt` swap of
 * `oauth_dispatch/views.py::AccessTokenView.dispatch`.
 */
import { randomBytes } from 'node:crypto';
import type { EdxServer } from './context.js';
import type { EdxApplication, EdxToken, EdxUser } from './state.js';
import { signJwt } from './jwt.js';

const REFRESH_LIFETIME_MS = 7_776_000_000; // REFRESH_TOKEN_EXPIRE_SECONDS, 90 days

const opaque = () => randomBytes(22).toString('base64url').replace(/[-_]/g, 'x').slice(0, 30);

/** Find a user by id. */
export function userById(s: EdxServer, id: number): EdxUser | undefined {
  return s.state.users.find((u) => u.id === id);
}

/**
 * The claims of `_create_jwt` for this user and scopes (providers.md §1.3).
 *
 * @throws never.
 */
export function jwtClaims(s: EdxServer, user: EdxUser, scopes: string[], nowMs: number, lifetimeSec: number): Record<string, unknown> & { exp: number; iat: number } {
  const iat = Math.floor(nowMs / 1000);
  const claims: Record<string, unknown> & { exp: number; iat: number } = {
    aud: 'lms-key',
    exp: iat + lifetimeSec,
    grant_type: '',
    iat,
    iss: `${s.baseUrl}/oauth2`,
    preferred_username: user.username,
    scopes,
    version: '1.2.0',
    sub: user.anonymousId,
    filters: ['user:me'],
    is_restricted: false,
    email_verified: true,
  };
  if (scopes.includes('email')) claims.email = user.email;
  if (scopes.includes('profile')) {
    const [given = '', ...rest] = user.name.split(' ');
    Object.assign(claims, { name: user.name, given_name: given, family_name: rest.join(' '), administrator: user.isStaff, superuser: false });
  }
  if (scopes.includes('user_id')) claims.user_id = user.id;
  return claims;
}

/**
 * Issue a DOT access token (and a refresh token when the grant gives one),
 * then answer as the dispatch view does: an opaque Bearer token, or a JWT
 * when `token_type=jwt`.
 *
 * @throws never.
 */
export function issueTokens(s: EdxServer, app: EdxApplication, user: EdxUser, scopes: string[], opts: { refresh: boolean; jwt: boolean }): Record<string, unknown> {
  const now = s.clock.now();
  const access: EdxToken = { token: opaque(), clientId: app.clientId, userId: user.id, scopes, expiresAt: now + s.runtime.opaqueLifetimeSec * 1000, revoked: false };
  s.state.accessTokens.push(access);
  const body: Record<string, unknown> = {};
  if (opts.jwt) {
    body.access_token = signJwt(jwtClaims(s, user, scopes, now, s.runtime.jwtLifetimeSec), s.state.jwtSecret);
    body.token_type = 'JWT';
    body.expires_in = s.runtime.jwtLifetimeSec;
  } else {
    body.access_token = access.token;
    body.token_type = 'Bearer';
    body.expires_in = s.runtime.opaqueLifetimeSec;
  }
  body.scope = scopes.join(' ');
  if (opts.refresh) {
    const refresh: EdxToken = { token: opaque(), clientId: app.clientId, userId: user.id, scopes, expiresAt: now + REFRESH_LIFETIME_MS, revoked: false };
    s.state.refreshTokens.push(refresh);
    body.refresh_token = refresh.token;
  }
  // Keep the state small: forget tokens that expired a day ago.
  s.state.accessTokens = s.state.accessTokens.filter((t) => t.expiresAt > now - 86_400_000);
  s.save();
  return body;
}
