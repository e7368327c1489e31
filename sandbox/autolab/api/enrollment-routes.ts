/**
 * API v1: course_user_data (enrollments, instructor_all).
 *
 * Why: autolab-api.md §4.14 — create answers 200, unknown user is 400 "Nonexistent user",
 * DELETE only drops, instructors and CAs cannot be dropped.
 */
import { param, presentParam } from '../../http/request-context.js';
import { sendError, sendJson } from '../http-response.js';
import { enrollmentOf, userByEmail, type SandboxApp } from '../sandbox-app.js';
import { nextId, type Enrollment } from '../state.js';
import { enrollmentJson } from './api-json.js';
import type { CourseRequest } from './api-request.js';

const LEVELS = ['instructor', 'course_assistant', 'student'] as const;

/**
 * CourseUserDatum's validations, in Autolab's words.
 *
 * Why: the nickname check is Ruby's `ascii_only?` (any byte below 0x80, tabs and
 * other control characters included) with Autolab's message.
 */
function validate(e: Enrollment): string[] {
  const msgs: string[] = [];
  if (e.nickname !== null && e.nickname.length > 32) msgs.push('Nickname is too long (maximum is 32 characters)');
  if (e.nickname !== null && /[^\x00-\x7f]/.test(e.nickname)) msgs.push('Nickname can only contain ASCII characters');
  if (e.dropped && e.auth_level !== 'student') msgs.push("User can't be dropped if they are an instructor or course assistant");
  return msgs;
}

/** Autolab strips `<` from lecture, section and grade_policy and trims them before saving. */
function cleanText(v: string): string {
  return v.replace(/</g, '').trim();
}

function boolParam(v: string | undefined): boolean | undefined {
  return v === undefined ? undefined : ['true', '1', 't'].includes(v.toLowerCase());
}

/** `GET …/course_user_data` (§4.14): all, dropped included, sorted by email. */
export function getEnrollments(app: SandboxApp, r: CourseRequest): void {
  const rows = app.state.enrollments
    .filter((e) => e.course_id === r.course.id)
    .map((e) => ({ e, u: app.state.users.find((u) => u.id === e.user_id) }))
    .filter((x): x is { e: Enrollment; u: NonNullable<typeof x.u> } => x.u !== undefined)
    .sort((a, b) => (a.u.email < b.u.email ? -1 : a.u.email > b.u.email ? 1 : 0));
  sendJson(r.ctx.res, 200, rows.map(({ e, u }) => enrollmentJson(e, u)));
}

function lookup(app: SandboxApp, r: CourseRequest): { e: Enrollment; u: NonNullable<ReturnType<typeof userByEmail>> } | null {
  const email = r.path.email ?? '';
  const u = userByEmail(app, email);
  if (!u) {
    sendError(r.ctx.res, 400, 'Nonexistent user');
    return null;
  }
  const e = enrollmentOf(app, r.course.id, u.id);
  if (!e) {
    sendError(r.ctx.res, 404, 'User is not in course');
    return null;
  }
  return { e, u };
}

/** `GET …/course_user_data/{email}` (§4.14). */
export function getEnrollment(app: SandboxApp, r: CourseRequest): void {
  const found = lookup(app, r);
  if (found) sendJson(r.ctx.res, 200, enrollmentJson(found.e, found.u));
}

/** `POST …/course_user_data` (§4.14): 200, not 201. */
export function postEnrollment(app: SandboxApp, r: CourseRequest): void {
  for (const k of ['email', 'lecture', 'section', 'auth_level']) {
    if (!presentParam(r.ctx, k)) return sendError(r.ctx.res, 400, `Required parameter '${k}' not found`);
  }
  const u = userByEmail(app, param(r.ctx, 'email') ?? '');
  if (!u) return sendError(r.ctx.res, 400, 'Nonexistent user');
  if (enrollmentOf(app, r.course.id, u.id)) return sendError(r.ctx.res, 400, 'User is already in the course');
  const level = param(r.ctx, 'auth_level') ?? '';
  if (!(LEVELS as readonly string[]).includes(level)) return sendError(r.ctx.res, 400, 'Invalid auth_level');
  const e: Enrollment = {
    id: nextId(app.state),
    course_id: r.course.id,
    user_id: u.id,
    lecture: cleanText(param(r.ctx, 'lecture') ?? ''),
    section: cleanText(param(r.ctx, 'section') ?? ''),
    grade_policy: cleanText(param(r.ctx, 'grade_policy') ?? ''),
    dropped: boolParam(param(r.ctx, 'dropped')) ?? false,
    nickname: param(r.ctx, 'nickname') ?? null,
    auth_level: level as Enrollment['auth_level'],
  };
  const msgs = validate(e);
  if (msgs.length) return sendError(r.ctx.res, 400, `Creation failed: ${msgs.join(', ')}`);
  app.state.enrollments.push(e);
  app.save();
  sendJson(r.ctx.res, 200, enrollmentJson(e, u));
}

/**
 * `PUT/PATCH …/course_user_data/{email}` (§4.14), in Autolab's two phases.
 *
 * Why: Autolab sets and saves `auth_level` first, then the other fields. So
 * promoting a dropped student to course assistant fails at phase one and
 * changes nothing, while a failure in phase two (e.g. a too-long nickname)
 * keeps the new `auth_level` (issue 12).
 */
export function putEnrollment(app: SandboxApp, r: CourseRequest): void {
  const found = lookup(app, r);
  if (!found) return;
  const level = param(r.ctx, 'auth_level');
  if (level !== undefined) {
    if (!(LEVELS as readonly string[]).includes(level)) return sendError(r.ctx.res, 400, 'Invalid auth_level');
    const promoted: Enrollment = { ...found.e, auth_level: level as Enrollment['auth_level'] };
    const msgs = validate(promoted);
    if (msgs.length) return sendError(r.ctx.res, 400, `Update failed: ${msgs.join(', ')}`);
    Object.assign(found.e, promoted);
    app.save();
  }
  const next: Enrollment = { ...found.e };
  for (const k of ['lecture', 'section', 'grade_policy'] as const) {
    const v = param(r.ctx, k);
    if (v !== undefined) next[k] = cleanText(v);
  }
  const nick = param(r.ctx, 'nickname');
  if (nick !== undefined) next.nickname = nick;
  const dropped = boolParam(param(r.ctx, 'dropped'));
  if (dropped !== undefined) next.dropped = dropped;
  const msgs = validate(next);
  if (msgs.length) return sendError(r.ctx.res, 400, `Update failed: ${msgs.join(', ')}`);
  Object.assign(found.e, next);
  app.save();
  sendJson(r.ctx.res, 200, enrollmentJson(found.e, found.u));
}

/** `DELETE …/course_user_data/{email}` (§4.14): drops, never deletes. */
export function deleteEnrollment(app: SandboxApp, r: CourseRequest): void {
  const found = lookup(app, r);
  if (!found) return;
  if (found.e.auth_level !== 'student') {
    return sendError(r.ctx.res, 400, "Update failed: User can't be dropped if they are an instructor or course assistant");
  }
  found.e.dropped = true;
  app.save();
  sendJson(r.ctx.res, 200, enrollmentJson(found.e, found.u));
}
