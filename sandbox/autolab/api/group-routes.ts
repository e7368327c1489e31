/**
 * API v1: groups (instructor_all).
 *
 * Why: autolab-api.md §4.13, including Autolab's `get_group_json` bug (members arrays instead
 * of group objects) that clients meet.
 */
import { param } from '../../http/request-context.js';
import { sendError, sendJson } from '../http-response.js';
import { formatAutolabTime } from '../../http/clock.js';
import type { RailsJsonValue } from '../rails-json.js';
import { enrollmentOf, userByEmail, type SandboxApp } from '../sandbox-app.js';
import { nextId, type Group } from '../state.js';
import { userRecordJson } from './api-json.js';
import type { AssessmentRequest } from './api-request.js';
import { assessmentColumnsJson } from './assessment-routes.js';

function membersJson(app: SandboxApp, g: Group): RailsJsonValue[] {
  const out: RailsJsonValue[] = [];
  for (const m of app.state.memberships.filter((x) => x.group_id === g.id)) {
    const e = app.state.enrollments.find((x) => x.id === m.enrollment_id);
    const u = e && app.state.users.find((x) => x.id === e.user_id);
    if (u && e) out.push(userRecordJson(u, { course_user_datum_id: e.id }));
  }
  return out;
}

function groupJson(g: Group): RailsJsonValue {
  return { id: g.id, name: g.name, created_at: formatAutolabTime(g.created_at), updated_at: formatAutolabTime(g.updated_at) };
}

function allGroups(app: SandboxApp, r: AssessmentRequest, showMembers: boolean): RailsJsonValue[] {
  return app.state.groups.filter((g) => g.assessment_id === r.assessment.id).map((g) => (showMembers ? membersJson(app, g) : groupJson(g)));
}

/** `GET …/groups[?show_members=true]` (§4.13). */
export function getGroups(app: SandboxApp, r: AssessmentRequest): void {
  sendJson(r.ctx.res, 200, {
    group_size: r.assessment.group_size,
    groups: allGroups(app, r, param(r.ctx, 'show_members') === 'true'),
    assessment: assessmentColumnsJson(r.assessment),
  });
}

function findGroup(app: SandboxApp, r: AssessmentRequest): Group | undefined {
  return app.state.groups.find((g) => g.assessment_id === r.assessment.id && String(g.id) === r.path.id);
}

/** `GET …/groups/{id}` (§4.13): a bare array of members. */
export function getGroup(app: SandboxApp, r: AssessmentRequest): void {
  const g = findGroup(app, r);
  if (!g) return sendError(r.ctx.res, 400, `Couldn't find group with id ${r.path.id ?? ''}`);
  sendJson(r.ctx.res, 200, membersJson(app, g));
}

/** `POST …/groups` (§4.13): JSON body `{"groups":[…]}`. */
export function postGroups(app: SandboxApp, r: AssessmentRequest): void {
  const groups = r.ctx.json?.groups;
  if (!Array.isArray(groups)) return sendError(r.ctx.res, 400, "Required parameter 'groups' not found");
  const a = r.assessment;
  if (a.group_size <= 1) return sendError(r.ctx.res, 400, "Group size of assessment is currently 1, so you can't create group");
  const specs = groups.map((g: unknown) => {
    const o = (g && typeof g === 'object' ? g : {}) as { name?: unknown; group_members?: unknown };
    return {
      name: typeof o.name === 'string' && o.name ? o.name : 'Unnamed Group',
      members: Array.isArray(o.group_members) ? o.group_members.filter((x): x is string => typeof x === 'string') : [],
    };
  });
  if (specs.some((s) => s.members.length > a.group_size)) return sendError(r.ctx.res, 400, 'Cannot have groups with size more than group_size');
  const groupIds = (): Set<number> => new Set(app.state.groups.filter((g) => g.assessment_id === a.id).map((g) => g.id));
  for (const spec of specs) {
    const assigned = groupIds();
    const addable: number[] = [];
    for (const email of spec.members) {
      const u = userByEmail(app, email);
      const e = u && enrollmentOf(app, r.course.id, u.id);
      if (!e || addable.includes(e.id)) continue;
      if (app.state.memberships.some((m) => assigned.has(m.group_id) && m.enrollment_id === e.id)) continue;
      addable.push(e.id);
    }
    if (addable.length === 0) continue;
    const now = app.clock.now();
    const g: Group = { id: nextId(app.state), assessment_id: a.id, name: spec.name, created_at: now, updated_at: now };
    app.state.groups.push(g);
    for (const id of addable) app.state.memberships.push({ group_id: g.id, enrollment_id: id, confirmed: true });
  }
  app.save();
  sendJson(r.ctx.res, 200, allGroups(app, r, false));
}

/** `DELETE …/groups/{id}` (§4.13). */
export function deleteGroup(app: SandboxApp, r: AssessmentRequest): void {
  const g = findGroup(app, r);
  if (!g) return sendError(r.ctx.res, 400, `Couldn't find group ${r.path.id ?? ''}`);
  app.state.groups = app.state.groups.filter((x) => x.id !== g.id);
  app.state.memberships = app.state.memberships.filter((m) => m.group_id !== g.id);
  app.save();
  sendJson(r.ctx.res, 200, { message: `Group ${g.id} successfully deleted` });
}
