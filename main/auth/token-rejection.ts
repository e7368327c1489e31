/**
 * "This access token is no longer good": the error an API call throws inside
 * `TokenService.withToken`, Autolab's detector (kept for its callers), and the
 * sentence when a fresh token is refused too.
 */
import { UserError } from '../user-error';
import { autolabProfile } from './provider-profile';

/**
 * Thrown by the function given to `withToken` when the server rejected the
 * access token (see `isTokenRejection`).
 */
export class TokenRejectedError extends Error {
  constructor() {
    super('The access token was rejected.');
    this.name = 'TokenRejectedError';
  }
}

/**
 * Does this API answer mean "refresh and retry"? Autolab answers every
 * missing/expired/revoked token with 401 `{"error":"OAuth2 authorization failed"}`
 * (autolab-api.md §2.11); 403 (scope) is not a token problem.
 *
 * @throws never.
 */
export function isTokenRejection(status: number, body: unknown): boolean {
  return autolabProfile.isTokenRejection(status, body);
}

/** The access token was refused even right after a refresh. */
export const tokenRefusedAfterRefresh = (providerName = 'Autolab') =>
  new UserError('token-rejected', `${providerName} did not accept the sign-in for this account; sign out and sign in again.`);

