/**
 * The Open edX sandbox's data: users, OAuth applications (DOT), tokens,
 * courses with their block trees, enrollments and course grades.
 *
 * Why: one plain JSON-able object, seeded with a demo learner and three
 * courses whose due dates sit relative to the sandbox clock, so "approaching
 * deadline" always has something to show. Persisted to `--data DIR` so a
 * restart keeps tokens and grade changes, like a real LMS database.
 */
import { randomBytes } from 'node:crypto';

/** An LMS user. */
export interface EdxUser {
  id: number;
  username: string;
  email: string;
  password: string;
  name: string;
  /** The JWT `sub`: an anonymous per-user id (providers.md §1.3). */
  anonymousId: string;
  isStaff: boolean;
}

/** A DOT application (`/admin/oauth2_provider/application/`): one grant type, allowed scopes (ApplicationAccess). */
export interface EdxApplication {
  name: string;
  clientId: string;
  clientSecret: string;
  clientType: 'confidential' | 'public';
  grantType: 'client-credentials' | 'authorization-code';
  redirectUris: string[];
  /** Scopes the application may be granted beyond the defaults. */
  scopes: string[];
  /** The owner: client_credentials tokens act as this user. */
  userId: number;
}

/** An issued DOT access token (opaque) or refresh token. */
export interface EdxToken {
  token: string;
  clientId: string;
  userId: number;
  scopes: string[];
  /** Epoch ms (sandbox clock); refresh tokens: 90 days. */
  expiresAt: number;
  revoked: boolean;
}

/** A graded (or ungraded) subsection in a course outline. */
export interface EdxSubsection {
  blockId: string;
  displayName: string;
  graded: boolean;
  /** Assignment type, e.g. `Homework`, `Exam` (empty when ungraded). */
  format: string;
  /** Offset from the sandbox's seed time in hours; null = no due date. */
  dueOffsetHours: number | null;
  problems: string[];
}

/** A course run. */
export interface EdxCourse {
  courseKey: string;
  name: string;
  org: string;
  number: string;
  startOffsetDays: number;
  endOffsetDays: number;
  chapters: Array<{ blockId: string; displayName: string; subsections: EdxSubsection[] }>;
}

/** A learner's course grade. */
export interface EdxGrade {
  username: string;
  courseKey: string;
  percent: number;
  letterGrade: string | null;
  passed: boolean;
}

/** The whole sandbox state. */
export interface EdxState {
  version: 1;
  /** The HS256 secret (JWT_AUTH JWT_SECRET_KEY): only the server knows it. */
  jwtSecret: string;
  /** Epoch ms the relative dates are measured from. */
  seededAt: number;
  users: EdxUser[];
  applications: EdxApplication[];
  accessTokens: EdxToken[];
  refreshTokens: EdxToken[];
  courses: EdxCourse[];
  enrollments: Array<{ username: string; courseKey: string; mode: string; isActive: boolean; created: number }>;
  grades: EdxGrade[];
}

const hex = (n: number) => randomBytes(n).toString('hex');
const token = (n = 30) => randomBytes(n).toString('base64url').replace(/[-_]/g, '').slice(0, n);

/** The fixed loopback port the demo browser-sign-in app registers (DOT matches redirects exactly). */
export const DEMO_LOOPBACK_PORT = 47613;

/** The demo users and their passwords (printed at start). */
export const DEMO_EDX_USERS = [
  { username: 'ada_learner', email: 'ada@example.org', password: 'edx-demo-learner', name: 'Ada Lovelace', isStaff: false },
  { username: 'grace_staff', email: 'grace@example.org', password: 'edx-demo-staff', name: 'Grace Hopper', isStaff: true },
] as const;

function block(courseKey: string, type: string, name: string): string {
  return `block-v1:${courseKey.slice('course-v1:'.length)}+type@${type}+block@${name}`;
}

