/**
 * What Autolab told us about an assessment's submissions that its API does
 * not expose: that it is an embedded quiz, and its upload size limit.
 *
 * Autolab API v1 hides `embedded_quiz` and `max_size` (autolab-api.md §4.6),
 * and says them only when a submit is refused: `400 "Assessment is an
 * embedded quiz"` and `403 "Submission is larger than the max allowed size
 * (N MB)"` (§4.8). Both are remembered in the account's offline cache, so the
 * next attempt is refused before any byte is uploaded (issue 15).
 */
import { z } from 'zod';
import type { OfflineCache } from '../autolab/offline-cache';

/** The remembered limits of one assessment. */
export const SubmitLimitsSchema = z.object({ embeddedQuiz: z.boolean(), maxSizeBytes: z.number().nullable() });
/** @see SubmitLimitsSchema */
export type SubmitLimits = z.infer<typeof SubmitLimitsSchema>;

const NONE: SubmitLimits = { embeddedQuiz: false, maxSizeBytes: null };
const key = (course: string, assessment: string) => `submit-limits/${course}/${assessment}`;

/** The limits remembered for an assessment (none when nothing was learned). */
export async function readSubmitLimits(cache: OfflineCache, course: string, assessment: string): Promise<SubmitLimits> {
  return (await cache.read(key(course, assessment), SubmitLimitsSchema))?.data ?? NONE;
}

/**
 * Learn from a refused submit: its error code and sentence (autolab-errors.ts).
 *
 * @returns the limits now remembered, or null when the refusal taught nothing.
 */
export async function learnFromRefusal(cache: OfflineCache, course: string, assessment: string, code: string, message: string): Promise<SubmitLimits | null> {
  const before = await readSubmitLimits(cache, course, assessment);
  let next: SubmitLimits | null = null;
  if (code === 'embedded-quiz') next = { ...before, embeddedQuiz: true };
  if (code === 'too-large') {
    const mb = /\((\d+(?:\.\d+)?) MB\)/.exec(message)?.[1];
    if (mb) next = { ...before, maxSizeBytes: Math.round(Number(mb) * 1024 * 1024) };
  }
  if (next) await cache.write(key(course, assessment), next);
  return next;
}

/**
 * The sentence refusing a submit before uploading, or null when it may go.
 *
 * @param size the file's size in bytes.
 */
export function refusalBeforeUpload(limits: SubmitLimits, size: number): { code: string; message: string } | null {
  if (limits.embeddedQuiz) {
    return { code: 'embedded-quiz', message: 'This assessment is a quiz answered on the Autolab website; open it there.' };
  }
  if (limits.maxSizeBytes !== null && size > limits.maxSizeBytes) {
    const mb = Math.round((limits.maxSizeBytes / 1024 / 1024) * 100) / 100;
    return { code: 'too-large', message: `The file is larger than this assessment allows (${mb} MB); remove unnecessary log files and binaries and submit again.` };
  }
  return null;
}
