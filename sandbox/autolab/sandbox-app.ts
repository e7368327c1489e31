/**
 * The running sandbox's shared context: state, clock, settings and lookups.
 *
 * Why: every route handler needs the same few things (the state, "now", the runtime switches
 * the controls flip); one object passed explicitly keeps handlers plain functions.
 */
import type { SandboxClock } from '../http/clock.js';
import type { FixedWindowLimiter } from './rate-limiter.js';
import type { SessionStore } from './session-store.js';
import type { StateStore } from './state-store.js';
import type { Application, Course, Enrollment, SandboxState, User } from './state.js';

/** Options after defaults are applied. */
export interface ResolvedOptions {
  production: boolean;
  strictPkce: boolean;
  codeLifetimeSec: number;
  maxSizeMb: number | undefined;
  rateLimits: boolean;
}

/** Switches the controls change at run time. */
export interface RuntimeSettings {
  latencyMs: number;
  autogradeDelayMs: number;
  accessTokenLifetimeSec: number;
  autograderFailure: boolean;
}

/** Schedules autograding jobs (implemented by the autograder). */
export interface GradingQueue {
  /** Grade the given submissions after the configured delay. */
  enqueue(submissionIds: number[]): void;
}

/** What handlers receive. */
export interface SandboxApp {
  state: SandboxState;
  store: StateStore;
  clock: SandboxClock;
  options: ResolvedOptions;
  runtime: RuntimeSettings;
  sessions: SessionStore;
  limiter: FixedWindowLimiter;
  grading: GradingQueue;
  baseUrl: string;
  /** Where uploads are kept (dataDir/uploads or a temp dir). */
  uploadsDir: string;
  /** Persist the state (coalesced, async). */
  save(): void;
}

/** Find an application by client_id (uid). */
export function appByUid(app: SandboxApp, uid: string | undefined): Application | undefined {
  return uid === undefined ? undefined : app.state.applications.find((a) => a.uid === uid);
}

/** Find a user by id. */
export function userById(app: SandboxApp, id: number): User | undefined {
  return app.state.users.find((u) => u.id === id);
}

/** Find a user by email (exact match, as the sandbox documents). */
export function userByEmail(app: SandboxApp, email: string): User | undefined {
  return app.state.users.find((u) => u.email === email);
}

/** Find a course by name (exact). */
export function courseByName(app: SandboxApp, name: string): Course | undefined {
  return app.state.courses.find((c) => c.name === name);
}

/** A user's enrollment in a course. */
export function enrollmentOf(app: SandboxApp, courseId: number, userId: number): Enrollment | undefined {
  return app.state.enrollments.find((e) => e.course_id === courseId && e.user_id === userId);
}
