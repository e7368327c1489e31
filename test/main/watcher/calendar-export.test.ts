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
});
