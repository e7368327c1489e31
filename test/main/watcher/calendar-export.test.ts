/**
 * The deadlines `.ics` (issue 6) parses with a real iCalendar parser (ical.js)
 * and holds the right instants in UTC, with stable UIDs, escaping and folding.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar, eventUid, writeCalendar, type CalendarEntry } from '../../../main/watcher/calendar-export';
import { openedxCalendarEntries } from '../../../main/openedx/openedx-watch-state';
import { EventBus } from '../../../main/events';
import { createLogger } from '../../../main/logger';
import type { Platform } from '../../../main/platform';
import { WatcherService } from '../../../main/watcher/watcher-service';

const entries: CalendarEntry[] = [
  { server: 'autolab.example.edu', course: '15213-f24', courseName: 'Systems, Fall; 2024 \\ Pittsburgh', assessment: 'datalab', displayName: 'Data Lab', dueAt: '2024-10-01T23:59:00.000-04:00', endAt: '2024-10-03T23:59:00.000-04:00' },
  { server: 'autolab.example.edu', course: '15213-f24', courseName: 'Systems', assessment: 'quiz1', displayName: 'Quiz 1 with a very long name that needs folding across more than seventy-five octets ✓✓✓', dueAt: '2024-11-03T01:30:00.000-05:00', endAt: '2024-11-03T01:30:00.000-05:00' },
];

describe('calendar export', () => {
  it('writes due and late-end events at the right UTC instants that ical.js reads back', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ics-'));
    const file = path.join(dir, 'deadlines.ics');
    await writeCalendar(file, entries, Date.parse('2024-09-30T12:00:00Z'));
    const text = await readFile(file, 'utf8');
    await rm(dir, { recursive: true, force: true });

    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text).toContain('DTSTART:20241002T035900Z');
    const vevents = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(vevents.map((e) => [e.uid, e.startDate.toJSDate().toISOString(), e.startDate.zone?.tzid])).toEqual([
      [eventUid('due', entries[0]!), '2024-10-02T03:59:00.000Z', 'UTC'],
      [eventUid('end', entries[0]!), '2024-10-04T03:59:00.000Z', 'UTC'],
      [eventUid('due', entries[1]!), '2024-11-03T06:30:00.000Z', 'UTC'],
    ]);
    expect(vevents[0]!.summary).toBe('Data Lab due (Systems, Fall; 2024 \\ Pittsburgh)');
    expect(vevents[2]!.summary).toBe(`${entries[1]!.displayName} due (Systems)`);
    expect(vevents[0]!.component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2024-09-30T12:00:00Z');
  });

  it('keeps UIDs stable across exports, so re-importing updates instead of duplicating', () => {
    const uids = (t: string) => [...t.matchAll(/^UID:(.*)$/gm)].map((m) => m[1]);
    expect(uids(buildCalendar(entries, 1))).toEqual(uids(buildCalendar(entries, 2)));
  });

  it('includes Open edX graded subsections beside Autolab assessments: past ones left out, hashed UIDs stable across the demo site\'s port changes, a reminder a day before', async () => {
    const now = Date.now();
    const iso = (days: number) => new Date(now + days * 86_400_000).toISOString();
    const autolab: CalendarEntry = { server: 'autolab.example.edu', course: '15213-f24', courseName: 'Systems', assessment: 'datalab', displayName: 'Data Lab', dueAt: iso(2), endAt: iso(2) };
    const deadline = (id: string, name: string, due: string) => ({ siteId: 'edx-1', courseKey: 'course-v1:HarvardX+PH125.1x+3T2026', courseName: 'R Basics', id, name, due, lmsWebUrl: null });
    const known = [deadline('block-v1:HarvardX+PH125.1x+3T2026+type@sequential+block@seq1', 'Section 1 Assessment', iso(-10)), deadline('block-v1:HarvardX+PH125.1x+3T2026+type@sequential+block@seq2', 'Final Assessment', iso(4))];
    const at = (port: number) => openedxCalendarEntries(known, [{ id: 'edx-1', baseUrl: `http://127.0.0.1:${port}` }]);
    // Through the watcher service's export, as the app writes it (an Autolab entry handed in beside them: no signed-in account here).
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ics-edx-'));
    const file = path.join(dir, 'deadlines.ics');
    const accounts = { activeSessions: () => [], store: { get: () => undefined } } as unknown as ConstructorParameters<typeof WatcherService>[0]['accounts'];
    const platform = { kind: 'web', openExternal: async () => false, chooseSaveFile: async () => file } as unknown as Platform;
    const service = new WatcherService({ dataDir: dir, accounts, platform, events: new EventBus(), log: createLogger(() => undefined), extraCalendarEntries: () => [autolab, ...at(41001)], watcher: { clock: { now: () => now, setTimer: () => ({ cancel: () => undefined }) } } });
    const saved = await service.exportCalendar();
    const text = await readFile(file, 'utf8');
    await service.dispose();
    await rm(dir, { recursive: true, force: true });
    expect(saved).toMatchObject({ kind: 'saved' });
    const vevents = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
    const summaries = vevents.map((v) => new ICAL.Event(v).summary);
    expect(summaries).toContain('Final Assessment due (R Basics)');
    expect(summaries).toContain('Data Lab due (Systems)');
    expect(summaries.some((x) => x.startsWith('Section 1 Assessment'))).toBe(false); // already past
    const final = vevents.find((v) => new ICAL.Event(v).summary === 'Final Assessment due (R Basics)')!;
    expect(final.getFirstPropertyValue('uid')).toBe(eventUid('due', at(41001)[1]!));
    expect(final.getFirstPropertyValue('uid')).toMatch(/^due-[0-9a-f]{32}@autolab-desktop$/);
    expect(eventUid('due', at(41001)[1]!)).toBe(eventUid('due', at(52777)[1]!)); // the demo's port changes per launch
    expect(final.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger')?.toString()).toBe('-P1D');
  });
});
