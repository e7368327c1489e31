/**
 * API v1 dispatch and Autolab's filter chain.
 *
 * Why: the first failing filter wins, in this order: token + hidden `user_info` scope, unknown
 * path (404 only after the token check), set_course, authorize_user_for_course (admins
 * auto-enrolled), endpoint scope + privilege, set_assessment (autolab-api.md §2.10, §2.11, §4.0).
 */
import type { RequestContext } from '../../http/request-context.js';
import { param } from '../../http/request-context.js';
import { sendError, sendJson } from '../http-response.js';
import { courseByName, enrollmentOf, type SandboxApp } from '../sandbox-app.js';
import { checkAccessToken, invalidTokenHeader, presentedToken } from '../oauth/access-tokens.js';
import type { Enrollment } from '../state.js';
import { autoEnrollAdmin } from './admin-enrollment.js';
import { courseIn } from './api-json.js';
import type { ApiRoute, AssessmentRequest, CourseRequest, UserRequest } from './api-request.js';
import { API_ROUTES } from './api-routes.js';

/** The 403 body for a missing scope (§2.10). */
export const SCOPE_ERROR = 'Your client does not have the required scope for this action';

interface Compiled {
  route: ApiRoute;
  regex: RegExp;
  keys: string[];
  endsWithEmail: boolean;
}

const compiled: Compiled[] = API_ROUTES.map((route) => {
  const keys: string[] = [];
  // Rails' default segment constraint is [^/.?]+ (a `.` starts the format), so a dotted course,
  // assessment or group id falls through to the catch-all; only emails are routed with [^/]+ (§4.0).
  const src = route.pattern.replace(/\{(\w+)\}/g, (_m, k: string) => {
    keys.push(k);
    return k === 'email' ? '([^/]+)' : '([^/.]+)';
  });
  return { route, regex: new RegExp(`^/api/v1${src}$`), keys, endsWithEmail: route.pattern.endsWith('{email}') };
});

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Find the route for a method and path (the `.json` suffix is accepted except on email segments). */
export function matchApiRoute(method: string, path: string): { route: ApiRoute; params: Record<string, string> } | null {
  for (const c of compiled) {
    if (!c.route.methods.includes(method)) continue;
    const candidate = !c.endsWithEmail && path.endsWith('.json') ? path.slice(0, -5) : path;
    const m = c.regex.exec(candidate);
    if (!m) continue;
    const params: Record<string, string> = {};
    c.keys.forEach((k, i) => (params[k] = decode(m[i + 1] ?? '')));
    return { route: c.route, params };
  }
  return null;
}

/** The route name for a request, for fault injection and logs. */
export function apiRouteName(method: string, path: string): string {
  return matchApiRoute(method, path)?.route.name ?? 'api_unknown';
}

function scopeAllows(scopes: string[], needed: string | null): boolean {
  return needed === null || scopes.includes(needed);
}

/**
 * Handle a request under `/api/v1`.
 *
 * Why: see the file comment. Never throws: unexpected errors become Rails' 500.
 */
export async function handleApi(app: SandboxApp, ctx: RequestContext): Promise<void> {
  const check = checkAccessToken(app, presentedToken(ctx.req.headers.authorization, (n) => param(ctx, n)));
  if (!check.ok) {
    sendJson(
      ctx.res,
      401,
      { error: 'OAuth2 authorization failed' },
      { 'WWW-Authenticate': invalidTokenHeader(check.description), 'Cache-Control': 'no-store, no-cache' },
    );
    return;
  }
  const token = check.token;
  if (!token.scopes.includes('user_info')) return sendError(ctx.res, 403, SCOPE_ERROR);
  const user = app.state.users.find((u) => u.id === token.user_id);
  if (!user) return sendJson(ctx.res, 401, { error: 'OAuth2 authorization failed' });
  const m = matchApiRoute(ctx.method, ctx.path);
  if (!m) return sendError(ctx.res, 404, 'Invalid request path');
  const { route, params } = m;
  const base: UserRequest = { ctx, user, token, path: params };
  if (route.level === 'user') {
    if (!scopeAllows(token.scopes, route.scope)) return sendError(ctx.res, 403, SCOPE_ERROR);
    if (route.scope === 'admin_all' && !user.administrator) return sendError(ctx.res, 403, 'User does not have admin privileges');
    return route.handle(app, base);
  }
  const course = courseByName(app, params.course ?? '');
  if (!course) return sendError(ctx.res, 404, 'Course does not exist');
  let enrollment: Enrollment | undefined = enrollmentOf(app, course.id, user.id);
  if (!enrollment && user.administrator) {
    enrollment = autoEnrollAdmin(app, course.id, user.id);
  }
  if (!enrollment) return sendError(ctx.res, 403, 'User is not in this course');
  const now = app.clock.now();
  if (courseIn(course, 'disabled', now) && enrollment.auth_level !== 'instructor' && !user.administrator) {
    return sendError(
      ctx.res,
      403,
      'Your course has been disabled by your instructor. Please contact them directly if you have any questions',
    );
  }
  if (!scopeAllows(token.scopes, route.scope)) return sendError(ctx.res, 403, SCOPE_ERROR);
  if (route.scope === 'instructor_all' && enrollment.auth_level !== 'instructor') {
    return sendError(ctx.res, 403, 'User does not have instructor privileges for this course');
  }
  if (route.scope === 'admin_all' && !user.administrator) return sendError(ctx.res, 403, 'User does not have admin privileges');
  const courseReq: CourseRequest = { ...base, course, enrollment };
  if (route.level === 'course') return route.handle(app, courseReq);
  const assessment = app.state.assessments.find((a) => a.course_id === course.id && a.name === params.assessment);
  if (!assessment) return sendError(ctx.res, 404, 'Assessment does not exist');
  if (enrollment.auth_level === 'student' && assessment.start_at > now) return sendError(ctx.res, 403, 'Assessment not released yet');
  const req: AssessmentRequest = { ...courseReq, assessment };
  return route.handle(app, req);
}

