import { describe, expect, it } from 'vitest';
import {
  AllScoresSchema, AssessmentDetailSchema, AssessmentListSchema, AutolabDateTimeSchema, CourseListSchema,
  CourseUserDatumSchema, ErrorBodySchema, FeedbackSchema, GroupListSchema, GroupShowSchema, HandoutJsonSchema,
  ProblemListSchema, SubmissionListSchema, SubmitResultSchema, UpdateLatestResultSchema, UserSchema, UserScoresSchema,
  WriteupJsonSchema, epochMs,
} from '../../../main/autolab/schemas';

// Bodies as Autolab emits them (autolab-api.md §4, §8), including escaped HTML and float formatting.
const detail = `{"name":"datalab","display_name":"Data Lab \\u003cC\\u003e \\u0026 bits","category_name":"Labs","description":null,
 "start_at":"2024-09-20T00:00:00.000-04:00","due_at":"2024-10-01T23:59:00.000-04:00","end_at":"2024-10-03T23:59:00.000-04:00",
 "updated_at":"2024-09-01T10:00:00.000-04:00","max_grace_days":0,"max_submissions":-1,"max_unpenalized_submissions":-1,
 "disable_handins":null,"group_size":1,"writeup_format":"url","handout_format":"file","has_scoreboard":false,
 "has_autograder":true,"max_total_score":100.0,"max_scores":{"Correctness":80.0,"Style":20.0}}`;

