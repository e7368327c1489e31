/**
 * The watcher feature assembled: stores, notifier, watcher and the handlers
 * of its channels (issue 6).
 *
 * The composition root creates one of these and wires its handlers into the
 * IPC router, so the root itself only gains a few lines.
 */
import path from 'node:path';
import type { ActivityItem, ChannelInput, ChannelOutput } from '../../preload/contract';
import { cacheSubmissions } from '../student/assessment-facts';
import type { AccountSession } from '../accounts/account-session';
import type { AccountsService } from '../accounts/accounts-service';
import { host } from '../accounts/accounts-service';
import { createAutolabClient } from '../autolab/autolab-client';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import type { Platform } from '../platform';
import { UserError } from '../user-error';
import { AnnouncementStore } from './announcement-store';
import { writeCalendar, type CalendarEntry } from './calendar-export';
import { GradeWatcher, type GradeWatcherDeps, type WatcherSession } from './grade-watcher';
import { Notifier } from './notifier';
import { tomorrowMorning, WatcherSettingsStore } from './watcher-settings';
import { diskFullError, isDiskFull } from '../storage/disk-errors';

/** What the watcher feature needs. */
export interface WatcherServiceDeps {
  dataDir: string;
  accounts: Pick<AccountsService, 'activeSessions' | 'store'>;
  platform: Platform;
  events: EventBus;
  log: Logger;
  /** Told one sentence when a data file was unreadable and kept aside. */
  onDataProblem?: (sentence: string) => void;
  /** The User-Agent of the watcher's requests. */
  userAgent?: string;
  /** Deadlines from other platforms (Open edX) to include in the calendar export (may wait for their sites to load). */
  extraCalendarEntries?: () => CalendarEntry[] | Promise<CalendarEntry[]>;
  /** Test hooks: clock, timing and budget of the watcher. */
  watcher?: Pick<GradeWatcherDeps, 'clock' | 'timing' | 'budget'>;
}

/** The watcher feature. */
export class WatcherService {
  readonly store: AnnouncementStore;
  readonly settings: WatcherSettingsStore;
  readonly notifier: Notifier;
  readonly watcher: GradeWatcher;
  private unsubscribePower: (() => void) | null = null;
  private detachEvents: (() => unknown) | null = null;
  private readonly clients = new WeakMap<AccountSession, WatcherSession>();
  private readonly deliveryListeners = new Set<(items: ActivityItem[]) => void>();

  constructor(private readonly deps: WatcherServiceDeps) {
    this.store = new AnnouncementStore(deps.dataDir, deps.onDataProblem);
    this.settings = new WatcherSettingsStore(deps.dataDir, deps.onDataProblem);
    const { platform, events } = deps;
    const now = () => deps.watcher?.clock?.now() ?? Date.now();
    this.notifier = new Notifier({
      platform: {
        showNotification: (n) => (platform.showNotification ? platform.showNotification(n) : events.emit('notification:show', n)),
        setUnseenCount: (n) => platform.setUnseenCount?.(n),
      },
      events,
      store: this.store,
      settings: this.settings,
      now,
    });
    this.watcher = new GradeWatcher({
      sessions: () => deps.accounts.activeSessions().map((s) => this.watcherSession(s)),
      store: this.store,
      settings: this.settings,
      deliver: (items, mode) => this.deliver(items, mode),
      log: deps.log,
      onGradingUpdate: (update) => events.emit('grading:update', update),
      // Grading results reach the offline copy of the assessment page too (issue 10 item 7).
      onSubmissionsListed: (place, list) => {
        const session = deps.accounts.activeSessions().find((s) => s.accountId === place.accountId);
        if (session) void cacheSubmissions(session, place.course, place.assessment, list).catch(() => undefined);
      },
      ...deps.watcher,
    });
  }

  /**
   * The account's session as the watcher uses it: a client of its own that
   * neither retries nor waits out a 429, so each request is exactly one
   * request of the watcher's budget and a 429 reaches the watcher, which
   * skips the rest of that window (autolab-api.md §5.2).
   */
  private watcherSession(session: AccountSession): WatcherSession {
    let mine = this.clients.get(session);
    if (!mine) {
      const client = createAutolabClient({
        baseUrl: session.baseUrl,
        getAccessToken: () => session.tokens.getAccessToken(),
        onUnauthorized: () => session.tokens.refreshAfterRejection(),
        log: this.deps.log,
        // Marked as background work, so a server's logs (and the benchmark's request counts) tell it from the screens' requests.
        userAgent: `${this.deps.userAgent ?? 'AutolabDesktop'} (background)`,
        retryLimit: 0,
        rateLimitWaits: 0,
        // A poll that gets through tells an offline page that Autolab answers again (issue 10 item 6).
        onReachable: (reachable) => this.deps.events.emit('network:reachable', { accountId: session.accountId, reachable }),
      });
      mine = { accountId: session.accountId, client, ...(session.answers ? { answers: session.answers } : {}) };
      this.clients.set(session, mine);
    }
    return mine;
  }

