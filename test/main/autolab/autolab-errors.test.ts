import { describe, expect, it } from 'vitest';
import { errorFromHttp, errorFromNetwork, isOAuthFailure, malformedAnswer } from '../../../main/autolab/autolab-errors';

const body = (error: string) => JSON.stringify({ error });

// The exact bodies of autolab-api.md §2.11, §4.0, §4.8, §4.10, §4.14, §5.2.
const table: Array<[number, string, string]> = [
  [401, body('OAuth2 authorization failed'), 'signed-out'],
  [403, body('User is not in this course'), 'not-enrolled'],
  [403, body('Your course has been disabled by your instructor. Please contact them directly if you have any questions'), 'course-disabled'],
  [403, body('Assessment not released yet'), 'not-released'],
  [403, body('Your client does not have the required scope for this action'), 'missing-scope'],
  [403, body('User does not have instructor privileges for this course'), 'not-instructor'],
  [403, body('Handins for this assessment is disabled'), 'handins-disabled'],
  [403, body('Submission is larger than the max allowed size (2 MB) - please remove any unnecessary logfiles and binaries.'), 'too-large'],
  [403, body('Submission failed Filetype Check'), 'filetype'],
  [403, body('Submission not allowed until all group members confirm their group membership'), 'group-unconfirmed'],
  [403, body('A member of your group has reached the submission limit for this assessment'), 'group-limit'],
  [400, body('Assessment is an embedded quiz'), 'embedded-quiz'],
  [500, body('Unexpected error during submission handin.\nDetails: Validation failed: You cannot submit because you have dropped the course.'), 'dropped'],
  [500, body('Unexpected error during submission handin.\nDetails: Validation failed: We are not yet accepting submissions on this assessment.'), 'not-open'],
  [500, body('Unexpected error during submission handin.\nDetails: Validation failed: You cannot submit because it is past the deadline.'), 'past-deadline'],
  [500, body('Unexpected error during submission handin.\nDetails: Validation failed: You have already reached the submission limit.'), 'submission-limit'],
  [500, body('Submission accepted, but autograding failed: Tango is down'), 'autograding-failed'],
  [429, '{"error": "Too Many Requests. Retry Later."}', 'rate-limited'],
  [404, body('Course does not exist'), 'not-found'],
  [404, body('Assessment does not exist'), 'not-found'],
  [404, body('Submission version 7 does not exist for datalab'), 'not-found'],
  [404, body('Score for Correctness of submission version 1 of datalab does not exist'), 'no-feedback'],
  [404, body('Invalid request path'), 'not-supported'],
  [400, body('Nonexistent user'), 'unknown-user'],
  [400, body('User with email z@x not found in course.'), 'unknown-user'],
  [404, body('User is not in course'), 'not-in-course'],
  [500, body('Unable to create problem'), 'problem-not-created'],
  [400, body("Group size of assessment is currently 1, so you can't create group"), 'groups-off'],
  [400, body('Cannot have groups with size more than group_size'), 'group-too-big'],
  [400, body("Couldn't find group 12"), 'not-found'],
  [400, body("Couldn't find group with id 12"), 'not-found'],
  [400, body('Update failed: Nickname can only contain ASCII characters'), 'enrollment-invalid'],
  [400, body('User is already in the course'), 'already-enrolled'],
  [400, body('Invalid auth_level'), 'invalid-role'],
  [400, body("Update failed: User can't be dropped if they are an instructor or course assistant"), 'cannot-drop-staff'],
  [400, body('Creation failed: Nickname is too long (maximum is 32 characters)'), 'enrollment-invalid'],
  [400, body("Problem 'Nope' not found in this assessment"), 'unknown-problem'],
  [502, '<html>Bad gateway</html>', 'server-down'],
  [500, '<html>We’re sorry, but something went wrong.</html>', 'server-down'],
  [418, 'teapot', 'unexpected'],
];

describe('every Autolab failure maps to one sentence and a code', () => {
  it.each(table)('%i %s → %s', (status, text, code) => {
    const err = errorFromHttp(status, text);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(/^[A-Z].*[.]$/);
    expect(err.message).not.toMatch(/\n|\[object|undefined|Error:/);
    expect(err.message.split(/[.!?]\s/).length).toBe(1);
  });

  it('keeps the size limit in the too-large sentence', () => {
    expect(errorFromHttp(403, table[7]![1]).message).toContain('(2 MB)');
  });

  it('passes Autolab’s own words for an unknown 400', () => {
    expect(errorFromHttp(400, body('Invalid group_size')).message).toBe('Autolab refused the request: Invalid group_size.');
  });

  it.each([
    ['ENOTFOUND', 'offline'], ['EAI_AGAIN', 'offline'], ['ECONNREFUSED', 'offline'], ['ENETUNREACH', 'offline'],
    ['ETIMEDOUT', 'server-down'], ['ECONNRESET', 'server-down'], ['EPIPE', 'server-down'],
  ])('network error %s → %s', (code, expected) => {
    expect(errorFromNetwork(Object.assign(new Error('x'), { code })).code).toBe(expected);
  });

  it('a cancel is "cancelled"; a malformed body is the clear sentence', () => {
    expect(errorFromNetwork(Object.assign(new Error('x'), { name: 'AbortError' })).code).toBe('cancelled');
    expect(malformedAnswer().message).toMatch(/^The server sent an answer Autolab Desktop does not understand/);
  });

  it('recognises the refresh trigger by status or body', () => {
    expect(isOAuthFailure(401, '')).toBe(true);
    expect(isOAuthFailure(400, body('OAuth2 authorization failed'))).toBe(true);
    expect(isOAuthFailure(403, body('User is not in this course'))).toBe(false);
  });
});
