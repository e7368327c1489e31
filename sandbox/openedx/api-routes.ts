/**
 * The student-facing REST APIs of providers.md §1.4: who am I, the account,
 * enrollments, the paginated course list, the blocks API (graded subsections
 * and due dates) and the course grade.
 *
 * Why: the app's Open edX client is tested against these shapes, the error
 * answers of `DeveloperErrorViewMixin`, and `JwtHasScope` for `grades:read`.
 */
import type { EdxRequest, EdxServer } from './context.js';
import type { ApiCaller } from './api-auth.js';
import { sendJson } from './respond.js';
import type { EdxCourse, EdxUser } from './state.js';

/** DRF's DateTimeField output: UTC with `Z`, no milliseconds. */
export const drfTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const devError = (r: EdxRequest, status: number, error_code: string, developer_message: string) => sendJson(r.res, status, { developer_message, error_code });
const forbidden = (r: EdxRequest) => sendJson(r.res, 403, { detail: 'You do not have permission to perform this action.' });

function courseTimes(s: EdxServer, c: EdxCourse) {
  const day = 86_400_000;
  return { start: s.anchor + c.startOffsetDays * day, end: s.anchor + c.endOffsetDays * day };
}

function courseDetails(s: EdxServer, c: EdxCourse) {
  const t = courseTimes(s, c);
  return {
    course_id: c.courseKey,
    course_name: c.name,
    enrollment_start: null,
    enrollment_end: null,
    course_start: drfTime(t.start),
    course_end: drfTime(t.end),
    invite_only: false,
    course_modes: [{ slug: 'audit', name: 'Audit', min_price: 0, suggested_prices: '', currency: 'usd', expiration_datetime: null, description: null, sku: null, bulk_sku: null }],
    pacing_type: 'Instructor Paced',
  };
}

/** The user a `?username=` names, when the caller may see it (self or staff); otherwise answers and returns null. */
function subject(s: EdxServer, r: EdxRequest, caller: ApiCaller): EdxUser | null {
  const name = r.query.get('username') ?? caller.user.username;
  if (name !== caller.user.username && !caller.user.isStaff) {
    forbidden(r);
    return null;
  }
  const user = s.state.users.find((u) => u.username === name);
  if (!user) {
    devError(r, 404, 'user_does_not_exist', 'The user matching the requested username does not exist.');
    return null;
  }
  return user;
}

const enrolled = (s: EdxServer, username: string, key: string) => s.state.enrollments.some((e) => e.username === username && e.courseKey === key && e.isActive);

/** GET /api/user/v1/me */
export function me(_s: EdxServer, r: EdxRequest, caller: ApiCaller): void {
  sendJson(r.res, 200, { username: caller.user.username });
}

/** GET /api/user/v1/accounts/{username} */
export function account(s: EdxServer, r: EdxRequest, caller: ApiCaller, username: string): void {
  const user = s.state.users.find((u) => u.username === username);
  if (!user || (user.id !== caller.user.id && !caller.user.isStaff)) return sendJson(r.res, 404, {});
  sendJson(r.res, 200, {
    username: user.username,
    name: user.name,
    email: user.email,
    id: user.id,
    is_active: true,
    date_joined: drfTime(s.state.seededAt - 90 * 86_400_000),
    country: null,
    language_proficiencies: [],
    profile_image: { has_image: false },
    requires_parental_consent: false,
  });
}

/** GET /api/enrollment/v1/enrollment (the caller's enrollments: a list, not paginated). */
export function enrollments(s: EdxServer, r: EdxRequest, caller: ApiCaller): void {
  const mine = s.state.enrollments.filter((e) => e.username === caller.user.username);
  sendJson(
    r.res,
    200,
    mine.flatMap((e) => {
      const c = s.state.courses.find((x) => x.courseKey === e.courseKey);
      return c ? [{ created: drfTime(e.created), mode: e.mode, is_active: e.isActive, course_details: courseDetails(s, c), user: e.username }] : [];
    }),
  );
}

