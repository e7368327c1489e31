/**
 * Upcoming's one list across platforms (issues 13 and 15): Open edX deadlines
 * sit among Autolab's assessments that take work now, by due date, before
 * soon-opening and not-submittable Autolab work; a passed Open edX due date
 * is not upcoming; recent grades of both platforms newest first; and the row
 * note that says a date is from an earlier look.
 */
import { describe, expect, it } from 'vitest';
import type { OpenedxOverview, OpenedxUpcoming, OverviewEntry } from '../../preload/contract';
import { recentGrades, upcoming } from '../../renderer/domain/overview';
import { mergeRecentGrades, mergeUpcoming, staleNote } from '../../renderer/domain/upcoming-rows';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const H = 3_600_000;
const D = 24 * H;
const iso = (ms: number) => new Date(ms).toISOString();

function entry(name: string, o: { start: number; due: number; end?: number; disabled?: boolean; graded?: number }): OverviewEntry {
  return {
    accountId: 'a1',
    serverName: 'Demo',
    course: { name: 'c', displayName: 'Course', semester: 'f24', role: 'student', state: 'current', lateSlackSec: 0, graceDays: 0 },
    assessment: { name, displayName: name, category: 'Labs', startAt: iso(o.start), dueAt: iso(o.due), endAt: iso(o.end ?? o.due) },
    maxTotalScore: 100,
    maxSubmissions: -1,
    disableHandins: o.disabled ?? false,
    submissions: o.graded === undefined ? { count: 0, latest: null } : { count: 1, latest: { version: 1, filename: 'f', createdAt: iso(o.graded), scores: { p: 80 }, total: 80, grading: false } },
    embeddedQuiz: false,
    checkedAt: NOW,
  };
}
const edx = (name: string, due: number): OpenedxUpcoming => ({ siteId: 'edx-1', siteName: 'Demo Open edX', courseKey: 'course-v1:X+Y+Z', courseName: 'R Basics', id: `block-${name}`, name, due: iso(due), lmsWebUrl: 'http://127.0.0.1:1/x' });

describe('Upcoming across platforms', () => {
  it('places Open edX deadlines among Autolab work by due date, before soon-opening and not-submittable work; a passed due date is left out', () => {
    const autolab = upcoming(
      [
        entry('bomb', { start: NOW - D, due: NOW + 3 * H }),
        entry('late', { start: NOW - 9 * D, due: NOW - D, end: NOW + 2 * D + H }),
        entry('data', { start: NOW - D, due: NOW + 6 * D }),
        entry('opening', { start: NOW + 2 * D, due: NOW + 9 * D }),
        entry('no-handins', { start: NOW - D, due: NOW + D, disabled: true }),
      ],
      NOW,
    );
    const rows = mergeUpcoming(autolab, [edx('Final', NOW + 4 * D), edx('Homework 2', NOW + 30 * H), edx('Past', NOW - H), edx('Midterm', NOW + 9 * D)], NOW);
    expect(rows.map((r) => (r.kind === 'autolab' ? r.item.entry.assessment.name : `edx:${r.item.name}`))).toEqual(['bomb', 'edx:Homework 2', 'late', 'edx:Final', 'data', 'edx:Midterm', 'opening', 'no-handins']);
    // One minute past its due date, Homework 2 is no longer upcoming.
    expect(mergeUpcoming([], [edx('Homework 2', NOW + 30 * H)], NOW + 30 * H + 60_000)).toEqual([]);
  });

  it('merges recent grades of both platforms, newest first', () => {
    const autolab = recentGrades([entry('data', { start: NOW - 5 * D, due: NOW + D, graded: NOW - 2 * D })], NOW);
    const seen: OpenedxOverview['recentGrades'] = [{ siteId: 'edx-1', siteName: 'Demo Open edX', courseKey: 'k', courseName: 'R Basics', percent: 0.82, letter: 'B', passed: true, at: NOW - H }];
    expect(mergeRecentGrades(autolab, seen).map((r) => r.kind)).toEqual(['openedx', 'autolab']);
  });

  it('says on the row when a date is from an earlier look: site unreachable, signed out, or nothing when current', () => {
    const site = { siteId: 'edx-1', siteName: 'Demo Open edX', signedIn: true, checkedAt: NOW - H, unreachable: false, problem: null };
    const at = () => '11:00';
    expect(staleNote(site, at)).toBeNull();
    expect(staleNote({ ...site, unreachable: true, problem: 'Autolab Desktop could not reach x.' }, at)).toBe('Date as of 11:00: Demo Open edX could not be reached');
    expect(staleNote({ ...site, signedIn: false }, at)).toBe('Date as of 11:00: signed out of Demo Open edX');
  });
});
