/**
 * The sandbox's data model: the Autolab tables the API and OAuth server read and write.
 *
 * Why: one plain, serialisable state object mirrors Autolab's DB (users, courses,
 * course_user_data, assessments, problems, submissions, scores, groups, oauth_*), so it can be
 * persisted as JSON in `dataDir` and validated with zod when it is read back (design.md).
 */
import { z } from 'zod';

const attachment = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('url'), url: z.string() }),
  z.object({ kind: z.literal('file'), filename: z.string(), content: z.string() }),
]);

/** Persisted-state schema (zod), the source of the types below. */
export const stateSchema = z.object({
  schemaVersion: z.literal(1),
  nextId: z.number().int(),
  users: z.array(
    z.object({
      id: z.number().int(),
      email: z.string(),
      password: z.string(),
      first_name: z.string(),
      last_name: z.string(),
      school: z.string().nullable(),
      major: z.string().nullable(),
      year: z.string().nullable(),
      administrator: z.boolean(),
      created_at: z.number(),
    }),
  ),
  courses: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      display_name: z.string(),
      semester: z.string().nullable(),
      late_slack: z.number().int(),
      grace_days: z.number().int(),
      start_date: z.string(),
      end_date: z.string(),
      disabled: z.boolean(),
      disable_on_end: z.boolean(),
      version_threshold: z.number().int(),
    }),
  ),
  enrollments: z.array(
    z.object({
      id: z.number().int(),
      course_id: z.number().int(),
      user_id: z.number().int(),
      lecture: z.string(),
      section: z.string(),
      grade_policy: z.string(),
      dropped: z.boolean(),
      nickname: z.string().nullable(),
      auth_level: z.enum(['instructor', 'course_assistant', 'student']),
    }),
  ),
  assessments: z.array(
    z.object({
      id: z.number().int(),
      course_id: z.number().int(),
      name: z.string(),
      display_name: z.string(),
      category_name: z.string(),
      description: z.string().nullable(),
      start_at: z.number(),
      due_at: z.number(),
      end_at: z.number(),
      updated_at: z.number(),
      created_at: z.number(),
      max_grace_days: z.number().int().nullable(),
      max_submissions: z.number().int(),
      version_threshold: z.number().int().nullable(),
      disable_handins: z.boolean().nullable(),
      group_size: z.number().int(),
      allow_student_assign_group: z.boolean(),
      has_scoreboard: z.boolean(),
      has_autograder: z.boolean(),
      release_scores: z.boolean(),
      handin_filename: z.string(),
      max_size: z.number(),
      embedded_quiz: z.boolean(),
      writeup: attachment,
      handout: attachment,
    }),
  ),
  problems: z.array(
    z.object({
      id: z.number().int(),
      assessment_id: z.number().int(),
      name: z.string(),
      description: z.string(),
      max_score: z.number(),
      optional: z.boolean(),
      starred: z.boolean(),
    }),
  ),
  submissions: z.array(
    z.object({
      id: z.number().int(),
      assessment_id: z.number().int(),
      enrollment_id: z.number().int(),
      version: z.number().int(),
      filename: z.string(),
      created_at: z.number(),
      file: z.string().nullable(),
      app_id: z.number().int().nullable(),
      grading: z.enum(['none', 'pending', 'done']),
    }),
  ),
  scores: z.array(
    z.object({
      submission_id: z.number().int(),
      problem_id: z.number().int(),
      score: z.number().nullable(),
      feedback: z.string().nullable(),
      released: z.boolean(),
    }),
  ),
  groups: z.array(
    z.object({
      id: z.number().int(),
      assessment_id: z.number().int(),
      name: z.string(),
      created_at: z.number(),
      updated_at: z.number(),
    }),
  ),
  memberships: z.array(
    z.object({ group_id: z.number().int(), enrollment_id: z.number().int(), confirmed: z.boolean() }),
  ),
  applications: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      uid: z.string(),
      secret: z.string(),
      redirect_uris: z.array(z.string()),
      scopes: z.array(z.string()),
      confidential: z.boolean(),
    }),
  ),
  grants: z.array(
    z.object({
      token: z.string(),
      app_id: z.number().int(),
      user_id: z.number().int(),
      redirect_uri: z.string(),
      scopes: z.array(z.string()),
      created_at: z.number(),
      expires_in: z.number(),
      revoked_at: z.number().nullable(),
      code_challenge: z.string().nullable(),
    }),
  ),
  tokens: z.array(
    z.object({
      id: z.number().int(),
      token: z.string(),
      refresh_token: z.string(),
      app_id: z.number().int(),
      user_id: z.number().int(),
      scopes: z.array(z.string()),
      created_at: z.number(),
      expires_in: z.number(),
      revoked_at: z.number().nullable(),
      previous_refresh_token: z.string(),
    }),
  ),
  deviceRequests: z.array(
    z.object({
      id: z.number().int(),
      app_id: z.number().int(),
      device_code: z.string(),
      user_code: z.string(),
      scopes: z.array(z.string()),
      status: z.enum(['pending', 'granted', 'denied']),
      resolution_state: z.string().nullable(),
      code: z.string().nullable(),
      user_id: z.number().int().nullable(),
    }),
  ),
});

/** The whole sandbox state. */
export type SandboxState = z.infer<typeof stateSchema>;
/** An Autolab user. */
export type User = SandboxState['users'][number];
/** A course. */
export type Course = SandboxState['courses'][number];
/** A course_user_datum (enrollment). */
export type Enrollment = SandboxState['enrollments'][number];
/** An assessment. */
export type Assessment = SandboxState['assessments'][number];
/** A problem of an assessment. */
export type Problem = SandboxState['problems'][number];
/** A submission row (one per group member). */
export type Submission = SandboxState['submissions'][number];
/** A score row. */
export type Score = SandboxState['scores'][number];
/** An assessment group. */
export type Group = SandboxState['groups'][number];
/** An OAuth application. */
export type Application = SandboxState['applications'][number];
/** An authorization code (oauth_access_grants). */
export type Grant = SandboxState['grants'][number];
/** An access/refresh token record (oauth_access_tokens). */
export type AccessToken = SandboxState['tokens'][number];
/** An Autolab device-flow request (oauth_device_flow_requests). */
export type DeviceRequest = SandboxState['deviceRequests'][number];

/** An empty state. */
export function emptyState(): SandboxState {
  return {
    schemaVersion: 1,
    nextId: 1,
    users: [],
    courses: [],
    enrollments: [],
    assessments: [],
    problems: [],
    submissions: [],
    scores: [],
    groups: [],
    memberships: [],
    applications: [],
    grants: [],
    tokens: [],
    deviceRequests: [],
  };
}

/** Allocate the next id. */
export function nextId(state: SandboxState): number {
  return state.nextId++;
}
