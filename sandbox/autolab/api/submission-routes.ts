/**
 * API v1: submit, submissions, feedback.
 *
 * Why: autolab-api.md §4.8–§4.10 — the submit checks in order with their exact statuses (500
 * "Validation failed" for deadline/limit/dropped/not-open; a saved submission when autograding
 * fails), `<version>_<handin_filename>`, one row per group member with the answer naming the first member's row
 * (not necessarily the submitter's), feedback ignoring `problem`.
 */
import { copyFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { param } from '../../http/request-context.js';
import { sendError, sendJson } from '../http-response.js';
import { formatAutolabTime } from '../../http/clock.js';
import type { SandboxApp } from '../sandbox-app.js';
import { nextId, type Enrollment, type Submission } from '../state.js';
import { submissionScoresJson } from './api-json.js';
import type { AssessmentRequest } from './api-request.js';

/** Effective max upload size in MB for an assessment (option overrides, §4.8 default 2). */
export function maxSizeMb(app: SandboxApp, assessmentMaxSize: number): number {
  return app.options.maxSizeMb ?? assessmentMaxSize;
}

function groupMembers(app: SandboxApp, assessmentId: number, enrollmentId: number): Array<{ enrollment_id: number; confirmed: boolean }> | null {
  const groupIds = new Set(app.state.groups.filter((g) => g.assessment_id === assessmentId).map((g) => g.id));
  const mine = app.state.memberships.find((m) => groupIds.has(m.group_id) && m.enrollment_id === enrollmentId);
  if (!mine) return null;
  return app.state.memberships.filter((m) => m.group_id === mine.group_id);
}

function countSubmissions(app: SandboxApp, assessmentId: number, enrollmentId: number): number {
  return app.state.submissions.filter((s) => s.assessment_id === assessmentId && s.enrollment_id === enrollmentId).length;
}

function validationFailure(app: SandboxApp, r: AssessmentRequest, e: Enrollment): string | null {
  if (e.auth_level !== 'student') return null;
  const a = r.assessment;
  const now = app.clock.now();
  if (e.dropped) return 'You cannot submit because you have dropped the course.';
  if (now < a.start_at) return 'We are not yet accepting submissions on this assessment.';
  if (now > a.end_at + r.course.late_slack * 1000) return 'You cannot submit because it is past the deadline.';
  if (a.max_submissions !== -1 && countSubmissions(app, a.id, e.id) >= a.max_submissions) return 'You have already reached the submission limit.';
  return null;
}

/** `POST …/submit` (§4.8). */
export async function postSubmit(app: SandboxApp, r: AssessmentRequest): Promise<void> {
  const { ctx, assessment: a } = r;
  const res = ctx.res;
  const file = ctx.files.get('submission[file]');
  {
    if (a.embedded_quiz) return sendError(res, 400, 'Assessment is an embedded quiz');
    const hasSubmission = [...ctx.params.keys(), ...ctx.files.keys(), ...Object.keys(ctx.json ?? {})].some(
      (k) => k === 'submission' || k.startsWith('submission['),
    );
    if (!hasSubmission) return sendError(res, 400, "Required parameter 'submission' not found");
    if (!file) return sendError(res, 400, "Required parameter 'submission['file']' not found");
    if (a.disable_handins) return sendError(res, 403, 'Handins for this assessment is disabled');
    const mb = maxSizeMb(app, a.max_size);
    if (file.size > mb * 2 ** 20) {
      return sendError(res, 403, `Submission is larger than the max allowed size (${mb} MB) - please remove any unnecessary logfiles and binaries.`);
    }
    const members = a.group_size > 1 ? groupMembers(app, a.id, r.enrollment.id) : null;
    if (members) {
      if (members.some((m) => !m.confirmed)) {
        return sendError(res, 403, 'Submission not allowed until all group members confirm their group membership');
      }
      if (a.max_submissions !== -1 && members.some((m) => countSubmissions(app, a.id, m.enrollment_id) >= a.max_submissions)) {
        return sendError(res, 403, 'A member of your group has reached the submission limit for this assessment');
      }
    }
    const failure = validationFailure(app, r, r.enrollment);
    if (failure) {
      return sendError(res, 500, `Unexpected error during submission handin.\nDetails: Validation failed: ${failure}`);
    }
    // One row per member in the group's membership order; the answer reports the first row (§4.8).
    const enrollmentIds = members ? members.map((m) => m.enrollment_id) : [r.enrollment.id];
    const created: Submission[] = [];
    const now = app.clock.now();
    for (const [i, enrollmentId] of enrollmentIds.entries()) {
      const version = Math.max(0, ...app.state.submissions.filter((s) => s.assessment_id === a.id && s.enrollment_id === enrollmentId).map((s) => s.version)) + 1;
      const id = nextId(app.state);
      const stored = join(app.uploadsDir, `submission-${id}`);
      if (i === 0) await rename(file.path, stored);
      else await copyFile(join(app.uploadsDir, `submission-${created[0]?.id ?? 0}`), stored);
      const s: Submission = {
        id,
        assessment_id: a.id,
        enrollment_id: enrollmentId,
        version,
        filename: `${version}_${a.handin_filename}`,
        created_at: now,
        file: stored,
        app_id: r.token.app_id,
        grading: a.has_autograder ? 'pending' : 'none',
      };
      app.state.submissions.push(s);
      created.push(s);
    }
    app.save();
    const first = created[0] as Submission;
    if (a.has_autograder) {
      if (app.runtime.autograderFailure) {
        app.runtime.autograderFailure = false;
        for (const s of created) s.grading = 'none';
        app.save();
        return sendError(res, 500, 'Submission accepted, but autograding failed: Error submitting job to Tango (sandbox-injected failure)');
      }
      app.grading.enqueue(created.map((s) => s.id));
    }
    sendJson(res, 200, { version: first.version, filename: first.filename });
  }
}

/** `GET …/submissions` (§4.9): the caller's own, newest first. */
export function getSubmissions(app: SandboxApp, r: AssessmentRequest): void {
  const list = app.state.submissions
    .filter((s) => s.assessment_id === r.assessment.id && s.enrollment_id === r.enrollment.id)
    .sort((x, y) => y.version - x.version)
    .map((s) => ({ version: s.version, filename: s.filename, created_at: formatAutolabTime(s.created_at), scores: submissionScoresJson(app, s, false) }));
  sendJson(r.ctx.res, 200, list);
}

/** `GET …/submissions/{v}/feedback?problem=…` (§4.10). */
export function getFeedback(app: SandboxApp, r: AssessmentRequest): void {
  const a = r.assessment;
  const problem = param(r.ctx, 'problem');
  if (problem === undefined || problem === '') return sendError(r.ctx.res, 400, "Required parameter 'problem' not found");
  if (!app.state.problems.some((p) => p.assessment_id === a.id && p.name === problem)) {
    return sendError(r.ctx.res, 404, `Problem named ${problem} does not exist for ${a.name}`);
  }
  const v = r.path.version ?? '';
  const sub = app.state.submissions.find((s) => s.assessment_id === a.id && s.enrollment_id === r.enrollment.id && String(s.version) === v);
  if (!sub) return sendError(r.ctx.res, 404, `Submission version ${v} does not exist for ${a.name}`);
  const withFeedback = app.state.scores.find((sc) => sc.submission_id === sub.id && sc.feedback !== null);
  if (!withFeedback) return sendError(r.ctx.res, 404, `Score for ${problem} of submission version ${v} of ${a.name} does not exist`);
  sendJson(r.ctx.res, 200, { feedback: withFeedback.feedback ?? '' });
}
