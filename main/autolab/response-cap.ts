/**
 * A ceiling on how much of an answer is read (issue 11 item 5).
 *
 * A hostile or broken server could otherwise stream an endless body into
 * memory. The ceiling is one generous global figure rather than one per
 * endpoint: the largest real answers are an instructor's roster
 * (`course_user_data`, ~600 bytes a student: ~1.2 MB for 2,000 students),
 * a course's scores (`scores`, a record per student), and a long autograder
 * feedback text. 32 MiB is over twenty times the 2,000-student roster
 * (measured against the sandbox in test/main/security/response-cap.test.ts),
 * and small enough that parsing it cannot exhaust the app's memory. The body
 * is refused while it streams: no more than the cap plus one chunk is held.
 */
import type { RequestPromise, Response } from 'got';
import { UserError } from '../user-error';

/** Largest answer body read from an Autolab or OAuth endpoint. */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** The error for an answer past {@link MAX_RESPONSE_BYTES}. */
export function responseTooLarge(host: string): UserError {
  return new UserError(
    'too-large-answer',
    `${host} sent an answer larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB, far beyond any real Autolab answer, so Autolab Desktop stopped reading it; check the server address or try again later.`,
  );
}

/**
 * Start a got request with `start(signal)` and await it, aborting it as soon
 * as its declared or received size passes `limit`. `signal` combines the
 * caller's own (if any) with the cap's.
 *
 * @throws the error of {@link responseTooLarge} past the limit; otherwise
 *   whatever the request throws.
 */
export async function readCapped<T>(
  start: (signal: AbortSignal) => RequestPromise<Response<T>>,
  host: string,
  options: { signal?: AbortSignal; limit?: number } = {},
): Promise<Response<T>> {
  const limit = options.limit ?? MAX_RESPONSE_BYTES;
  const cap = new AbortController();
  const request = start(options.signal ? AbortSignal.any([options.signal, cap.signal]) : cap.signal);
  const stop = () => {
    if (!cap.signal.aborted) cap.abort(new Error('answer too large'));
  };
  request.on('downloadProgress', (progress) => {
    // `total` is the declared Content-Length, known from the first event.
    if (progress.transferred > limit || (progress.total ?? 0) > limit) stop();
  });
  try {
    return await request;
  } catch (err) {
    if (cap.signal.aborted && !options.signal?.aborted) throw responseTooLarge(host);
    throw err;
  }
}
