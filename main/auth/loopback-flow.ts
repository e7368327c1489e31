/**
 * Sign-in through the system browser with a loopback redirect and PKCE.
 *
 * The native-app flow of RFC 8252 §7.3 with PKCE S256 (RFC 7636) and a one-time
 * `state` (RFC 6749 §10.12): the loopback server is listening BEFORE the
 * browser opens; the authorization URL is also handed to the UI (`onAuthorizeUrl`)
 * because `openExternal` silently does nothing on some Linux desktops
 * (design.md "Sign-in"). A new attempt cancels the previous one.
 */
import { SingleAttempt } from './single-attempt';
import { UserError } from '../user-error';
import { createPkcePair, createState, PKCE_METHOD } from './pkce';
import { LoopbackAuthServer, signInCancelled, type LoopbackServerOptions } from './loopback-server';
import type { OAuthClient, TokenSet } from './oauth-client';

/** Progress of one attempt, for the sign-in screen. */
export type LoopbackFlowStatus = 'listening' | 'browser-opened' | 'browser-not-opened' | 'exchanging';

/** One sign-in attempt. */
export interface LoopbackSignInOptions {
  /** Scopes (autolab-api.md §2.10), joined with the profile's separator when given as a list. */
  scope: string | readonly string[];
  /** Opens the system browser; resolves false when it could not (the URL is still shown). */
  openExternal(url: string): Promise<boolean>;
  /** Receives the authorization URL, to show with a Copy button. It contains no secret. */
  onAuthorizeUrl?(url: string): void;
  onStatus?(status: LoopbackFlowStatus): void;
  /** The user's Cancel. */
  signal?: AbortSignal;
  /** How long to wait for the browser (default 5 minutes). */
  timeoutMs?: number;
  /** Loopback server timeouts (tests use small values). */
  server?: Omit<LoopbackServerOptions, 'state' | 'signal' | 'timeoutMs'>;
}

/**
 * Build the authorization request URL (RFC 6749 §4.1.1 + RFC 7636 §4.3).
 *
 * @throws never.
 */
export function buildAuthorizeUrl(
  authorizeEndpoint: string,
  p: { clientId: string; redirectUri: string; scope: string; state: string; codeChallenge?: string },
): string {
  const url = new URL(authorizeEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', p.clientId);
  url.searchParams.set('redirect_uri', p.redirectUri);
  url.searchParams.set('scope', p.scope);
  url.searchParams.set('state', p.state);
  if (p.codeChallenge !== undefined) {
    url.searchParams.set('code_challenge', p.codeChallenge);
    url.searchParams.set('code_challenge_method', PKCE_METHOD);
  }
  return url.toString();
}

/**
 * Runs loopback sign-ins for one provider server, one at a time. The port is
 * OS-assigned, or the fixed port the provider's profile names (exact redirect
 * matching, providers.md §1.2).
 */
export class LoopbackFlow {
  private readonly attempt = new SingleAttempt();

  constructor(private readonly oauth: OAuthClient) {}

  /**
   * Sign in: start the loopback server, open the browser, wait for the
   * callback, exchange the code. Starting a new sign-in cancels the running one.
   *
   * @throws UserError `sign-in-cancelled` (Cancel, or replaced by a newer attempt),
   *   `sign-in-timeout`, `sign-in-denied` (the user clicked Deny),
   *   `sign-in-refused` (the server answered with another OAuth error),
   *   `loopback-unavailable`; and whatever `OAuthClient.exchangeCode` throws
   *   (`SignedOutError` for a rejected code or verifier, `invalid-client`, `offline`).
   */
  async signIn(options: LoopbackSignInOptions): Promise<TokenSet> {
    return this.attempt.run(options.signal, (signal) => this.run(options, signal));
  }

  /**
   * Cancel the running attempt, if any.
   *
   * @throws never.
   */
  cancel(): void {
    this.attempt.cancel();
  }

  private async run(options: LoopbackSignInOptions, signal: AbortSignal): Promise<TokenSet> {
    const pkce = createPkcePair();
    const state = createState();
    const serverOptions: LoopbackServerOptions = { ...options.server, state, signal };
    const redirect = this.oauth.profile.redirect;
    if (redirect.kind === 'fixed-loopback-port') serverOptions.port = redirect.port;
    if (options.timeoutMs !== undefined) serverOptions.timeoutMs = options.timeoutMs;
    const server = await LoopbackAuthServer.start(serverOptions);
    try {
      options.onStatus?.('listening');
      const url = buildAuthorizeUrl(this.oauth.authorizeEndpoint, {
        clientId: this.oauth.clientId,
        redirectUri: server.redirectUri,
        scope: this.oauth.joinScopes(options.scope),
        state,
        ...(this.oauth.profile.pkce ? { codeChallenge: pkce.challenge } : {}),
      });
      options.onAuthorizeUrl?.(url);
      let opened = false;
      try {
        opened = await options.openExternal(url);
      } catch {
        opened = false;
      }
      options.onStatus?.(opened ? 'browser-opened' : 'browser-not-opened');

      const callback = await server.result;
      if (callback.kind === 'denied') {
        throw new UserError('sign-in-denied', 'Sign-in was denied in the browser; try again when you are ready.');
      }
      if (callback.kind === 'error') {
        throw new UserError('sign-in-refused', `The server refused the sign-in (${callback.error}); check the app registration with your ${this.oauth.profile.displayName} administrator.`);
      }
      if (signal.aborted) throw signInCancelled();
      options.onStatus?.('exchanging');
      const tokens = await this.oauth.exchangeCode({
        code: callback.code,
        redirectUri: server.redirectUri,
        ...(this.oauth.profile.pkce ? { codeVerifier: pkce.verifier } : {}),
      });
      // A newer attempt or Cancel during the exchange wins: revoke and drop these tokens.
      if (signal.aborted) {
        void this.oauth.revoke(tokens.refreshToken ?? tokens.accessToken, tokens.refreshToken ? 'refresh_token' : 'access_token').catch(() => {});
        throw signInCancelled();
      }
      return tokens;
    } finally {
      await server.close();
    }
  }
}
