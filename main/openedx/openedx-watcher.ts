/**
 * The watcher for Open edX sites: announces a changed course grade and
 * approaching deadlines of graded subsections, with the same settings
 * (reminder offsets, privacy switch, muted courses, pause), the same request
 * budget (per site, within the global cap) and the same activity list and
 * notifier as Autolab's watcher (issue 6).
 *
 * Every 10 minutes per site: the enrollments, then per course its outline and
 * grade (2 requests), as far as the budget allows; the rest waits for the next
 * tick. The first look records grades and due dates silently (no flood);
 * each event has a stable key, so it is announced once, across restarts.
 * A 401 is renewed silently by the site's TokenService (re-issue).
 */
import path from 'node:path';
import type { ActivityItem } from '../../preload/contract';
import type { Logger } from '../logger';
import { readJsonFile, writeJsonFile } from '../storage/json-file';
import { UserError } from '../user-error';
import type { AnnouncementStore } from '../watcher/announcement-store';
import { offsetText, shortDate } from '../watcher/detect';
import type { Notifier } from '../watcher/notifier';
import type { RequestBudget } from '../watcher/request-budget';
import type { WatcherSettingsStore } from '../watcher/watcher-settings';
import { realClock, type WatcherClock } from '../watcher/watcher-timing';
import type { OpenedxSession } from './openedx-session';
import { emptySite, KnownSchema, type Known, type KnownDeadline, type SiteProblem, type SiteState } from './openedx-watch-state';
import type { CachedCourse } from './views';

export { openedxCalendarEntries, type KnownDeadline } from './openedx-watch-state';

/** What the Open edX watcher needs. */
export interface OpenedxWatcherDeps {
  sessions(): OpenedxSession[];
  fetchCourse(s: OpenedxSession, courseKey: string): Promise<CachedCourse>;
  store: AnnouncementStore;
  settings: WatcherSettingsStore;
  /**
   * Where new events go: the composition root hands the watcher service's own `deliver`, so Open
   * edX events reach every listener Autolab's do (notifications, the LaMetric clock).
   */
  notifier: Pick<Notifier, 'deliver' | 'changed'>;
  budget: RequestBudget;
  dataDir: string;
  log: Logger;
  clock?: WatcherClock;
  /** Time between looks at a site (default 10 minutes). */
  scanEveryMs?: number;
  /** Told once when its state file could not be read and was kept aside. */
  onDataProblem?: (sentence: string) => void;
  /** Told after a tick that changed what the watcher knows (deadlines, courses, grades, a site's reachability). */
  onChanged?: () => void;
}

const percentText = (p: number) => `${Math.round(p * 1000) / 10}%`;
/** A site checked more recently than this is not asked again when Upcoming opens. */
export const FRESH_LOOK_MS = 2 * 60_000;

/** Watches every signed-in Open edX site. */
export class OpenedxWatcher {
  private known: Known = { version: 1, sites: {} };
  private readonly nextScanAt = new Map<string, number>();
  private readonly pending = new Map<string, { courses: Array<{ key: string; name: string }> | null }>();
  /** Why the last look at a site failed (cleared by the next complete look). */
  private readonly problems = new Map<string, SiteProblem>();
  private timer: { cancel(): void } | null = null;
  private ticking: Promise<void> | null = null;
  private started = false;
  /** Whether `known` changed since the last write (nothing is written for an idle tick). */
  private dirty = false;
  /** Whether this tick changed anything a screen shows (`onChanged`). */
  private changedNow = false;
  private readonly clock: WatcherClock;
  private readonly file: string;

  constructor(private readonly deps: OpenedxWatcherDeps) {
    this.clock = deps.clock ?? realClock;
    this.file = path.join(deps.dataDir, 'openedx-watch.json');
  }

  /** Load what was seen before and start the timer. @throws never. */
  async start(): Promise<void> {
    const onProblem = this.deps.onDataProblem;
    this.known = (await readJsonFile(this.file, KnownSchema, { label: 'what the app last saw on your Open edX sites', ...(onProblem ? { onProblem } : {}) }).catch(() => null)) ?? this.known;
    this.started = true;
    this.schedule(0);
  }

