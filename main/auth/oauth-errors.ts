/**
 * The errors of the OAuth core, each one fixed user sentence (server text is
 * never shown: it could carry anything), worded for the provider in use.
 */
import { z } from 'zod';
import { UserError } from '../user-error';

/** An OAuth error body (RFC 6749 §5.2). */
export const OAuthErrorBodySchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

/**
 * The token endpoint refused the request (RFC 6749 §5.2).
 *
 * `oauthError` is the server's `error` code.
 */
export class OAuthError extends UserError {
  constructor(
    code: string,
    message: string,
    readonly oauthError: string,
    readonly status: number,
  ) {
    super(code, message);
    this.name = 'OAuthError';
  }
}

/**
 * The refresh token or code is no longer valid (`invalid_grant`), or the
 * client credentials of a client_credentials account were withdrawn: the user
 * must sign in again. Never retried (design.md "Sign-in").
 */
export class SignedOutError extends OAuthError {
  constructor(status = 400, providerName = 'Autolab') {
    super('signed-out', `You have been signed out of this ${providerName} server; sign in again.`, 'invalid_grant', status);
    this.name = 'SignedOutError';
  }
}

/**
 * The network failed. The cause keeps only the error code: got's error objects
 * carry the request options, and with them the form (tokens, codes, secrets).
 *
 * @throws never.
 */
export function networkError(host: string, failure: unknown): UserError {
  const code = typeof failure === 'object' && failure && 'code' in failure ? String(failure.code) : 'ERR_NETWORK';
  return new UserError('offline', `Autolab Desktop could not reach ${host}; check your connection and try again.`, { cause: new Error(code) });
}

/**
 * The server answered something that is not an OAuth answer.
 *
 * @throws never.
 */
export function badResponse(host: string): UserError {
  return new UserError('bad-response', `${host} sent an answer Autolab Desktop does not understand; check the server address.`);
}

/**
 * Map a token-endpoint error (autolab-api.md §2.8 table; DOT answers the same
 * codes) to one user sentence.
 *
 * @throws never.
 */
export function tokenError(host: string, providerName: string, status: number, body: unknown): UserError {
  const parsed = OAuthErrorBodySchema.safeParse(body);
  if (!parsed.success) return badResponse(host);
  const { error } = parsed.data;
  const admin = `your ${providerName} administrator`;
  switch (error) {
    case 'invalid_grant':
      return new SignedOutError(status, providerName);
    case 'invalid_client':
    case 'unauthorized_client':
      return new OAuthError('invalid-client', `${host} did not accept this app's client id or secret; ask ${admin} for the right ones.`, error, status);
    case 'invalid_scope':
      return new OAuthError('invalid-scope', `${host} does not allow the permissions Autolab Desktop asked for; ask ${admin} to add them to the app.`, error, status);
    case 'unsupported_grant_type':
      return new OAuthError('unsupported-grant', `${host} does not support this way of signing in; ask ${admin}.`, error, status);
    default:
      return new OAuthError('token-request-failed', `${host} refused the sign-in request (${error.slice(0, 40).replace(/[^\w.-]/g, '')}); try again.`, error, status);
  }
}
