/**
 * A signed-in account's working set: its token service, API client and cache.
 */
import type { TokenService } from '../auth/token-service';
import type { AutolabClient } from '../autolab/autolab-client';
import type { OfflineCache } from '../autolab/offline-cache';

/** What services get for a signed-in account. */
export interface AccountSession {
  accountId: string;
  baseUrl: string;
  tokens: TokenService;
  client: AutolabClient;
  cache: OfflineCache;
}
