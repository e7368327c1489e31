/**
 * A signed-in account's working set: its token service, API client and cache.
 */
import type { TokenService } from '../auth/token-service';
import type { AutolabClient } from '../autolab/autolab-client';
import type { OfflineCache } from '../autolab/offline-cache';
import type { SharedAnswers } from '../autolab/shared-answers';

/** What services get for a signed-in account. */
export interface AccountSession {
  accountId: string;
  baseUrl: string;
  tokens: TokenService;
  client: AutolabClient;
  cache: OfflineCache;
  /** Answers the watcher, the overview and the screens share (one request per thing, issue 15); absent in some tests. */
  answers?: SharedAnswers;
}
