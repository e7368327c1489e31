/**
 * Submitting a file to an assessment, safely.
 *
 * Autolab's docs say a client must not repeat a submit unchanged, and a submit whose autograding failed (500) was
 * still saved (autolab-api.md §4.8, §6.14). So a submit is never retried here. What decides the outcome:
 *
 * - Autolab saves only after it has the complete multipart body. A connection that fails before our last body
 *   byte was written means the submit did not land, whatever the list shows meanwhile (a partner's or another
 *   device's version is not ours) (issue 10 item 1).
 * - Only a complete body whose answer was lost is ambiguous. Then the list is read again and judged on the
 *   server's clock, calibrated from the `Date` headers of the answers around the upload: a version is ours only
 *   when it is the single new one stamped between our last byte and the moment we stopped waiting (item 2;
 *   submit-verdict.ts). Otherwise the user is told what was seen.
 * - A group submit answers with the first member's row, not necessarily ours (§4.8): our own version is then
 *   found in our list, in the window of the upload.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger';
import { UserError } from '../user-error';
import { errorFromHttp, errorFromNetwork, isAbort, malformedAnswer } from './autolab-errors';
import type { AutolabHttp } from './autolab-http';
import { openMultipartFile, type MultipartFile } from './multipart-file';
import { SubmitResultSchema, type Submission } from './schemas';
import { bestSample, serverWindow, type ClockSample } from './server-clock';
import { ambiguitySentence, judge, whichIsOursSentence, type Verdict } from './submit-verdict';

/** Options of a submit. */
export interface SubmitOptions {
  /** The user's Cancel. */
  signal?: AbortSignal;
  /** Upload progress of the whole request body, `sent` reaching `total`. */
  onProgress?: (progress: { sent: number; total: number }) => void;
  /**
   * Facts for the submit journal, as they become known. The upload waits for the promise of `file` and `listed`,
   * so what a later start needs to decide is on disk before the first byte leaves (issue 10 item 3).
   */
  onMilestone?: (milestone: SubmitMilestone) => void | Promise<void>;
  /** A known size limit in bytes; a larger file is refused before any upload. */
  maxBytes?: number;
  /** A group assessment (group_size > 1): a partner's version cannot be told from ours by time alone. */
  group?: boolean;
  /** Abort when no byte could be sent for this long (default 60 s). */
  stallTimeoutMs?: number;
  /** Wait for the answer after the last byte this long (default 120 s). */
  responseTimeoutMs?: number;
  /** Pause between re-lists while deciding whether it landed (default 2 s). */
  relistDelayMs?: number;
}

/** Facts a submit learns on its way, in this order. Times are local epoch ms. */
export type SubmitMilestone =
  | { kind: 'file'; size: number; sha256: string }
  | { kind: 'listed'; before: number[]; clock: ClockSample | null }
  | { kind: 'body-complete'; at: number };

/** Whether a failed submit was saved by Autolab. */
export type Landed = true | false | 'unknown';

/** The result of a submit: success, or a failure that says whether it landed. */
export type SubmitOutcome =
  | { ok: true; version: number; filename: string }
  | { ok: false; landed: Landed; code: string; message: string; version?: number };

/** A submissions list with what its answer told about the server's clock. */
export interface TimedList {
  submissions: Submission[];
  clock: ClockSample | null;
}

/** What submit needs from the client. */
export interface SubmitContext {
  http: AutolabHttp;
  log: Logger;
  /** `courses/{c}/assessments/{a}`, encoded. */
  path: string;
  listSubmissions(signal?: AbortSignal): Promise<TimedList>;
}

/** Failures where Autolab certainly did not save the submission (checked before saving, §4.8). */
const DEFINITELY_NOT_SAVED = new Set([
  'too-large', 'handins-disabled', 'filetype', 'group-unconfirmed', 'group-limit', 'embedded-quiz', 'past-deadline',
  'not-open', 'dropped', 'submission-limit', 'rate-limited', 'signed-out', 'not-enrolled', 'course-disabled',
  'not-released', 'missing-scope', 'not-found', 'rejected', 'not-supported',
]);

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