  /** Stop and save. */
  async dispose(): Promise<void> {
    this.started = false;
    this.timer?.cancel();
    await this.ticking;
    await this.save();
  }

  /** A site was added or signed in: look now. */
  poke(): void {
    for (const id of this.nextScanAt.keys()) this.nextScanAt.set(id, 0);
    this.schedule(0);
  }

  /**
   * Upcoming opened: look now at every signed-in site not checked in the last
   * `maxAgeMs` (and not being looked at already), within the watcher's own
   * budget, and wait for this tick. Sites checked recently cost nothing.
   *
   * @throws never.
   */
  async refresh(maxAgeMs = FRESH_LOOK_MS): Promise<void> {
    const now = this.clock.now();
    for (const s of this.deps.sessions()) {
      const checkedAt = this.known.sites[s.site.id]?.checkedAt ?? null;
      if (!this.pending.has(s.site.id) && (checkedAt === null || now - checkedAt >= maxAgeMs)) this.nextScanAt.set(s.site.id, 0);
    }
    await this.tick();
    // A tick already under way may have passed a site before it was marked: one more pass for those.
    if (this.deps.sessions().some((s) => !this.pending.has(s.site.id) && (this.nextScanAt.get(s.site.id) ?? 0) <= this.clock.now())) await this.tick();
  }

  /** Whether a look is under way (some site waits for the next budget window). */
  get looking(): boolean {
    return this.pending.size > 0;
  }

  /** What the watcher remembers (read-only use: views and tests). */
  snapshot(): { known: Known; problems: ReadonlyMap<string, SiteProblem> } {
    return { known: this.known, problems: this.problems };
  }

  /** Upcoming graded subsections of every site, soonest first. */
  upcoming(now = this.clock.now()): Array<KnownDeadline & { siteId: string }> {
    return this.deadlines()
      .filter((d) => Date.parse(d.due) > now)
      .sort((a, b) => Date.parse(a.due) - Date.parse(b.due));
  }

  /** Every known graded subsection with a due date (the calendar export). */
  deadlines(): Array<KnownDeadline & { siteId: string }> {
    return Object.entries(this.known.sites).flatMap(([siteId, s]) => s.deadlines.map((d) => ({ ...d, siteId })));
  }

