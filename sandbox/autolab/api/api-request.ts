/**
 * The request object API v1 handlers receive after the filter chain.
 *
 * Why: Autolab's `before_action`s (token, set_course, authorize_user_for_course, scope,
 * set_assessment) run before every handler (autolab-api.md §4.0); handlers get their results.
 */
import type { RequestContext } from '../../http/request-context.js';
import type { AccessToken, Assessment, Course, Enrollment, User } from '../state.js';
import type { SandboxApp } from '../sandbox-app.js';

/** After the token check. */
export interface UserRequest {
  ctx: RequestContext;
  user: User;
  token: AccessToken;
  /** Decoded path parameters (`email`, `version`, `id`). */
  path: Record<string, string>;
}

/** After set_course and authorize_user_for_course. */
export interface CourseRequest extends UserRequest {
  course: Course;
  enrollment: Enrollment;
}

/** After set_assessment. */
export interface AssessmentRequest extends CourseRequest {
  assessment: Assessment;
}

/** The Rails generic 500 answer for exceptions Autolab does not convert (§4.0, §7: body unverified). */
export const RAILS_500 = { status: 500, error: 'Internal Server Error' } as const;

/** A scope an endpoint checks, or null for none beyond user_info (§4.1). */
export type EndpointScope = 'user_info' | 'user_courses' | 'user_scores' | 'user_submit' | 'instructor_all' | 'admin_all' | null;

/** One API v1 route. */
export type ApiRoute =
  | { level: 'user'; name: string; methods: string[]; pattern: string; scope: EndpointScope; handle: (app: SandboxApp, r: UserRequest) => void | Promise<void> }
  | { level: 'course'; name: string; methods: string[]; pattern: string; scope: EndpointScope; handle: (app: SandboxApp, r: CourseRequest) => void | Promise<void> }
  | {
      level: 'assessment';
      name: string;
      methods: string[];
      pattern: string;
      scope: EndpointScope;
      handle: (app: SandboxApp, r: AssessmentRequest) => void | Promise<void>;
    };