/** The SHA-256 of a file, hex (for the journal: which file a submit carried). */
async function sha256File(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Upload `filePath` as `submission[file]` and report the outcome; never throws.
 *
 * The order: open the file read-only and check its size; list the submissions (the "before" picture and the first
 * clock sample); upload once; decide by what was written and, only when the answer of a complete body is missing
 * or names someone else's row, by listing again.
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
    try {
      await options.onMilestone?.({ kind: 'file', size: file.fileSize, sha256: await sha256File(filePath) });
    } catch (err) {
      return fail(fileError(err), false);
    }
    let before: TimedList;
    try {
      before = await ctx.listSubmissions(options.signal);
    } catch (err) {
      return fail(errorFromNetwork(err), false);
    }
    await options.onMilestone?.({ kind: 'listed', before: before.submissions.map((s) => s.version), clock: before.clock });
    return await upload(ctx, file, before, options);
  } finally {
    await file.close();
  }
}

/** How far the body got. */
interface Transfer {
  sent: number;
  total: number;
  /** Local time the last body byte was written, when it was. */
  lastByteAt: number | null;
}

async function upload(ctx: SubmitContext, file: MultipartFile, before: TimedList, options: SubmitOptions): Promise<SubmitOutcome> {
  const stall = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stall.signal]) : stall.signal;
  const stallMs = options.stallTimeoutMs ?? 60_000;
  const t: Transfer = { sent: 0, total: 0, lastByteAt: null };
  let timer = setTimeout(() => stall.abort(), stallMs);
  const onProgress = (transferred: number, total: number | undefined) => {
    t.sent = transferred;
    t.total = total ?? t.total;
    clearTimeout(timer);
    if (t.total > 0 && t.sent >= t.total) {
      if (t.lastByteAt === null) {
        t.lastByteAt = Date.now();
        void options.onMilestone?.({ kind: 'body-complete', at: t.lastByteAt });
      }
    } else {
      timer = setTimeout(() => stall.abort(), stallMs);
    }
    options.onProgress?.({ sent: t.sent, total: t.total });
  };

  let failure: UserError;
  try {
    const answer = await ctx.http.sendOnce({
      method: 'POST',
      path: `${ctx.path}/submit`,
      body: () => {
        const b = file.body();
        t.total = b.length;
        return b;
      },
      signal,
      onUploadProgress: onProgress,
      responseTimeoutMs: options.responseTimeoutMs ?? 120_000,
    });
    const answeredAt = Date.now();
    if (answer.status >= 200 && answer.status < 300) {
      let result;
      try {
        result = SubmitResultSchema.parse(JSON.parse(answer.body));
      } catch (err) {
        failure = malformedAnswer(err);
        return await afterLostAnswer(ctx, before, t, answeredAt, failure, 'Autolab\'s answer could not be read', options);
      }
      ctx.log.info('autolab: submitted', { version: result.version });
      if (!options.group) return { ok: true, version: result.version, filename: result.filename };
      return await ownGroupVersion(ctx, before, t, answeredAt, result);
    }
    failure = errorFromHttp(answer.status, answer.body);
    if (failure.code === 'autograding-failed') return await autogradingFailed(ctx, before, t, answeredAt);
    if (DEFINITELY_NOT_SAVED.has(failure.code)) return fail(failure, false);
    return await afterLostAnswer(ctx, before, t, answeredAt, failure, `Autolab answered with an error (HTTP ${answer.status})`, options);
  } catch (err) {
    const userCancelled = options.signal?.aborted === true;
    failure = userCancelled
      ? new UserError('cancelled', 'The upload was cancelled.')
      : stall.signal.aborted && isAbort(err)
        ? new UserError('server-down', 'The upload stalled because Autolab stopped receiving data; try again in a few minutes.', { cause: err })
        : errorFromNetwork(err);
    if (t.lastByteAt === null) {
      // Autolab saves only after the complete body: whatever the list shows, this one did not land.
      ctx.log.warn('autolab: submit failed before the whole body was sent', { code: failure.code, sent: t.sent, total: t.total });
      if (userCancelled) return fail(new UserError('cancelled', t.sent === 0 ? 'The upload was cancelled before anything was sent.' : 'The upload was cancelled before the whole file was sent, so Autolab did not save it.'), false);
      const pct = t.total > 0 ? ` (${Math.floor((t.sent / t.total) * 100)}% had gone)` : '';
      const cause = stall.signal.aborted ? 'The upload stalled' : failure.code === 'offline' ? 'Your computer lost its connection' : 'The connection to Autolab broke';
      return fail(new UserError(failure.code, `${cause} before the whole file was sent${pct}, so your submission did not arrive; submit again.`), false);
    }
    const timedOut = (err as { name?: string }).name === 'TimeoutError' || (err as { code?: string }).code === 'ETIMEDOUT';
    const cause = userCancelled ? 'you cancelled it before Autolab answered' : timedOut ? 'Autolab did not answer in time' : 'the connection broke before Autolab answered';
    return await afterLostAnswer(ctx, before, t, Date.now(), failure, cause, options);
  } finally {
    clearTimeout(timer);
  }
}

