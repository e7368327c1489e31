/**
 * The tokens of one signed-in account, and the only code that refreshes them.
 *
 * design.md "Sign-in" → Tokens, autolab-api.md §2.5, §2.8, §2.11:
 * - the access token and its expiry live in memory; the refresh token lives in
 *   the SecretStore (the OS keychain);
 * - `getAccessToken()` refreshes proactively shortly before `expires_in` runs out;
 * - `withToken(fn)` refreshes reactively once when the server answers 401
 *   `{"error":"OAuth2 authorization failed"}` and retries `fn` once, like
 *   Autolab's reference CLI;
 * - refresh is single-flight: any number of concurrent callers cause one
 *   refresh request;
 * - a rotated refresh token is written to the SecretStore BEFORE the new access
 *   token is used. Autolab revokes the old pair only when the new access token
 *   is first presented (deferred revocation, §2.5), so if that write fails the
 *   new access token is dropped unused and the old refresh token stays valid;
 * - `invalid_grant` means signed out: a clear state and an event, no retry loop;
 * - a refresh whose answer was lost is not retried blindly: the error goes to
 *   the caller, and the next call tries again with the stored refresh token
 *   (still valid thanks to deferred revocation).
 *
 * Providers are data (`ProviderProfile`): the rejection detector comes from
 * the profile, and an account whose grant returns no refresh token (Open edX
 * client_credentials, providers.md §1.2) is renewed by re-issuing with the
 * client credentials instead (`renewal: 'client-credentials'`), proactively
 * before `expires_in` (or the JWT `exp`) runs out and reactively on rejection.
 *
 * Tokens go only into the `Authorization` header built by the caller
 * (RFC 6750 §2.1, or Open edX's `JWT` scheme), never into URLs, log lines or
 * error messages.
 */
import type { Logger } from '../logger';
import { UserError } from '../user-error';
import { refreshTokenKey, type SecretStore } from '../secrets/secret-store';
import { OAuthError, SignedOutError, type OAuthClient, type TokenSet } from './oauth-client';
import { autolabProfile, type ProviderProfile } from './provider-profile';
import { TokenRejectedError, tokenRefusedAfterRefresh } from './token-rejection';

export { isTokenRejection, TokenRejectedError, tokenRefusedAfterRefresh } from './token-rejection';

/** Whether the account can make API calls. */
export type TokenServiceState = 'signed-in' | 'signed-out';

/** Why the account became signed out. */
export type SignedOutReason = 'invalid-grant' | 'invalid-client' | 'no-refresh-token' | 'user-signed-out';

/**
 * How an expiring access token is renewed: with the stored refresh token
 * (RFC 6749 §6), or by asking again with the client's own credentials
 * (RFC 6749 §4.4; nothing but the client secret, which the OAuthClient holds).
 */
export type TokenRenewal = 'refresh-token' | 'client-credentials';

/** Listener for state changes. */
export type TokenStateListener = (state: TokenServiceState, reason?: SignedOutReason) => void;

/** What a TokenService needs. */
export interface TokenServiceOptions {
  /** Stable id of the account (server + user), used in secret keys. */
  accountId: string;
  oauth: Pick<OAuthClient, 'refresh' | 'revoke'> & Partial<Pick<OAuthClient, 'clientCredentials'>>;
  secrets: SecretStore;
  /** The provider (default Autolab): its rejection detector and name. */
  profile?: ProviderProfile;
  /** Default: `refresh-token` when the profile expects one, else `client-credentials`. */
  renewal?: TokenRenewal;
  /** Scopes asked for on a client_credentials re-issue. */
  scope?: string | readonly string[];
  /** Clock in epoch ms (default `Date.now`). Must match the OAuthClient's clock. */
  now?: () => number;
  /** Refresh this long before expiry (default 60 s). */
  refreshMarginMs?: number;
  log?: Logger;
}

function renewalOf(options: TokenServiceOptions): TokenRenewal {
  return options.renewal ?? ((options.profile ?? autolabProfile).expectsRefreshToken ? 'refresh-token' : 'client-credentials');
}

