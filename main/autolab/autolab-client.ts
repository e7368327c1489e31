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
import { createAutolabHttp, type AutolabHttp, type AutolabHttpOptions, type HttpRequest } from './autolab-http';
import {
  AllScoresSchema, AssessmentDetailSchema, AssessmentListSchema, CourseListSchema, CourseUserDataListSchema,
  CourseUserDatumSchema, FeedbackSchema, ProblemListSchema, SubmissionListSchema, UpdateLatestResultSchema,
  UserSchema, UserScoresSchema,
  type AllScores, type AssessmentDetail, type AssessmentSummary, type AuthLevel, type Course, type CourseState,
  type CourseUserDatum, type Problem, type Submission, type UpdateLatestResult, type User, type UserScores,
} from './schemas';
import { submitFile, type SubmitOptions, type SubmitOutcome } from './submit';

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
  /** The transport (for submit.ts and tests). */
  readonly http: AutolabHttp;
}

const seg = encodeURIComponent;
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

  async function call<S extends z.ZodType>(req: HttpRequest, schema: S): Promise<z.infer<S>> {
    const answer = await http.send(req);
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.body);
    } catch (err) {
      opts.log.warn('autolab: answer is not JSON', { path: req.path, status: answer.status });
      throw malformedAnswer(err);
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      opts.log.warn('autolab: answer does not match its schema', { path: req.path, issues: result.error.issues.slice(0, 3) });
      throw malformedAnswer(result.error);
    }
    return result.data;
  }
  const get = <S extends z.ZodType>(path: string, schema: S, searchParams?: Record<string, string>, signal?: AbortSignal) =>
    call({ method: 'GET', path, ...(searchParams ? { searchParams } : {}), ...(signal ? { signal } : {}) }, schema);
  const cud = (c: string, email?: string) => `courses/${seg(c)}/course_user_data${email === undefined ? '' : `/${seg(email)}`}`;

  return {
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
      submitFile({ http, log: opts.log, path: assessmentPath(c, a), listSubmissions: (signal) => get(`${assessmentPath(c, a)}/submissions`, SubmissionListSchema, undefined, signal) }, filePath, options),
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
  };
}
