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
import { z } from 'zod';
import type { ActivityItem, OpenedxUpcoming } from '../../preload/contract';
import type { Logger } from '../logger';
import { readJsonFile, writeJsonFile } from '../storage/json-file';
import { UserError } from '../user-error';
import type { AnnouncementStore } from '../watcher/announcement-store';
import type { CalendarEntry } from '../watcher/calendar-export';
import { offsetText, shortDate } from '../watcher/detect';
import type { Notifier } from '../watcher/notifier';
import type { RequestBudget } from '../watcher/request-budget';
import type { WatcherSettingsStore } from '../watcher/watcher-settings';
import { realClock, type WatcherClock } from '../watcher/watcher-timing';
import type { OpenedxSession } from './openedx-session';
import type { CachedCourse } from './views';

/**
 * The Open edX budget's limits: DRF throttles per user and far looser than Autolab's 10 requests / 30 s
 * (providers.md §1.4). `accountCap` is set as well: the Autolab default (8, shared with Upcoming's screen
 * refresh) would cut every look to 6 requests per window.
 */
export const OPENEDX_BUDGET_LIMITS = { perAccount: 12, global: 30, accountCap: 12 } as const;

const KnownSchema = z.object({
  version: z.literal(1),
  sites: z.record(
    z.string(),
    z.object({
      grades: z.record(z.string(), z.object({ percent: z.number(), letter: z.string().nullable(), passed: z.boolean() })),
      /** `<courseKey>|<blockId>|<due>` → when the watcher first saw that due date. */
      firstSeen: z.record(z.string(), z.number()),
      /** Upcoming graded subsections (for Upcoming and the calendar). */
      deadlines: z.array(z.object({ courseKey: z.string(), courseName: z.string(), id: z.string(), name: z.string(), due: z.string(), lmsWebUrl: z.string().nullable() })).default([]),
    }),
  ),
});
type Known = z.infer<typeof KnownSchema>;
/** A graded subsection the watcher knows, with its due date. */
export type KnownDeadline = Known['sites'][string]['deadlines'][number];

/** What the Open edX watcher needs. */
export interface OpenedxWatcherDeps {
  sessions(): OpenedxSession[];
  fetchCourse(s: OpenedxSession, courseKey: string): Promise<CachedCourse>;
  store: AnnouncementStore;
  settings: WatcherSettingsStore;
  notifier: Pick<Notifier, 'deliver' | 'changed'>;
  budget: RequestBudget;
  dataDir: string;
  log: Logger;
  clock?: WatcherClock;
  /** Time between looks at a site (default 10 minutes). */
  scanEveryMs?: number;
  /** Told once when its state file could not be read and was kept aside. */
  onDataProblem?: (sentence: string) => void;
}

/**
 * Open edX graded subsections as calendar entries (the export's shape): the
 * site's host, the course key, the block id, the due date (no late end).
 *
 * @throws never.
 */
export function openedxCalendarEntries(deadlines: Array<KnownDeadline & { siteId: string }>, sites: Array<{ id: string; baseUrl: string }>): CalendarEntry[] {
  return deadlines.flatMap((d) => {
    const site = sites.find((s) => s.id === d.siteId);
    if (!site) return [];
    return [{ server: new URL(site.baseUrl).hostname, course: d.courseKey, courseName: d.courseName, assessment: d.id, displayName: d.name, dueAt: d.due, endAt: d.due }];
  });
}

/**
 * The upcoming graded subsections of configured sites, for `openedx:upcoming` (Upcoming screens).
 *
 * @throws never.
 */
export function openedxUpcoming(deadlines: Array<KnownDeadline & { siteId: string }>, sites: Array<{ id: string; name: string }>): OpenedxUpcoming[] {
  return deadlines.flatMap((d) => {
    const site = sites.find((s) => s.id === d.siteId);
    return site ? [{ siteId: d.siteId, siteName: site.name, courseKey: d.courseKey, courseName: d.courseName, id: d.id, name: d.name, due: d.due, lmsWebUrl: d.lmsWebUrl }] : [];
  });
}

