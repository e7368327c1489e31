/**
 * "Find my clocks": the LaMetric cloud's OAuth2 code flow, then the user's device list.
 *
 * Built on the shared OAuth core with `lametricProfile` (providers.md §2.1): the authorization
 * code flow in the system browser (never the implicit flow: it returns the token in the URL
 * fragment and gives no refresh token, RFC 9700 §2.1.2), a multipart token request with the
 * client id and secret, scopes `basic devices_read` joined with a space, a fixed loopback
 * redirect `http://127.0.0.1:<port>/callback` (LaMetric matches redirect URIs exactly, so the
 * user registers this one), `state` checked by the loopback server, one refresh when the cloud
 * answers 401 `{"errors":[{"message":"Unauthorized"}]}`, and the refresh token and client
 * secret in the keychain. The device list's API keys stay in main; the renderer sees only
 * names, states and LAN addresses.
 */
import got from 'got';
import { z } from 'zod';
import type { CloudClock, CloudProgress, CloudView } from '../../preload/contract';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import type { SecretStore } from '../secrets/secret-store';
import { UserError } from '../user-error';
import { LoopbackFlow } from '../auth/loopback-flow';
import { OAuthClient, SignedOutError } from '../auth/oauth-client';
import { lametricProfile } from '../auth/provider-profile';
import { TokenRejectedError, TokenService } from '../auth/token-service';
import { LAMETRIC_SECRET_KEYS, type LametricStore } from './lametric-store';

/** The scopes "Find my clocks" asks for: the profile and the device list (with API keys and LAN IPs). */
export const CLOUD_SCOPES = ['basic', 'devices_read'] as const;

/** The SecretStore account id of the LaMetric cloud sign-in (its refresh token key derives from it). */
export const CLOUD_ACCOUNT_ID = 'lametric-cloud';

const DeviceSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  state: z.string(),
  api_key: z.string().optional().nullable(),
  ipv4_internal: z.string().optional().nullable(),
});
const DeviceListSchema = z.array(DeviceSchema);

/**
 * Is `url` the configured LaMetric cloud's own authorization endpoint (https, or http on
 * 127.0.0.1 for the sandbox)? Only such a URL is ever opened in the system browser.
 *
 * @throws never.
 */
export function isCloudAuthorizeUrl(url: string, cloudUrl: string): boolean {
  try {
    const u = new URL(url);
    const cloud = new URL(cloudUrl);
    const secure = u.protocol === 'https:' || (u.protocol === 'http:' && u.hostname === '127.0.0.1');
    return secure && u.origin === cloud.origin && u.pathname === '/api/v2/oauth2/authorize/' && !u.username && !u.hash;
  } catch {
    return false;
  }
}

/** What the cloud service needs. */
export interface CloudServiceDeps {
  store: LametricStore;
  secrets: SecretStore;
  events: EventBus;
  log: Logger;
  openExternal(url: string): Promise<boolean>;
  now?: () => number;
  /** How long to wait for the browser (default 5 minutes). */
  signInTimeoutMs?: number;
}

/** A clock found in the cloud, with the secret part kept here. */
interface FoundClock {
  view: CloudClock;
  apiKey: string | null;
}

/** The LaMetric cloud sign-in and device list. */
export class CloudService {
  private tokens: TokenService | null = null;
  private flow: LoopbackFlow | null = null;
  private found = new Map<number, FoundClock>();

  constructor(private readonly deps: CloudServiceDeps) {}

  /** Resume the cloud sign-in kept in the keychain, if any. @throws UserError `secret-store-failed`. */
  async load(): Promise<void> {
    const client = await this.client();
    if (client) this.tokens = await TokenService.restore(this.tokenOptions(client));
  }

  /** The redirect URI to register with the LaMetric app. */
  redirectUri(port = this.deps.store.cloud.redirectPort): string {
    return `http://127.0.0.1:${port}/callback`;
  }

  /** The cloud part of the Devices view. */
  async view(): Promise<CloudView> {
    const c = this.deps.store.cloud;
    const secret = await this.deps.secrets.get(LAMETRIC_SECRET_KEYS.clientSecret).catch(() => null);
    return { cloudUrl: c.cloudUrl, clientId: c.clientId, hasClientSecret: secret !== null, redirectUri: this.redirectUri(), signedIn: this.tokens?.state === 'signed-in' };
  }

  /**
   * Save the user's LaMetric app registration. A different cloud or client signs the old one out.
   *
   * @throws UserError `secret-store-failed`.
   */
  async configure(input: { cloudUrl: string; clientId: string; clientSecret?: string; redirectPort: number }): Promise<void> {
    const before = this.deps.store.cloud;
    const cloudUrl = input.cloudUrl.trim().replace(/\/+$/, '');
    if (before.cloudUrl !== cloudUrl || before.clientId !== input.clientId || input.clientSecret !== undefined) await this.signOut();
    if (input.clientSecret !== undefined) await this.deps.secrets.set(LAMETRIC_SECRET_KEYS.clientSecret, input.clientSecret);
    await this.deps.store.setCloud({ cloudUrl, clientId: input.clientId.trim(), redirectPort: input.redirectPort });
  }

