/**
 * What the overview's screens show (issue 15): urgency order, recent grades,
 * course figures, the course list order and the Grades subtotals; semester
 * codes and roles in words; countdowns in hours and minutes within a day.
 */
import { describe, expect, it } from 'vitest';
import type { OverviewEntry } from '../../preload/contract';
import { countdown } from '../../renderer/domain/countdown';
import { courseOrder, courseSummary, gradesByCategory, recentGrades, scoreSummary, scoreText, upcoming } from '../../renderer/domain/overview';
import { roleInWords, spellSemester } from '../../renderer/domain/semester';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const H = 3_600_000;
const D = 24 * H;
const iso = (ms: number) => new Date(ms).toISOString();

function entry(name: string, o: { start: number; due: number; end?: number; category?: string; max?: number; maxSubs?: number; subs?: Array<{ v: number; at: number; scores: Record<string, number | null | 'unreleased'> }> | null; slack?: number; disabled?: boolean }): OverviewEntry {
  const subs = o.subs === undefined ? [] : o.subs;
  const latest = subs?.slice().sort((a, b) => b.v - a.v)[0];
  const nums = latest ? Object.values(latest.scores).filter((x): x is number => typeof x === 'number') : [];
  return {
    accountId: 'a1',
    serverName: 'Demo',
    course: { name: 'c', displayName: 'Course', semester: 'f24', role: 'student', state: 'current', lateSlackSec: o.slack ?? 0, graceDays: 0 },
    assessment: { name, displayName: name, category: o.category ?? 'Labs', startAt: iso(o.start), dueAt: iso(o.due), endAt: iso(o.end ?? o.due) },
    maxTotalScore: o.max ?? 100,
    maxSubmissions: o.maxSubs ?? -1,
    disableHandins: o.disabled ?? false,
    submissions: subs === null ? null : { count: subs.length, latest: latest ? { version: latest.v, filename: 'f', createdAt: iso(latest.at), scores: latest.scores, total: nums.length ? nums.reduce((a, b) => a + b, 0) : null, grading: false } : null },
    embeddedQuiz: false,
    checkedAt: NOW,
  };
}

describe('overview domain', () => {
  const soon = entry('soon', { start: NOW - 5 * D, due: NOW + 3 * H, maxSubs: 5, subs: [{ v: 1, at: NOW - D, scores: { p: 'unreleased' } }] });
  const later = entry('later', { start: NOW - 5 * D, due: NOW + 6 * D, subs: [{ v: 1, at: NOW - 2 * D, scores: { p: 50 } }] });
  const late = entry('late', { start: NOW - 9 * D, due: NOW - D, end: NOW + 2 * D, slack: 900 });
  const opening = entry('opening', { start: NOW + 5 * D, due: NOW + 20 * D });
  const farOff = entry('far-off', { start: NOW + 30 * D, due: NOW + 40 * D });
  const closed = entry('closed', { start: NOW - 30 * D, due: NOW - 10 * D, end: NOW - 8 * D, subs: [{ v: 1, at: NOW - 11 * D, scores: { a: 54, b: 40 } }] });
  const oldClosed = entry('old', { start: NOW - 60 * D, due: NOW - 40 * D, subs: [{ v: 1, at: NOW - 41 * D, scores: { a: 70 } }] });
  const noHandins = entry('no-handins', { start: NOW - D, due: NOW + D, disabled: true });
  const all = [later, farOff, closed, noHandins, opening, late, soon, oldClosed];

  it('orders Upcoming by the next deadline that matters, then soon-opening, then open work that cannot take a submission', () => {
    expect(upcoming(all, NOW).map((x) => x.entry.assessment.name)).toEqual(['soon', 'late', 'later', 'opening', 'no-handins']);
  });

  it('orders a course: open by due date, not yet open, then closed newest first', () => {
    expect(courseOrder(all, NOW).map((x) => x.entry.assessment.name)).toEqual(['soon', 'late', 'later', 'opening', 'far-off', 'no-handins', 'closed', 'old']);
  });

  it('lists released grades of the last 14 days, newest first, and prefers when the watcher saw the grade', () => {
    expect(recentGrades(all, NOW).map((g) => [g.entry.assessment.name, g.total])).toEqual([['later', 50], ['closed', 94]]);
    const seen = recentGrades(all, NOW, (e) => (e.assessment.name === 'old' ? NOW - H : undefined));
    expect(seen[0]?.entry.assessment.name).toBe('old');
  });

  it('gives a course card its open count and next deadline', () => {
    const s = courseSummary(all, NOW);
    expect(s.open).toBe(3);
    expect(s.next?.entry.assessment.name).toBe('soon');
  });

  it('says the latest score, "not released", "not submitted" or not known yet', () => {
    expect(scoreText(scoreSummary(later))).toBe('50/100');
    expect(scoreText(scoreSummary(soon))).toBe('Version 1: score not released');
    expect(scoreText(scoreSummary(late))).toBe('Not submitted');
    expect(scoreSummary(entry('x', { start: NOW, due: NOW, subs: null })).kind).toBe('unknown');
  });

  it('adds released scores by category; unreleased and open unsubmitted work add nothing, a closed one counts its maximum', () => {
    const missed = entry('missed', { start: NOW - 20 * D, due: NOW - 10 * D, category: 'Homework', max: 20 });
    const g = gradesByCategory([soon, later, closed, late, missed], NOW);
    expect(g.categories.map((c) => [c.name, c.earned, c.possible])).toEqual([['Labs', 144, 200], ['Homework', 0, 20]]);
    expect([g.earned, g.possible]).toEqual([144, 220]);
  });

  it('spells semester codes out and roles in words', () => {
    expect(spellSemester('f24')).toBe('Fall 2024');
    expect(spellSemester('S25')).toBe('Spring 2025');
    expect(spellSemester('fall-2023')).toBe('Fall 2023');
    expect(spellSemester('2024 Summer')).toBe('Summer 2024');
    expect(spellSemester('Term A')).toBe('Term A');
    expect(spellSemester(null)).toBeNull();
    expect(roleInWords('course_assistant')).toBe('Course assistant');
    expect(roleInWords('admin')).toBe('Administrator');
  });

  it('counts down in hours and minutes within the last day', () => {
    const a = { startAt: iso(NOW - D), dueAt: iso(NOW + 2 * H + 59 * 60_000 + 30_000) };
    expect(countdown('due-soon', a, 0, NOW)).toBe('due in 2 h 59 min');
    expect(countdown('due-soon', { ...a, dueAt: iso(NOW + 12 * 60_000) }, 0, NOW)).toBe('due in 12 min');
    expect(countdown('open', { ...a, dueAt: iso(NOW + 6 * D) }, 0, NOW)).toBe('due in 6 days');
    expect(countdown('late', a, NOW + D, NOW)).toMatch(/^late — accepted until /);
  });
});
