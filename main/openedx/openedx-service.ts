/**
 * Open edX sites as accounts (issue 13): add (validated first), remove, browser
 * sign-in, the demo site, and each site's courses and course pages, cached like
 * Autolab data. Tokens live only in memory and the SecretStore (the keychain);
 * nothing here hands a token or secret to the renderer or a log.
 */
import { randomUUID } from 'node:crypto';
import type { AddOpenedxSiteInput, ChannelOutput, OpenedxSiteView } from '../../preload/contract';
import { LoopbackFlow } from '../auth/loopback-flow';
import { TokenService } from '../auth/token-service';
import type { UrlAllowList } from '../accounts/url-allow-list';
import { normalizeBaseUrl } from '../accounts/accounts-service';
import type { EventBus } from '../events';
import type { Platform } from '../platform';
import { loadOnce } from '../storage/load-once';
import { UserError } from '../user-error';
import { deleteSiteSecrets, oauthForSite, sessionFor, tokenOptions, type OpenedxSession, type SessionDeps } from './openedx-session';
import { clientSecretKey, SiteStore, type SiteRecord } from './site-store';
import { clientIdUnknown, probeOpenedx, validateClientCredentials, whoAmI } from './validate-site';
import { CachedCourseSchema, CachedCoursesSchema, courseDetail, courseViews, joinCourses } from './views';
import type { CachedResult, OfflineCache } from '../autolab/offline-cache';
import type { z } from 'zod';

/** What the service needs. */
export interface OpenedxServiceDeps extends SessionDeps {
  events: EventBus;
  allowList: UrlAllowList;
  platform: Pick<Platform, 'openExternal'>;
  /** Told once when a data file could not be read and was kept aside. */
  onDataProblem?: (sentence: string) => void;
}

const view = (r: SiteRecord, session: OpenedxSession | undefined): OpenedxSiteView => ({
  id: r.id,
  name: r.name,
  baseUrl: r.baseUrl,
  clientId: r.clientId,
  mode: r.mode,
  redirectPort: r.redirectPort,
  isDemo: r.isDemo,
  status: session?.tokens.state === 'signed-in' ? 'signed-in' : 'signed-out',
  username: r.username,
  fullName: r.fullName,
  notice: r.notice,
});

const toContract = <T, V>(r: CachedResult<T>, f: (d: T) => V) => ({ data: f(r.data), fetchedAt: Date.parse(r.fetchedAt), stale: r.stale, error: r.error ?? null });

async function cachedOrOnly<S extends z.ZodType>(cache: OfflineCache, key: string, schema: S, source: 'network' | 'cache' | undefined, fetcher: () => Promise<z.infer<S>>): Promise<CachedResult<z.infer<S>>> {
  if (source !== 'cache') return cache.cached(key, schema, fetcher);
  const hit = await cache.read(key, schema);
  if (!hit) throw new UserError('not-cached', 'Nothing is cached yet for this list.');
  return { data: hit.data, fetchedAt: hit.fetchedAt, stale: false };
}

/** Open edX sites and their data. */
export class OpenedxService {
  /** The site list on disk. */
  readonly store: SiteStore;
  private readonly sessions = new Map<string, OpenedxSession>();
  private readonly flows = new Map<string, LoopbackFlow>();
  private readonly startedListeners: Array<() => Promise<void>> = [];
  /** The site list has been read (sessions may still be resuming). */
  private loaded = false;

  constructor(private readonly deps: OpenedxServiceDeps) {
    this.store = new SiteStore(deps.dataDir, deps.onDataProblem);
  }

  /**
   * Load the sites and resume their sessions (a site whose secret is gone stays signed out), once,
   * at the first use: nothing is read at start-up. Every method below waits for it (the sync
   * ones start it and answer what is loaded so far). Then the `whenStarted` listeners run, and
   * `openedx:changed` tells the renderer and the watcher when there are sites.
   *
   * @throws UserError `data-unreadable` when the site list cannot be read (tried again at the next use).
   */
  readonly start: () => Promise<void> = loadOnce(async () => {
    await this.store.load();
    this.loaded = true;
    for (const site of this.store.list()) {
      this.deps.allowList.allowOrigin(site.baseUrl);
      await this.resume(site).catch((e: unknown) => this.deps.log.warn('open edx site not resumed', { site: site.id, code: e instanceof UserError ? e.code : 'unknown' }));
    }
    for (const listener of this.startedListeners) await listener().catch(() => undefined);
    if (this.store.list().length) this.changed();
  });

  /** Run `listener` once the sites are loaded (before `openedx:changed` says so). */
  whenStarted(listener: () => Promise<void>): void {
    this.startedListeners.push(listener);
  }

