/**
 * The Autolab API v1 client of one account (main process, plain Node).
 *
 * One method per route the app needs (autolab-api.md §4.1); every answer is
 * parsed by its zod schema (schemas.ts) and every failure surfaces as a
 * `UserError` with one sentence (autolab-errors.ts). Network policy (Bearer
 * header only, GET-only retries, 429 windows, 401 refresh, cross-origin
 * redirects) lives in autolab-http.ts; upload safety lives in submit.ts.
 */
import type { z } from 'zod';
import { downloadAssessmentFile, type AssessmentFileResult } from './assessment-download';
import { malformedAnswer } from './autolab-errors';
import { UserError } from '../user-error';
import { createAutolabHttp, type AutolabHttp, type AutolabHttpOptions, type HttpRequest } from './autolab-http';
import {
  AllScoresSchema, AssessmentDetailSchema, AssessmentListSchema, CourseListSchema, CourseUserDataListSchema,
  CourseUserDatumSchema, FeedbackSchema, GroupCreatedSchema, GroupDeletedSchema, GroupListSchema, GroupSettingsSchema,
  ProblemListSchema, ProblemSchema, SubmissionListSchema, UpdateLatestResultSchema, UserSchema, UserScoresSchema,
  type GroupList, type GroupSettings,
  type AllScores, type AssessmentDetail, type AssessmentSummary, type AuthLevel, type Course, type CourseState,
  type CourseUserDatum, type Problem, type Submission, type UpdateLatestResult, type User, type UserScores,
} from './schemas';
import { sampleFromDate } from './server-clock';
import { submitFile, type SubmitOptions, type SubmitOutcome, type TimedList } from './submit';

/** Options of {@link createAutolabClient}: those of its transport (autolab-http.ts). */
export type AutolabClientOptions = AutolabHttpOptions;

/** Fields of a new enrollment (autolab-api.md §4.14). */
export interface NewEnrollment {
  email: string;
  lecture: string;
  section: string;
  auth_level: AuthLevel;
  grade_policy?: string;
  dropped?: boolean;
  nickname?: string;
}
/** Fields an enrollment update may change (autolab-api.md §4.14). */
export type EnrollmentPatch = Partial<Omit<NewEnrollment, 'email'>>;

/** The Autolab client of one account. Every method throws `UserError` on failure. */
export interface AutolabClient {
  /** `GET /user` (§4.2). */
  user(): Promise<User>;
  /** `GET /courses[?state=]` (§4.3). */
  courses(state?: CourseState): Promise<Course[]>;
  /** `GET /courses/{c}/assessments` (§4.5). */
  assessments(course: string): Promise<AssessmentSummary[]>;
  /** `GET /courses/{c}/assessments/{a}` (§4.6). */
  assessment(course: string, assessment: string): Promise<AssessmentDetail>;
  /** `GET …/problems` (§4.11). */
  problems(course: string, assessment: string): Promise<Problem[]>;
  /** `GET …/submissions`, newest first (§4.9). */
  submissions(course: string, assessment: string, signal?: AbortSignal): Promise<Submission[]>;
  /** `GET …/submissions/{v}/feedback?problem=`: the raw autograder log (§4.10). */
  feedback(course: string, assessment: string, version: number, problem: string): Promise<string>;
  /** `GET …/writeup`: a URL, none, or a file saved into `destDir` (§4.7). */
  writeup(course: string, assessment: string, destDir: string, signal?: AbortSignal): Promise<AssessmentFileResult>;
  /** `GET …/handout`: a URL, none, or a file saved into `destDir` (§4.7). */
  handout(course: string, assessment: string, destDir: string, signal?: AbortSignal): Promise<AssessmentFileResult>;
  /** `GET …/submissions` with a sample of the server's clock (for judging a submit on the server's time). */
  timedSubmissions(course: string, assessment: string, signal?: AbortSignal): Promise<TimedList>;
  /** `POST …/submit` with the submit-safety protocol of submit.ts (§4.8). */
  submit(course: string, assessment: string, filePath: string, options?: SubmitOptions): Promise<SubmitOutcome>;
  /** `GET …/scores` (§4.12, instructor). */
  scores(course: string, assessment: string): Promise<AllScores>;
  /** `GET …/scores/{email}` (§4.12, instructor). */
  scoresFor(course: string, assessment: string, email: string): Promise<UserScores>;
  /** `PUT …/scores/{email}/update_latest` (§4.12, instructor); sent in Autolab's string-encoded form. */
  updateLatest(course: string, assessment: string, email: string, problems: Record<string, number>, updateGroupScores?: boolean): Promise<UpdateLatestResult>;
  /** `GET …/course_user_data` (§4.14, instructor). */
  enrollments(course: string): Promise<CourseUserDatum[]>;
  /** `GET …/course_user_data/{email}` (§4.14). */
  enrollment(course: string, email: string): Promise<CourseUserDatum>;
  /** `POST …/course_user_data` (§4.14). */
  createEnrollment(course: string, input: NewEnrollment): Promise<CourseUserDatum>;
  /** `PUT …/course_user_data/{email}` (§4.14). */
  updateEnrollment(course: string, email: string, patch: EnrollmentPatch): Promise<CourseUserDatum>;
  /** `DELETE …/course_user_data/{email}`: marks the enrollment dropped (§4.14). */
  dropEnrollment(course: string, email: string): Promise<CourseUserDatum>;
  /** `GET …/groups[?show_members=true]` (§4.13): with members, each group is a bare member array. */
  groups(course: string, assessment: string, showMembers: boolean): Promise<GroupList>;
  /** `POST …/groups` with Autolab's JSON body (§4.13); answers every group of the assessment. */
  createGroups(course: string, assessment: string, groups: Array<{ name: string; members: string[] }>): Promise<unknown>;
  /** `DELETE …/groups/{id}` (§4.13). */
  deleteGroup(course: string, assessment: string, id: number): Promise<unknown>;
  /** `POST …/set_group_settings` (§4.13; needs instructor_all, not user_courses as documented). */
  setGroupSettings(course: string, assessment: string, groupSize: number, allowStudentAssign: boolean): Promise<GroupSettings>;
  /** `POST …/problems` (§4.11): 201 with the problem. */
  createProblem(course: string, assessment: string, problem: { name: string; max_score: number; description?: string; optional?: boolean }): Promise<Problem>;
  /** The transport (for submit.ts and tests). */
  readonly http: AutolabHttp;
}

