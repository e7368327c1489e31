/**
 * Configured Autolab servers, their accounts and signed-in sessions.
 *
 * Owns the account list (non-secret, on disk), the client secrets and tokens
 * (SecretStore only), and one session per signed-in account: a TokenService
 * (single-flight refresh, rotation persisted first), an AutolabClient (Bearer
 * only) and an offline cache. The renderer only ever sees `AccountView`s —
 * never a token or a secret (design.md "Sign-in").
 */
import { randomUUID } from 'node:crypto';
import type { AccountsList, AccountView, AddServerInput } from '../../preload/contract';
import { OAuthClient } from '../auth/oauth-client';
import { TokenService, type SignedOutReason } from '../auth/token-service';
import { createAutolabClient } from '../autolab/autolab-client';
import { createOfflineCache } from '../autolab/offline-cache';
import { SharedAnswers } from '../autolab/shared-answers';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import type { SecretStore } from '../secrets/secret-store';
import { isDiskFull } from '../storage/disk-errors';
import { UserError } from '../user-error';
import type { AccountSession } from './account-session';
import { AccountStore, requestedScopes, type AccountRecord } from './account-store';
import { probeAutolabServer } from './server-probe';
import type { UrlAllowList } from './url-allow-list';

/** The SecretStore key of an account's client secret. */
export function clientSecretKey(accountId: string): string {
  return `accounts/${accountId}/client-secret`;
}

export { STUDENT_SCOPES } from './account-store';

/** What the accounts service needs. */
export interface AccountsServiceDeps {
  dataDir: string;
  secrets: SecretStore;
  secretWarning: string | null;
  secretKind: 'keychain' | 'safe-storage' | 'memory';
  events: EventBus;
  allowList: UrlAllowList;
  log: Logger;
  version: string;
  /** Told one sentence when a data file was unreadable and kept aside, or the offline copy could not be saved. */
  onDataProblem?: (sentence: string) => void;
  /** Milliseconds without progress before "Autolab is not answering" (default 10 000). */
  stallMs?: number;
  /** Milliseconds a download may receive nothing before it stops (default 30 000). */
  downloadIdleMs?: number;
  /** Check a server before saving it (injectable so tests can count probes). */
  probe?: typeof probeAutolabServer;
}

const signedOutNotice = (reason: SignedOutReason | undefined, host: string): string | null =>
  reason === 'invalid-grant'
    ? `${host} no longer accepts this sign-in (it may have been revoked or expired); sign in again.`
    : reason === 'no-refresh-token'
      ? 'The saved sign-in could not be found in the keychain; sign in again.'
      : null;

/** Accounts and their sessions. */
export class AccountsService {
  readonly store: AccountStore;
  private readonly sessions = new Map<string, AccountSession>();
  private toldCacheDiskFull = false;

  constructor(private readonly deps: AccountsServiceDeps) {
    this.store = new AccountStore(deps.dataDir, deps.onDataProblem);
  }