  /** `openedx:list` (as loaded so far; the first call starts loading). */
  list(): OpenedxSiteView[] {
    this.kick();
    return this.store.list().map((r) => view(r, this.sessions.get(r.id)));
  }

  /** Signed-in sessions (the watcher polls these; the first call starts loading). */
  activeSessions(): OpenedxSession[] {
    this.kick();
    return [...this.sessions.values()].filter((s) => s.tokens.state === 'signed-in');
  }

  /**
   * `openedx:add-site`: validate the address and credentials, then save
   * (the secret into the SecretStore only).
   *
   * @throws UserError with one sentence per failure (see validate-site.ts).
   */
  async addSite(input: AddOpenedxSiteInput & { isDemo?: boolean; replaceId?: string }): Promise<OpenedxSiteView> {
    await this.ready();
    let baseUrl: string;
    try {
      baseUrl = normalizeBaseUrl(input.baseUrl);
    } catch {
      throw new UserError('bad-url', 'The LMS address is not a valid URL; enter it like https://courses.example.org.');
    }
    // `replaceId`: the same site at a new address (the demo's port changes per launch); its id, cache and history stay.
    const existing = input.replaceId ? this.store.get(input.replaceId) : this.store.list().find((r) => r.baseUrl === baseUrl && r.clientId === input.clientId);
    const id = existing?.id ?? `edx-${randomUUID()}`;
    let who: { username: string; fullName: string | null } | null = null;
    if (input.mode === 'client-credentials') {
      who = await validateClientCredentials(baseUrl, input.clientId, input.clientSecret, this.deps.log);
      await this.deps.secrets.set(clientSecretKey(id), input.clientSecret);
    } else if ((await probeOpenedx(baseUrl), await clientIdUnknown(baseUrl, input.clientId))) {
      throw new UserError('unknown-client', `${new URL(baseUrl).host} does not know this client id; copy it again from the application your Open edX administrator created.`);
    }
    const record: SiteRecord = {
      id,
      name: input.name?.trim() || new URL(baseUrl).host,
      baseUrl,
      clientId: input.clientId,
      mode: input.mode,
      redirectPort: input.mode === 'browser' ? input.redirectPort : null,
      isDemo: input.isDemo ?? existing?.isDemo ?? false,
      username: who?.username ?? existing?.username ?? null,
      fullName: who?.fullName ?? existing?.fullName ?? null,
      notice: null,
      signedIn: input.mode === 'client-credentials',
    };
    await this.store.put(record);
    this.deps.allowList.allowOrigin(baseUrl);
    this.sessions.delete(id);
    if (record.signedIn) await this.resume(record);
    this.changed();
    return view(record, this.sessions.get(id));
  }

  /**
   * `openedx:remove`: forget the site, its secrets and its cache.
   *
   * @throws UserError `secret-store-failed`.
   */
  async remove(siteId: string): Promise<OpenedxSiteView[]> {
    await this.ready();
    const session = this.sessions.get(siteId);
    this.sessions.delete(siteId);
    this.flows.get(siteId)?.cancel();
    if (session) {
      await session.tokens.signOut().catch(() => undefined);
      await session.cache.clear().catch(() => undefined);
    }
    await deleteSiteSecrets(siteId, this.deps.secrets);
    await this.store.remove(siteId);
    this.changed();
    return this.list();
  }

  /**
   * `openedx:sign-in`: browser sign-in (authorization code + PKCE S256) on the
   * site's fixed loopback port.
   *
   * @throws UserError from the loopback flow, the token exchange or the user API.
   */
  async signIn(siteId: string): Promise<OpenedxSiteView> {
    await this.ready();
    const site = this.site(siteId);
    if (site.mode !== 'browser') throw new UserError('wrong-mode', 'This site uses client credentials; it needs no browser sign-in.');
    const oauth = await oauthForSite(site, this.deps);
    const flow = this.flows.get(siteId) ?? new LoopbackFlow(oauth);
    this.flows.set(siteId, flow);
    const tokens = await flow.signIn({
      scope: tokenOptions(site, oauth, this.deps).scope,
      // Only the site's own (allow-listed) origin: the authorization URL was built from its base URL.
      openExternal: async (url) => this.deps.allowList.allows(url) && (await this.deps.platform.openExternal(url)),
      onAuthorizeUrl: (url) => this.deps.events.emit('openedx:authorize-url', { siteId, url }),
    });
    const service = await TokenService.fromSignIn(tokenOptions(site, oauth, this.deps), tokens);
    const who = await whoAmI(site.baseUrl, service, (t) => oauth.authorizationHeader(t), this.deps.log);
    const record = await this.store.update(siteId, { signedIn: true, username: who.username, fullName: who.fullName, notice: null });
    this.attach(record, oauth, service);
    this.changed();
    return view(record, this.sessions.get(siteId));
  }