describe('schemas accept Autolab’s documented answers and quirks', () => {
  it('user with null school/major/year', () => {
    expect(UserSchema.parse({ email: 'ada@example.edu', first_name: 'Ada', last_name: 'Lovelace', school: 'SCS', major: 'CS', year: '2' }).email).toBe('ada@example.edu');
    expect(UserSchema.parse({ email: 'a@x', first_name: 'A', last_name: 'B', school: null, major: null, year: null }).school).toBeNull();
  });
  it('courses list', () => {
    const c = CourseListSchema.parse(JSON.parse('[{"name":"15213-f24","semester":"f24","late_slack":0,"grace_days":5,"display_name":"Intro to Computer Systems","auth_level":"student"}]'));
    expect(c[0]?.auth_level).toBe('student');
  });
  it('assessments list with offsets, parsed without assuming UTC', () => {
    const [a] = AssessmentListSchema.parse(JSON.parse('[{"due_at":"2024-10-01T23:59:00.000-04:00","end_at":"2024-10-03T23:59:00.000-04:00","start_at":"2024-09-20T00:00:00.000-04:00","name":"datalab","display_name":"Data Lab","category_name":"Labs"}]'));
    expect(a?.due_at).toBe('2024-10-02T03:59:00.000Z');
    expect(epochMs(a!.due_at)).toBe(Date.UTC(2024, 9, 2, 3, 59));
  });
  it('assessment detail: escaped HTML is just JSON, disable_handins null means false', () => {
    const d = AssessmentDetailSchema.parse(JSON.parse(detail));
    expect(d.display_name).toBe('Data Lab <C> & bits');
    expect(d.disable_handins).toBe(false);
    expect(d.max_scores).toEqual({ Correctness: 80, Style: 20 });
  });
  it('assessment detail with no problems: max_total_score integer 0', () => {
    const d = AssessmentDetailSchema.parse({ ...JSON.parse(detail), max_total_score: 0, max_scores: {}, max_grace_days: null });
    expect(d.max_total_score).toBe(0);
  });
  it('problems', () => {
    expect(ProblemListSchema.parse([{ name: 'Correctness', description: '', max_score: 80.0, optional: false, starred: false }])).toHaveLength(1);
  });
  it('submissions: float, null, "unreleased" and missing problems', () => {
    const s = SubmissionListSchema.parse(JSON.parse('[{"version":2,"filename":"2_handin.c","created_at":"2024-10-01T22:10:05.123-04:00","scores":{"Correctness":80.0,"Style":"unreleased"}},{"version":1,"filename":"1_handin.c","created_at":"2024-10-01T21:00:00.000-05:00","scores":{"Correctness":null}}]'));
    expect(s[0]?.scores).toEqual({ Correctness: 80, Style: 'unreleased' });
    expect(s[1]?.scores.Style).toBeUndefined();
  });
  it('feedback, writeup/handout JSON forms, submit result, error body', () => {
    expect(FeedbackSchema.parse({ feedback: 'log\n{"scores":{"Correctness":80.0}}' }).feedback).toContain('scores');
    expect(WriteupJsonSchema.parse({ url: 'https://x/y.pdf' })).toEqual({ url: 'https://x/y.pdf' });
    expect(WriteupJsonSchema.parse({ writeup: 'none' })).toEqual({ writeup: 'none' });
    expect(HandoutJsonSchema.parse({ handout: 'none' })).toEqual({ handout: 'none' });
    expect(SubmitResultSchema.parse({ version: 4, filename: '4_handin.c' }).version).toBe(4);
    expect(ErrorBodySchema.parse(JSON.parse('{"error": "Too Many Requests. Retry Later."}')).error).toMatch(/Too Many/);
  });
  it('scores, scoresFor ({} when none), update_latest echo', () => {
    expect(AllScoresSchema.parse({ 'a@x': { '1': { P1: 10.0, P2: null } } })['a@x']?.['1']?.P2).toBeNull();
    expect(UserScoresSchema.parse({})).toEqual({});
    expect(UpdateLatestResultSchema.parse({ 'a@x': { 'Problem 1': 10 } })).toBeTruthy();
  });
  it('course_user_data and the groups quirks', () => {
    expect(CourseUserDatumSchema.parse({ lecture: '1', section: 'A', grade_policy: '', dropped: false, nickname: null, email: 'a@x', first_name: 'A', last_name: 'B', school: 'S', major: 'M', year: '1', auth_level: 'student' }).dropped).toBe(false);
    const groups = GroupListSchema.parse({ group_size: 2, groups: [{ id: 1, name: 'g', created_at: '2024-09-01T10:00:00.000-04:00', updated_at: '2024-09-01T10:00:00.000-04:00' }, [{ email: 'a@x', course_user_datum_id: 3 }]], assessment: { id: 9 } });
    expect(groups.groups).toHaveLength(2);
    expect(GroupShowSchema.parse([{ email: 'a@x', first_name: 'A', course_user_datum_id: 3 }])).toHaveLength(1);
  });
  it('normalised datetimes validate again (cache round-trip)', () => {
    const once = AutolabDateTimeSchema.parse('2024-03-10T01:30:00.000-05:00');
    expect(AutolabDateTimeSchema.parse(once)).toBe(once);
  });
});

describe('schemas reject garbage', () => {
  it.each([
    ['course without name', () => CourseListSchema.parse([{ semester: 'f', late_slack: 0, grace_days: 0, display_name: 'x', auth_level: 'student' }])],
    ['unknown auth level', () => CourseListSchema.parse([{ name: 'c', semester: null, late_slack: 0, grace_days: 0, display_name: 'x', auth_level: 'owner' }])],
    ['float version', () => SubmitResultSchema.parse({ version: 4.5, filename: 'x' })],
    ['score of a wrong string', () => SubmissionListSchema.parse([{ version: 1, filename: 'f', created_at: '2024-10-01T22:10:05.123-04:00', scores: { P: 'ten' } }])],
    ['datetime without an offset', () => AutolabDateTimeSchema.parse('2024-10-01T22:10:05')],
    ['datetime that is not a date', () => AutolabDateTimeSchema.parse('yesterday')],
    ['HTML page instead of a list', () => AssessmentListSchema.parse('<html>')],
    ['writeup of another shape', () => WriteupJsonSchema.parse({ writeup: 'file' })],
    ['detail with a bad format', () => AssessmentDetailSchema.parse({ ...JSON.parse(detail), writeup_format: 'pdf' })],
  ])('%s', (_name, run) => {
    expect(run).toThrow();
  });
});
