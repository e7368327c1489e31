/**
 * Read the `exp` claim of a JWT access token, as an expiry backup only.
 *
 * Open edX signs its JWTs with HS256 and the LMS secret (providers.md §1.3), so
 * a client cannot verify them: the payload is decoded for `exp` (and nothing
 * else is trusted from it) when the token response carries no `expires_in`.
 */

/**
 * The `exp` claim in epoch milliseconds, or undefined when the token is not a
 * three-part JWS with a numeric `exp`.
 *
 * @throws never.
 */
export function jwtExpiryMs(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    const exp = typeof payload === 'object' && payload !== null ? (payload as { exp?: unknown }).exp : undefined;
    return typeof exp === 'number' && Number.isFinite(exp) && exp > 0 ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
