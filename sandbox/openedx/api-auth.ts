/**
 * API authentication and throttling as the DRF views of edx-platform do it:
 * edx-drf-extensions `JwtAuthentication` (`Authorization: JWT <jwt>`), the
 * legacy `BearerAuthentication` (`Authorization: Bearer <opaque DOT token>`,
 * so `Bearer <jwt>` fails), and a per-user throttle answering 429 with
 * `Retry-After`.
 */
import type { EdxRequest, EdxServer } from './context.js';
import { verifyJwt } from './jwt.js';
import { sendJson } from './respond.js';
import type { EdxUser } from './state.js';

/** Who is calling and with which scopes. */
export interface ApiCaller {
  user: EdxUser;
  scopes: string[];
  /** JWT scopes are enforced by `JwtHasScope`; opaque DOT tokens by their own scopes. */
  via: 'jwt' | 'bearer';
}

const WWW = { 'WWW-Authenticate': 'JWT realm="api"' };

/**
 * Authenticate the request, or answer 401 and return null.
 *
 * @throws never.
 */
export function authenticate(s: EdxServer, r: EdxRequest): ApiCaller | null {
  const header = r.req.headers.authorization ?? '';
  const [scheme = '', value = ''] = header.split(/\s+/, 2);
  const now = s.clock.now();
  if (scheme.toLowerCase() === 'jwt' && value) {
    const v = verifyJwt(value, s.state.jwtSecret, Math.floor(now / 1000));
    if (!v.ok) {
      sendJson(r.res, 401, { detail: v.why === 'expired' ? 'Signature has expired.' : 'Error decoding signature.' }, WWW);
      return null;
    }
    const user = s.state.users.find((u) => u.username === v.claims.preferred_username);
    if (!user) {
      sendJson(r.res, 401, { detail: 'User retrieval failed.' }, WWW);
      return null;
    }
    return { user, scopes: Array.isArray(v.claims.scopes) ? (v.claims.scopes as string[]) : [], via: 'jwt' };
  }
  if (scheme.toLowerCase() === 'bearer' && value) {
    const t = s.state.accessTokens.find((x) => x.token === value);
    if (!t || t.revoked) {
      sendJson(r.res, 401, { error_code: 'token_nonexistent', developer_message: 'The provided access token does not match any valid tokens.' }, WWW);
      return null;
    }
    if (t.expiresAt <= now) {
      sendJson(r.res, 401, { error_code: 'token_expired', developer_message: 'The provided access token has expired and is no longer valid.' }, WWW);
      return null;
    }
    const user = s.state.users.find((u) => u.id === t.userId);
    if (!user) {
      sendJson(r.res, 401, { detail: 'User retrieval failed.' }, WWW);
      return null;
    }
    return { user, scopes: t.scopes, via: 'bearer' };
  }
  sendJson(r.res, 401, { detail: 'Authentication credentials were not provided.' }, WWW);
  return null;
}

/**
 * Count the request against the user's throttle; answer 429 and return false when over.
 *
 * @throws never.
 */
export function throttle(s: EdxServer, r: EdxRequest, caller: ApiCaller): boolean {
  const { throttleLimit: limit, throttlePeriodSec: period } = s.runtime;
  if (limit <= 0) return true;
  const now = s.clock.now();
  const window = Math.floor(now / 1000 / period);
  const seen = s.throttleCounts.get(caller.user.id);
  const count = seen && seen.window === window ? seen.count + 1 : 1;
  s.throttleCounts.set(caller.user.id, { window, count });
  if (count <= limit) return true;
  const windowEnd = (window + 1) * period * 1000;
  const wait = Math.max(1, Math.ceil((windowEnd - now) / 1000));
  sendJson(r.res, 429, { detail: `Request was throttled. Expected available in ${wait} seconds.` }, { 'Retry-After': String(wait) });
  return false;
}