  /**
   * Also hand every batch of new events to `listener` (e.g. the desk clock); returns the unsubscribe function.
   *
   * @throws never.
   */
  onDeliver(listener: (items: ActivityItem[]) => void): () => void {
    this.deliveryListeners.add(listener);
    return () => this.deliveryListeners.delete(listener);
  }

  /**
   * Show new events (notifier: notification, unseen count, `activity:changed`) and hand them to
   * every `onDeliver` listener. Autolab's watcher and the Open edX watcher both deliver here, so a
   * desk clock hears both alike.
   *
   * @throws never (a listener's failure is its own).
   */
  deliver(items: ActivityItem[], mode: 'each' | 'summary'): void {
    this.notifier.deliver(items, mode);
    for (const listener of this.deliveryListeners) {
      try {
        listener(items);
      } catch (err) {
        this.deps.log.warn('a delivery listener failed', { error: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  /** Load the stores and start watching. @throws on unreadable files (I/O errors). */
  async start(): Promise<void> {
    await Promise.all([this.store.load(), this.settings.load()]);
    this.deps.platform.setUnseenCount?.(this.store.activity().unseen);
    this.detachEvents = this.deps.events.attach((event) => event === 'accounts:changed' && this.watcher.poke());
    this.unsubscribePower = this.deps.platform.onPowerChange?.((state) => (state === 'suspend' ? this.watcher.suspend() : this.watcher.resume())) ?? null;
    this.watcher.start();
  }

  /** Stop watching and save. */
  async dispose(): Promise<void> {
    this.unsubscribePower?.();
    this.detachEvents?.();
    await this.watcher.dispose();
  }

  /** The channel handlers of the watcher. */
  handlers() {
    return {
      'activity:list': (): ChannelOutput<'activity:list'> => this.store.activity(),
      'activity:mark-read': async ({ ids }: ChannelInput<'activity:mark-read'>): Promise<ChannelOutput<'activity:mark-read'>> => {
        this.store.markRead(ids);
        await this.store.save();
        return this.notifier.changed();
      },
      'settings:get': (): ChannelOutput<'settings:get'> => this.settings.get(),
      'settings:set': async (patch: ChannelInput<'settings:set'>): Promise<ChannelOutput<'settings:set'>> => {
        const next = await this.settings.set(patch);
        if (patch.startAtLogin !== undefined) this.deps.platform.setStartAtLogin?.(patch.startAtLogin);
        return next;
      },
      'notifications:pause': (input: ChannelInput<'notifications:pause'>): Promise<ChannelOutput<'notifications:pause'>> => this.pause(input.for),
      'calendar:export': (): Promise<ChannelOutput<'calendar:export'>> => this.exportCalendar(),
    };
  }

  /** Pause notifications for an hour, until tomorrow 08:00, or resume them. */
  pause(span: '1h' | 'tomorrow' | 'off'): Promise<ChannelOutput<'notifications:pause'>> {
    const now = this.deps.watcher?.clock?.now() ?? Date.now();
    const until = span === 'off' ? null : span === '1h' ? now + 3_600_000 : tomorrowMorning(now);
    return this.settings.set({ pausedUntil: until });
  }

  /**
   * `calendar:export`: write every known assessment's deadlines to an `.ics` file the user picks.
   *
   * The signed-in accounts' assessment lists are read again first (within
   * the watcher's budget), so moved deadlines and new assessments are in the
   * file; what cannot be read now keeps its last known dates.
   *
   * @throws UserError `calendar-unavailable` where the host cannot save files, `calendar-failed` when writing fails.
   */
  async exportCalendar(): Promise<ChannelOutput<'calendar:export'>> {
    if (!this.deps.platform.chooseSaveFile) throw new UserError('calendar-unavailable', 'This version of Autolab Desktop cannot save files here.');
    const file = await this.deps.platform.chooseSaveFile('autolab-deadlines.ics');
    if (!file) return { kind: 'cancelled' };
    await this.watcher.freshen();
    const entries = await this.calendarEntries();
    try {
      await writeCalendar(path.resolve(file), entries, Date.now());
    } catch (err) {
      this.deps.log.warn('calendar export failed', { error: err instanceof Error ? err.message : String(err) });
      if (isDiskFull(err)) throw diskFullError('the calendar file', err);
      throw new UserError('calendar-failed', 'The calendar file could not be written there; choose another folder and try again.');
    }
    return { kind: 'saved', path: path.resolve(file), events: entries.length };
  }

  private async calendarEntries(): Promise<CalendarEntry[]> {
    const entries: CalendarEntry[] = [];
    for (const [accountId, acct] of Object.entries(this.store.accounts())) {
      const record = this.deps.accounts.store.get(accountId);
      if (!record) continue;
      for (const [course, c] of Object.entries(acct.courses)) {
        for (const [assessment, a] of Object.entries(c.assessments)) {
          entries.push({ server: host(record.baseUrl).replace(/:\d+$/, ''), course, courseName: c.displayName, assessment, displayName: a.displayName, dueAt: a.dueAt, endAt: a.endAt });
        }
      }
    }
    entries.push(...((await this.deps.extraCalendarEntries?.()) ?? []));
    return entries.sort((x, y) => Date.parse(x.dueAt) - Date.parse(y.dueAt));
  }
}
