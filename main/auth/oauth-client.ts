/**
 * Calls to a provider's OAuth2 token and revocation endpoints, driven by its
 * `ProviderProfile` (providers.md §5): paths, client authentication (Basic,
 * form or multipart), extra token parameters (Open edX's `token_type=jwt`),
 * the accepted token types and the scope separator.
 *
 * Implements the token request of RFC 6749 §4.1.3 (authorization_code, with
 * the PKCE `code_verifier` of RFC 7636 §4.5), §4.4 (client_credentials), §6
 * (refresh_token), and RFC 7009 revocation. Autolab's Doorkeeper is the default
 * profile (autolab-api.md §2.8, §2.9) and behaves exactly as before.
 *
 * Token requests are never retried automatically: a lost answer to a code
 * exchange or a refresh may have consumed the code or rotated the refresh
 * token (design.md "Sign-in"). No token or secret ever appears in a URL, a log
 * line or an error message.
 */
import got, { type Response } from 'got';
import { z } from 'zod';
import { isAllowedAutolabUrl, PLAIN_HTTP_REFUSED } from '../../preload/contract/accounts';
import { readCapped } from '../autolab/response-cap';
import { UserError } from '../user-error';
import { autolabProfile, type ProviderProfile } from './provider-profile';
import { jwtExpiryMs } from './jwt-expiry';
import { badResponse, networkError, tokenError } from './oauth-errors';

export { OAuthError, SignedOutError, OAuthErrorBodySchema } from './oauth-errors';

/**
 * A token response (RFC 6749 §5.1) whose `token_type` is one of `accepted`
 * (lower-case, compared case-insensitively).
 *
 * @throws never.
 */
export function tokenResponseSchema(accepted: readonly string[]) {
  return z.object({
    access_token: z.string().min(1),
    token_type: z.string().refine((t) => accepted.includes(t.toLowerCase()), `token_type must be one of ${accepted.join(', ')}`),
    expires_in: z.number().nonnegative().optional(),
    refresh_token: z.string().min(1).optional(),
    scope: z.string().optional(),
    created_at: z.number().optional(),
  });
}

/** A successful Autolab token response (RFC 6749 §5.1, autolab-api.md §2.8). */
export const TokenResponseSchema = tokenResponseSchema(['bearer']);
/** @see TokenResponseSchema */
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

/** Tokens as the app keeps them: the absolute expiry instead of `expires_in`. */
export interface TokenSet {
  accessToken: string;
  /** Absent when the server issued none (then the session ends with the access token, or is re-issued). */
  refreshToken?: string;
  /**
   * Epoch milliseconds by the injected clock, from `expires_in`; when that is
   * absent, the JWT `exp` claim (decoded, not verified); else undefined.
   */
  expiresAt?: number;
  /** Granted scopes as the server wrote them, when it says. */
  scope?: string;
}

/** Where and as whom to talk to the authorization server. */
export interface OAuthClientConfig {
  /** The provider's base URL, e.g. `https://autolab.example.edu` (no trailing path). */
  baseUrl: string;
  clientId: string;
  /** Omit only for public clients (then `client_id` goes in the form). */
  clientSecret?: string;
  /** The provider (default: Autolab). */
  profile?: ProviderProfile;
  /** Per-request timeout (default 20 s). */
  timeoutMs?: number;
  /** Clock for `expiresAt` (default `Date.now`). */
  now?: () => number;
  /** Endpoint path overrides (default: the profile's). */
  paths?: Partial<{ token: string; revoke: string; authorize: string }>;
}

/**
 * A client for one provider's token and revocation endpoints.
 *
 * Stateless: it holds no tokens. `TokenService` owns them.
 */
export class OAuthClient {
  /** The base URL without a trailing slash. */
  readonly baseUrl: string;
  /** Host shown in error sentences. */
  readonly host: string;
  readonly clientId: string;
  /** The provider this client speaks to. */
  readonly profile: ProviderProfile;
  private readonly now: () => number;