/** GET /api/courses/v1/courses/ (NamespacedPageNumberPagination, max page size 100). */
export function courseList(s: EdxServer, r: EdxRequest, caller: ApiCaller): void {
  if (r.query.has('username') && !subject(s, r, caller)) return;
  const size = Math.min(100, Math.max(1, Number(r.query.get('page_size') ?? 10) || 10));
  const page = Number(r.query.get('page') ?? 1);
  const all = s.state.courses;
  const pages = Math.max(1, Math.ceil(all.length / size));
  if (!Number.isInteger(page) || page < 1 || page > pages) return sendJson(r.res, 404, { detail: 'Invalid page.' });
  const link = (n: number) => {
    const q = new URLSearchParams(r.query);
    q.set('page', String(n));
    return `${s.baseUrl}${r.path}?${q.toString()}`;
  };
  sendJson(r.res, 200, {
    results: all.slice((page - 1) * size, page * size).map((c) => {
      const t = courseTimes(s, c);
      return {
        id: c.courseKey,
        course_id: c.courseKey,
        name: c.name,
        number: c.number,
        org: c.org,
        start: drfTime(t.start),
        end: drfTime(t.end),
        start_display: new Date(t.start).toDateString(),
        start_type: 'timestamp',
        enrollment_start: null,
        enrollment_end: null,
        pacing: 'instructor',
        short_description: '',
        media: { course_image: { uri: '/asset-v1/course_image.png' } },
        blocks_url: `${s.baseUrl}/api/courses/v2/blocks/?course_id=${encodeURIComponent(c.courseKey)}`,
      };
    }),
    pagination: { next: page < pages ? link(page + 1) : null, previous: page > 1 ? link(page - 1) : null, count: all.length, num_pages: pages },
  });
}

/** GET /api/courses/v1/blocks/ and /api/courses/v2/blocks/ */
export function blocks(s: EdxServer, r: EdxRequest, caller: ApiCaller): void {
  const key = r.query.get('course_id') ?? '';
  const c = s.state.courses.find((x) => x.courseKey === key);
  if (!c) return sendJson(r.res, 404, { detail: 'Not found.' });
  const user = subject(s, r, caller);
  if (!user) return;
  if (!enrolled(s, user.username, key) && !caller.user.isStaff) return forbidden(r);
  const fields = new Set((r.query.get('requested_fields') ?? '').split(',').filter(Boolean));
  const types = new Set((r.query.get('block_types_filter') ?? '').split(',').filter(Boolean));
  const out: Record<string, Record<string, unknown>> = {};
  const add = (id: string, type: string, name: string, extra: Record<string, unknown>, children: string[]) => {
    if (types.size && !types.has(type)) return;
    const b: Record<string, unknown> = {
      id,
      block_id: id.split('@').pop(),
      type,
      display_name: name,
      lms_web_url: `${s.baseUrl}/courses/${key}/jump_to/${id}`,
      student_view_url: `${s.baseUrl}/xblock/${id}`,
    };
    for (const [k, v] of Object.entries(extra)) if (fields.has(k)) b[k] = v;
    if (fields.has('children') && children.length) b.children = children;
    out[id] = b;
  };
  const root = `block-v1:${key.slice('course-v1:'.length)}+type@course+block@course`;
  add(root, 'course', c.name, { graded: false, format: null }, c.chapters.map((ch) => ch.blockId));
  for (const ch of c.chapters) {
    add(ch.blockId, 'chapter', ch.displayName, { graded: false, format: null }, ch.subsections.map((x) => x.blockId));
    for (const sub of ch.subsections) {
      const extra: Record<string, unknown> = { graded: sub.graded, format: sub.format || null, completion: 0 };
      if (sub.dueOffsetHours !== null) extra.due = drfTime(s.anchor + sub.dueOffsetHours * 3_600_000);
      add(sub.blockId, 'sequential', sub.displayName, extra, sub.problems);
      for (const p of sub.problems) add(p, 'problem', 'Problem', { graded: sub.graded, format: null, completion: 0 }, []);
    }
  }
  if (r.query.get('return_type') === 'list') return sendJson(r.res, 200, Object.values(out));
  sendJson(r.res, 200, { root, blocks: out });
}

/** GET /api/grades/v1/courses/{course_key}/?username= (a one-element list, as `_get_single_user_grade` answers). */
export function courseGrade(s: EdxServer, r: EdxRequest, caller: ApiCaller, courseKey: string): void {
  if (caller.via === 'jwt' && !caller.scopes.includes('grades:read')) return forbidden(r);
  const c = s.state.courses.find((x) => x.courseKey === courseKey);
  if (!c) return devError(r, 404, 'course_does_not_exist', `The requested course ${courseKey} does not exist.`);
  if (!r.query.has('username') && !caller.user.isStaff) return forbidden(r);
  const user = subject(s, r, caller);
  if (!user) return;
  if (!enrolled(s, user.username, courseKey)) return devError(r, 404, 'user_not_enrolled', 'The user matching the requested username is not enrolled in this course');
  const g = s.state.grades.find((x) => x.username === user.username && x.courseKey === courseKey);
  sendJson(r.res, 200, [{ username: user.username, email: user.email, course_id: courseKey, passed: g?.passed ?? false, percent: g?.percent ?? 0, letter_grade: g?.letterGrade ?? null }]);
}
