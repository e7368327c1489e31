/**
 * The demo world: users, courses, assessments in every state, submissions and OAuth apps.
 *
 * Why: "Try the demo" and every test need a course a client must render fully: upcoming,
 * open, due soon, late-but-open, closed, handins disabled, limited submissions, file/URL/none
 * handouts and writeups, autograded or not, groups, released and unreleased scores (issue 3).
 * Dates are relative to the sandbox clock at seeding so "due soon" is always due soon.
 */
import { easternDate } from '../http/clock.js';
import { urlsafeToken } from '../http/random-token.js';
import { emptyState, nextId, type Assessment, type Enrollment, type SandboxState, type User } from './state.js';
import { autograderLog, gradeContent } from './autograder.js';
import { demoHandoutC, demoWriteupPdf, demoWriteupText } from './demo-files.js';

/** The fixed demo accounts (printed in SandboxInfo.users). */
export const DEMO_USERS = [
  { email: 'student@example.edu', password: 'demo-student', role: 'student', first: 'Sam', last: 'Student' },
  { email: 'instructor@example.edu', password: 'demo-instructor', role: 'instructor', first: 'Ines', last: 'Instructor' },
  { email: 'ta@example.edu', password: 'demo-ta', role: 'course_assistant', first: 'Tara', last: 'Assistant' },
  { email: 'admin@example.edu', password: 'demo-admin', role: 'admin', first: 'Ada', last: 'Admin' },
] as const;

/** Name of the main demo application. */
export const DEMO_APP_NAME = 'Autolab Desktop';
/** Name of the second application, registered with `user_info` only (for scope tests). */
export const SCOPE_TEST_APP_NAME = 'Scope Test (user_info only)';
/** The current demo course's URL name. */
export const CURRENT_COURSE = 'demo-15213';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * Redirect URIs of the demo apps for a base URL.
 *
 * Why: `production` registers them as a stock production Autolab must (no `http://` loopback),
 * so only the device flow works (autolab-api.md §2.6, §9).
 */
export function demoRedirectUris(baseUrl: string, production: boolean): string[] {
  const device = `${baseUrl}/device_flow_auth_cb`;
  const oob = 'urn:ietf:wg:oauth:2.0:oob';
  return production ? [device, oob] : ['http://127.0.0.1/callback', device, oob];
}

function user(state: SandboxState, email: string, password: string, first: string, last: string, admin: boolean, now: number): User {
  const u: User = { id: nextId(state), email, password, first_name: first, last_name: last, school: 'SCS', major: 'CS', year: '2', administrator: admin, created_at: now };
  state.users.push(u);
  return u;
}

function enroll(state: SandboxState, courseId: number, userId: number, level: Enrollment['auth_level'], lecture = '1', section = 'A'): Enrollment {
  const e: Enrollment = { id: nextId(state), course_id: courseId, user_id: userId, lecture, section, grade_policy: '', dropped: false, nickname: null, auth_level: level };
  state.enrollments.push(e);
  return e;
}

type AssessmentSeed = Partial<Assessment> & Pick<Assessment, 'name' | 'display_name' | 'start_at' | 'due_at' | 'end_at' | 'handin_filename'>;

function assessment(state: SandboxState, courseId: number, seed: AssessmentSeed, problems: Array<[string, number]>, now: number): Assessment {
  const a: Assessment = {
    id: nextId(state),
    course_id: courseId,
    category_name: 'Labs',
    description: null,
    updated_at: now,
    created_at: now,
    max_grace_days: 0,
    max_submissions: -1,
    version_threshold: null,
    disable_handins: false,
    group_size: 1,
    allow_student_assign_group: false,
    has_scoreboard: false,
    has_autograder: false,
    release_scores: true,
    max_size: 2,
    embedded_quiz: false,
    writeup: { kind: 'none' },
    handout: { kind: 'none' },
    ...seed,
  };
  state.assessments.push(a);
  for (const [name, max] of problems) {
    state.problems.push({ id: nextId(state), assessment_id: a.id, name, description: `${name} points`, max_score: max, optional: false, starred: false });
  }
  return a;
}

