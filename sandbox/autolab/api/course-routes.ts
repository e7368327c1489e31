/**
 * API v1: `GET /user`, `GET /courses`, `POST /courses`.
 *
 * Why: autolab-api.md §4.2–§4.4 (admins see every course and get auto-enrolled; state filter
 * with its exact 400; display_name order).
 */
import { param, presentParam } from '../../http/request-context.js';
import { sendError, sendJson } from '../http-response.js';
import { easternDate } from '../../http/clock.js';
import { enrollmentOf, userByEmail, type SandboxApp } from '../sandbox-app.js';
import { nextId } from '../state.js';
import type { RailsJsonValue } from '../rails-json.js';
import { courseIn, courseJson, type CourseState } from './api-json.js';
import { RAILS_500, type UserRequest } from './api-request.js';
import { autoEnrollAdmin } from './admin-enrollment.js';

/** `GET /user` (§4.2). */
export function getUser(_app: SandboxApp, r: UserRequest): void {
  const u = r.user;
  sendJson(r.ctx.res, 200, { email: u.email, first_name: u.first_name, last_name: u.last_name, school: u.school, major: u.major, year: u.year });
}

const STATES: CourseState[] = ['disabled', 'completed', 'current', 'upcoming'];

/** `GET /courses[?state=…]` (§4.3). */
export function getCourses(app: SandboxApp, r: UserRequest): void {
  const state = param(r.ctx, 'state');
  if (state !== undefined && !STATES.includes(state as CourseState)) return sendError(r.ctx.res, 400, 'Unexpected course state');
  const now = app.clock.now();
  const out: Array<{ sort: string; json: RailsJsonValue }> = [];
  for (const course of app.state.courses) {
    let e = enrollmentOf(app, course.id, r.user.id);
    if (!e && r.user.administrator) e = autoEnrollAdmin(app, course.id, r.user.id);
    if (!e) continue;
    if (state !== undefined && !courseIn(course, state as CourseState, now)) continue;
    out.push({ sort: course.display_name, json: courseJson(course, e) });
  }
  out.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
  sendJson(r.ctx.res, 200, out.map((x) => x.json));
}

function parseDate(s: string): string | null {
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

/** `POST /courses` (§4.4, admin_all). */
export function postCourse(app: SandboxApp, r: UserRequest): void {
  for (const k of ['name', 'semester', 'instructor_email']) {
    if (!presentParam(r.ctx, k)) return sendError(r.ctx.res, 400, `Required parameter '${k}' not found`);
  }
  const name = param(r.ctx, 'name') ?? '';
  const today = easternDate(app.clock.now());
  const dates: Record<string, string> = {};
  for (const k of ['start_date', 'end_date']) {
    const v = presentParam(r.ctx, k);
    if (v === undefined) continue;
    const d = parseDate(v);
    if (!d) return sendError(r.ctx.res, 400, `Invalid date: ${v}`);
    dates[k] = d;
  }
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    return sendJson(r.ctx.res, 500, {
      error: 'Name cannot include characters other than alphanumeric characters, hyphens, and underscores',
    });
  }
  if (app.state.courses.some((c) => c.name.toLowerCase() === name.toLowerCase())) {
    return sendError(r.ctx.res, 400, 'Failed to create course: Name has already been taken');
  }
  const email = param(r.ctx, 'instructor_email') ?? '';
  let instructor = userByEmail(app, email);
  if (!instructor) {
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) return sendJson(r.ctx.res, 500, RAILS_500);
    instructor = {
      id: nextId(app.state),
      email,
      password: '',
      first_name: email.split('@')[0] ?? email,
      last_name: '',
      school: null,
      major: null,
      year: null,
      administrator: false,
      created_at: app.clock.now(),
    };
    app.state.users.push(instructor);
  }
  const course = {
    id: nextId(app.state),
    name,
    display_name: name,
    semester: param(r.ctx, 'semester') ?? null,
    late_slack: 0,
    grace_days: 0,
    start_date: dates.start_date ?? today,
    end_date: dates.end_date ?? parseDate(new Date(app.clock.now() + 120 * 86400_000).toISOString()) ?? today,
    disabled: false,
    disable_on_end: false,
    version_threshold: -1,
  };
  app.state.courses.push(course);
  app.state.enrollments.push({
    id: nextId(app.state),
    course_id: course.id,
    user_id: instructor.id,
    lecture: '1',
    section: 'A',
    grade_policy: '',
    dropped: false,
    nickname: null,
    auth_level: 'instructor',
  });
  app.save();
  sendJson(r.ctx.res, 200, { name });
}