/** Tokens and refresh for one account. */
export class TokenService {
  private access: { token: string; expiresAt?: number } | undefined;
  private inflight: Promise<string> | undefined;
  private currentState: TokenServiceState;
  private readonly listeners = new Set<TokenStateListener>();
  private readonly now: () => number;
  private readonly key: string;
  private readonly profile: ProviderProfile;
  private readonly renewal: TokenRenewal;

  private constructor(
    private readonly options: TokenServiceOptions,
    state: TokenServiceState,
  ) {
    this.currentState = state;
    this.now = options.now ?? Date.now;
    this.key = refreshTokenKey(options.accountId);
    this.profile = options.profile ?? autolabProfile;
    this.renewal = renewalOf(options);
  }

  private signedOut(): SignedOutError {
    return new SignedOutError(400, this.profile.displayName);
  }

  /**
   * Resume an account from the SecretStore (app start). Signed in when a
   * refresh token is stored (or, for client-credentials renewal, always: the
   * caller built the OAuthClient with the stored client secret); the first
   * `getAccessToken()` then refreshes or re-issues.
   *
   * @throws UserError `secret-store-failed` when the store cannot be read.
   */
  static async restore(options: TokenServiceOptions): Promise<TokenService> {
    if (renewalOf(options) === 'client-credentials') return new TokenService(options, 'signed-in');
    const stored = await options.secrets.get(refreshTokenKey(options.accountId));
    return new TokenService(options, stored ? 'signed-in' : 'signed-out');
  }

  /**
   * Start an account from a fresh sign-in. The refresh token is persisted
   * before the access token becomes usable.
   *
   * @throws UserError `secret-store-failed` when the refresh token cannot be stored.
   */
  static async fromSignIn(options: TokenServiceOptions, tokens: TokenSet): Promise<TokenService> {
    const service = new TokenService(options, 'signed-in');
    await service.adopt(tokens, undefined);
    return service;
  }

  /** Current state. */
  get state(): TokenServiceState {
    return this.currentState;
  }

  /**
   * Does this API answer mean "renew and retry" for this provider? Callers
   * throw `TokenRejectedError` when it says yes.
   *
   * @throws never.
   */
  isRejection(status: number, body: unknown): boolean {
    return this.profile.isTokenRejection(status, body);
  }