  /** @throws UserError `bad-url` when `baseUrl` is not an http(s) URL. */
  constructor(private readonly config: OAuthClientConfig) {
    this.profile = config.profile ?? autolabProfile;
    let url: URL;
    try {
      url = new URL(config.baseUrl);
    } catch {
      throw new UserError('bad-url', `The ${this.profile.displayName} server address is not a valid URL.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new UserError('bad-url', `The ${this.profile.displayName} server address must start with https://.`);
    }
    // Plain http only on loopback, for every provider: the secret and tokens must not cross a network unencrypted.
    if (!isAllowedAutolabUrl(url)) {
      throw new UserError('bad-url', this.profile.id === 'autolab' ? PLAIN_HTTP_REFUSED : `Use the https:// address of the ${this.profile.displayName} site: over plain http:// the client secret and tokens would cross the network unencrypted.`);
    }
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
    this.host = url.host;
    this.clientId = config.clientId;
    this.now = config.now ?? Date.now;
  }

  /** The authorization endpoint (RFC 6749 §3.1). */
  get authorizeEndpoint(): string {
    return this.baseUrl + (this.config.paths?.authorize ?? this.profile.paths.authorize ?? '/oauth/authorize');
  }

  /**
   * The `Authorization` header value for an API call with this access token
   * (`Bearer …` per RFC 6750, or Open edX's `JWT …`).
   *
   * @throws never.
   */
  authorizationHeader(accessToken: string): string {
    return `${this.profile.authorizationScheme} ${accessToken}`;
  }

  /**
   * Join scopes with the profile's separator.
   *
   * @throws never.
   */
  joinScopes(scopes: string | readonly string[]): string {
    return typeof scopes === 'string' ? scopes : scopes.join(this.profile.scopeSeparator);
  }

  /**
   * Exchange an authorization code (RFC 6749 §4.1.3, RFC 7636 §4.5).
   *
   * @throws SignedOutError when the code is invalid, used, expired, or the
   *   verifier or redirect URI does not match (`invalid_grant`).
   * @throws OAuthError for other OAuth errors (e.g. `invalid-client`).
   * @throws UserError `offline` / `bad-response` for network or format failures.
   */
  async exchangeCode(input: { code: string; redirectUri: string; codeVerifier?: string }): Promise<TokenSet> {
    const form: Record<string, string> = {
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: input.redirectUri,
    };
    if (input.codeVerifier) form.code_verifier = input.codeVerifier;
    return this.tokenRequest(form);
  }

  /**
   * Use a refresh token (RFC 6749 §6). The answer usually carries a rotated
   * refresh token (autolab-api.md §2.5): the caller must persist it.
   *
   * @throws SignedOutError on `invalid_grant` (revoked or unknown refresh token).
   * @throws OAuthError for other OAuth errors.
   * @throws UserError `offline` / `bad-response`.
   */
  async refresh(refreshToken: string, scope?: string | readonly string[]): Promise<TokenSet> {
    const form: Record<string, string> = { grant_type: 'refresh_token', refresh_token: refreshToken };
    if (scope) form.scope = this.joinScopes(scope);
    return this.tokenRequest(form);
  }

  /**
   * Issue a token with the client's own credentials (RFC 6749 §4.4): Open
   * edX's documented personal-API path, acting as the application's owner. No
   * refresh token comes back; call again to re-issue.
   *
   * @throws OAuthError `invalid-client` (unknown client or wrong secret),
   *   `invalid-scope`, `unsupported-grant`.
   * @throws UserError `offline` / `bad-response`.
   */
  async clientCredentials(scope?: string | readonly string[]): Promise<TokenSet> {
    const form: Record<string, string> = { grant_type: 'client_credentials' };
    if (scope) form.scope = this.joinScopes(scope);
    return this.tokenRequest(form);
  }

  /**
   * Revoke a token (RFC 7009 §2.1; autolab-api.md §2.9: revoking either token
   * revokes the pair, unknown tokens answer 200).
   *
   * @throws OAuthError `invalid-client` when the server refuses the client.
   * @throws UserError `offline` / `bad-response`; `bad-url` when the profile has no revocation endpoint.
   */
  async revoke(token: string, hint: 'refresh_token' | 'access_token'): Promise<void> {
    const path = this.config.paths?.revoke ?? this.profile.paths.revoke;
    if (!path) throw new UserError('bad-url', `${this.profile.displayName} offers no way to revoke a token.`);
    const response = await this.post(path, { token, token_type_hint: hint });
    if (response.statusCode === 200) return;
    throw tokenError(this.host, this.profile.displayName, response.statusCode, parseJson(response.body));
  }

  private async tokenRequest(fields: Record<string, string>): Promise<TokenSet> {
    const requestedAt = this.now();
    const form = { ...fields, ...this.profile.extraTokenParams };
    const response = await this.post(this.config.paths?.token ?? this.profile.paths.token, form);
    const body = parseJson(response.body);
    if (response.statusCode !== 200) throw tokenError(this.host, this.profile.displayName, response.statusCode, body);
    const parsed = tokenResponseSchema(this.profile.acceptedTokenTypes).safeParse(body);
    if (!parsed.success) throw badResponse(this.host);
    const t = parsed.data;
    const set: TokenSet = { accessToken: t.access_token };
    if (t.refresh_token) set.refreshToken = t.refresh_token;
    const expiresAt = t.expires_in !== undefined ? requestedAt + t.expires_in * 1000 : jwtExpiryMs(t.access_token);
    if (expiresAt !== undefined) set.expiresAt = expiresAt;
    if (t.scope !== undefined) set.scope = t.scope;
    return set;
  }

  private async post(path: string, form: Record<string, string>): Promise<Response<string>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const secret = this.config.clientSecret;
    const mode = secret === undefined ? 'none' : this.profile.clientAuthentication;
    let body: { form: Record<string, string> } | { body: FormData };
    if (mode === 'client_secret_basic') {
      // RFC 6749 §2.3.1: form-encode id and secret, then Basic.
      const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
      headers.authorization = `Basic ${Buffer.from(`${enc(this.clientId)}:${enc(secret ?? '')}`).toString('base64')}`;
      body = { form };
    } else if (mode === 'client_secret_post') {
      body = { form: { ...form, client_id: this.clientId, client_secret: secret ?? '' } };
    } else if (mode === 'client_secret_multipart') {
      const data = new FormData();
      for (const [k, v] of Object.entries({ ...form, client_id: this.clientId, client_secret: secret ?? '' })) data.append(k, v);
      body = { body: data };
    } else {
      body = { form: { ...form, client_id: this.clientId } };
    }
    try {
      return await readCapped(
        (signal) =>
          got.post(this.baseUrl + path, {
            ...body,
            headers,
            throwHttpErrors: false,
            followRedirect: false,
            retry: { limit: 0 },
            timeout: { request: this.config.timeoutMs ?? 20_000 },
            responseType: 'text',
            signal,
          }),
        this.host,
      );
    } catch (cause) {
      if (cause instanceof UserError) throw cause;
      throw networkError(this.host, cause);
    }
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
