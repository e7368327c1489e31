/**
 * Facts about an assessment the submit path needs, read from the assessment page's cached bundle, and the record
 * of versions whose autograding never started.
 *
 * Why: a submit must know the assessment's display name (for sentences) and whether it is a group assessment (a
 * group submit answers with the first member's row, autolab-api.md §4.8) without spending a request when the page
 * already has them; a version Autolab saved with "autograding failed" must not show "Grading…" forever (issue 10
 * item 7), including after a restart and offline.
 */
import { z } from 'zod';
import type { AccountSession } from '../accounts/account-session';
import { AssessmentDetailSchema, ProblemListSchema, SubmissionListSchema, type Submission } from '../autolab/schemas';

/** The cache key of an assessment page's bundle (details, problems, submissions). */
export const bundleKey = (ref: { course: string; assessment: string }) => `assessment/${ref.course}/${ref.assessment}`;
/** The cached bundle of an assessment page. */
export const DetailBundleSchema = z.object({ detail: AssessmentDetailSchema, problems: ProblemListSchema, submissions: SubmissionListSchema, lateSlack: z.number() });

/**
 * The display name and group-ness of an assessment: from the cached bundle, else one detail request.
 *
 * @throws UserError when neither is available
 */
export async function assessmentFacts(session: AccountSession, course: string, assessment: string): Promise<{ name: string; group: boolean }> {
  const cached = await session.cache.read(bundleKey({ course, assessment }), DetailBundleSchema);
  const detail = cached?.data.detail ?? (await session.client.assessment(course, assessment));
  return { name: detail.display_name || assessment, group: detail.group_size > 1 };
}

/**
 * Put a fresh submissions list into the assessment page's cached bundle, so the offline view shows every version
 * (item 7: the cache is updated by every submit and grading result). Nothing is written when no bundle exists yet.
 */
export async function cacheSubmissions(session: AccountSession, course: string, assessment: string, submissions: Submission[]): Promise<void> {
  const key = bundleKey({ course, assessment });
  const cached = await session.cache.read(key, DetailBundleSchema);
  if (!cached) return;
  await session.cache.write(key, { ...cached.data, submissions });
}

const FailedSchema = z.array(z.number().int());
const failedKey = (course: string, assessment: string) => `autograder-failed/${course}/${assessment}`;

/** Versions whose autograding failed to start, per account and assessment, kept in the account's cache folder. */
export class AutograderFailures {
  /** Remember that `version` was saved but never autograded. */
  async add(session: AccountSession, course: string, assessment: string, version: number): Promise<void> {
    const known = await this.of(session, course, assessment);
    if (!known.has(version)) await session.cache.write(failedKey(course, assessment), [...known, version].slice(-50));
  }

  /** The versions of an assessment whose autograding failed to start. */
  async of(session: AccountSession, course: string, assessment: string): Promise<Set<number>> {
    const hit = await session.cache.read(failedKey(course, assessment), FailedSchema);
    return new Set(hit?.data ?? []);
  }
}