  /**
   * Listen for state changes; returns the unsubscribe function.
   *
   * @throws never.
   */
  onStateChange(listener: TokenStateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A valid access token, refreshed first if it expires within the margin.
   *
   * @throws SignedOutError when signed out (no network request is made) or the
   *   refresh answers `invalid_grant`.
   * @throws UserError `offline` / `bad-response` / `invalid-client` /
   *   `secret-store-failed` from the refresh.
   */
  async getAccessToken(): Promise<string> {
    if (this.currentState === 'signed-out') throw this.signedOut();
    const margin = this.options.refreshMarginMs ?? 60_000;
    if (this.access && (this.access.expiresAt === undefined || this.now() < this.access.expiresAt - margin)) {
      return this.access.token;
    }
    return this.refreshOnce();
  }

  /**
   * Run an API call with a token; if it throws `TokenRejectedError`, refresh
   * (single-flight) and run it once more.
   *
   * @throws whatever `fn` throws; SignedOutError and refresh errors as
   *   `getAccessToken`; UserError `token-rejected` when the token is refused
   *   again right after a refresh.
   */
  async withToken<T>(fn: (accessToken: string) => Promise<T>): Promise<T> {
    const first = await this.getAccessToken();
    try {
      return await fn(first);
    } catch (error) {
      if (!(error instanceof TokenRejectedError)) throw error;
    }
    let second: string;
    if (this.inflight) second = await this.inflight;
    else if (this.access && this.access.token !== first) second = this.access.token;
    else {
      this.access = undefined;
      second = await this.refreshOnce();
    }
    try {
      return await fn(second);
    } catch (error) {
      if (error instanceof TokenRejectedError) throw tokenRefusedAfterRefresh(this.profile.displayName);
      throw error;
    }
  }

  /**
   * Refresh because the server rejected the access token (reactive refresh,
   * autolab-api.md §2.11), joining a refresh already in flight so that many
   * concurrent 401s cause one refresh.
   *
   * @throws as `getAccessToken`.
   */
  async refreshAfterRejection(): Promise<string> {
    if (this.currentState === 'signed-out') throw this.signedOut();
    if (this.inflight) return this.inflight;
    this.access = undefined;
    return this.refreshOnce();
  }

  /**
   * Sign out: revoke the tokens at the server (RFC 7009, autolab-api.md §2.9)
   * and delete the stored secrets. Local sign-out always happens, even offline.
   *
   * @returns whether the server confirmed the revocation.
   * @throws UserError `secret-store-failed` when the secret cannot be deleted.
   */
  async signOut(): Promise<{ revoked: boolean }> {
    let refreshToken: string | null = null;
    try {
      refreshToken = await this.options.secrets.get(this.key);
    } catch {
      refreshToken = null;
    }
    const accessToken = this.access?.token;
    this.access = undefined;
    let revoked = true;
    const revoke = async (token: string, hint: 'refresh_token' | 'access_token') => {
      try {
        await this.options.oauth.revoke(token, hint);
      } catch (error) {
        revoked = false;
        this.options.log?.warn('token revocation failed', { code: error instanceof UserError ? error.code : 'unknown' });
      }
    };
    if (refreshToken) await revoke(refreshToken, 'refresh_token');
    if (accessToken) await revoke(accessToken, 'access_token');
    if (!refreshToken && !accessToken) revoked = false;
    await this.options.secrets.delete(this.key);
    this.setState('signed-out', 'user-signed-out');
    return { revoked };
  }

  private refreshOnce(): Promise<string> {
    if (!this.inflight) {
      this.inflight = this.refresh().finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  private async refresh(): Promise<string> {
    if (this.renewal === 'client-credentials') return this.reissue();
    const stored = await this.options.secrets.get(this.key);
    if (!stored) {
      this.access = undefined;
      this.setState('signed-out', 'no-refresh-token');
      throw this.signedOut();
    }
    let tokens: TokenSet;
    try {
      tokens = await this.options.oauth.refresh(stored);
    } catch (error) {
      if (error instanceof SignedOutError) {
        this.access = undefined;
        await this.options.secrets.delete(this.key).catch(() => {});
        this.setState('signed-out', 'invalid-grant');
      }
      throw error;
    }
    // A sign-out while the refresh was in flight wins.
    if (this.currentState === 'signed-out') throw this.signedOut();
    return this.adopt(tokens, stored);
  }

  /** client_credentials: ask again with the client's own credentials (no refresh token exists). */
  private async reissue(): Promise<string> {
    const issue = this.options.oauth.clientCredentials;
    if (!issue) throw new UserError('token-rejected', `${this.profile.displayName} sign-in cannot be renewed; sign in again.`);
    let tokens: TokenSet;
    try {
      tokens = await issue.call(this.options.oauth, this.options.scope);
    } catch (error) {
      if (error instanceof OAuthError && (error.code === 'invalid-client' || error instanceof SignedOutError)) {
        this.access = undefined;
        this.setState('signed-out', 'invalid-client');
      }
      throw error;
    }
    if (this.currentState === 'signed-out') throw this.signedOut();
    const { refreshToken: _none, ...access } = tokens;
    return this.adopt(access, undefined);
  }

  /** Persist a rotated refresh token, then make the access token usable. */
  private async adopt(tokens: TokenSet, previousRefreshToken: string | undefined): Promise<string> {
    if (tokens.refreshToken && tokens.refreshToken !== previousRefreshToken) {
      await this.options.secrets.set(this.key, tokens.refreshToken);
    }
    this.access = tokens.expiresAt === undefined ? { token: tokens.accessToken } : { token: tokens.accessToken, expiresAt: tokens.expiresAt };
    this.options.log?.info('access token ready', { account: this.options.accountId, expiresAt: tokens.expiresAt });
    this.setState('signed-in');
    return tokens.accessToken;
  }

  private setState(state: TokenServiceState, reason?: SignedOutReason): void {
    if (this.currentState === state) return;
    this.currentState = state;
    for (const listener of this.listeners) listener(state, reason);
  }
}