function course(courseKey: string, name: string, start: number, end: number, subs: Array<[string, boolean, string, number | null]>): EdxCourse {
  const [org = '', number = ''] = courseKey.slice('course-v1:'.length).split('+');
  return {
    courseKey,
    name,
    org,
    number,
    startOffsetDays: start,
    endOffsetDays: end,
    chapters: [
      {
        blockId: block(courseKey, 'chapter', 'week1'),
        displayName: 'Course content',
        subsections: subs.map(([title, graded, format, due], i) => ({
          blockId: block(courseKey, 'sequential', `seq${i + 1}`),
          displayName: title,
          graded,
          format,
          dueOffsetHours: due,
          problems: [block(courseKey, 'problem', `p${i + 1}a`), block(courseKey, 'problem', `p${i + 1}b`)],
        })),
      },
    ],
  };
}

/**
 * A fresh demo state: two users, three applications (client_credentials with
 * grades:read, client_credentials without it, a public browser app with a
 * fixed loopback redirect), three courses, the learner enrolled in all three.
 *
 * @throws never.
 */
export function seedEdxState(now: number): EdxState {
  const users: EdxUser[] = DEMO_EDX_USERS.map((u, i) => ({ id: i + 3, ...u, anonymousId: hex(16) }));
  const learner = users[0]!;
  const courses = [
    course('course-v1:AutolabX+CS101+2026_T1', 'Foundations of Programming', -30, 60, [
      ['Welcome', false, '', null],
      ['Homework 1: Bits and Bytes', true, 'Homework', -72],
      ['Homework 2: Machine Code', true, 'Homework', 30],
      ['Midterm Exam', true, 'Exam', 24 * 9],
    ]),
    course('course-v1:OpenedX+DS200+2026', 'Data Science in Practice', -10, 80, [
      ['Lab 1: Pandas', true, 'Lab', 50],
      ['Lab 2: Plotting', true, 'Lab', 24 * 6],
    ]),
    course('course-v1:HarvardX+PH125.1x+3T2026', 'R Basics', -60, 5, [
      ['Section 1 Assessment', true, 'Homework', -24 * 20],
      ['Final Assessment', true, 'Exam', 24 * 4],
    ]),
  ];
  return {
    version: 1,
    jwtSecret: hex(32),
    seededAt: now,
    users,
    applications: [
      {
        name: 'Autolab Desktop (personal API)',
        clientId: token(40),
        clientSecret: token(64),
        clientType: 'confidential',
        grantType: 'client-credentials',
        redirectUris: [],
        scopes: ['grades:read', 'user_id'],
        userId: learner.id,
      },
      {
        name: 'Reports without grades',
        clientId: token(40),
        clientSecret: token(64),
        clientType: 'confidential',
        grantType: 'client-credentials',
        redirectUris: [],
        scopes: [],
        userId: learner.id,
      },
      {
        name: 'Autolab Desktop (browser sign-in)',
        clientId: token(40),
        clientSecret: '',
        clientType: 'public',
        grantType: 'authorization-code',
        redirectUris: [`http://127.0.0.1:${DEMO_LOOPBACK_PORT}/callback`],
        scopes: ['grades:read', 'user_id'],
        userId: users[1]!.id,
      },
    ],
    accessTokens: [],
    refreshTokens: [],
    courses,
    enrollments: courses.map((c, i) => ({ username: learner.username, courseKey: c.courseKey, mode: i === 0 ? 'verified' : 'audit', isActive: true, created: now - 86_400_000 * (40 - i) })),
    grades: [
      { username: learner.username, courseKey: courses[0]!.courseKey, percent: 0.72, letterGrade: 'C', passed: true },
      { username: learner.username, courseKey: courses[1]!.courseKey, percent: 0.15, letterGrade: null, passed: false },
      { username: learner.username, courseKey: courses[2]!.courseKey, percent: 0.91, letterGrade: 'A', passed: true },
    ],
  };
}

/** The letter for a percent under the demo grading policy (A ≥ .9, B ≥ .8, C ≥ .7, else none). */
export function letterFor(percent: number): { letterGrade: string | null; passed: boolean } {
  if (percent >= 0.9) return { letterGrade: 'A', passed: true };
  if (percent >= 0.8) return { letterGrade: 'B', passed: true };
  if (percent >= 0.7) return { letterGrade: 'C', passed: true };
  return { letterGrade: null, passed: false };
}
