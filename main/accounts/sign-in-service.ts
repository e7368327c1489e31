/**
 * Run sign-in attempts and report their progress to the renderer.
 *
 * One attempt per account at a time (a new one cancels the old). Loopback
 * first (RFC 8252), Autolab's device flow on request or as the fallback
 * (autolab-api.md §3, §9): a timed-out or failed loopback attempt suggests
 * "Sign in with a code instead", which is one click in the UI. Progress goes
 * out as `auth:progress` events; the token response stays in main.
 */
import { randomBytes } from 'node:crypto';
import type { AuthProgress } from '../../preload/contract';
import { DeviceFlow, type DeviceFlowStatus } from '../auth/device-flow';
import { LoopbackFlow } from '../auth/loopback-flow';
import { OAuthError, type OAuthClient, type TokenSet } from '../auth/oauth-client';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import type { Platform } from '../platform';
import { UserError } from '../user-error';
import { host, type AccountsService } from './accounts-service';
import type { UrlAllowList } from './url-allow-list';

const DEVICE_STATUS: Record<DeviceFlowStatus, string> = {
  waiting: 'Waiting for you to enter the code…',
  'slowed-down': 'Autolab asked us to slow down; still waiting…',
  'connection-problem': 'Having trouble reaching Autolab; still trying…',
  exchanging: 'Code accepted; finishing sign-in…',
};

/**
 * Make sure the server still knows this app before the browser is opened.
 *
 * After an Autolab's database was reset, its authorize page shows "unknown
 * client" in the browser and never redirects, so the app would wait for a
 * callback that never comes (issue 10 item 8). A token request with a
 * made-up code answers `401 invalid_client` for an unknown client and `400
 * invalid_grant` otherwise, with no side effect (server-probe.ts).
 *
 * @throws OAuthError `invalid-client` when the server does not know the client; other failures are left to the flow.
 */
async function checkClientKnown(oauth: OAuthClient, signal: AbortSignal): Promise<void> {
  try {
    await oauth.exchangeCode({ code: randomBytes(32).toString('base64url'), redirectUri: `${oauth.baseUrl}/device_flow_auth_cb` });
  } catch (err) {
    if (!signal.aborted && err instanceof OAuthError && err.code === 'invalid-client') throw err;
  }
}

/** Codes after which the device flow is the way forward. */
const SUGGEST_DEVICE = new Set(['sign-in-timeout', 'loopback-unavailable', 'sign-in-refused', 'invalid-scope']);

/** Sign-in attempts of every account. */
export class SignInService {
  private readonly attempts = new Map<string, AbortController>();

  constructor(
    private readonly accounts: AccountsService,
    private readonly platform: Platform,
    private readonly events: EventBus,
    private readonly allowList: UrlAllowList,
    private readonly log: Logger,
  ) {}

  /**
   * `auth:sign-in`: start an attempt in the background; progress arrives as events.
   *
   * @throws UserError `no-account` for an unknown account.
   */
  start(accountId: string, method: 'loopback' | 'device'): { started: true } {
    const record = this.accounts.record(accountId);
    this.attempts.get(accountId)?.abort();
    const controller = new AbortController();
    this.attempts.set(accountId, controller);
    void this.run(accountId, this.accounts.requestedScopes(record.id).join(' '), method, controller).finally(() => {
      if (this.attempts.get(accountId) === controller) this.attempts.delete(accountId);
    });
    return { started: true };
  }

  /** `auth:cancel`. */
  cancel(accountId: string): { cancelled: boolean } {
    const controller = this.attempts.get(accountId);
    controller?.abort();
    return { cancelled: controller !== undefined };
  }

  /** Cancel every attempt (app quit). */
  dispose(): void {
    for (const c of this.attempts.values()) c.abort();
    this.attempts.clear();
  }

  private async run(accountId: string, scope: string, method: 'loopback' | 'device', controller: AbortController): Promise<void> {
    const { signal } = controller;
    const emit = (payload: AuthProgress) => {
      if (!signal.aborted) this.events.emit('auth:progress', payload);
    };
    try {
      const record = this.accounts.record(accountId);
      const oauth = await this.accounts.oauthFor(record);
      await checkClientKnown(oauth, signal);
      let tokens: TokenSet;
      if (method === 'loopback') {
        let authorizeUrl = '';
        tokens = await new LoopbackFlow(oauth).signIn({
          scope,
          signal,
          // Only the account's own Autolab (allow-listed when the account was added) is opened.
          openExternal: async (url) => this.allowList.allows(url) && (await this.platform.openExternal(url)),
          onAuthorizeUrl: (url) => {
            authorizeUrl = url;
            emit({ accountId, phase: 'browser', authorizeUrl: url, browserOpened: true });
          },
          onStatus: (status) => {
            if (status !== 'browser-not-opened') return;
            this.log.info('the system browser could not be opened; the URL is shown instead');
            // Never leave "your browser was asked" on screen when no browser could be asked (issue 15).
            if (authorizeUrl) emit({ accountId, phase: 'browser', authorizeUrl, browserOpened: false });
          },
        });
      } else {
        let code = { userCode: '', verificationUri: '' };
        tokens = await new DeviceFlow(oauth).signIn({
          signal,
          onCode: (info) => {
            code = info;
            this.allowList.allowExact(info.verificationUri);
            emit({ accountId, phase: 'device-code', userCode: info.userCode, verificationUri: info.verificationUri, status: DEVICE_STATUS.waiting });
          },
          onStatus: (status) => {
            if (code.userCode) emit({ accountId, phase: 'device-code', ...code, status: DEVICE_STATUS[status] });
          },
        });
      }
      emit({ accountId, phase: 'exchanging' });
      const view = await this.accounts.completeSignIn(accountId, tokens);
      if (view.identity) emit({ accountId, phase: 'signed-in', identity: view.identity });
    } catch (err) {
      if (err instanceof UserError && err.code === 'sign-in-cancelled') {
        this.events.emit('auth:progress', { accountId, phase: 'cancelled' });
        return;
      }
      if (err instanceof UserError && err.code === 'invalid-client') {
        // The server answered, but does not know this app (any more): no retry can help.
        emit({
          accountId,
          phase: 'failed',
          message: `${host(this.safeBase(accountId))} no longer knows Autolab Desktop (its database may have been reset); remove this server and add it again.`,
          suggestDevice: false,
          offerReAdd: true,
        });
        return;
      }
      const message = err instanceof UserError ? err.message : `Signing in to ${host(this.safeBase(accountId))} failed; please try again.`;
      if (!(err instanceof UserError)) this.log.error('sign-in failed', { error: err instanceof Error ? err.message : String(err) });
      emit({ accountId, phase: 'failed', message, suggestDevice: method === 'loopback' && (!(err instanceof UserError) || SUGGEST_DEVICE.has(err.code)) });
    }
  }

  private safeBase(accountId: string): string {
    try {
      return this.accounts.record(accountId).baseUrl;
    } catch {
      return 'Autolab';
    }
  }
}
