/**
 * Submitting a file to an assessment, safely.
 *
 * Autolab's docs say a client must not repeat a submit unchanged, and a
 * submit whose autograding failed (500) was still saved (autolab-api.md §4.8,
 * §6.14). So a submit is never retried here. When it fails, or its answer is
 * lost (timeout, reset, 5xx, cancel after bytes were sent), the submissions
 * are listed again and compared with the list taken just before the upload:
 * a new version created after the upload began means it landed. Only then may
 * the UI offer a retry (design.md "Nothing lost, nothing doubled").
 */
import path from 'node:path';
import type { Logger } from '../logger';
import { UserError } from '../user-error';
import { errorFromHttp, errorFromNetwork, isAbort, malformedAnswer } from './autolab-errors';
import type { AutolabHttp } from './autolab-http';
import { openMultipartFile, type MultipartFile } from './multipart-file';
import { epochMs, SubmitResultSchema, type Submission } from './schemas';

/** Options of a submit. */
export interface SubmitOptions {
  /** The user's Cancel. */
  signal?: AbortSignal;
  /** Upload progress of the whole request body, `sent` reaching `total`. */
  onProgress?: (progress: { sent: number; total: number }) => void;
  /** A known size limit in bytes; a larger file is refused before any upload. */
  maxBytes?: number;
  /** Abort when no byte could be sent for this long (default 60 s). */
  stallTimeoutMs?: number;
  /** Wait for the answer after the last byte this long (default 120 s). */
  responseTimeoutMs?: number;
  /** Pause between re-lists while deciding whether it landed (default 2 s). */
  relistDelayMs?: number;
}

/** Whether a failed submit was saved by Autolab. */
export type Landed = true | false | 'unknown';

/** The result of a submit: success, or a failure that says whether it landed. */
export type SubmitOutcome =
  | { ok: true; version: number; filename: string }
  | { ok: false; landed: Landed; code: string; message: string; version?: number };

/** What submit needs from the client. */
export interface SubmitContext {
  http: AutolabHttp;
  log: Logger;
  /** `courses/{c}/assessments/{a}`, encoded. */
  path: string;
  listSubmissions(signal?: AbortSignal): Promise<Submission[]>;
}

/** Failures where Autolab certainly did not save the submission (checked before saving, §4.8). */
const DEFINITELY_NOT_SAVED = new Set([
  'too-large', 'handins-disabled', 'filetype', 'group-unconfirmed', 'group-limit', 'embedded-quiz', 'past-deadline',
  'not-open', 'dropped', 'submission-limit', 'rate-limited', 'signed-out', 'not-enrolled', 'course-disabled',
  'not-released', 'missing-scope', 'not-found', 'rejected', 'not-supported',
]);
/** Allowance for a server clock behind ours when matching `created_at` to the upload start. */
const CLOCK_SKEW_MS = 5 * 60_000;

const fail = (err: UserError, landed: Landed, version?: number): SubmitOutcome => ({
  ok: false, landed, code: err.code, message: err.message, ...(version !== undefined ? { version } : {}),
});

function fileError(err: unknown): UserError {
  const code = (err as { code?: string }).code;
  if (code === 'EISDIR') return new UserError('not-a-file', 'Autolab accepts one file, not a folder; pick a single file or an archive of the folder.');
  if (code === 'ENOENT') return new UserError('file-missing', 'The file could not be found; it may have been moved or deleted, so pick it again.');
  if (code === 'EACCES' || code === 'EPERM') return new UserError('file-unreadable', 'Autolab Desktop is not allowed to read that file; check its permissions and try again.');
  return new UserError('file-unreadable', 'The file could not be read; pick it again or choose another file.');
}

/**
 * Upload `filePath` as `submission[file]` and report the outcome; never throws.
 *
 * The order: open the file read-only and check its size; list the
 * submissions (the "before" picture); upload once; on failure decide
 * `landed` by listing again.
 */
export async function submitFile(ctx: SubmitContext, filePath: string, options: SubmitOptions = {}): Promise<SubmitOutcome> {
  let file: MultipartFile;
  try {
    file = await openMultipartFile(filePath, 'submission[file]', path.basename(filePath));
  } catch (err) {
    return fail(fileError(err), false);
  }
  try {
    if (options.maxBytes !== undefined && file.fileSize > options.maxBytes) {
      const mb = Math.round((options.maxBytes / 2 ** 20) * 10) / 10;
      return fail(new UserError('too-large', `The file is larger than this assessment allows (${mb} MB); remove unnecessary log files and binaries and submit again.`), false);
    }
    let before: Submission[];
    try {
      before = await ctx.listSubmissions(options.signal);
    } catch (err) {
      return fail(errorFromNetwork(err), false);
    }
    return await upload(ctx, file, before, options);
  } finally {
    await file.close();
  }
}

