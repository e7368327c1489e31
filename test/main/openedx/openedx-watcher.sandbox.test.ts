/**
 * The Open edX watcher against the sandbox: a changed course grade becomes one
 * notification (privacy switch honoured), an approaching graded subsection
 * reminds once at the configured offset, and the first look is silent.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationPayload } from '../../../preload/contract';
import { startOpenedxSandbox, type OpenedxSandbox } from '../../../sandbox/openedx/index';
import { OpenedxService } from '../../../main/openedx/openedx-service';
import { OpenedxWatcher, openedxCalendarEntries } from '../../../main/openedx/openedx-watcher';
import { openedxOverview } from '../../../main/openedx/openedx-watch-state';
import { buildCalendar } from '../../../main/watcher/calendar-export';
import { UrlAllowList } from '../../../main/accounts/url-allow-list';
import { EventBus } from '../../../main/events';
import { createLogger } from '../../../main/logger';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import { AnnouncementStore } from '../../../main/watcher/announcement-store';
import { Notifier } from '../../../main/watcher/notifier';
import { RequestBudget } from '../../../main/watcher/request-budget';
import { WatcherSettingsStore } from '../../../main/watcher/watcher-settings';

const COURSE = 'course-v1:AutolabX+CS101+2026_T1';

describe('Open edX watcher', () => {
  let sb: OpenedxSandbox;
  let dir: string;
  beforeAll(async () => {
    sb = await startOpenedxSandbox({ port: 0 });
    dir = await mkdtemp(path.join(tmpdir(), 'edx-watch-'));
  });
  afterAll(async () => {
    await sb.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('announces a grade change once, and a deadline at the 24-hour offset, with a silent first look', async () => {
    const log = createLogger(() => undefined);
    const events = new EventBus();
    const service = new OpenedxService({ dataDir: dir, secrets: new MemorySecretStore(), log, userAgent: 't', events, allowList: new UrlAllowList(), platform: { openExternal: async () => true } });
    await service.start();
    const a = sb.applications[0]!;
    await service.addSite({ mode: 'client-credentials', baseUrl: sb.baseUrl, clientId: a.client_id, clientSecret: a.client_secret });
    const store = new AnnouncementStore(dir);
    const settings = new WatcherSettingsStore(dir);
    await Promise.all([store.load(), settings.load()]);
    const shown: NotificationPayload[] = [];
    let now = Date.now();
    const notifier = new Notifier({ platform: { showNotification: (n) => shown.push(n), setUnseenCount: () => undefined }, events, store, settings, now: () => now });
    const watcher = new OpenedxWatcher({
      sessions: () => service.activeSessions(),
      fetchCourse: (s, k) => service.fetchCourse(s, k),
      store,
      settings,
      notifier,
      budget: new RequestBudget(),
      dataDir: dir,
      log,
      clock: { now: () => now, setTimer: () => ({ cancel: () => undefined }) },
    });
    await watcher.start();
    // One full look spans several 30-s budget windows (3 background requests each).
    const settle = async () => {
      for (let i = 0; i < 5; i++) {
        await watcher.tick();
        now += 31_000;
      }
    };
    await settle();
    expect(shown).toEqual([]); // first look: silent
    expect(watcher.upcoming(now).map((d) => d.name)).toContain('Homework 2: Machine Code');
    const overview = () => openedxOverview(watcher.snapshot().known, service.list(), watcher.snapshot().problems, watcher.looking, now);
    const upcoming = overview().deadlines;
    // The enrolled courses come with the look (the palette lists them); the first look records no grade change.
    expect(overview().courses.map((c) => c.name).sort()).toEqual(['Data Science in Practice', 'Foundations of Programming', 'R Basics']);
    expect(overview().recentGrades).toEqual([]);
    expect(overview().sites).toEqual([expect.objectContaining({ signedIn: true, checkedAt: expect.any(Number), unreachable: false, problem: null })]);
    expect(overview().refreshing).toBe(false);
    expect(upcoming.find((u) => u.name === 'Homework 2: Machine Code')).toMatchObject({ courseKey: COURSE, courseName: 'Foundations of Programming', siteName: expect.any(String) });
    expect(upcoming.map((u) => Date.parse(u.due))).toEqual([...upcoming.map((u) => Date.parse(u.due))].sort((x, y) => x - y));
    // The calendar export gets the graded subsections with their due dates.
    const ics = buildCalendar(openedxCalendarEntries(watcher.deadlines(), service.store.list()), now);
    expect(ics).toContain('SUMMARY:Homework 2: Machine Code due (Foundations of Programming)');
    // Stable hashed UIDs (issue 11 item 6): no server-supplied text in a UID line.
    expect(ics).toMatch(/^UID:due-[0-9a-f]{32}@autolab-desktop\r?$/m);
    expect(ics.match(/BEGIN:VEVENT/g)?.length).toBe(watcher.upcoming(now).length); // one event per graded subsection still ahead

    sb.controls.setGrade('ada_learner', COURSE, 0.85);
    now += 11 * 60_000;
    await settle();
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ title: 'Foundations of Programming: grade changed', body: 'Course grade now 85% (B), passing.', target: null, openedx: { courseKey: COURSE } });
    // The observed change is remembered (on disk) for Upcoming's Recent grades, with when it was seen.
    expect(overview().recentGrades).toEqual([expect.objectContaining({ courseKey: COURSE, courseName: 'Foundations of Programming', percent: 0.85, letter: 'B', passed: true, at: expect.any(Number) })]);
    const saved = JSON.parse(await readFile(path.join(dir, 'openedx-watch.json'), 'utf8')) as { sites: Record<string, { gradeChanges: Record<string, { percent: number }> }> };
    expect(Object.values(saved.sites)[0]!.gradeChanges[COURSE]!.percent).toBe(0.85);
    // 15 days later it is no longer recent.
    expect(openedxOverview(watcher.snapshot().known, service.list(), new Map(), false, now + 15 * 86_400_000).recentGrades).toEqual([]);

    await settings.set({ privacy: true });
    sb.controls.setGrade('ada_learner', COURSE, 0.95);
    // The demo's Homework 2 is due 30 h after the sandbox's anchor: jump to 23 h 59 min before it.
    const hw = watcher.upcoming(now).find((d) => d.name === 'Homework 2: Machine Code')!;
    now = Date.parse(hw.due) - 24 * 3_600_000 + 60_000;
    await settle();
    expect(shown.slice(1).map((n) => n.title)).toEqual(expect.arrayContaining(['Foundations of Programming: grade changed', 'Homework 2: Machine Code is due in 24 hours']));
    expect(shown.find((n, i) => i > 0 && n.title.endsWith('grade changed'))!.body).toBe('New grade posted');
    const count = shown.length;
    now += 11 * 60_000;
    await settle();
    expect(shown.length).toBe(count); // nothing twice
    // A muted course: the change lands in the activity list, with no notification.
    const siteId = service.activeSessions()[0]!.site.id;
    await settings.set({ mutedCourses: [`${siteId}/${COURSE}`] });
    sb.controls.setGrade('ada_learner', COURSE, 0.5);
    now += 11 * 60_000;
    await settle();
    expect(shown.length).toBe(count);
    expect(store.activity().items[0]).toMatchObject({ title: 'Foundations of Programming: grade changed', body: 'Course grade now 50%.' });

    // The site goes away: the dates stay (the last ones seen), and the overview says the site could not be reached.
    const checkedBefore = overview().sites[0]!.checkedAt;
    await sb.close();
    now += 11 * 60_000;
    await watcher.refresh();
    expect(overview().deadlines.length).toBeGreaterThan(0);
    expect(overview().sites[0]).toMatchObject({ checkedAt: checkedBefore, unreachable: true, problem: expect.stringContaining('could not reach') });
    await watcher.dispose();
    service.dispose();
  });
});
