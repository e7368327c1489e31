/**
 * What the watcher's events look like on the clock (issue 14): icon + short text, a goal frame
 * for a score against its maximum, info for grades, warning for a deadline within an hour,
 * never critical, and "New grade posted" with the privacy switch. Every notification built
 * here is one the sandbox clock (which follows LaMetric's documented schema) accepts.
 */
import { describe, expect, it } from 'vitest';
import type { ActivityItem } from '../../../preload/contract';
import { clockNotificationOf, clockNotificationsFor, testNotification } from '../../../main/lametric/clock-notification';
import { NotificationBodySchema } from '../../../sandbox/lametric/notification-schema';

const target = { accountId: 'student', course: 'demo-15213', assessment: 'malloclab', version: 2 };
const base = { at: 0, read: false, target } as const;
const graded: ActivityItem = { ...base, id: 'g', kind: 'graded', title: 'Malloc Lab graded', body: 'Version 2: 94/100', hasScore: true, score: { value: 94, max: 100 } };
const released: ActivityItem = { ...base, id: 'r', kind: 'score-released', title: 'Malloc Lab: score released', body: 'Version 2: 87.5/100', hasScore: true, score: { value: 87.5, max: 100 } };
const unreleased: ActivityItem = { ...base, id: 'u', kind: 'graded', title: 'Bomb Lab graded', body: 'Version 2 was graded; the score is not released yet.', hasScore: false, target: { ...target, assessment: 'bomblab' } };
const deadline = (min: number): ActivityItem => ({ ...base, id: `d${min}`, kind: 'deadline', title: 'Bomb Lab is due in 1 hour', body: 'You have not submitted yet.', hasScore: false, target: { ...target, assessment: 'bomblab', version: null }, remindMin: min });

describe('clock notifications', () => {
  it('shows a grade as "malloclab 94/100" with a goal frame of 94 out of 100, priority info', () => {
    const n = clockNotificationOf(graded, false)!;
    expect(n.priority).toBe('info');
    expect(n.model.frames).toEqual([
      { icon: 'i620', text: 'malloclab 94/100' },
      { icon: 'i620', goalData: { start: 0, current: 94, end: 100, unit: '' } },
    ]);
  });

  it('rounds a fractional score only in the goal frame', () => {
    const n = clockNotificationOf(released, false)!;
    expect(n.model.frames[0]).toEqual({ icon: 'i620', text: 'malloclab 87.5/100' });
    expect(n.model.frames[1]).toMatchObject({ goalData: { current: 88, end: 100 } });
  });

  it('with the privacy switch on shows "New grade posted" and no score anywhere', () => {
    const n = clockNotificationOf(graded, true)!;
    expect(n.model.frames).toEqual([{ icon: 'i620', text: 'New grade posted' }]);
    expect(JSON.stringify(n)).not.toContain('94');
  });

  it('says an unreleased grade was graded, without a goal frame', () => {
    expect(clockNotificationOf(unreleased, false)!.model.frames).toEqual([{ icon: 'i620', text: 'bomblab graded' }]);
  });

  it('uses warning for a deadline within an hour and info for one a day away', () => {
    expect(clockNotificationOf(deadline(60), false)).toMatchObject({ priority: 'warning', model: { frames: [{ text: 'bomblab due in 1 h' }] } });
    expect(clockNotificationOf(deadline(24 * 60), false)).toMatchObject({ priority: 'info', model: { frames: [{ text: 'bomblab due in 24 h' }] } });
  });

  it('never uses critical, and skips new assessments and summaries', () => {
    const all = [graded, released, unreleased, deadline(60), deadline(30), deadline(1440)].flatMap((i) => [clockNotificationOf(i, false), clockNotificationOf(i, true)]);
    expect(all.every((n) => n && n.priority !== ('critical' as string))).toBe(true);
    expect(clockNotificationOf({ ...graded, kind: 'new-assessment' }, false)).toBeNull();
    expect(clockNotificationOf({ ...graded, kind: 'summary', target: null }, false)).toBeNull();
  });

  it('builds only notifications the documented schema accepts', () => {
    const all = [graded, released, unreleased, deadline(60), deadline(1440)].flatMap((i) => [clockNotificationOf(i, false), clockNotificationOf(i, true)]);
    for (const n of [...all, testNotification()]) expect(NotificationBodySchema.safeParse(n).success).toBe(true);
  });

  it('shows Open edX events by their course or subsection name: a grade as a percentage, a reminder like Autolab\'s; privacy, pause and Open edX mutes apply', () => {
    const openedx = { siteId: 'edx-demo', courseKey: 'course-v1:HarvardX+PH125.1x+3T2026' };
    const grade: ActivityItem = { id: 'e', kind: 'graded', at: 0, read: false, target: null, openedx, title: 'R Basics: grade changed', body: 'Course grade now 82% (B), passing.', hasScore: true, score: { value: 82, max: 100 }, shortName: 'R Basics' };
    const due: ActivityItem = { id: 'f', kind: 'deadline', at: 0, read: false, target: null, openedx, title: 'Final Assessment is due in 1 hour', body: 'R Basics (Open edX).', hasScore: false, remindMin: 60, shortName: 'Final Assessment' };
    expect(clockNotificationOf(grade, false)!.model.frames).toEqual([
      { icon: 'i620', text: 'R Basics 82%' },
      { icon: 'i620', goalData: { start: 0, current: 82, end: 100, unit: '%' } },
    ]);
    expect(clockNotificationOf(due, false)).toMatchObject({ priority: 'warning', model: { frames: [{ icon: 'i1218', text: 'Final Assessment due in 1 h' }] } });
    const switches = (o: { privacy?: boolean; paused?: boolean; muted?: string[] }) => ({ get: () => ({ privacy: o.privacy ?? false }), paused: () => o.paused ?? false, muted: (a: string, c: string) => (o.muted ?? []).includes(`${a}/${c}`) });
    expect(clockNotificationsFor([grade], switches({ privacy: true }), 0).map((n) => n.model.frames)).toEqual([[{ icon: 'i620', text: 'New grade posted' }]]);
    expect(clockNotificationsFor([grade, due], switches({ muted: [`${openedx.siteId}/${openedx.courseKey}`] }), 0)).toEqual([]);
    expect(clockNotificationsFor([grade, due], switches({ paused: true }), 0)).toEqual([]);
    for (const n of clockNotificationsFor([grade, due], switches({}), 0)) expect(NotificationBodySchema.safeParse(n).success).toBe(true);
  });
});