async function upload(ctx: SubmitContext, file: MultipartFile, before: Submission[], options: SubmitOptions): Promise<SubmitOutcome> {
  const startedAt = Date.now();
  const stall = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stall.signal]) : stall.signal;
  const stallMs = options.stallTimeoutMs ?? 60_000;
  let sent = 0;
  let total = 0;
  let timer = setTimeout(() => stall.abort(), stallMs);
  const onProgress = (transferred: number, t: number | undefined) => {
    sent = transferred;
    total = t ?? total;
    clearTimeout(timer);
    if (total === 0 || sent < total) timer = setTimeout(() => stall.abort(), stallMs);
    options.onProgress?.({ sent, total });
  };

  let failure: UserError;
  let lostAnswer = true;
  try {
    const answer = await ctx.http.sendOnce({
      method: 'POST',
      path: `${ctx.path}/submit`,
      body: () => {
        const b = file.body();
        total = b.length;
        return b;
      },
      signal,
      onUploadProgress: onProgress,
      responseTimeoutMs: options.responseTimeoutMs ?? 120_000,
    });
    if (answer.status >= 200 && answer.status < 300) {
      try {
        const result = SubmitResultSchema.parse(JSON.parse(answer.body));
        ctx.log.info('autolab: submitted', { version: result.version });
        return { ok: true, version: result.version, filename: result.filename };
      } catch (err) {
        failure = malformedAnswer(err);
      }
    } else {
      failure = errorFromHttp(answer.status, answer.body);
      if (failure.code === 'autograding-failed') {
        const found = await relist(ctx, before, startedAt, 1, 0);
        return fail(failure, true, found.kind === 'found' ? found.version : undefined);
      }
      if (DEFINITELY_NOT_SAVED.has(failure.code)) return fail(failure, false);
      lostAnswer = false;
    }
  } catch (err) {
    const userCancelled = options.signal?.aborted === true;
    if (userCancelled && sent === 0) return fail(new UserError('cancelled', 'The upload was cancelled before anything was sent.'), false);
    failure = userCancelled
      ? new UserError('cancelled', 'The upload was cancelled.')
      : stall.signal.aborted && isAbort(err)
        ? new UserError('server-down', 'The upload stalled because Autolab stopped receiving data; try again in a few minutes.', { cause: err })
        : errorFromNetwork(err);
  } finally {
    clearTimeout(timer);
  }

  ctx.log.warn('autolab: submit failed; checking whether it landed', { code: failure.code, sent, total });
  const allBytesSent = total > 0 && sent >= total;
  const found = await relist(ctx, before, startedAt, lostAnswer && allBytesSent ? 3 : 1, options.relistDelayMs ?? 2_000);
  if (found.kind === 'found') {
    return fail(new UserError('landed', `Autolab saved your submission as version ${found.version} even though its answer was lost; there is no need to submit again.`), true, found.version);
  }
  if (found.kind === 'unknown') {
    return fail(new UserError('landed-unknown', 'Autolab Desktop could not tell whether your submission arrived; check the submission list before you submit again.'), 'unknown');
  }
  return fail(failure, false);
}

type RelistResult = { kind: 'found'; version: number } | { kind: 'absent' } | { kind: 'unknown' };

/** List the submissions up to `tries` times, looking for a version new since `before`. */
async function relist(ctx: SubmitContext, before: Submission[], startedAt: number, tries: number, delayMs: number): Promise<RelistResult> {
  const known = new Set(before.map((s) => s.version));
  let listed = false;
  for (let i = 0; i < tries; i++) {
    if (i > 0) await ctx.http.clock.sleep(delayMs).catch(() => undefined);
    try {
      const after = await ctx.listSubmissions();
      listed = true;
      const fresh = after.filter((s) => !known.has(s.version) && epochMs(s.created_at) >= startedAt - CLOCK_SKEW_MS);
      if (fresh.length > 0) return { kind: 'found', version: Math.max(...fresh.map((s) => s.version)) };
    } catch (err) {
      ctx.log.warn('autolab: could not list submissions after a failed submit', { error: String(err) });
    }
  }
  return listed ? { kind: 'absent' } : { kind: 'unknown' };
}
