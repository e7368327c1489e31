/**
 * One Open edX site's working set: its token service, API client and cache.
 */
import { OAuthClient } from '../auth/oauth-client';
import { openedxProfile } from '../auth/provider-profile';
import { TokenService } from '../auth/token-service';
import { createOfflineCache, type OfflineCache } from '../autolab/offline-cache';
import type { Logger } from '../logger';
import { refreshTokenKey, type SecretStore } from '../secrets/secret-store';
import { UserError } from '../user-error';
import { createOpenedxClient, type OpenedxClient } from './openedx-client';
import { createOpenedxHttp, type OpenedxHttpStats } from './openedx-http';
import { clientSecretKey, type SiteRecord } from './site-store';
import { OPENEDX_SCOPES } from './validate-site';

/** What services get for a site. */
export interface OpenedxSession {
  site: SiteRecord;
  oauth: OAuthClient;
  tokens: TokenService;
  client: OpenedxClient;
  cache: OfflineCache;
  stats: OpenedxHttpStats;
}

/** What building a session needs. */
export interface SessionDeps {
  dataDir: string;
  secrets: SecretStore;
  log: Logger;
  userAgent: string;
  /** Clock for token expiry (tests). */
  now?: () => number;
}

/**
 * The OAuth client of a site: confidential (client credentials, Basic) or public (browser sign-in).
 *
 * @throws UserError `secret-store-failed`; `signed-out` when a client-credentials site has lost its secret.
 */
export async function oauthForSite(site: SiteRecord, deps: SessionDeps): Promise<OAuthClient> {
  const profile = openedxProfile(site.redirectPort ?? 0);
  if (site.mode === 'browser') return new OAuthClient({ baseUrl: site.baseUrl, clientId: site.clientId, profile, ...(deps.now ? { now: deps.now } : {}) });
  const secret = await deps.secrets.get(clientSecretKey(site.id));
  if (!secret) throw new UserError('signed-out', `The client secret for ${site.name} is no longer stored on this computer; remove the site and add it again.`);
  return new OAuthClient({ baseUrl: site.baseUrl, clientId: site.clientId, clientSecret: secret, profile, ...(deps.now ? { now: deps.now } : {}) });
}

/** Token options shared by restore and sign-in. */
export function tokenOptions(site: SiteRecord, oauth: OAuthClient, deps: SessionDeps) {
  return {
    accountId: site.id,
    oauth,
    secrets: deps.secrets,
    profile: oauth.profile,
    renewal: site.mode === 'browser' ? ('refresh-token' as const) : ('client-credentials' as const),
    scope: OPENEDX_SCOPES,
    log: deps.log,
    ...(deps.now ? { now: deps.now } : {}),
  };
}

/**
 * Build the session of a site around a token service.
 *
 * @throws never.
 */
export function sessionFor(site: SiteRecord, oauth: OAuthClient, tokens: TokenService, deps: SessionDeps): OpenedxSession {
  const { get, stats } = createOpenedxHttp({ baseUrl: site.baseUrl, tokens, authorizationHeader: (t) => oauth.authorizationHeader(t), log: deps.log, userAgent: deps.userAgent });
  return { site, oauth, tokens, client: createOpenedxClient(get), cache: createOfflineCache({ dataDir: deps.dataDir, accountId: site.id, log: deps.log }), stats };
}

/**
 * Forget a site's secrets (client secret and refresh token).
 *
 * @throws UserError `secret-store-failed`.
 */
export async function deleteSiteSecrets(siteId: string, secrets: SecretStore): Promise<void> {
  await secrets.delete(clientSecretKey(siteId));
  await secrets.delete(refreshTokenKey(siteId));
}