const percentText = (p: number) => `${Math.round(p * 1000) / 10}%`;

/** Watches every signed-in Open edX site. */
export class OpenedxWatcher {
  private known: Known = { version: 1, sites: {} };
  private readonly nextScanAt = new Map<string, number>();
  private readonly pending = new Map<string, { courses: Array<{ key: string; name: string }> | null }>();
  private timer: { cancel(): void } | null = null;
  private ticking: Promise<void> | null = null;
  private started = false;
  /** Whether `known` changed since the last write (nothing is written for an idle tick). */
  private dirty = false;
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

  /** Upcoming graded subsections of every site, soonest first. */
  upcoming(now = this.clock.now()): Array<KnownDeadline & { siteId: string }> {
    return Object.entries(this.known.sites)
      .flatMap(([siteId, s]) => s.deadlines.map((d) => ({ ...d, siteId })))
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
        this.pending.delete(s.site.id);
        this.nextScanAt.set(s.site.id, now + (code === 'rate-limited' ? 60_000 : 5 * 60_000));
      }
    }
    await this.save();
    // A look the budget cut short goes on as the next window opens (not a fixed 30 s later, which could wait
    // a whole window for nothing), otherwise at the next scan.
    this.schedule(this.pending.size ? this.deps.budget.nextWindowAt(now) + 100 - this.clock.now() : this.deps.scanEveryMs ?? 600_000);
  }

  private async tickSite(s: OpenedxSession, now: number): Promise<void> {
    const id = s.site.id;
    if (!this.pending.has(id)) {
      if ((this.nextScanAt.get(id) ?? 0) > now) return;
      this.pending.set(id, { courses: null });
    }
    const work = this.pending.get(id)!;
    const site = (this.known.sites[id] ??= { grades: {}, firstSeen: {}, deadlines: [] });
    if (!work.courses) {
      if (!this.deps.budget.take(id, now)) return;
      const enrollments = await s.client.enrollments();
      work.courses = enrollments.map((e) => ({ key: e.course_details.course_id, name: e.course_details.course_name ?? e.course_details.course_id }));
      site.deadlines = site.deadlines.filter((d) => work.courses!.some((c) => c.key === d.courseKey));
      this.dirty = true;
    }
    while (work.courses.length) {
      if (!this.deps.budget.canTake(id, now) || !this.deps.budget.take(id, now) || !this.deps.budget.take(id, now)) return;
      const course = work.courses[0]!;
      const data = await this.deps.fetchCourse(s, course.key);
      work.courses.shift();
      this.observe(id, site, course, data, now);
    }
    this.pending.delete(id);
    this.nextScanAt.set(id, now + (this.deps.scanEveryMs ?? 600_000));
  }

  private observe(siteId: string, site: Known['sites'][string], course: { key: string; name: string }, data: CachedCourse, now: number): void {
    this.dirty = true;
    const items: ActivityItem[] = [];
    const before = site.grades[course.key];
    if (data.grade) {
      const g = data.grade;
      if (before && (before.percent !== g.percent || before.letter !== g.letter || before.passed !== g.passed)) {
        const body = `Course grade now ${percentText(g.percent)}${g.letter ? ` (${g.letter})` : ''}${g.passed ? ', passing' : ''}.`;
        items.push({ id: `edx-grade:${siteId}:${course.key}:${g.percent}:${g.letter ?? ''}:${g.passed}`, kind: 'graded', at: now, title: `${course.name}: grade changed`, body, hasScore: true, read: false, target: null, openedx: { siteId, courseKey: course.key } });
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
      items.push({ id: key(urgent), kind: 'deadline', at: now, title: `${sub.name} is due in ${offsetText(urgent)}`, body: `${course.name} (Open edX). Due ${shortDate(sub.due)}.`, hasScore: false, read: false, target: null, openedx: { siteId, courseKey: course.key } });
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