/** Add a graded submission computed with the autograder rule on `content`. */
function graded(state: SandboxState, a: Assessment, e: Enrollment, content: string, createdAt: number, released: boolean, withFeedback = true): void {
  const version = Math.max(0, ...state.submissions.filter((s) => s.assessment_id === a.id && s.enrollment_id === e.id).map((s) => s.version)) + 1;
  const s = { id: nextId(state), assessment_id: a.id, enrollment_id: e.id, version, filename: `${version}_${a.handin_filename}`, created_at: createdAt, file: null, app_id: null, grading: 'done' as const };
  state.submissions.push(s);
  const problems = state.problems.filter((p) => p.assessment_id === a.id);
  const buf = Buffer.from(content);
  const scores = gradeContent(buf, problems);
  const log = withFeedback ? autograderLog(`${a.name}_${version}_seed`, a.handin_filename, buf, scores, problems, new Date(createdAt)) : null;
  for (const p of problems) state.scores.push({ submission_id: s.id, problem_id: p.id, score: scores.get(p.name) ?? 0, feedback: log, released });
}

/**
 * Build the demo state at sandbox time `now`.
 *
 * Why: see the file comment.
 */
export function seedDemoState(now: number, baseUrl: string, production: boolean): SandboxState {
  const state = emptyState();
  const at = (ms: number): number => Math.floor(ms / 60_000) * 60_000;
  const [student, instructor, ta, admin] = DEMO_USERS.map((d) => user(state, d.email, d.password, d.first, d.last, d.role === 'admin', now)) as [User, User, User, User];
  const alice = user(state, 'alice@example.edu', 'demo-alice', 'Alice', 'Classmate', false, now);
  const bob = user(state, 'bob@example.edu', 'demo-bob', 'Bob', 'Classmate', false, now);
  const course = (name: string, display: string, semester: string, startDays: number, endDays: number, extra: Partial<SandboxState['courses'][number]> = {}): number => {
    const id = nextId(state);
    state.courses.push({ id, name, display_name: display, semester, late_slack: 0, grace_days: 5, start_date: easternDate(now + startDays * DAY), end_date: easternDate(now + endDays * DAY), disabled: false, disable_on_end: false, version_threshold: -1, ...extra });
    return id;
  };
  const cur = course(CURRENT_COURSE, 'Introduction to Computer Systems (Demo)', 'f24', -40, 70, { late_slack: 900 });
  const old = course('demo-15122', 'Principles of Imperative Computation (Demo)', 's24', -200, -60);
  course('demo-15440', 'Distributed Systems (Demo, upcoming)', 's25', 30, 150);
  const off = course('demo-disabled', 'Archived Seminar (Demo, disabled)', 'f23', -300, 20, { disabled: true });
  const s = enroll(state, cur, student.id, 'student');
  enroll(state, cur, instructor.id, 'instructor');
  enroll(state, cur, ta.id, 'course_assistant', '1', 'B');
  const ea = enroll(state, cur, alice.id, 'student');
  enroll(state, cur, bob.id, 'student', '1', 'B');
  const sOld = enroll(state, old, student.id, 'student');
  enroll(state, old, instructor.id, 'instructor');
  enroll(state, off, student.id, 'student');
  enroll(state, off, instructor.id, 'instructor');
  const upcomingCourse = state.courses.find((c) => c.name === 'demo-15440');
  if (upcomingCourse) enroll(state, upcomingCourse.id, student.id, 'student');
  const pdf = { kind: 'file' as const, filename: 'writeup.pdf', content: demoWriteupPdf() };

  const data = assessment(state, cur, { name: 'datalab', display_name: 'Data Lab', description: 'Bit-level puzzles. Start from bits.c in the handout.', start_at: at(now - 10 * DAY), due_at: at(now + 6 * DAY), end_at: at(now + 8 * DAY), handin_filename: 'bits.c', has_autograder: true, has_scoreboard: true, writeup: pdf, handout: { kind: 'file', filename: 'bits.c', content: demoHandoutC() } }, [['Correctness', 80], ['Performance', 20]], now);
  graded(state, data, s, 'int bitAnd(int x, int y) { return ~(~x | ~y); }\n// TODO: the rest\n', at(now - 2 * DAY), true);
  const bomb = assessment(state, cur, { name: 'bomblab', display_name: 'Bomb Lab', description: 'Defuse six phases. Due soon!', start_at: at(now - 12 * DAY), due_at: at(now + 3 * HOUR), end_at: at(now + 3 * HOUR), handin_filename: 'defuse.txt', has_autograder: true, release_scores: false, max_submissions: 5, version_threshold: 3, writeup: { kind: 'url', url: 'https://example.edu/15213/bomblab.html' }, handout: { kind: 'url', url: 'https://example.edu/15213/bomblab-handout.tar' } }, [['Defused', 60], ['Secret', 10]], now);
  graded(state, bomb, s, 'Border relations with Canada have never been better.\nFAIL phase 2\n', at(now - DAY), false);
  graded(state, bomb, s, 'Border relations with Canada have never been better.\nSCORE Defused 50\nSCORE Secret 0\n', at(now - 5 * HOUR), false);
  const attack = assessment(state, cur, { name: 'attacklab', display_name: 'Attack Lab (pairs)', description: 'Work in groups of two. Late submissions accepted until end_at.', start_at: at(now - 14 * DAY), due_at: at(now - DAY), end_at: at(now + 2 * DAY), handin_filename: 'exploit.txt', has_autograder: true, group_size: 2, max_grace_days: 2, writeup: { kind: 'file', filename: 'attacklab.txt', content: demoWriteupText('Attack Lab') } }, [['Phase1', 50], ['Phase2', 50]], now);
  const g = { id: nextId(state), assessment_id: attack.id, name: 'Sam and Alice', created_at: now, updated_at: now };
  state.groups.push(g);
  state.memberships.push({ group_id: g.id, enrollment_id: s.id, confirmed: true }, { group_id: g.id, enrollment_id: ea.id, confirmed: true });
  const cache = assessment(state, cur, { name: 'cachelab', display_name: 'Cache Lab', start_at: at(now - 30 * DAY), due_at: at(now - 10 * DAY), end_at: at(now - 8 * DAY), handin_filename: 'csim.c', writeup: pdf }, [['Simulator', 60], ['Transpose', 40]], now);
  graded(state, cache, s, 'SCORE Simulator 54\nSCORE Transpose 40\n', at(now - 11 * DAY), true, false);
  const cacheSub = state.submissions[state.submissions.length - 1];
  const cacheRow = state.scores.find((x) => x.submission_id === cacheSub?.id);
  if (cacheRow) cacheRow.feedback = 'Simulator: misses on trace 3. Transpose: full marks. -- TA';
  assessment(state, cur, { name: 'malloclab', display_name: 'Malloc Lab', start_at: at(now + 5 * DAY), due_at: at(now + 20 * DAY), end_at: at(now + 22 * DAY), handin_filename: 'mm.c', has_autograder: true, writeup: pdf }, [['Correctness', 70], ['Utilization', 30]], now);
  assessment(state, cur, { name: 'proxylab', display_name: 'Proxy Lab (handins disabled)', start_at: at(now - 5 * DAY), due_at: at(now + 10 * DAY), end_at: at(now + 12 * DAY), handin_filename: 'proxy.c', disable_handins: true, handout: { kind: 'url', url: 'https://example.edu/15213/proxylab-handout.tar' } }, [['Basic', 40], ['Concurrency', 30], ['Cache', 30]], now);
  assessment(state, cur, { name: 'writtenhw1', display_name: 'Written Homework 1', category_name: 'Homework', start_at: at(now - 3 * DAY), due_at: at(now + 4 * DAY), end_at: at(now + 4 * DAY), handin_filename: 'hw1.pdf', max_submissions: 1, disable_handins: null }, [['Q1', 10], ['Q2', 10]], now);
  assessment(state, cur, { name: 'quiz1', display_name: 'Quiz 1 (embedded)', category_name: 'Quizzes', start_at: at(now - 2 * DAY), due_at: at(now + 2 * DAY), end_at: at(now + 2 * DAY), handin_filename: 'quiz.json', embedded_quiz: true }, [['Quiz', 5]], now);
  const clac = assessment(state, old, { name: 'clac', display_name: 'Clac', category_name: 'Programs', start_at: at(now - 180 * DAY), due_at: at(now - 160 * DAY), end_at: at(now - 158 * DAY), handin_filename: 'clac.c0', has_autograder: true, writeup: pdf }, [['Correctness', 90], ['Style', 10]], now);
  graded(state, clac, sOld, 'SCORE Correctness 81.5\nSCORE Style 10\n', at(now - 161 * DAY), true);

  for (const [name, scopes] of [
    [DEMO_APP_NAME, ['user_info', 'user_courses', 'user_scores', 'user_submit', 'instructor_all']],
    [SCOPE_TEST_APP_NAME, ['user_info']],
  ] as const) {
    state.applications.push({ id: nextId(state), name, uid: urlsafeToken(), secret: urlsafeToken(), redirect_uris: demoRedirectUris(baseUrl, production), scopes: [...scopes], confidential: true });
  }
  void admin;
  return state;
}