/**
 * One URL path step from a course, assessment or email. `.` and `..` are
 * refused: URL resolution would turn them into "this folder" and "parent"
 * (a name from a hostile server could then reach another endpoint).
 *
 * @throws UserError `bad-name`.
 */
function seg(name: string): string {
  if (name === '.' || name === '..' || name === '') {
    throw new UserError('bad-name', 'The server sent a course or assessment name Autolab Desktop cannot use ("." or ".."); ask your instructor to rename it.');
  }
  return encodeURIComponent(name);
}
const assessmentPath = (c: string, a: string) => `courses/${seg(c)}/assessments/${seg(a)}`;

function formOf(fields: Record<string, string | boolean | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = String(v);
  return out;
}

/**
 * Create the client of one account: one got instance, shared policies.
 *
 * @throws TypeError when `baseUrl` is not an http(s) URL.
 */
export function createAutolabClient(opts: AutolabClientOptions): AutolabClient {
  const http = createAutolabHttp(opts);

  function parseAnswer<S extends z.ZodType>(body: string, schema: S, where: string): z.infer<S> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (err) {
      opts.log.warn('autolab: answer is not JSON', { path: where });
      throw malformedAnswer(err);
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      opts.log.warn('autolab: answer does not match its schema', { path: where, issues: result.error.issues.slice(0, 3) });
      throw malformedAnswer(result.error);
    }
    return result.data;
  }
  async function call<S extends z.ZodType>(req: HttpRequest, schema: S): Promise<z.infer<S>> {
    const answer = await http.send(req);
    return parseAnswer(answer.body, schema, req.path);
  }
  const get = <S extends z.ZodType>(path: string, schema: S, searchParams?: Record<string, string>, signal?: AbortSignal) =>
    call({ method: 'GET', path, ...(searchParams ? { searchParams } : {}), ...(signal ? { signal } : {}) }, schema);
  /** The submissions list with a sample of the server's clock from its `Date` header (server-clock.ts). */
  async function timedSubmissions(c: string, a: string, signal?: AbortSignal): Promise<TimedList> {
    const sentAt = Date.now();
    const answer = await http.send({ method: 'GET', path: `${assessmentPath(c, a)}/submissions`, ...(signal ? { signal } : {}) });
    const clock = sampleFromDate(answer.headers.date, sentAt, Date.now());
    return { submissions: parseAnswer(answer.body, SubmissionListSchema, 'submissions'), clock };
  }
  const cud = (c: string, email?: string) => `courses/${seg(c)}/course_user_data${email === undefined ? '' : `/${seg(email)}`}`;

  return rejectSyncThrows<AutolabClient>({
    http,
    user: () => get('user', UserSchema),
    courses: (state) => get('courses', CourseListSchema, state ? { state } : undefined),
    assessments: (c) => get(`courses/${seg(c)}/assessments`, AssessmentListSchema),
    assessment: (c, a) => get(assessmentPath(c, a), AssessmentDetailSchema),
    problems: (c, a) => get(`${assessmentPath(c, a)}/problems`, ProblemListSchema),
    submissions: (c, a, signal) => get(`${assessmentPath(c, a)}/submissions`, SubmissionListSchema, undefined, signal),
    feedback: async (c, a, version, problem) =>
      (await get(`${assessmentPath(c, a)}/submissions/${version}/feedback`, FeedbackSchema, { problem })).feedback,
    writeup: (c, a, dir, signal) => downloadAssessmentFile(http, `${assessmentPath(c, a)}/writeup`, 'writeup', dir, `${a}-writeup`, signal, opts.downloadIdleMs),
    handout: (c, a, dir, signal) => downloadAssessmentFile(http, `${assessmentPath(c, a)}/handout`, 'handout', dir, `${a}-handout`, signal, opts.downloadIdleMs),
    submit: (c, a, filePath, options) =>
      submitFile({ http, log: opts.log, path: assessmentPath(c, a), listSubmissions: (signal) => timedSubmissions(c, a, signal) }, filePath, options),
    timedSubmissions: (c, a, signal) => timedSubmissions(c, a, signal),
    scores: (c, a) => get(`${assessmentPath(c, a)}/scores`, AllScoresSchema),
    scoresFor: (c, a, email) => get(`${assessmentPath(c, a)}/scores/${seg(email)}`, UserScoresSchema),
    updateLatest: (c, a, email, problems, updateGroupScores) =>
      call({
        method: 'PUT',
        path: `${assessmentPath(c, a)}/scores/${seg(email)}/update_latest`,
        // Autolab JSON.parses `problems` and .downcases `update_group_scores`: both must be strings (§4.12).
        form: formOf({ problems: JSON.stringify(problems), update_group_scores: updateGroupScores === undefined ? undefined : String(updateGroupScores) }),
      }, UpdateLatestResultSchema),
    enrollments: (c) => get(cud(c), CourseUserDataListSchema),
    enrollment: (c, email) => get(cud(c, email), CourseUserDatumSchema),
    createEnrollment: (c, input) => call({ method: 'POST', path: cud(c), form: formOf({ ...input }) }, CourseUserDatumSchema),
    updateEnrollment: (c, email, patch) => call({ method: 'PUT', path: cud(c, email), form: formOf({ ...patch }) }, CourseUserDatumSchema),
    dropEnrollment: (c, email) => call({ method: 'DELETE', path: cud(c, email) }, CourseUserDatumSchema),
    groups: (c, a, showMembers) => get(`${assessmentPath(c, a)}/groups`, GroupListSchema, showMembers ? { show_members: 'true' } : undefined),
    // Autolab reads the groups from a JSON body only: {"groups":[{"name":…,"group_members":[emails]}]}.
    createGroups: (c, a, groups) =>
      call({ method: 'POST', path: `${assessmentPath(c, a)}/groups`, json: { groups: groups.map((g) => ({ name: g.name, group_members: g.members })) } }, GroupCreatedSchema),
    deleteGroup: (c, a, id) => call({ method: 'DELETE', path: `${assessmentPath(c, a)}/groups/${id}` }, GroupDeletedSchema),
    setGroupSettings: (c, a, groupSize, allow) =>
      call({ method: 'POST', path: `${assessmentPath(c, a)}/set_group_settings`, form: { group_size: String(groupSize), allow_student_assign_group: String(allow) } }, GroupSettingsSchema),
    createProblem: (c, a, p) =>
      call({ method: 'POST', path: `${assessmentPath(c, a)}/problems`, form: formOf({ name: p.name, max_score: String(p.max_score), description: p.description, optional: p.optional }) }, ProblemSchema),
  });
}

/**
 * Make every method report a synchronous throw (a refused path step, see
 * `seg`) as a rejected promise, as callers that chain `.catch` expect.
 */
function rejectSyncThrows<T extends object>(methods: T): T {
  for (const [key, value] of Object.entries(methods)) {
    if (typeof value !== 'function') continue;
    const fn = value as (...args: unknown[]) => unknown;
    (methods as Record<string, unknown>)[key] = (...args: unknown[]) => {
      try {
        return fn(...args);
      } catch (err) {
        return Promise.reject(err);
      }
    };
  }
  return methods;
}
