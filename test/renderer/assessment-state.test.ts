import { describe, expect, it } from 'vitest';
import { assessmentState, type AssessmentStateInput } from '../../renderer/domain/assessment-state';
import { formatBytes } from '../../renderer/domain/byte-size';
import { formatDuration, formatRelative } from '../../renderer/domain/time-format';

const H = 3_600_000;
const base = Date.parse('2024-10-01T12:00:00.000-04:00');
const iso = (ms: number) => new Date(ms).toISOString();
/** start 10 days before base, due 3 days after, end 5 days after, 1 h late slack. */
function at(now: number, extra: Partial<AssessmentStateInput> = {}): AssessmentStateInput {
  return { startAt: iso(base - 240 * H), dueAt: iso(base + 72 * H), endAt: iso(base + 120 * H), lateSlackSec: 3600, now, ...extra };
}

describe('assessmentState', () => {
  it('is not yet open before start_at', () => {
    expect(assessmentState(at(base - 241 * H))).toMatchObject({ kind: 'not-yet-open', canSubmit: false });
  });
  it('is open well before the due date', () => {
    expect(assessmentState(at(base))).toMatchObject({ kind: 'open', canSubmit: true });
  });
  it('is due soon within 24 h of the due date', () => {
    expect(assessmentState(at(base + 49 * H)).kind).toBe('due-soon');
    expect(assessmentState(at(base + 71.9 * H)).kind).toBe('due-soon');
    expect(assessmentState(at(base + 47 * H)).kind).toBe('open');
  });
  it('is late but accepted after due_at until end_at plus late slack', () => {
    const s = assessmentState(at(base + 73 * H));
    expect(s).toMatchObject({ kind: 'late', canSubmit: true, acceptedUntil: base + 121 * H });
    expect(assessmentState(at(base + 120.5 * H)).kind).toBe('late');
  });
  it('is closed after end_at plus late slack', () => {
    expect(assessmentState(at(base + 121 * H + 1))).toMatchObject({ kind: 'closed', canSubmit: false });
  });
  it('treats a zero late slack as closing exactly at end_at', () => {
    expect(assessmentState(at(base + 120 * H + 1, { lateSlackSec: 0 })).kind).toBe('closed');
  });
  it('says handins are disabled whatever the dates', () => {
    expect(assessmentState(at(base, { disableHandins: true }))).toMatchObject({ kind: 'handins-disabled', canSubmit: false });
  });
  it('counts submissions left and stops at the limit', () => {
    expect(assessmentState(at(base, { maxSubmissions: 5, submissionCount: 2 })).submissionsLeft).toBe(3);
    expect(assessmentState(at(base, { maxSubmissions: 5, submissionCount: 5 }))).toMatchObject({ kind: 'limit-reached', canSubmit: false });
  });
  it('treats max_submissions -1 as unlimited', () => {
    expect(assessmentState(at(base, { maxSubmissions: -1, submissionCount: 99 }))).toMatchObject({ kind: 'open', submissionsLeft: null });
  });
  it('leaves the limit unknown when the count is unknown', () => {
    expect(assessmentState(at(base, { maxSubmissions: 5 })).submissionsLeft).toBeNull();
  });
});

describe('formatting', () => {
  it('says durations the way people do', () => {
    expect(formatDuration(30_000)).toBe('less than a minute');
    expect(formatDuration(45 * 60_000)).toBe('45 min');
    expect(formatDuration(3 * H)).toBe('3 h');
    expect(formatDuration(50 * H)).toBe('2 days');
    expect(formatRelative(base + 3 * H, base)).toBe('in 3 h');
    expect(formatRelative(base - 96 * H, base)).toBe('4 days ago');
  });
  it('formats byte sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1500)).toBe('1.5 KB');
    expect(formatBytes(256 * 1024 * 1024)).toBe('256 MB');
  });
});
