/**
 * API v1: assessments list and details, writeup, handout, problems, set_group_settings.
 *
 * Why: autolab-api.md §4.5–§4.7, §4.11, §4.13 (students see released assessments only; file
 * downloads carry `Content-Disposition`; problem create answers 201; duplicate problem is 500).
 */
import { param, presentParam } from '../../http/request-context.js';
import { sendBody, sendError, sendJson } from '../http-response.js';
import { formatAutolabTime } from '../../http/clock.js';
import { float } from '../rails-json.js';
import type { SandboxApp } from '../sandbox-app.js';
import { nextId, type Assessment } from '../state.js';
import { assessmentDetailJson, assessmentSummaryJson } from './api-json.js';
import { RAILS_500, type AssessmentRequest, type CourseRequest } from './api-request.js';

/** `GET …/assessments` (§4.5). */
export function getAssessments(app: SandboxApp, r: CourseRequest): void {
  const now = app.clock.now();
  const list = app.state.assessments
    .filter((a) => a.course_id === r.course.id && (r.enrollment.auth_level !== 'student' || a.start_at < now))
    .sort((a, b) => a.due_at - b.due_at || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  sendJson(r.ctx.res, 200, list.map(assessmentSummaryJson));
}

/** `GET …/assessments/{a}` (§4.6). */
export function getAssessment(app: SandboxApp, r: AssessmentRequest): void {
  sendJson(r.ctx.res, 200, assessmentDetailJson(app, r.assessment, r.course));
}

/**
 * The extensions Rails' Mime registry knows (actionpack `mime_types.rb`), as
 * `send_file` looks them up; anything else (`.c`, `.tar`, `.md`, …) goes out
 * as `application/octet-stream` (autolab-api.md §4.7).
 */
const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  text: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  csv: 'text/csv',
  xml: 'application/xml',
  zip: 'application/zip',
  gz: 'application/gzip',
  json: 'application/json',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
};

function sendAttachment(r: AssessmentRequest, which: 'writeup' | 'handout'): void {
  const att = r.assessment[which];
  if (att.kind === 'url') return sendJson(r.ctx.res, 200, { url: att.url });
  if (att.kind === 'none') return sendJson(r.ctx.res, 200, { [which]: 'none' });
  const ext = att.filename.split('.').pop()?.toLowerCase() ?? '';
  const body = att.filename.endsWith('.pdf') ? Buffer.from(att.content, 'latin1') : Buffer.from(att.content, 'utf8');
  sendBody(r.ctx.res, 200, body, {
    'Content-Type': MIME[ext] ?? 'application/octet-stream',
    'Content-Disposition': `inline; filename="${att.filename}"; filename*=UTF-8''${encodeURIComponent(att.filename)}`,
    'Content-Transfer-Encoding': 'binary',
  });
}

/** `GET …/writeup` (§4.7). */
export function getWriteup(_app: SandboxApp, r: AssessmentRequest): void {
  sendAttachment(r, 'writeup');
}

/** `GET …/handout` (§4.7). */
export function getHandout(_app: SandboxApp, r: AssessmentRequest): void {
  sendAttachment(r, 'handout');
}

/** `GET …/problems` (§4.11, user_courses). */
export function getProblems(app: SandboxApp, r: AssessmentRequest): void {
  const list = app.state.problems
    .filter((p) => p.assessment_id === r.assessment.id)
    .map((p) => ({ name: p.name, description: p.description, max_score: float(p.max_score), optional: p.optional, starred: p.starred }));
  sendJson(r.ctx.res, 200, list);
}

const truthy = (v: string | undefined): boolean => v !== undefined && ['true', '1', 't', 'on', 'yes'].includes(v.toLowerCase());

/** `POST …/problems` (§4.11, instructor_all): 201, duplicate name → 500. */
export function postProblem(app: SandboxApp, r: AssessmentRequest): void {
  const name = presentParam(r.ctx, 'name');
  if (!name) return sendError(r.ctx.res, 400, "Required parameter 'name' not found");
  const maxScoreRaw = presentParam(r.ctx, 'max_score');
  if (!maxScoreRaw) return sendError(r.ctx.res, 400, "Required parameter 'max_score' not found");
  const dup = app.state.problems.some((p) => p.assessment_id === r.assessment.id && p.name.toLowerCase() === name.toLowerCase());
  if (dup) return sendError(r.ctx.res, 500, 'Unable to create problem');
  const max = Number.parseFloat(maxScoreRaw);
  const p = {
    id: nextId(app.state),
    assessment_id: r.assessment.id,
    name,
    description: param(r.ctx, 'description') ?? '',
    max_score: Number.isFinite(max) ? max : 0,
    optional: truthy(param(r.ctx, 'optional')),
    starred: truthy(param(r.ctx, 'starred')),
  };
  app.state.problems.push(p);
  touch(app, r.assessment);
  sendJson(r.ctx.res, 201, { name: p.name, description: p.description, max_score: float(p.max_score), optional: p.optional, starred: p.starred });
}

/** Mark an assessment updated. */
export function touch(app: SandboxApp, a: Assessment): void {
  a.updated_at = app.clock.now();
  app.save();
}

/** `POST …/set_group_settings` (§4.13, instructor_all). */
export function postGroupSettings(app: SandboxApp, r: AssessmentRequest): void {
  const raw = param(r.ctx, 'group_size');
  const size = raw === undefined ? r.assessment.group_size : Number(raw);
  if (!Number.isInteger(size) || size < 1) return sendJson(r.ctx.res, 500, RAILS_500);
  r.assessment.group_size = size;
  r.assessment.allow_student_assign_group = param(r.ctx, 'allow_student_assign_group') === 'true';
  touch(app, r.assessment);
  sendJson(r.ctx.res, 200, { group_size: size, allow_student_assign_group: r.assessment.allow_student_assign_group });
}

/** Every assessment column, for `GET …/groups` (§4.13). */
export function assessmentColumnsJson(a: Assessment): Record<string, string | number | boolean | null> {
  return {
    id: a.id,
    name: a.name,
    display_name: a.display_name,
    description: a.description,
    start_at: formatAutolabTime(a.start_at),
    due_at: formatAutolabTime(a.due_at),
    end_at: formatAutolabTime(a.end_at),
    created_at: formatAutolabTime(a.created_at),
    updated_at: formatAutolabTime(a.updated_at),
    course_id: a.course_id,
    category_name: a.category_name,
    max_grace_days: a.max_grace_days,
    max_submissions: a.max_submissions,
    version_threshold: a.version_threshold,
    disable_handins: a.disable_handins,
    group_size: a.group_size,
    allow_student_assign_group: a.allow_student_assign_group,
    handin_filename: a.handin_filename,
    max_size: a.max_size,
    has_autograder: a.has_autograder,
    embedded_quiz: a.embedded_quiz,
  };
}
