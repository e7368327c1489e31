/**
 * Which assessments a rescan reads the submissions of (issue 15: a rescan's
 * cost grows with what changed, not with what exists).
 *
 * Autolab has no ETag, `updated_at` in its lists or change feed
 * (autolab-api.md §4.0, §4.5), so the one cheap signal is the assessment list
 * itself (one request per course). A submission list is read only where
 * something can have changed since the last look:
 *
 * - the first look (the baseline, so old grades are never announced);
 * - a version still grading or with unreleased scores (it will change);
 * - dates moved in the list (an extension or a new deadline);
 * - near a deadline (from `nearDeadlineMs` before `due_at` or `end_at` until
 *   `due_at` + half that), when a student may hand in from the web;
 * - an open assessment not read for `openRecheckMs` (a slow rotation that
 *   catches an instructor's regrade or a hand-in from another device; at most
 *   `rechecksPerScan` per course and scan, the longest unread first).
 *
 * A closed assessment whose versions are all scored is not read again (as
 * before). Submits made in the app are followed separately (hot polling), and
 * reminders check right before they fire (watcher-plan.ts).
 */
import type { AssessmentSummary } from '../autolab/schemas';
import type { KnownAssessment } from './announcement-store';

/** The pace of the rescan policy (ms). */
export interface ScanPace {
  nearDeadlineMs: number;
  openRecheckMs: number;
}

/** Why a rescan reads an assessment's submissions, or null when it need not. */
export type ScanReason = 'first-look' | 'pending' | 'dates-moved' | 'near-deadline' | 'recheck' | null;

/**
 * Decide whether a rescan reads this assessment's submissions.
 *
 * @param prev what was known before this listing (undefined: never seen).
 * @param listed the assessment as the list shows it now.
 */
export function scanReason(prev: KnownAssessment | undefined, listed: AssessmentSummary, now: number, pace: ScanPace): ScanReason {
  if (!prev || prev.submissions === null) return 'first-look';
  if (Object.values(prev.submissions).some((s) => s !== 'scored')) return 'pending';
  if (prev.dueAt !== listed.due_at || prev.endAt !== listed.end_at) return 'dates-moved';
  const due = Date.parse(listed.due_at);
  const end = Date.parse(listed.end_at);
  const nearDue = now >= due - pace.nearDeadlineMs && now <= due + pace.nearDeadlineMs / 2;
  const nearEnd = now >= end - pace.nearDeadlineMs && now <= end;
  if (nearDue || nearEnd) return 'near-deadline';
  const open = now >= Date.parse(listed.start_at) && now <= end + 86_400_000;
  if (open && now - (prev.checkedAt ?? 0) >= pace.openRecheckMs) return 'recheck';
  return null;
}