  /**
   * List the user's clocks, signing in through the browser first when needed.
   *
   * @throws UserError `cloud-not-configured`, the sign-in's errors (`sign-in-cancelled`,
   *   `sign-in-timeout`, `sign-in-denied`, `loopback-unavailable`, `signed-out`,
   *   `invalid-client`, `offline`), `bad-response`.
   */
  async findClocks(onProgress: (status: CloudProgress['status'], authorizeUrl: string | null) => void): Promise<CloudClock[]> {
    const client = await this.client();
    if (!client) throw new UserError('cloud-not-configured', 'Enter your LaMetric app’s client ID and secret first.');
    if (!this.tokens || this.tokens.state === 'signed-out') await this.signIn(client, onProgress);
    let list: z.infer<typeof DeviceListSchema>;
    try {
      list = await this.listDevices(client);
    } catch (error) {
      if (!(error instanceof SignedOutError)) throw error;
      await this.signIn(client, onProgress); // the refresh token was refused: sign in once more
      list = await this.listDevices(client);
    }
    onProgress('done', null);
    this.found = new Map(
      list.map((d) => [d.id, { apiKey: d.api_key ?? null, view: { id: d.id, name: d.name, state: d.state, ipv4Internal: d.ipv4_internal ?? '', hasApiKey: Boolean(d.api_key) } }]),
    );
    return [...this.found.values()].map((f) => f.view);
  }

  /**
   * The name, address and API key of a clock found by the last `findClocks`.
   *
   * @throws UserError `clock-not-found` (find again), `clock-no-api-key` (2022+ clocks keep
   *   their key on the device: enter it by hand).
   */
  foundClock(id: number): { name: string; address: string; apiKey: string } {
    const f = this.found.get(id);
    if (!f) throw new UserError('clock-not-found', 'That clock is not in the list any more; press Find my clocks again.');
    if (!f.apiKey) throw new UserError('clock-no-api-key', 'LaMetric did not share this clock’s API key; copy it from the LaMetric app and pair the clock by hand.');
    return { name: f.view.name, address: f.view.ipv4Internal, apiKey: f.apiKey };
  }

  /** Cancel a running "Find my clocks" sign-in. */
  cancel(): boolean {
    if (!this.flow) return false;
    this.flow.cancel();
    return true;
  }

  /** Forget the cloud sign-in (the cloud offers no revocation endpoint). @throws UserError `secret-store-failed`. */
  async signOut(): Promise<void> {
    this.flow?.cancel();
    this.found.clear();
    if (this.tokens) await this.tokens.signOut();
    this.tokens = null;
  }

  private async client(): Promise<OAuthClient | null> {
    const c = this.deps.store.cloud;
    const secret = await this.deps.secrets.get(LAMETRIC_SECRET_KEYS.clientSecret);
    if (!c.clientId || !secret) return null;
    return new OAuthClient({ baseUrl: c.cloudUrl, clientId: c.clientId, clientSecret: secret, profile: lametricProfile(c.redirectPort), ...(this.deps.now ? { now: this.deps.now } : {}) });
  }

  private tokenOptions(client: OAuthClient) {
    return { accountId: CLOUD_ACCOUNT_ID, oauth: client, secrets: this.deps.secrets, profile: client.profile, log: this.deps.log, ...(this.deps.now ? { now: this.deps.now } : {}) };
  }

  private async signIn(client: OAuthClient, onProgress: (status: CloudProgress['status'], authorizeUrl: string | null) => void): Promise<void> {
    this.flow?.cancel();
    const flow = new LoopbackFlow(client);
    this.flow = flow;
    let shown: string | null = null;
    try {
      const tokens = await flow.signIn({
        scope: CLOUD_SCOPES,
        openExternal: (url) => (isCloudAuthorizeUrl(url, this.deps.store.cloud.cloudUrl) ? this.deps.openExternal(url) : Promise.resolve(false)),
        onAuthorizeUrl: (url) => {
          shown = url;
          onProgress('listening', url);
        },
        onStatus: (status) => onProgress(status, shown),
        ...(this.deps.signInTimeoutMs !== undefined ? { timeoutMs: this.deps.signInTimeoutMs } : {}),
      });
      this.tokens = await TokenService.fromSignIn(this.tokenOptions(client), tokens);
    } catch (error) {
      onProgress('failed', null);
      throw error;
    } finally {
      if (this.flow === flow) this.flow = null;
    }
  }

  private async listDevices(client: OAuthClient): Promise<z.infer<typeof DeviceListSchema>> {
    const tokens = this.tokens as TokenService;
    const host = new URL(client.baseUrl).host;
    return tokens.withToken(async (access) => {
      let response;
      try {
        response = await got(`${client.baseUrl}/api/v2/users/me/devices`, {
          headers: { authorization: client.authorizationHeader(access), accept: 'application/json' },
          throwHttpErrors: false,
          followRedirect: false,
          retry: { limit: 0 },
          timeout: { request: 20_000 },
          responseType: 'text',
        });
      } catch {
        throw new UserError('offline', `Autolab Desktop could not reach ${host}; check your connection and try again.`);
      }
      if (tokens.isRejection(response.statusCode, response.body)) throw new TokenRejectedError();
      if (response.statusCode === 403) throw new UserError('cloud-scope', 'LaMetric did not allow reading your devices; allow “devices_read” when you sign in.');
      let parsed;
      try {
        parsed = DeviceListSchema.safeParse(JSON.parse(response.body));
      } catch {
        parsed = null;
      }
      if (response.statusCode !== 200 || !parsed?.success) throw new UserError('bad-response', `${host} sent an answer Autolab Desktop does not understand; check the LaMetric address.`);
      return parsed.data;
    });
  }
}
