/**
 * Turns every Autolab failure into one user sentence and a stable code.
 *
 * Autolab answers failures as `{"error": "<text>"}` with a status that is not
 * always meaningful (deadline and limit failures of submit are HTTP 500,
 * autolab-api.md §4.8, §6.14), so the mapping reads the body text first and
 * the status second. Network failures are classified by their Node error code.
 * Each sentence says what happened and what to do (design.md "Clear errors").
 */
import { UserError } from '../user-error';
import { ErrorBodySchema } from './schemas';

/** A mapping rule: a body pattern (and optional status) to a code and sentence. */
interface Rule {
  status?: number;
  match: RegExp;
  code: string;
  sentence: (m: RegExpMatchArray) => string;
}

const rules: Rule[] = [
  { status: 401, match: /OAuth2 authorization failed/, code: 'signed-out', sentence: () => 'You have been signed out of Autolab; sign in again to continue.' },
  { match: /^User is not in this course$/, code: 'not-enrolled', sentence: () => 'You are not enrolled in this course on Autolab; ask your instructor to add you.' },
  { match: /^Your course has been disabled/, code: 'course-disabled', sentence: () => 'This course has been disabled by its instructor; contact them directly if you have questions.' },
  { match: /^Assessment not released yet$/, code: 'not-released', sentence: () => 'This assessment has not been released yet; try again once it opens.' },
  { match: /^Your client does not have the required scope/, code: 'missing-scope', sentence: () => 'Autolab Desktop was not given permission to do this; sign out and sign in again, granting every permission it asks for.' },
  { match: /^User does not have instructor privileges/, code: 'not-instructor', sentence: () => 'This needs instructor privileges in this course, which your account does not have.' },
  { match: /^User does not have admin privileges/, code: 'not-admin', sentence: () => 'This needs an Autolab administrator account.' },
  { match: /^Handins for this assessment is disabled/, code: 'handins-disabled', sentence: () => 'The instructor has turned off submissions for this assessment; contact them if you think this is a mistake.' },
  { match: /^Submission is larger than the max allowed size \((\d+(?:\.\d+)?) MB\)/, code: 'too-large', sentence: (m) => `The file is larger than this assessment allows (${m[1]} MB); remove unnecessary log files and binaries and submit again.` },
  { match: /^Submission failed Filetype Check/, code: 'filetype', sentence: () => 'Autolab rejected the type of this file; check which file the assessment expects and submit that.' },
  { match: /^Submission not allowed until all group members confirm/, code: 'group-unconfirmed', sentence: () => 'You can submit once every member of your group has confirmed their membership on Autolab.' },
  { match: /^A member of your group has reached the submission limit/, code: 'group-limit', sentence: () => 'A member of your group has used all the submissions allowed for this assessment, so Autolab did not accept it.' },
  { match: /^Assessment is an embedded quiz/, code: 'embedded-quiz', sentence: () => 'This assessment is a quiz answered on the Autolab website; open it there.' },
  { match: /Validation failed: You cannot submit because you have dropped the course/, code: 'dropped', sentence: () => 'You have dropped this course, so Autolab does not accept your submissions; contact your instructor if this is wrong.' },
  { match: /Validation failed: We are not yet accepting submissions/, code: 'not-open', sentence: () => 'This assessment is not accepting submissions yet; try again once it opens.' },
  { match: /Validation failed: You cannot submit because it is past the deadline/, code: 'past-deadline', sentence: () => 'The deadline for this assessment has passed, so Autolab did not accept the submission; contact your instructor if you need an extension.' },
  { match: /Validation failed: You have already reached the submission limit/, code: 'submission-limit', sentence: () => 'You have used all the submissions allowed for this assessment, so Autolab did not accept this one.' },
  { match: /^Submission accepted, but autograding failed/, code: 'autograding-failed', sentence: () => 'Your submission was saved, but the autograder could not start; do not submit again, and tell your instructor if no score appears.' },
  { status: 429, match: /Too Many Requests/, code: 'rate-limited', sentence: () => 'Autolab is limiting how often the app may ask; wait half a minute and try again.' },
  { match: /^Course does not exist$/, code: 'not-found', sentence: () => 'This course does not exist on Autolab any more; refresh the course list.' },
  { match: /^Assessment does not exist$/, code: 'not-found', sentence: () => 'This assessment does not exist on Autolab any more; refresh the assessment list.' },
  { match: /^Submission version \d+ does not exist/, code: 'not-found', sentence: () => 'Autolab has no such submission; refresh the submission list.' },
  { match: /^Score for .* does not exist$/, code: 'no-feedback', sentence: () => 'There is no feedback for this submission yet; check again after the autograder has finished.' },
  { match: /^Problem named .* does not exist/, code: 'not-found', sentence: () => 'Autolab has no such problem in this assessment; refresh the assessment.' },
  { match: /^Invalid request path$/, code: 'not-supported', sentence: () => 'This Autolab server does not offer that feature; it may run an older version.' },
  // Roster (course_user_data, §4.14) and score edits (§4.12).
  { match: /^User is already in the course$/, code: 'already-enrolled', sentence: () => 'This person is already enrolled in the course; edit their enrollment instead.' },
  { match: /^Invalid auth_level$/, code: 'invalid-role', sentence: () => 'Autolab did not accept that role; choose student, course assistant or instructor.' },
  { match: /User can't be dropped if they are an instructor or course assistant/, code: 'cannot-drop-staff', sentence: () => 'Instructors and course assistants cannot be dropped; make them a student first if they are leaving the course.' },
  { match: /^(?:Creation|Update) failed: (.+?)\.?$/s, code: 'enrollment-invalid', sentence: (m) => `Autolab did not accept the enrollment: ${(m[1] ?? '').replace(/\s+/g, ' ')}.` },
  { match: /^Problem '(.*)' not found in this assessment$/, code: 'unknown-problem', sentence: (m) => `This assessment has no problem named "${m[1] ?? ''}"; refresh the scores and try again.` },
  { match: /^User is not in course$/, code: 'not-in-course', sentence: () => 'This person has an Autolab account but is not enrolled in this course.' },
  // Problems (§4.11) and groups (§4.13).
  { match: /^Unable to create problem$/, code: 'problem-not-created', sentence: () => 'Autolab could not create the problem; most often a problem with that name already exists in this assessment (names are compared without case).' },
  { match: /^Group size of assessment is currently 1/, code: 'groups-off', sentence: () => 'This assessment is not a group assessment (its group size is 1); set a group size of 2 or more first.' },
  { match: /^Cannot have groups with size more than group_size$/, code: 'group-too-big', sentence: () => "A group has more members than the assessment's group size allows; make the group smaller or raise the group size." },
  { match: /^Couldn't find group/, code: 'not-found', sentence: () => 'That group no longer exists on Autolab; refresh the groups.' },
  { match: /^(Nonexistent user|User with email .* not found in course\.)$/, code: 'unknown-user', sentence: () => 'Autolab has no such user in this course; check the email address.' },
];

/** The `error` text of an Autolab error body, or undefined when the body is not one. */
export function errorText(bodyText: string): string | undefined {
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(bodyText));
    return parsed.success ? parsed.data.error : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Is this the answer that means "refresh the token" (autolab-api.md §2.11, §8)?
 *
 * Autolab's 401 body is always `{"error":"OAuth2 authorization failed"}`.
 */
export function isOAuthFailure(status: number, bodyText: string): boolean {
  return status === 401 || errorText(bodyText) === 'OAuth2 authorization failed';
}

/**
 * The user-facing error for an HTTP answer that is not a success.
 *
 * Known Autolab bodies map to their own sentence; other 4xx bodies are
 * reported with Autolab's own words; 5xx without a known body means the
 * server is down.
 */
export function errorFromHttp(status: number, bodyText: string): UserError {
  const text = errorText(bodyText);
  for (const rule of rules) {
    if (rule.status !== undefined && rule.status !== status) continue;
    const m = (text ?? (rule.status !== undefined ? bodyText : '')).match(rule.match);
    if (m) return new UserError(rule.code, rule.sentence(m));
  }
  if (status === 401) return new UserError('signed-out', 'You have been signed out of Autolab; sign in again to continue.');
  if (status === 429) return new UserError('rate-limited', 'Autolab is limiting how often the app may ask; wait half a minute and try again.');
  if (status >= 500) return new UserError('server-down', 'The Autolab server is having trouble right now; try again in a few minutes.');
  if (status === 404) return new UserError('not-found', 'Autolab could not find what the app asked for; refresh and try again.');
  if (text && status >= 400 && status < 500) {
    const clean = text.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
    return new UserError('rejected', `Autolab refused the request: ${clean}.`);
  }
  return new UserError('unexpected', `Autolab answered with an unexpected status (${status}); try again later.`);
}

const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN']);
const DOWN_CODES = new Set(['ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'ERR_STREAM_PREMATURE_CLOSE', 'HPE_INVALID_CONSTANT', 'UND_ERR_SOCKET']);

/** The Node error code carried by an error or its cause, if any. */
export function networkCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ERR_GOT_REQUEST_ERROR') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Was this failure caused by the caller's AbortSignal (the user's Cancel)? */
export function isAbort(err: unknown): boolean {
  return !!err && typeof err === 'object' && ((err as { name?: string }).name === 'AbortError' || networkCode(err) === 'ERR_ABORTED');
}

/**
 * The user-facing error for a request that got no HTTP answer.
 *
 * DNS failures and refused or unreachable connections mean "offline";
 * timeouts and resets mean the server is not answering.
 */
export function errorFromNetwork(err: unknown): UserError {
  if (err instanceof UserError) return err;
  if (isAbort(err)) return new UserError('cancelled', 'The request was cancelled.', { cause: err });
  const code = networkCode(err);
  if (code && OFFLINE_CODES.has(code)) {
    return new UserError('offline', 'Autolab cannot be reached from this computer; check your internet connection and try again.', { cause: err });
  }
  if (code === 'ETIMEDOUT' || (err as { name?: string })?.name === 'TimeoutError') {
    return new UserError('server-down', 'The Autolab server did not answer in time; try again in a few minutes.', { cause: err });
  }
  if (code && DOWN_CODES.has(code)) {
    return new UserError('server-down', 'The connection to Autolab was cut off; try again in a few minutes.', { cause: err });
  }
  return new UserError('server-down', 'Autolab could not be reached; try again in a few minutes.', { cause: err });
}

/** The error for a body that is not JSON or does not match its schema. */
export function malformedAnswer(cause?: unknown): UserError {
  return new UserError('malformed-answer', 'The server sent an answer Autolab Desktop does not understand; check the server address or try again later.', { cause });
}
