import { describe, expect, it } from 'vitest';
import { instructorAccess, COURSE_ASSISTANT_SENTENCE, MISSING_SCOPE_SENTENCE, NOT_GRANTED_SENTENCE, type RosterEntry } from '../../../preload/contract';
import { parseRosterCsv } from '../../../main/instructor/roster-csv';
import { diffEnrollment, planImport, toPatch } from '../../../main/instructor/roster-plan';

const entry = (email: string, over: Partial<RosterEntry> = {}): RosterEntry => ({
  email, firstName: '', lastName: '', lecture: '1', section: 'A', gradePolicy: '', nickname: '', dropped: false, role: 'student', ...over,
});

describe('roster diffs and import plans', () => {
  it('keeps only changed fields, so an edit never carries dropped=false along', () => {
    const current = entry('a@x.edu', { dropped: true });
    expect(diffEnrollment(current, { lecture: '1', section: 'B', dropped: true })).toEqual({ section: 'B' });
    expect(toPatch({ section: 'B', role: 'course_assistant', gradePolicy: 'p' })).toEqual({ section: 'B', auth_level: 'course_assistant', grade_policy: 'p' });
  });

  it('plans add, update (with the changed fields), unchanged and error per row; empty optional cells change nothing', () => {
    const rows = parseRosterCsv([
      'email,lecture,section,auth_level,nickname,dropped',
      'NEW@x.edu,1,A,student,,',
      'a@x.edu,1,B,student,,',
      'b@x.edu,1,A,student,,',
      'c@x.edu,1,A,course_assistant,,',
      'oops,1,A,student,,',
    ].join('\n'));
    const plan = planImport(rows, [entry('a@x.edu', { dropped: true, nickname: 'Al' }), entry('b@x.edu'), entry('c@x.edu', { dropped: true })]);
    expect(plan.map((p) => p.action)).toEqual(['add', 'update', 'unchanged', 'error', 'error']);
    expect(plan[0]!.write).toEqual({ kind: 'add', entry: { email: 'NEW@x.edu', lecture: '1', section: 'A', auth_level: 'student' } });
    expect(plan[1]).toMatchObject({ changes: ['section: A → B'], write: { kind: 'update', email: 'a@x.edu', changes: { section: 'B' } } });
    expect(plan[3]!.message).toMatch(/cannot be dropped/);
  });

  it('matches emails case-insensitively and addresses Autolab by the stored email', () => {
    const plan = planImport(parseRosterCsv('email,lecture,section,auth_level\nA@X.edu,2,A,student'), [entry('a@x.edu')]);
    expect(plan[0]).toMatchObject({ action: 'update', email: 'a@x.edu', write: { kind: 'update', email: 'a@x.edu' } });
  });
});

describe('who is offered the instructor pages', () => {
  it('hides them from students, explains them to CAs and to tokens without instructor_all', () => {
    expect(instructorAccess('student', ['instructor_all'])).toEqual({ kind: 'hidden' });
    expect(instructorAccess('course_assistant', ['instructor_all'])).toEqual({ kind: 'explain', message: COURSE_ASSISTANT_SENTENCE });
    expect(instructorAccess('instructor', ['user_info'])).toEqual({ kind: 'explain', message: MISSING_SCOPE_SENTENCE, offerSignIn: true });
    expect(instructorAccess('instructor', ['user_info'], true)).toEqual({ kind: 'explain', message: NOT_GRANTED_SENTENCE, offerSignIn: true });
    expect(instructorAccess('instructor', ['user_info', 'instructor_all'])).toEqual({ kind: 'allowed' });
  });
});
