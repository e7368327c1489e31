/**
 * Issue 11 item 6: the deadlines calendar is written by ical-generator, so
 * names from the server cannot inject iCalendar properties; UIDs are hashes
 * (stable, free of names); past deadlines are left out; every event has a
 * reminder alarm. Parsed back with ical.js.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar, eventUid, REMINDER_BEFORE_S, type CalendarEntry } from '../../../main/watcher/calendar-export';

const NOW = Date.parse('2024-09-30T12:00:00Z');
const hostile: CalendarEntry = {
  server: 'autolab.example.edu',
  course: '15213\r\nUID:evil;x=1:2',
  courseName: 'Sys\r\nBEGIN:VALARM\r\nACTION:AUDIO\r\nEND:VALARM; a:b, c\\',
  assessment: 'lab:1;X-INJECTED=yes\nATTENDEE:mailto:evil@example.com',
  displayName: 'Lab\rSUMMARY:pwned\nORGANIZER:mailto:x@y',
  dueAt: '2024-10-01T23:59:00.000-04:00',
  endAt: '2024-10-03T23:59:00.000-04:00',
};
const events = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');

describe('calendar export hardening', () => {
  it('names with CRLF, ";" and ":" stay text: no injected property, component or attendee', () => {
    const text = buildCalendar([hostile], NOW);
    for (const line of text.split('\r\n')) {
      expect(line).not.toMatch(/^(UID:evil|X-INJECTED|ATTENDEE|ORGANIZER|SUMMARY:pwned|ACTION:AUDIO)/);
    }
    const vevents = events(text);
    expect(vevents).toHaveLength(2);
    for (const v of vevents) {
      expect(v.getAllProperties().map((p) => p.name).sort()).toEqual(['description', 'dtend', 'dtstamp', 'dtstart', 'sequence', 'summary', 'transp', 'uid']);
      expect(v.getAllSubcomponents('valarm')).toHaveLength(1);
    }
    const summary = new ICAL.Event(vevents[0]!).summary;
    expect(summary).toContain('SUMMARY:pwned');
    expect(summary).toContain('BEGIN:VALARM');
    expect(summary.startsWith('Lab')).toBe(true);
  });

  it('UIDs are stable hashes that hold no names from the server', () => {
    const a = buildCalendar([hostile], NOW);
    const b = buildCalendar([hostile], NOW + 1000);
    const uids = (t: string) => events(t).map((v) => new ICAL.Event(v).uid);
    expect(uids(a)).toEqual(uids(b));
    for (const uid of uids(a)) expect(uid).toMatch(/^(due|end)-[0-9a-f]{32}@autolab-desktop$/);
    expect(eventUid('due', hostile)).not.toBe(eventUid('due', { ...hostile, assessment: 'other' }));
    // Distinct triples that would collide if simply joined with a separator.
    expect(eventUid('due', { server: 's', course: 'a.b', assessment: 'c' })).not.toBe(eventUid('due', { server: 's', course: 'a', assessment: 'b.c' }));
  });

  it('leaves past deadlines out and keeps a late-end still ahead', () => {
    const afterDue = Date.parse('2024-10-02T12:00:00Z');
    const left = events(buildCalendar([hostile], afterDue)).map((v) => new ICAL.Event(v).uid);
    expect(left).toEqual([eventUid('end', hostile)]);
    expect(events(buildCalendar([hostile], Date.parse('2025-01-01T00:00:00Z')))).toHaveLength(0);
  });

  it('each event has a display reminder a day before', () => {
    for (const v of events(buildCalendar([hostile], NOW))) {
      const alarm = v.getFirstSubcomponent('valarm')!;
      expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
      const trigger = alarm.getFirstPropertyValue('trigger') as ICAL.Duration;
      expect(trigger.toSeconds()).toBe(-REMINDER_BEFORE_S);
    }
  });
});
