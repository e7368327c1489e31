/**
 * Calls to Autolab's OAuth2 token and revocation endpoints.
 *
 * Implements the token request of RFC 6749 §4.1.3 (authorization_code, with
 * the PKCE `code_verifier` of RFC 7636 §4.5), §6 (refresh_token), and RFC 7009
 * revocation, as Autolab's Doorkeeper answers them (autolab-api.md §2.8, §2.9).
 * The client authenticates with HTTP Basic (RFC 6749 §2.3.1), which Doorkeeper
 * checks first (autolab-api.md §2.4).
 *
 * Token requests are never retried automatically: a lost answer to a code
 * exchange or a refresh may have consumed the code or rotated the refresh
 * token (design.md "Sign-in"). No token ever appears in a URL, a log line or
 * an error message.
 */
import got, { type Response } from 'got';
import { z } from 'zod';
import { isAllowedAutolabUrl, PLAIN_HTTP_REFUSED } from '../../preload/contract/accounts';
import { readCapped } from '../autolab/response-cap';
import { UserError } from '../user-error';

/** A successful token response (RFC 6749 §5.1, autolab-api.md §2.8). */
export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', 'token_type must be Bearer'),
  expires_in: z.number().nonnegative().optional(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
  created_at: z.number().optional(),
});
/** @see TokenResponseSchema */
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

/** An OAuth error body (RFC 6749 §5.2). */
export const OAuthErrorBodySchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

/** Tokens as the app keeps them: the absolute expiry instead of `expires_in`. */
export interface TokenSet {
  accessToken: string;
  /** Absent when the server issued none (then the session ends with the access token). */
  refreshToken?: string;
  /** Epoch milliseconds by the injected clock; undefined when the server gave no `expires_in`. */
  expiresAt?: number;
  /** Space-separated granted scopes, when the server says. */
  scope?: string;
}

/** Where and as whom to talk to the authorization server. */
export interface OAuthClientConfig {
  /** The Autolab base URL, e.g. `https://autolab.example.edu` (no trailing path). */
  baseUrl: string;
  clientId: string;
  /** Autolab apps are confidential (autolab-api.md §2.4); omit only for public clients. */
  clientSecret?: string;
  /** Per-request timeout (default 20 s). */
  timeoutMs?: number;
  /** Clock for `expiresAt` (default `Date.now`). */
  now?: () => number;
  /** Endpoint paths (defaults: Autolab's `/oauth/token`, `/oauth/revoke`, `/oauth/authorize`). */
  paths?: Partial<{ token: string; revoke: string; authorize: string }>;
}

/**
 * The token endpoint refused the request (RFC 6749 §5.2).
 *
 * `oauthError` is the server's `error` code; the message is one fixed user
 * sentence (server text is never shown: it could carry anything).
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
 * The refresh token or code is no longer valid (`invalid_grant`): the user must
 * sign in again. Never retried (design.md "Sign-in").
 */
export class SignedOutError extends OAuthError {
  constructor(status = 400) {
    super('signed-out', 'You have been signed out of this Autolab server; sign in again.', 'invalid_grant', status);
    this.name = 'SignedOutError';
  }
}

function networkError(host: string, failure: unknown): UserError {
  // The cause keeps only the error code: got's error objects carry the request
  // options, and with them the form (tokens, codes).
  const code = typeof failure === 'object' && failure && 'code' in failure ? String(failure.code) : 'ERR_NETWORK';
  return new UserError('offline', `Autolab Desktop could not reach ${host}; check your connection and try again.`, { cause: new Error(code) });
}

