/**
 * The user's notification switches, each on its own (issue 6): the privacy
 * switch, a muted course, and pausing for an hour or until tomorrow. Events
 * always land in the activity list; only what is shown changes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityItem, NotificationPayload } from '../../../preload/contract';
import type { AccountsService } from '../../../main/accounts/accounts-service';
import { EventBus } from '../../../main/events';
import { createLogger } from '../../../main/logger';
import type { Platform } from '../../../main/platform';
import { WatcherService } from '../../../main/watcher/watcher-service';

const HOUR = 3_600_000;
let dir = '';
let now = 0;
let shown: NotificationPayload[] = [];
let service: WatcherService;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'watcher-switches-'));
  now = new Date(2025, 9, 14, 15, 30).getTime(); // a Tuesday afternoon, local time
  shown = [];
  const accounts = { activeSessions: () => [], store: { get: () => undefined } } as unknown as Pick<AccountsService, 'activeSessions' | 'store'>;
  const platform = { showNotification: (n: NotificationPayload) => shown.push(n), setUnseenCount: () => undefined } as unknown as Platform;
  service = new WatcherService({ dataDir: dir, accounts, platform, events: new EventBus(), log: createLogger(() => undefined), watcher: { clock: { now: () => now, setTimer: () => ({ cancel: () => undefined }) } } });
  await service.store.load();
  await service.settings.load();
});
afterEach(async () => {
  await service.dispose();
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
function graded(course = 'demo-15213'): ActivityItem {
  n += 1;
  const item: ActivityItem = { id: `graded:student:${course}:datalab:v${n}`, kind: 'graded', at: now, title: 'Data Lab graded', body: `Version ${n}: 94/100`, hasScore: true, read: false, target: { accountId: 'student', course, assessment: 'datalab', version: n } };
  service.store.addActivity([item]);
  return item;
}
const deliver = (item: ActivityItem) => service.notifier.deliver([item], 'each');

describe('notification switches', () => {
  it('with the privacy switch on, a grade notification says "New grade posted" instead of the score; the activity list keeps it', async () => {
    deliver(graded());
    await service.settings.set({ privacy: true });
    deliver(graded());
    expect(shown.map((s) => s.body)).toEqual(['Version 1: 94/100', 'New grade posted']);
    expect(service.store.activity().items.map((i) => i.body)).toContain('Version 2: 94/100');
  });

  it('a muted course shows no notification but keeps its events in the activity list; other courses still notify', async () => {
    await service.settings.set({ mutedCourses: ['student/demo-15213'] });
    const muted = graded('demo-15213');
    deliver(muted);
    deliver(graded('demo-18213'));
    expect(shown.map((s) => s.target?.course)).toEqual(['demo-18213']);
    expect(service.store.activity().items.map((i) => i.id)).toContain(muted.id);
  });

  it('pausing for 1 h shows nothing for that hour, then notifications show again', async () => {
    await service.pause('1h');
    now += HOUR - 1_000;
    deliver(graded());
    expect(shown).toEqual([]);
    now += 2_000;
    deliver(graded());
    expect(shown).toHaveLength(1);
    expect(service.store.activity().unseen).toBe(2);
  });

  it('pausing until tomorrow holds notifications until 08:00 the next morning, and "off" resumes them at once', async () => {
    const paused = await service.pause('tomorrow');
    expect(new Date(paused.pausedUntil!).toString()).toBe(new Date(2025, 9, 15, 8, 0).toString());
    now = new Date(2025, 9, 15, 7, 59).getTime();
    deliver(graded());
    expect(shown).toEqual([]);
    now = new Date(2025, 9, 15, 8, 0, 1).getTime();
    deliver(graded());
    expect(shown).toHaveLength(1);
    await service.pause('tomorrow');
    await service.pause('off');
    deliver(graded());
    expect(shown).toHaveLength(2);
  });

  it('a muted Open edX course (`<siteId>/<courseKey>`) shows nothing through the watcher service, which still hands the event to its listeners (the clock applies the same mutes)', async () => {
    const item: ActivityItem = { id: 'edx-grade:x', kind: 'graded', at: now, title: 'R Basics: grade changed', body: 'Course grade now 82% (B), passing.', hasScore: true, read: false, target: null, openedx: { siteId: 'edx-1', courseKey: 'course-v1:HarvardX+PH125.1x+3T2026' } };
    const heard: ActivityItem[][] = [];
    service.onDeliver((items) => heard.push(items));
    await service.settings.set({ mutedCourses: ['edx-1/course-v1:HarvardX+PH125.1x+3T2026'] });
    service.deliver([item], 'each');
    expect(shown).toEqual([]);
    await service.settings.set({ mutedCourses: [] });
    service.deliver([item], 'each');
    expect(shown.map((x) => x.title)).toEqual(['R Basics: grade changed']);
    expect(heard).toHaveLength(2);
  });
});
