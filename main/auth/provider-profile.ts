/**
 * OAuth providers as data.
 *
 * Autolab, Open edX and LaMetric differ only in what this profile says
 * (providers.md §1.5, §5): where the endpoints are, how the client
 * authenticates, which extra parameters the token request carries, how the
 * access token is sent, how scopes are joined, whether a refresh token comes
 * back, and how the API says "this token is no longer good". The OAuth core
 * (`oauth-client.ts`, `token-service.ts`, the loopback and client-credentials
 * flows) reads these fields and has no provider-specific branches.
 */

/** How the client authenticates at the token endpoint. */
export type ClientAuthentication =
  /** RFC 6749 §2.3.1 HTTP Basic with the form-encoded id and secret (Autolab's Doorkeeper, Open edX's DOT). */
  | 'client_secret_basic'
  /** `client_id` and `client_secret` in the urlencoded form body (RFC 6749 §2.3.1, second form). */
  | 'client_secret_post'
  /** `client_id` and `client_secret` as fields of a multipart/form-data body (LaMetric's documented `curl -F`). */
  | 'client_secret_multipart'
  /** A public client: `client_id` in the form, no secret. */
  | 'none';

/** The grants a provider's clients may use. The password grant is never offered. */
export type GrantKind = 'authorization_code' | 'refresh_token' | 'client_credentials' | 'device_flow_autolab';

/** Everything the OAuth core needs to know about one provider. */
export interface ProviderProfile {
  /** Stable id: `autolab`, `openedx`, `lametric`. */
  readonly id: 'autolab' | 'openedx' | 'lametric';
  /** Shown in sentences: "Autolab", "Open edX", "LaMetric". */
  readonly displayName: string;
  /** Paths relative to the provider's base URL. `authorize` is absent when no browser flow exists. */
  readonly paths: { readonly token: string; readonly authorize?: string; readonly revoke?: string };
  readonly clientAuthentication: ClientAuthentication;
  /** Extra fields sent with every token request, e.g. Open edX's `{ token_type: 'jwt' }`. */
  readonly extraTokenParams?: Readonly<Record<string, string>>;
  /** The `token_type` values accepted in a token response, lower-cased (`['bearer']`, `['jwt']`). */
  readonly acceptedTokenTypes: readonly string[];
  /** `Authorization: <scheme> <token>` on API calls: `Bearer` (RFC 6750) or Open edX's `JWT`. */
  readonly authorizationScheme: 'Bearer' | 'JWT';
  /** How scopes are joined in the authorize URL and token request (space per RFC 6749 §3.3). */
  readonly scopeSeparator: string;
  /** Whether the grants this app uses return a refresh token (client_credentials does not: re-issue instead). */
  readonly expectsRefreshToken: boolean;
  /** PKCE S256 on authorization requests (sent even where the server ignores it, like stock Autolab). */
  readonly pkce: boolean;
  /** Whether the redirect URI may use any loopback port (RFC 8252 §7.3) or must be one fixed, registered port. */
  readonly redirect: { readonly kind: 'any-loopback-port' } | { readonly kind: 'fixed-loopback-port'; readonly port: number };
  /**
   * Does an API answer mean "this access token is no longer valid; refresh or
   * re-issue and retry once"? Autolab: 401 `{"error":"OAuth2 authorization failed"}`;
   * Open edX (DRF): any 401; LaMetric cloud: 401 `{"errors":[{"message":"Unauthorized"}]}`.
   *
   * @throws never.
   */
  isTokenRejection(status: number, body: unknown): boolean;
}

function parsed(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Autolab's Doorkeeper (autolab-api.md §2). */
export const autolabProfile: ProviderProfile = {
  id: 'autolab',
  displayName: 'Autolab',
  paths: { token: '/oauth/token', authorize: '/oauth/authorize', revoke: '/oauth/revoke' },
  clientAuthentication: 'client_secret_basic',
  acceptedTokenTypes: ['bearer'],
  authorizationScheme: 'Bearer',
  scopeSeparator: ' ',
  expectsRefreshToken: true,
  pkce: true,
  redirect: { kind: 'any-loopback-port' },
  isTokenRejection(status, body) {
    if (status !== 401) return false;
    const value = parsed(body);
    return typeof value === 'object' && value !== null && (value as { error?: unknown }).error === 'OAuth2 authorization failed';
  },
};

/**
 * Open edX's django-oauth-toolkit behind `oauth_dispatch` (providers.md §1).
 * `redirectPort` is the fixed loopback port registered with the site (DOT
 * matches redirect URIs exactly).
 */
export function openedxProfile(redirectPort: number): ProviderProfile {
  return {
    id: 'openedx',
    displayName: 'Open edX',
    paths: { token: '/oauth2/access_token', authorize: '/oauth2/authorize', revoke: '/oauth2/revoke_token' },
    clientAuthentication: 'client_secret_basic',
    extraTokenParams: { token_type: 'jwt' },
    acceptedTokenTypes: ['jwt'],
    authorizationScheme: 'JWT',
    scopeSeparator: ' ',
    expectsRefreshToken: false,
    pkce: true,
    redirect: { kind: 'fixed-loopback-port', port: redirectPort },
    // DRF answers every authentication failure with 401 {"detail": …}; the wording is not matched (providers.md §1.5).
    isTokenRejection: (status) => status === 401,
  };
}

/** LaMetric's cloud (providers.md §2.1); `redirectPort` is the fixed loopback port the user registered. */
export function lametricProfile(redirectPort: number): ProviderProfile {
  return {
    id: 'lametric',
    displayName: 'LaMetric',
    paths: { token: '/api/v2/oauth2/token', authorize: '/api/v2/oauth2/authorize/' },
    clientAuthentication: 'client_secret_multipart',
    acceptedTokenTypes: ['bearer'],
    authorizationScheme: 'Bearer',
    scopeSeparator: ' ',
    expectsRefreshToken: true,
    pkce: false,
    redirect: { kind: 'fixed-loopback-port', port: redirectPort },
    isTokenRejection(status, body) {
      if (status !== 401) return false;
      const value = parsed(body) as { errors?: { message?: unknown }[] } | undefined;
      return Array.isArray(value?.errors) && value.errors.some((e) => e?.message === 'Unauthorized');
    },
  };
}