  /**
   * Look at every site that is due now, within the budget. The timer calls it; tests call it directly.
   *
   * @throws never.
   */
  tick(): Promise<void> {
    this.ticking ??= this.doTick().finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async doTick(): Promise<void> {
    const now = this.clock.now();
    for (const s of this.deps.sessions()) {
      try {
        await this.tickSite(s, now);
      } catch (err) {
        const code = err instanceof UserError ? err.code : 'internal';
        this.deps.log.info('open edx watcher: site skipped', { site: s.site.id, code });
        this.problems.set(s.site.id, { at: now, code, sentence: err instanceof UserError ? err.message : `${s.site.name} could not be checked.` });
        this.changedNow = true;
        this.pending.delete(s.site.id);
        this.nextScanAt.set(s.site.id, now + (code === 'rate-limited' ? 60_000 : 5 * 60_000));
      }
    }
    await this.save();
    if (this.changedNow) {
      this.changedNow = false;
      this.deps.onChanged?.();
    }
    this.schedule([...this.pending.keys()].length ? 30_000 : this.deps.scanEveryMs ?? 600_000);
  }

  private async tickSite(s: OpenedxSession, now: number): Promise<void> {
    const id = s.site.id;
    if (!this.pending.has(id)) {
      if ((this.nextScanAt.get(id) ?? 0) > now) return;
      this.pending.set(id, { courses: null });
    }
    const work = this.pending.get(id)!;
    const site = (this.known.sites[id] ??= emptySite());
    if (!work.courses) {
      if (!this.deps.budget.take(id, now)) return;
      const enrollments = await s.client.enrollments();
      work.courses = enrollments.map((e) => ({ key: e.course_details.course_id, name: e.course_details.course_name ?? e.course_details.course_id }));
      site.courses = [...work.courses];
      site.deadlines = site.deadlines.filter((d) => work.courses!.some((c) => c.key === d.courseKey));
      this.dirty = this.changedNow = true;
    }
    while (work.courses.length) {
      if (!this.deps.budget.canTake(id, now) || !this.deps.budget.take(id, now) || !this.deps.budget.take(id, now)) return;
      const course = work.courses[0]!;
      const data = await this.deps.fetchCourse(s, course.key);
      work.courses.shift();
      this.observe(id, site, course, data, now);
    }
    this.pending.delete(id);
    this.problems.delete(id);
    site.checkedAt = now;
    this.dirty = this.changedNow = true;
    this.nextScanAt.set(id, now + (this.deps.scanEveryMs ?? 600_000));
  }

  private observe(siteId: string, site: SiteState, course: { key: string; name: string }, data: CachedCourse, now: number): void {
    this.dirty = this.changedNow = true;
    const items: ActivityItem[] = [];
    const before = site.grades[course.key];
    if (data.grade) {
      const g = data.grade;
      if (before && (before.percent !== g.percent || before.letter !== g.letter || before.passed !== g.passed)) {
        const body = `Course grade now ${percentText(g.percent)}${g.letter ? ` (${g.letter})` : ''}${g.passed ? ', passing' : ''}.`;
        // Observed, so it is recent news (Upcoming's Recent grades shows it for 14 days).
        site.gradeChanges[course.key] = { ...g, at: now };
        items.push({
          id: `edx-grade:${siteId}:${course.key}:${g.percent}:${g.letter ?? ''}:${g.passed}`,
          kind: 'graded',
          at: now,
          title: `${course.name}: grade changed`,
          body,
          hasScore: true,
          read: false,
          target: null,
          openedx: { siteId, courseKey: course.key },
          score: { value: Math.round(g.percent * 1000) / 10, max: 100 },
          shortName: course.name,
        });
      }
      site.grades[course.key] = g;
    }
    const offsets = this.deps.settings.get().reminderOffsetsMin;
    site.deadlines = site.deadlines.filter((d) => d.courseKey !== course.key);
    for (const sub of data.subsections) {
      if (!sub.graded || !sub.due) continue;
      site.deadlines.push({ courseKey: course.key, courseName: course.name, id: sub.id, name: sub.name, due: sub.due, lmsWebUrl: sub.lmsWebUrl });
      const seenKey = `${course.key}|${sub.id}|${sub.due}`;
      const firstSeen = (site.firstSeen[seenKey] ??= now);
      const due = Date.parse(sub.due);
      if (!(now < due)) continue;
      const key = (o: number) => `edx-deadline:${siteId}:${course.key}:${sub.id}:${sub.due}:${o}`;
      const ready = offsets.filter((o) => now >= due - o * 60_000 && due - o * 60_000 >= firstSeen && !this.deps.store.wasAnnounced(key(o))).sort((a, b) => a - b);
      const urgent = ready[0];
      if (urgent === undefined) continue;
      for (const o of ready.slice(1)) this.deps.store.markAnnounced(key(o));
      items.push({
        id: key(urgent),
        kind: 'deadline',
        at: now,
        title: `${sub.name} is due in ${offsetText(urgent)}`,
        body: `${course.name} (Open edX). Due ${shortDate(sub.due)}.`,
        hasScore: false,
        read: false,
        target: null,
        openedx: { siteId, courseKey: course.key },
        remindMin: urgent,
        shortName: sub.name,
      });
    }
    this.emit(siteId, course.key, items);
  }

  private emit(siteId: string, courseKey: string, items: ActivityItem[]): void {
    const fresh = items.filter((i) => !this.deps.store.wasAnnounced(i.id));
    if (!fresh.length) return;
    for (const i of fresh) this.deps.store.markAnnounced(i.id);
    this.deps.store.addActivity(fresh);
    if (this.deps.settings.muted(siteId, courseKey)) this.deps.notifier.changed();
    else this.deps.notifier.deliver(fresh, 'each');
  }

  private async save(): Promise<void> {
    if (this.dirty) {
      this.dirty = false;
      await writeJsonFile(this.file, this.known).catch((err: unknown) => this.deps.log.warn('open edx watcher: could not save', { error: String(err) }));
    }
    await this.deps.store.save().catch(() => undefined);
  }

  private schedule(ms: number): void {
    if (!this.started) return;
    this.timer?.cancel();
    this.timer = this.clock.setTimer(() => void this.tick(), Math.max(250, ms));
  }
}