/**
 * Make sure `count` generated students (`student0001@example.edu`, …) are enrolled in the
 * current course.
 *
 * Why: a 2,000-row roster test (issue 3 option `seedStudents`); idempotent across restarts.
 */
export function ensureSeedStudents(state: SandboxState, count: number, now: number): void {
  const course = state.courses.find((c) => c.name === CURRENT_COURSE);
  if (!course || count <= 0) return;
  const have = new Set(state.users.map((u) => u.email));
  for (let i = 1; i <= count; i++) {
    const email = `student${String(i).padStart(4, '0')}@example.edu`;
    if (have.has(email)) continue;
    const u = user(state, email, `demo-student${i}`, `Student${i}`, `Generated`, false, now);
    enroll(state, course.id, u.id, 'student', String(1 + (i % 2)), String.fromCharCode(65 + (i % 6)));
  }
}

/**
 * Make sure `count` generated open assessments (`seeded001`, …) exist in the current course,
 * each with one graded, released submission of the demo student.
 *
 * Why: the watcher benchmark (issue 15 option `seedAssessments`): a semester with 50 open
 * assessments, none near its deadline, so a rescan's cost shows what it spends on what did not
 * change. Due dates are spread 3 to 28 days ahead; idempotent across restarts.
 */
export function ensureSeedAssessments(state: SandboxState, count: number, now: number): void {
  const course = state.courses.find((c) => c.name === CURRENT_COURSE);
  const student = state.users.find((u) => u.email === DEMO_USERS[0].email);
  const enrollment = state.enrollments.find((e) => e.course_id === course?.id && e.user_id === student?.id);
  if (!course || !enrollment || count <= 0) return;
  const at = (ms: number): number => Math.floor(ms / 60_000) * 60_000;
  const have = new Set(state.assessments.filter((a) => a.course_id === course.id).map((a) => a.name));
  for (let i = 1; i <= count; i++) {
    const name = `seeded${String(i).padStart(3, '0')}`;
    if (have.has(name)) continue;
    const due = at(now + 3 * DAY + ((i * 25 * DAY) / count));
    const a = assessment(state, course.id, { name, display_name: `Exercise ${i}`, category_name: 'Exercises', start_at: at(now - 7 * DAY), due_at: due, end_at: due + DAY, handin_filename: `ex${i}.c`, has_autograder: true }, [['Tests', 10]], now);
    graded(state, a, enrollment, 'SCORE Tests 7\n', at(now - DAY), true, false);
  }
}