function badResponse(host: string): UserError {
  return new UserError('bad-response', `${host} sent an answer Autolab Desktop does not understand; check the server address.`);
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Map a token-endpoint error (autolab-api.md §2.8 table) to one user sentence. */
function tokenError(host: string, status: number, body: unknown): UserError {
  const parsed = OAuthErrorBodySchema.safeParse(body);
  if (!parsed.success) return badResponse(host);
  const { error } = parsed.data;
  switch (error) {
    case 'invalid_grant':
      return new SignedOutError(status);
    case 'invalid_client':
    case 'unauthorized_client':
      return new OAuthError('invalid-client', `${host} did not accept this app's client id or secret; ask your Autolab administrator for the right ones.`, error, status);
    case 'invalid_scope':
      return new OAuthError('invalid-scope', `${host} does not allow the permissions Autolab Desktop asked for; ask your Autolab administrator to add them to the app.`, error, status);
    case 'unsupported_grant_type':
      return new OAuthError('unsupported-grant', `${host} does not support this way of signing in; ask your Autolab administrator.`, error, status);
    default:
      return new OAuthError('token-request-failed', `${host} refused the sign-in request (${error.slice(0, 40).replace(/[^\w.-]/g, '')}); try again.`, error, status);
  }
}

/**
 * A client for one Autolab server's token and revocation endpoints.
 *
 * Stateless: it holds no tokens. `TokenService` owns them.
 */
export class OAuthClient {
  /** The base URL without a trailing slash. */
  readonly baseUrl: string;
  /** Host shown in error sentences. */
  readonly host: string;
  readonly clientId: string;
  private readonly now: () => number;

  /** @throws UserError `bad-url` when `baseUrl` is not an http(s) URL. */
  constructor(private readonly config: OAuthClientConfig) {
    let url: URL;
    try {
      url = new URL(config.baseUrl);
    } catch {
      throw new UserError('bad-url', 'The Autolab server address is not a valid URL.');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new UserError('bad-url', 'The Autolab server address must start with https://.');
    }
    if (!isAllowedAutolabUrl(url)) throw new UserError('bad-url', PLAIN_HTTP_REFUSED);
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
    this.host = url.host;
    this.clientId = config.clientId;
    this.now = config.now ?? Date.now;
  }

  /** The authorization endpoint (RFC 6749 §3.1; Autolab `GET /oauth/authorize`, autolab-api.md §2.7). */
  get authorizeEndpoint(): string {
    return this.baseUrl + (this.config.paths?.authorize ?? '/oauth/authorize');
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
  async refresh(refreshToken: string, scope?: string): Promise<TokenSet> {
    const form: Record<string, string> = { grant_type: 'refresh_token', refresh_token: refreshToken };
    if (scope) form.scope = scope;
    return this.tokenRequest(form);
  }

  /**
   * Revoke a token (RFC 7009 §2.1; autolab-api.md §2.9: revoking either token
   * revokes the pair, unknown tokens answer 200).
   *
   * @throws OAuthError `invalid-client` when the server refuses the client.
   * @throws UserError `offline` / `bad-response`.
   */
  async revoke(token: string, hint: 'refresh_token' | 'access_token'): Promise<void> {
    const response = await this.post(this.config.paths?.revoke ?? '/oauth/revoke', { token, token_type_hint: hint });
    if (response.statusCode === 200) return;
    throw tokenError(this.host, response.statusCode, parseJson(response.body));
  }

  private async tokenRequest(form: Record<string, string>): Promise<TokenSet> {
    const requestedAt = this.now();
    const response = await this.post(this.config.paths?.token ?? '/oauth/token', form);
    const body = parseJson(response.body);
    if (response.statusCode !== 200) throw tokenError(this.host, response.statusCode, body);
    const parsed = TokenResponseSchema.safeParse(body);
    if (!parsed.success) throw badResponse(this.host);
    const t = parsed.data;
    const set: TokenSet = { accessToken: t.access_token };
    if (t.refresh_token) set.refreshToken = t.refresh_token;
    if (t.expires_in !== undefined) set.expiresAt = requestedAt + t.expires_in * 1000;
    if (t.scope !== undefined) set.scope = t.scope;
    return set;
  }

  private async post(path: string, form: Record<string, string>): Promise<Response<string>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
    if (this.config.clientSecret !== undefined) {
      // RFC 6749 §2.3.1: form-encode id and secret, then Basic.
      headers.authorization = `Basic ${Buffer.from(`${enc(this.clientId)}:${enc(this.config.clientSecret)}`).toString('base64')}`;
    } else {
      form = { ...form, client_id: this.clientId };
    }
    try {
      return await readCapped(
        (signal) =>
          got.post(this.baseUrl + path, {
            form,
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