  /** `openedx:courses`: the enrolled courses, cached. */
  async courses({ siteId, source }: { siteId: string; source?: 'network' | 'cache' | undefined }): Promise<ChannelOutput<'openedx:courses'>> {
    await this.ready();
    const s = this.session(siteId);
    const username = s.site.username ?? '';
    const result = await cachedOrOnly(s.cache, 'edx/courses', CachedCoursesSchema, source, async () => {
      const enrollments = await s.client.enrollments();
      const catalog = await s.client.courses(username).catch((e: unknown) => {
        if (e instanceof UserError && (e.code === 'forbidden' || e.code === 'not-found')) return [];
        throw e;
      });
      return joinCourses(enrollments, catalog);
    });
    return toContract(result, (d) => courseViews(siteId, s.site.name, d, Date.now()));
  }

  /** `openedx:course`: graded subsections with due dates, and the grade, cached. */
  async course({ siteId, courseKey, source }: { siteId: string; courseKey: string; source?: 'network' | 'cache' | undefined }): Promise<ChannelOutput<'openedx:course'>> {
    await this.ready();
    const s = this.session(siteId);
    const result = await cachedOrOnly(s.cache, `edx/course/${courseKey}`, CachedCourseSchema, source, () => this.fetchCourse(s, courseKey));
    return toContract(result, (d) => courseDetail(courseKey, d));
  }

  /**
   * A course's outline and grade from the server (the watcher uses it too).
   *
   * @throws UserError from the API (the grade's own failure is kept as `gradeError`).
   */
  async fetchCourse(s: OpenedxSession, courseKey: string) {
    const username = s.site.username ?? '';
    const subsections = await s.client.outline(courseKey, username);
    try {
      return { subsections, grade: await s.client.grade(courseKey, username), gradeError: null };
    } catch (e) {
      if (!(e instanceof UserError) || !['forbidden', 'not-found'].includes(e.code)) throw e;
      return { subsections, grade: null, gradeError: e.message };
    }
  }

  /**
   * The watcher's look at a course: fetched once, and kept in the course page's offline
   * cache too, so the page opens on what the watcher just saw instead of a blank.
   *
   * @throws UserError from the API (as {@link fetchCourse}).
   */
  async watchCourse(s: OpenedxSession, courseKey: string) {
    const data = await this.fetchCourse(s, courseKey);
    await s.cache.write(`edx/course/${courseKey}`, data).catch(() => undefined);
    return data;
  }

  /** Tell the renderer the list changed. */
  changed(): void {
    this.deps.events.emit('openedx:changed', this.list());
  }

  /** Stop running sign-ins. */
  dispose(): void {
    for (const f of this.flows.values()) f.cancel();
  }

  /** Wait for the first load; a `whenStarted` listener (the demo) may call in while it runs. */
  private async ready(): Promise<void> {
    if (!this.loaded) await this.start();
  }

  private kick(): void {
    if (!this.loaded) void this.start().catch((e: unknown) => this.deps.log.warn('open edx sites not loaded', { code: e instanceof UserError ? e.code : 'unknown' }));
  }

  private site(siteId: string): SiteRecord {
    const site = this.store.get(siteId);
    if (!site) throw new UserError('unknown-site', 'This Open edX site is no longer configured.');
    return site;
  }

  private session(siteId: string): OpenedxSession {
    const site = this.site(siteId);
    const s = this.sessions.get(siteId);
    if (!s || s.tokens.state !== 'signed-in') throw new UserError('signed-out', `You are signed out of ${site.name}; ${site.mode === 'browser' ? 'sign in again' : 'remove the site and add it again with new credentials'}.`);
    return { ...s, site };
  }

  private async resume(site: SiteRecord): Promise<void> {
    const oauth = await oauthForSite(site, this.deps);
    const tokens = await TokenService.restore(tokenOptions(site, oauth, this.deps));
    if (tokens.state === 'signed-in') this.attach(site, oauth, tokens);
  }

  private attach(site: SiteRecord, oauth: Awaited<ReturnType<typeof oauthForSite>>, tokens: TokenService): void {
    const session = sessionFor(site, oauth, tokens, this.deps);
    this.sessions.set(site.id, session);
    tokens.onStateChange((state, reason) => {
      if (state !== 'signed-out' || reason === 'user-signed-out' || this.sessions.get(site.id) !== session) return;
      this.sessions.delete(site.id);
      const notice = reason === 'invalid-client' ? `${site.name} no longer accepts this app's client id or secret; remove the site and add it again.` : `You were signed out of ${site.name}; sign in again.`;
      void this.store.update(site.id, { signedIn: false, notice }).then(() => this.changed()).catch(() => undefined);
    });
  }
}
