/**
 * PKCE (Proof Key for Code Exchange), S256 only.
 *
 * Implements RFC 7636 §4.1 (code_verifier) and §4.2 (S256 code_challenge).
 * The app sends PKCE on every authorization request even though stock Autolab
 * ignores it (autolab-api.md §2.3, design.md "Sign-in"); `plain` is never used
 * (RFC 9700 §2.1.1).
 */
import { createHash, randomBytes } from 'node:crypto';

/** The only challenge method this app ever sends (RFC 7636 §4.2). */
export const PKCE_METHOD = 'S256' as const;

/** A verifier and the challenge derived from it. */
export interface PkcePair {
  /** Secret kept in memory until the token request (RFC 7636 §4.5). */
  readonly verifier: string;
  /** BASE64URL(SHA256(verifier)), sent in the authorization request (RFC 7636 §4.3). */
  readonly challenge: string;
  readonly method: typeof PKCE_METHOD;
}

/** RFC 7636 §4.1: 43–128 characters from the unreserved set. */
const VERIFIER_FORMAT = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * Create a fresh code_verifier from the OS CSPRNG.
 *
 * RFC 7636 §4.1 recommends 32 random octets, base64url-encoded (43 characters).
 *
 * @param byteLength random octets to encode, 32–96 (giving 43–128 characters).
 * @throws RangeError when byteLength would give a verifier outside 43–128 characters.
 */
export function createCodeVerifier(byteLength = 32): string {
  if (!Number.isInteger(byteLength) || byteLength < 32 || byteLength > 96) {
    throw new RangeError('PKCE verifier byte length must be an integer between 32 and 96.');
  }
  return randomBytes(byteLength).toString('base64url');
}

/**
 * Derive the S256 code_challenge of a verifier (RFC 7636 §4.2).
 *
 * @throws RangeError when the verifier is not 43–128 unreserved characters (RFC 7636 §4.1).
 */
export function codeChallengeS256(verifier: string): string {
  if (!VERIFIER_FORMAT.test(verifier)) {
    throw new RangeError('PKCE verifier must be 43 to 128 unreserved characters (RFC 7636 §4.1).');
  }
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * Create a verifier/challenge pair for one authorization request.
 *
 * @throws never in practice (only if the CSPRNG fails).
 */
export function createPkcePair(): PkcePair {
  const verifier = createCodeVerifier();
  return { verifier, challenge: codeChallengeS256(verifier), method: PKCE_METHOD };
}

/**
 * Create a one-time `state` value (RFC 6749 §10.12, RFC 9700 §4.7.1).
 *
 * 32 random octets, base64url: unguessable, and safe in a URL without escaping.
 *
 * @throws never in practice (only if the CSPRNG fails).
 */
export function createState(): string {
  return randomBytes(32).toString('base64url');
}
