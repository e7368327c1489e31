/**
 * HS256 JWTs as edx-platform's `oauth_dispatch/jwt.py::_create_jwt` makes them.
 *
 * Why: clients must see the real claim set (providers.md §1.3) and the real
 * failure modes of edx-drf-extensions `JwtAuthentication` (expired signature,
 * bad signature), without any JWT library in the sandbox.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims the sandbox signs. */
export type JwtClaims = Record<string, unknown> & { exp: number; iat: number };

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Sign claims with HS256.
 *
 * @throws never.
 */
export function signJwt(claims: JwtClaims, secret: string): string {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/** Why a JWT was not accepted. */
export type JwtFailure = 'malformed' | 'signature' | 'expired';

/**
 * Verify signature and `exp` (against the sandbox clock, in seconds).
 *
 * @throws never.
 */
export function verifyJwt(token: string, secret: string, nowSec: number): { ok: true; claims: JwtClaims } | { ok: false; why: JwtFailure } {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, why: 'malformed' };
  const [h, p, s] = parts as [string, string, string];
  const expected = Buffer.from(createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url'));
  const given = Buffer.from(s);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, why: 'signature' };
  let claims: JwtClaims;
  try {
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: unknown };
    if (header.alg !== 'HS256') return { ok: false, why: 'malformed' };
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as JwtClaims;
  } catch {
    return { ok: false, why: 'malformed' };
  }
  if (typeof claims.exp !== 'number' || claims.exp <= nowSec) return { ok: false, why: 'expired' };
  return { ok: true, claims };
}
