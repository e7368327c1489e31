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

/** Why a plain `http://` address is refused (issue 11 item 4). */
export const PLAIN_HTTP_REFUSED =
  'Use the https:// address of your Autolab: over plain http:// the client secret, sign-in codes and tokens would cross the network unencrypted (http:// is allowed only for this computer: localhost, 127.x.x.x or [::1]).';

/**
 * Whether `u` may be used as an Autolab address: `https:` anywhere, `http:`
 * only on loopback (127.0.0.0/8, ::1, localhost) where nothing crosses a network.
 */
export function isAllowedAutolabUrl(u: URL): boolean {
  if (u.protocol === 'https:') return true;
  if (u.protocol !== 'http:') return false;
  const host = u.hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Whether `s` has the shape of a base URL a user may type: http(s), no credentials, no fragment (plain http is refused separately). */
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
/** The sentence for a token without `instructor_all` when it was not asked for (§2.10). */
export const MISSING_SCOPE_SENTENCE =
  'Roster and Scores need instructor access, which this sign-in did not ask for; sign in again with instructor access to open them.';
/** The sentence when `instructor_all` was asked for but not granted (declined, or not registered for the app). */
export const NOT_GRANTED_SENTENCE =
  'Autolab did not grant instructor access to this sign-in; sign in again and allow it, or ask your Autolab administrator to add the instructor_all scope to the Autolab Desktop app.';
/** The sentence for a student (the UI never offers these pages to them). */
export const STUDENT_SENTENCE = 'Only instructors of this course can see its roster and scores.';

/**
 * Decide whether to offer the roster and scores pages for a course.
 *
 * Students see nothing; course assistants and tokens without `instructor_all`
 * see the tabs disabled with one sentence instead of screens Autolab would
 * refuse (§2.10, §6.19).
 */
export function instructorAccess(role: Role, scopes: readonly string[], askedForInstructor = false): InstructorAccess {
  if (role === 'student') return { kind: 'hidden' };
  if (role === 'course_assistant') return { kind: 'explain', message: COURSE_ASSISTANT_SENTENCE };
  if (!scopes.includes('instructor_all')) {
    return { kind: 'explain', message: askedForInstructor ? NOT_GRANTED_SENTENCE : MISSING_SCOPE_SENTENCE, offerSignIn: true };
  }
  return { kind: 'allowed' };
}

/**
 * An Open edX site id: opaque, generated in main as `edx-<uuid>`. The one rule for every place a
 * site id appears (the contract's `SiteIdSchema` is built from it; the renderer checks a restored
 * route with {@link isSiteId}).
 */
export const SITE_ID_PATTERN = /^edx-[a-z0-9-]{1,60}$/;

/** Whether `value` is an Open edX site id ({@link SITE_ID_PATTERN}). */
export function isSiteId(value: unknown): value is string {
  return typeof value === 'string' && SITE_ID_PATTERN.test(value);
}

/** A field of the "Add an Open edX site" form. */
export type OpenedxSiteField = 'name' | 'baseUrl' | 'clientId' | 'clientSecret' | 'redirectPort';

/**
 * The first field of an "Add an Open edX site" form that main would refuse,
 * or null. Main checks the same rules again with `AddOpenedxSiteInputSchema`
 * (contract/openedx.ts); this copy keeps zod out of the renderer.
 */
export function openedxSiteInputProblem(input: { mode: 'client-credentials' | 'browser'; name?: string | undefined; baseUrl: string; clientId: string; clientSecret?: string; redirectPort?: number }): OpenedxSiteField | null {
  if ((input.name ?? '').trim().length > 80) return 'name';
  if (!isBaseUrl(input.baseUrl) || !isAllowedAutolabUrl(new URL(input.baseUrl.trim()))) return 'baseUrl';
  const id = input.clientId.trim();
  if (id.length < 1 || id.length > 200) return 'clientId';
  if (input.mode === 'client-credentials') {
    const secret = input.clientSecret ?? '';
    if (secret.length < 1 || secret.length > 500) return 'clientSecret';
  } else {
    const port = input.redirectPort ?? NaN;
    if (!Number.isInteger(port) || port < 1024 || port > 65535) return 'redirectPort';
  }
  return null;
}