/** Server-time window of our save: from the last byte to `untilLocal`. Null without a clock sample. */
function windowOf(clock: ClockSample | null, t: Transfer, untilLocal: number) {
  return clock && t.lastByteAt !== null ? serverWindow(clock, t.lastByteAt, untilLocal) : null;
}

/** The complete body went out and no usable answer came back: read the list (up to 3 times) and judge. */
async function afterLostAnswer(ctx: SubmitContext, before: TimedList, t: Transfer, untilLocal: number, failure: UserError, cause: string, options: SubmitOptions): Promise<SubmitOutcome> {
  ctx.log.warn('autolab: submit answer lost after the whole body; checking whether it landed', { code: failure.code, sent: t.sent, total: t.total });
  const tries = 3;
  let verdict: Verdict | null = null;
  let clock = before.clock;
  for (let i = 0; i < tries; i++) {
    if (i > 0) await ctx.http.clock.sleep(options.relistDelayMs ?? 2_000).catch(() => undefined);
    const after = await relist(ctx);
    if (!after) continue;
    clock = bestSample([clock, after.clock]);
    verdict = judge(before.submissions.map((s) => s.version), after.submissions, windowOf(clock, t, untilLocal), options.group === true);
    if (verdict.kind !== 'absent') break;
  }
  if (!verdict) {
    return fail(new UserError('landed-unknown', 'Autolab Desktop could not tell whether your submission arrived; check the submission list before you submit again.'), 'unknown');
  }
  if (verdict.kind === 'ours') {
    return fail(new UserError('landed', `Autolab saved your submission as version ${verdict.version} even though its answer was lost; there is no need to submit again.`), true, verdict.version);
  }
  if (verdict.kind === 'ambiguous') {
    const only = verdict.candidates.length === 1 ? verdict.candidates[0]?.version : undefined;
    return fail(new UserError('landed-unknown', `Autolab Desktop could not tell whether your submission arrived. ${ambiguitySentence(verdict.candidates, verdict.why, clock?.offsetMs)}`), 'unknown', only);
  }
  return fail(new UserError(failure.code, `Your submission did not arrive: ${cause} and no new version appeared on Autolab; submit again.`), false);
}

/** A group submit answered with the first member's row (§4.8): find our own in the window of the upload. */
async function ownGroupVersion(ctx: SubmitContext, before: TimedList, t: Transfer, answeredAt: number, answer: { version: number; filename: string }): Promise<SubmitOutcome> {
  const after = await relist(ctx);
  if (after) {
    const clock = bestSample([before.clock, after.clock]);
    // The 200 proves one row of ours exists; a single new row in the window is therefore ours.
    const verdict = judge(before.submissions.map((s) => s.version), after.submissions, windowOf(clock, t, answeredAt), false);
    if (verdict.kind === 'ours') {
      const own = after.submissions.find((s) => s.version === verdict.version);
      return { ok: true, version: verdict.version, filename: own?.filename ?? answer.filename };
    }
    if (verdict.kind === 'ambiguous') {
      return fail(new UserError('landed-version-unknown', whichIsOursSentence(verdict.candidates, clock?.offsetMs)), true);
    }
  }
  return fail(new UserError('landed-version-unknown', 'Autolab saved your group\'s submission; reload the submission list to see its version.'), true);
}

/** 500 "Submission accepted, but autograding failed" (§4.8): saved, never graded. */
async function autogradingFailed(ctx: SubmitContext, before: TimedList, t: Transfer, answeredAt: number): Promise<SubmitOutcome> {
  const after = await relist(ctx);
  const verdict = after
    ? judge(before.submissions.map((s) => s.version), after.submissions, windowOf(bestSample([before.clock, after.clock]), t, answeredAt), false)
    : null;
  if (verdict?.kind === 'ours') {
    return fail(new UserError('autograding-failed', `Autolab saved your submission as version ${verdict.version}, but the autograder did not run for this version; tell your instructor.`), true, verdict.version);
  }
  return fail(new UserError('autograding-failed', 'Autolab saved your submission, but the autograder did not run for it; tell your instructor.'), true);
}

async function relist(ctx: SubmitContext): Promise<TimedList | null> {
  try {
    return await ctx.listSubmissions();
  } catch (err) {
    ctx.log.warn('autolab: could not list submissions after a submit', { error: String(err) });
    return null;
  }
}
