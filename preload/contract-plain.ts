/**
 * The contract's plain values: everything the renderer needs at run time that
 * is not a zod schema.
 *
 * The renderer imports types from `contract.ts` (erased at build time) and
 * values only from here, so its bundle carries no zod (~100 KB, issue 15
 * "Speed, measured"); main validates every input with the schemas in
 * `contract.ts`, which builds on these same values. Nothing here may import
 * zod, Node or Electron (test/preload/renderer-bundle.test.ts checks the built bundle).
 */
import type { InstructorAccess, Role } from './contract/instructor';

export { API_GLOBAL, CHANNEL_NAMES, EVENT_CHANNEL, methodName } from './bridge-names';

/** The WebSocket path of the web host. */
export const WS_PATH = '/ipc';

/** The sentence for a base URL that is not one. */
export const BASE_URL_SENTENCE = 'Enter the address of your Autolab, e.g. https://autolab.example.edu';

/** Whether `s` is an Autolab base URL as a user may type it: http(s), no credentials, no fragment. */
export function isBaseUrl(s: string): boolean {
  const trimmed = s.trim();
  if (!trimmed || trimmed.length > 2048) return false;
  try {
    const u = new URL(trimmed);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && !u.hash;
  } catch {
    return false;
  }
}

/** The sentence for a course assistant (Autolab refuses `instructor_all` to them, §4.0 step 4). */
export const COURSE_ASSISTANT_SENTENCE =
  'Roster and Scores are for instructors only: Autolab does not give course assistants instructor access through its API, so ask an instructor of this course for roster or score changes.';
/** The sentence for a token without `instructor_all` (§2.10). */
export const MISSING_SCOPE_SENTENCE =
  'This sign-in did not grant Autolab Desktop instructor access; sign out and sign in again allowing it, or ask your Autolab administrator to add the instructor_all scope to the app.';
/** The sentence for a student (the UI never offers these pages to them). */
export const STUDENT_SENTENCE = 'Only instructors of this course can see its roster and scores.';

/**
 * Decide whether to offer the roster and scores pages for a course.
 *
 * Students see nothing; course assistants and tokens without `instructor_all`
 * see the tabs disabled with one sentence instead of screens Autolab would
 * refuse (§2.10, §6.19).
 */
export function instructorAccess(role: Role, scopes: readonly string[]): InstructorAccess {
  if (role === 'student') return { kind: 'hidden' };
  if (role === 'course_assistant') return { kind: 'explain', message: COURSE_ASSISTANT_SENTENCE };
  if (!scopes.includes('instructor_all')) return { kind: 'explain', message: MISSING_SCOPE_SENTENCE };
  return { kind: 'allowed' };
}