  /** Load the list and resume signed-in accounts from the keychain. */
  async start(): Promise<void> {
    await this.store.load();
    for (const record of this.store.list()) {
      this.deps.allowList.allowOrigin(record.baseUrl);
      if (!record.signedIn) continue;
      try {
        const oauth = await this.oauthFor(record);
        const tokens = await TokenService.restore({ accountId: record.id, oauth, secrets: this.deps.secrets, log: this.deps.log });
        if (tokens.state === 'signed-in') this.openSession(record, tokens);
        else await this.store.update(record.id, { signedIn: false, notice: signedOutNotice('no-refresh-token', host(record.baseUrl)) });
      } catch (err) {
        this.deps.log.warn('could not resume an account', { error: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  /** `accounts:list`. */
  list(): AccountsList {
    return {
      accounts: this.store.list().map((r) => this.view(r)),
      secretStorage: { kind: this.deps.secretKind, warning: this.deps.secretWarning },
    };
  }

  /** The view of one account. @throws UserError `no-account`. */
  viewOf(accountId: string): AccountView {
    return this.view(this.record(accountId));
  }

  /** The stored record of an account. @throws UserError `no-account`. */
  record(accountId: string): AccountRecord {
    const record = this.store.get(accountId);
    if (!record) throw new UserError('no-account', 'That Autolab account is no longer set up in Autolab Desktop.');
    return record;
  }

  /**
   * `accounts:add-server`: check the server and credentials, then save.
   *
   * @throws UserError from the probe (wrong credentials, unreachable, not Autolab).
   */
  async addServer(input: AddServerInput & { isDemo?: boolean }): Promise<AccountView> {
    const baseUrl = normalizeBaseUrl(input.baseUrl);
    await (this.deps.probe ?? probeAutolabServer)(baseUrl, input.clientId, input.clientSecret);
    const existing = this.store.list().find((r) => r.baseUrl === baseUrl && r.clientId === input.clientId);
    const id = existing?.id ?? `acct-${randomUUID()}`;
    const previousSecret = existing ? await this.deps.secrets.get(clientSecretKey(id)) : null;
    await this.deps.secrets.set(clientSecretKey(id), input.clientSecret);
    const wantsInstructor = input.instructorAccess ?? false;
    const record: AccountRecord = existing
      ? { ...existing, instructorAccess: existing.instructorAccess || wantsInstructor }
      : {
          id,
          name: input.name?.trim() || host(baseUrl),
          baseUrl,
          clientId: input.clientId,
          isDemo: input.isDemo ?? false,
          identity: null,
          scopes: [],
          instructorAccess: wantsInstructor,
          instructorAskedAtSignIn: false,
          notice: null,
          signedIn: false,
        };
    try {
      await this.store.put(record);
    } catch (err) {
      // Not saved (e.g. the disk is full): leave the keychain as it was.
      await (previousSecret ? this.deps.secrets.set(clientSecretKey(id), previousSecret) : this.deps.secrets.delete(clientSecretKey(id))).catch(() => undefined);
      throw err;
    }
    this.deps.allowList.allowOrigin(baseUrl);
    this.changed();
    return this.view(record);
  }

  /**
   * Point an existing account at a new address (the demo server's port changes per launch).
   */
  async updateServer(accountId: string, patch: { baseUrl: string; clientId: string; clientSecret: string }): Promise<AccountRecord> {
    await this.deps.secrets.set(clientSecretKey(accountId), patch.clientSecret);
    const record = await this.store.update(accountId, { baseUrl: normalizeBaseUrl(patch.baseUrl), clientId: patch.clientId });
    this.deps.allowList.allowOrigin(record.baseUrl);
    const session = this.sessions.get(accountId);
    if (session) {
      this.sessions.delete(accountId);
      const tokens = await TokenService.restore({ accountId, oauth: await this.oauthFor(record), secrets: this.deps.secrets, log: this.deps.log });
      if (tokens.state === 'signed-in') this.openSession(record, tokens);
    }
    return record;
  }

  /** `accounts:remove`: sign out (revoking), forget secrets and cache, remove. */
  async remove(accountId: string): Promise<AccountsList> {
    const record = this.record(accountId);
    if (this.sessions.has(accountId)) await this.signOut(accountId);
    await this.deps.secrets.delete(clientSecretKey(record.id));
    await this.store.remove(accountId);
    this.changed();
    return this.list();
  }

  /**
   * Ask for `instructor_all` from the next sign-in on (the locked Roster/Scores tab).
   *
   * Why: the account, its cache and its settings stay; only the scope request widens.
   */
  async requestInstructorAccess(accountId: string): Promise<void> {
    const record = this.record(accountId);
    if (!record.instructorAccess) await this.store.update(accountId, { instructorAccess: true });
  }

  /** The scopes the next sign-in of an account asks for (space-separated list). */
  requestedScopes(accountId: string): string[] {
    return requestedScopes(this.record(accountId));
  }

  /** An OAuth client for the account's server, with its secret from the keychain. */
  async oauthFor(record: AccountRecord): Promise<OAuthClient> {
    const secret = await this.deps.secrets.get(clientSecretKey(record.id));
    if (!secret) {
      throw new UserError('missing-client-secret', `The client secret for ${host(record.baseUrl)} is missing from the keychain; remove the server and add it again.`);
    }
    return new OAuthClient({ baseUrl: record.baseUrl, clientId: record.clientId, clientSecret: secret });
  }

  /**
   * Adopt the tokens of a completed sign-in: persist, open a session, fetch the identity.
   *
   * @throws UserError when the keychain cannot store the token or `/user` fails.
   */
  async completeSignIn(accountId: string, tokens: Parameters<typeof TokenService.fromSignIn>[1]): Promise<AccountView> {
    const record = this.record(accountId);
    const oauth = await this.oauthFor(record);
    // Who signed in? Asked with the new token before anything is stored, so a
    // sign-in for another user (a login CSRF: another local user's code sent
    // to our loopback port; stock Autolab ignores PKCE) replaces nothing.
    const user = await this.whoSignedIn(record, tokens).catch(async (err: unknown) => {
      await revokePair(oauth, tokens, this.deps.log);
      throw err;
    });
    if (record.identity && record.identity.email.toLowerCase() !== user.email.toLowerCase()) {
      await revokePair(oauth, tokens, this.deps.log);
      this.deps.log.warn('refused a sign-in for a different user than the account had');
      throw new UserError(
        'identity-changed',
        `That sign-in was for ${user.email}, but this account is ${record.identity.email}, so Autolab Desktop refused it (another person's sign-in must not take over this account). Sign in as ${record.identity.email}, or add the server again to use another Autolab user.`,
      );
    }
    // Revoke the pair this sign-in replaces, so old tokens do not stay live at the server.
    await this.revokeStored(record, oauth);
    const service = await TokenService.fromSignIn({ accountId, oauth, secrets: this.deps.secrets, log: this.deps.log }, tokens);
    this.openSession(record, service);
    const next = await this.store.update(accountId, {
      signedIn: true,
      notice: null,
      identity: { email: user.email, firstName: user.first_name ?? '', lastName: user.last_name ?? '' },
      // Doorkeeper answers with the granted scopes (RFC 6749 §5.1); without them, assume what was asked.
      scopes: tokens.scope ? tokens.scope.split(' ').filter(Boolean) : requestedScopes(record),
      instructorAskedAtSignIn: record.instructorAccess,
    });
    this.changed();
    return this.view(next);
  }

  /** `GET /user` with the tokens of a sign-in that is not adopted yet. */
  private whoSignedIn(record: AccountRecord, tokens: Parameters<typeof TokenService.fromSignIn>[1]) {
    const probe = createAutolabClient({
      baseUrl: record.baseUrl,
      getAccessToken: async () => tokens.accessToken,
      log: this.deps.log,
      userAgent: `AutolabDesktop/${this.deps.version}`,
    });
    return probe.user();
  }

  /** Revoke (and forget) the account's current pair, from its open session or the keychain. */
  private async revokeStored(record: AccountRecord, oauth: OAuthClient): Promise<void> {
    const old = this.sessions.get(record.id);
    this.sessions.delete(record.id);
    try {
      const tokens = old?.tokens ?? (await TokenService.restore({ accountId: record.id, oauth, secrets: this.deps.secrets, log: this.deps.log }));
      if (old || tokens.state === 'signed-in') await tokens.signOut();
    } catch (err) {
      this.deps.log.warn('could not revoke the sign-in being replaced', { code: err instanceof UserError ? err.code : 'unknown' });
    }
  }

  /** `auth:sign-out`: revoke at the server, delete tokens and cache. */
  async signOut(accountId: string): Promise<AccountView> {
    const record = this.record(accountId);
    const session = this.sessions.get(accountId);
    this.sessions.delete(accountId);
    if (session) {
      await session.tokens.signOut();
      await session.cache.clear();
    }
    const next = await this.store.update(record.id, { signedIn: false, identity: null, notice: null });
    this.changed();
    return this.view(next);
  }

  /**
   * The session of a signed-in account.
   *
   * @throws UserError `signed-out` when the account is not signed in.
   */
  async session(accountId: string): Promise<AccountSession> {
    const session = this.sessions.get(accountId);
    if (session && session.tokens.state === 'signed-in') return session;
    const record = this.record(accountId);
    throw new UserError('signed-out', `You are signed out of ${record.name}; sign in again to continue.`);
  }

  /** Every open session (the watcher polls these). */
  activeSessions(): AccountSession[] {
    return [...this.sessions.values()].filter((s) => s.tokens.state === 'signed-in');
  }

  /** `network:cancel`: stop waiting for the account's Autolab; returns how many requests were stopped. */
  cancelRequests(accountId: string): number {
    return this.sessions.get(accountId)?.client.http.cancelWaiting() ?? 0;
  }

  /** Tell the renderer the list changed. */
  changed(): void {
    this.deps.events.emit('accounts:changed', this.list());
  }

  private openSession(record: AccountRecord, tokens: TokenService): AccountSession {
    const client = createAutolabClient({
      baseUrl: record.baseUrl,
      getAccessToken: () => tokens.getAccessToken(),
      onUnauthorized: () => tokens.refreshAfterRejection(),
      log: this.deps.log,
      userAgent: `AutolabDesktop/${this.deps.version}`,
      // A 429 is said at once with the time of the next window; the page shows cached data meanwhile (issue 10 item 6).
      rateLimitWaits: 0,
      stallMs: this.deps.stallMs ?? 10_000,
      ...(this.deps.downloadIdleMs !== undefined ? { downloadIdleMs: this.deps.downloadIdleMs } : {}),
      onWaiting: (waiting) => this.deps.events.emit('network:waiting', { accountId: record.id, waiting, sinceMs: waiting ? (this.deps.stallMs ?? 10_000) : 0 }),
      onReachable: (reachable) => this.deps.events.emit('network:reachable', { accountId: record.id, reachable }),
    });
    const cache = createOfflineCache({
      dataDir: this.deps.dataDir,
      accountId: record.id,
      log: this.deps.log,
      onWriteFailed: (err) => {
        // Said once per run: the page still shows the fresh data, only the offline copy is older.
        if (!isDiskFull(err) || this.toldCacheDiskFull) return;
        this.toldCacheDiskFull = true;
        this.deps.onDataProblem?.('The disk is full, so the offline copy of your Autolab data could not be updated; free some space.');
      },
    });
    const session: AccountSession = { accountId: record.id, baseUrl: record.baseUrl, tokens, client, cache, answers: new SharedAnswers() };
    this.sessions.set(record.id, session);
    tokens.onStateChange((state, reason) => {
      if (state !== 'signed-out' || reason === 'user-signed-out') return;
      if (this.sessions.get(record.id) === session) this.sessions.delete(record.id);
      void this.store
        .update(record.id, { signedIn: false, notice: signedOutNotice(reason, host(record.baseUrl)) })
        .then(() => this.changed())
        .catch(() => undefined);
    });
    return session;
  }

  private view(r: AccountRecord): AccountView {
    const signedIn = r.signedIn && this.sessions.get(r.id)?.tokens.state === 'signed-in';
    return {
      id: r.id,
      serverName: r.name,
      baseUrl: r.baseUrl,
      clientId: r.clientId,
      isDemo: r.isDemo,
      status: signedIn ? 'signed-in' : 'signed-out',
      identity: signedIn ? r.identity : null,
      scopes: r.scopes,
      instructorAccess: r.instructorAccess,
      instructorAskedAtSignIn: r.instructorAskedAtSignIn,
      notice: r.notice,
    };
  }
}

/** The host of a URL, for sentences. */
export function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Base URL without trailing slashes, query or fragment. */
export function normalizeBaseUrl(url: string): string {
  const u = new URL(url.trim());
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** Revoke both tokens of a sign-in that is being refused (best effort). */
async function revokePair(oauth: OAuthClient, tokens: { accessToken: string; refreshToken?: string }, log: Logger): Promise<void> {
  for (const [token, hint] of [[tokens.refreshToken, 'refresh_token'], [tokens.accessToken, 'access_token']] as const) {
    if (token) await oauth.revoke(token, hint).catch(() => log.warn('could not revoke a refused sign-in'));
  }
}
