import { describe, expect, it } from 'vitest';
import type { CourseUserDatum, Problem } from '../../../main/autolab/schemas';
import { buildClassView, medianOf } from '../../../main/instructor/class-view';

const person = (email: string, extra: Partial<CourseUserDatum> = {}): CourseUserDatum =>
  ({ email, first_name: 'F', last_name: 'L', lecture: '1', section: 'A', grade_policy: '', dropped: false, nickname: null, auth_level: 'student', ...extra }) as CourseUserDatum;
const problem = (name: string, max: number): Problem => ({ name, max_score: max, description: '', optional: false, starred: false }) as Problem;

describe('class view from Autolab answers', () => {
  it('counts only enrolled students, uses each one\'s latest version, and skips null scores', () => {
    const roster = [person('a@x'), person('b@x'), person('c@x', { dropped: true }), person('ta@x', { auth_level: 'course_assistant' })];
    const scores = {
      'a@x': { '1': { P: 2, Q: null }, '3': { P: 8, Q: 1 } }, // latest is version 3, not the last key order
      'b@x': { '1': { P: null, Q: null } },
      'c@x': { '1': { P: 10, Q: 10 } },
      'ta@x': { '1': { P: 10, Q: 10 } },
    };
    const v = buildClassView('c', 'a', scores, roster, [problem('P', 10), problem('Q', 10)]);
    expect([v.enrolled, v.submitted, v.notSubmitted.length, v.othersWithSubmissions]).toEqual([2, 2, 0, 2]);
    expect(v.problems[0]).toEqual({ name: 'P', maxScore: 10, mean: 8, median: 8, graded: 1 });
    // b's latest has no numbers at all: no total for b.
    expect(v.total).toEqual({ name: 'Total', maxScore: 20, mean: 9, median: 9, graded: 1 });
    expect(v.histogram[4]!.count).toBe(1); // 9 of 20 = 45 %
  });

  it('puts a full score in the last bin, and has no histogram without problems', () => {
    const full = buildClassView('c', 'a', { 'a@x': { '1': { P: 10 } } }, [person('a@x')], [problem('P', 10)]);
    expect(full.histogram[9]!.count).toBe(1);
    const none = buildClassView('c', 'a', { 'a@x': { '1': {} } }, [person('a@x'), person('b@x', { lecture: '2', section: 'B' })], []);
    expect(none.histogram.every((b) => b.count === 0)).toBe(true);
    expect(none.total).toMatchObject({ maxScore: 0, mean: null, median: null });
    expect(none.notSubmitted).toEqual([{ email: 'b@x', firstName: 'F', lastName: 'L', lecture: '2', section: 'B' }]);
  });

  it('medians of even and odd lists, and none of an empty one', () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([])).toBeNull();
  });
});
