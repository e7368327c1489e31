/**
 * API v1: scores (instructor_all).
 *
 * Why: autolab-api.md §4.12 — released and unreleased mixed with no flag, 400 for an email not
 * in the course, `update_latest` taking a JSON-encoded *string* and crashing (500) otherwise.
 */
import { param } from '../../http/request-context.js';
import { sendError, sendJson } from '../http-response.js';
import { float, type RailsJsonValue } from '../rails-json.js';
import { enrollmentOf, userByEmail, type SandboxApp } from '../sandbox-app.js';
import type { Enrollment, Submission } from '../state.js';
import { RAILS_500, type AssessmentRequest } from './api-request.js';

function scoresOf(app: SandboxApp, s: Submission): Record<string, RailsJsonValue> {
  const out: Record<string, RailsJsonValue> = {};
  for (const sc of app.state.scores.filter((x) => x.submission_id === s.id)) {
    const p = app.state.problems.find((x) => x.id === sc.problem_id);
    if (p) out[p.name] = float(sc.score);
  }
  return out;
}

function versionsOf(app: SandboxApp, assessmentId: number, enrollmentId: number): Record<string, RailsJsonValue> {
  const out: Record<string, RailsJsonValue> = {};
  const subs = app.state.submissions
    .filter((s) => s.assessment_id === assessmentId && s.enrollment_id === enrollmentId)
    .sort((a, b) => a.version - b.version);
  for (const s of subs) out[String(s.version)] = scoresOf(app, s);
  return out;
}

/** `GET …/scores` (§4.12). */
export function getScores(app: SandboxApp, r: AssessmentRequest): void {
  const out: Record<string, RailsJsonValue> = {};
  const enrollmentIds = new Set(app.state.submissions.filter((s) => s.assessment_id === r.assessment.id).map((s) => s.enrollment_id));
  for (const e of app.state.enrollments.filter((x) => enrollmentIds.has(x.id))) {
    const u = app.state.users.find((x) => x.id === e.user_id);
    if (u) out[u.email] = versionsOf(app, r.assessment.id, e.id);
  }
  sendJson(r.ctx.res, 200, out);
}

function enrollmentByEmail(app: SandboxApp, r: AssessmentRequest): Enrollment | null {
  const u = userByEmail(app, r.path.email ?? '');
  return (u && enrollmentOf(app, r.course.id, u.id)) || null;
}

/** `GET …/scores/{email}` (§4.12). */
export function getScore(app: SandboxApp, r: AssessmentRequest): void {
  const e = enrollmentByEmail(app, r);
  if (!e) return sendError(r.ctx.res, 400, `User with email ${r.path.email ?? ''} not found in course.`);
  sendJson(r.ctx.res, 200, versionsOf(app, r.assessment.id, e.id));
}

/** `PUT …/scores/{email}/update_latest` (§4.12). */
export function putUpdateLatest(app: SandboxApp, r: AssessmentRequest): void {
  const res = r.ctx.res;
  const rawJson = r.ctx.json?.problems;
  if (rawJson !== undefined && typeof rawJson !== 'string') return sendJson(res, 500, RAILS_500);
  const raw = param(r.ctx, 'problems');
  if (raw === undefined) return sendError(res, 400, "Required parameter 'problems' not found");
  const e = enrollmentByEmail(app, r);
  if (!e) return sendError(res, 400, `User with email ${r.path.email ?? ''} not found in course.`);
  let problems: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    problems = parsed as Record<string, unknown>;
  } catch {
    return sendJson(res, 500, RAILS_500);
  }
  const ugs = r.ctx.json?.update_group_scores;
  if (ugs !== undefined && typeof ugs !== 'string') return sendJson(res, 500, RAILS_500);
  const updateGroup = (param(r.ctx, 'update_group_scores') ?? 'false').toLowerCase() === 'true';
  const a = r.assessment;
  let targets = [e.id];
  if (updateGroup) {
    const groupIds = new Set(app.state.groups.filter((g) => g.assessment_id === a.id).map((g) => g.id));
    const mine = app.state.memberships.find((m) => groupIds.has(m.group_id) && m.enrollment_id === e.id);
    if (mine) targets = app.state.memberships.filter((m) => m.group_id === mine.group_id).map((m) => m.enrollment_id);
  }
  const latest = (enrollmentId: number): Submission | undefined =>
    app.state.submissions
      .filter((s) => s.assessment_id === a.id && s.enrollment_id === enrollmentId)
      .sort((x, y) => y.version - x.version)[0];
  if (!latest(e.id)) return sendJson(res, 500, RAILS_500);
  const resolved: Array<[number, unknown, string]> = [];
  for (const [name, value] of Object.entries(problems)) {
    const p = app.state.problems.find((x) => x.assessment_id === a.id && x.name === name);
    if (!p) return sendError(res, 400, `Problem '${name}' not found in this assessment`);
    resolved.push([p.id, value, name]);
  }
  const out: Record<string, RailsJsonValue> = {};
  for (const enrollmentId of targets) {
    const sub = latest(enrollmentId);
    const u = app.state.users.find((x) => x.id === app.state.enrollments.find((y) => y.id === enrollmentId)?.user_id);
    if (!sub || !u) continue;
    const echo: Record<string, RailsJsonValue> = {};
    for (const [problemId, value, name] of resolved) {
      const num = value === null ? null : Number(value);
      const score = num === null || Number.isFinite(num) ? num : null;
      const row = app.state.scores.find((s) => s.submission_id === sub.id && s.problem_id === problemId);
      if (row) row.score = score;
      else app.state.scores.push({ submission_id: sub.id, problem_id: problemId, score, feedback: null, released: a.release_scores });
      echo[name] = typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' || value === null ? value : String(value);
    }
    out[u.email] = echo;
  }
  app.save();
  sendJson(res, 200, out);
}
