/**
 * What changed since the watcher last looked: pure functions from Autolab's
 * answers and the remembered state to activity items.
 *
 * Each detected event has a stable key, so it is announced once however often
 * it is seen, across restarts (issue 6). The first look at an assessment or a
 * course records its state without events (no flood).
 */
import type { ActivityItem, NotificationTarget } from '../../preload/contract';
import type { AssessmentSummary, Submission } from '../autolab/schemas';
import type { KnownAssessment, SubmissionState } from './announcement-store';

/** Where an assessment lives. */
export interface AssessmentPlace {
  accountId: string;
  course: string;
  assessment: string;
}

/**
 * A submission's state: no score yet, graded but unreleased, or scored.
 *
 * Autolab shows `null` (or no row) before grading and `"unreleased"` for a
 * hidden score (autolab-api.md §4.9); any non-null value means the grader ran.
 */
export function submissionState(s: Submission): SubmissionState {
  const values = Object.values(s.scores);
  if (!values.some((v) => v !== null)) return 'grading';
  return values.some((v) => v === 'unreleased') ? 'unreleased' : 'scored';
}

/** The released total of a submission, rounded to 2 decimals. */
export function releasedTotal(s: Submission): number {
  const sum = Object.values(s.scores).reduce<number>((acc, v) => acc + (typeof v === 'number' ? v : 0), 0);
  return Math.round(sum * 100) / 100;
}

function item(key: string, kind: ActivityItem['kind'], at: number, title: string, body: string, hasScore: boolean, target: NotificationTarget | null): ActivityItem {
  return { id: key, kind, at, title, body, hasScore, read: false, target };
}

const scoreText = (s: Submission, maxTotal: number | null) => `${releasedTotal(s)}${maxTotal !== null ? `/${maxTotal}` : ' points'}`;

/**
 * Compare a fresh submission list with the remembered states.
 *
 * @param known the remembered states; null means "never listed": record silently.
 * @returns the events and the states to remember.
 */
export function diffSubmissions(
  place: AssessmentPlace & { displayName: string },
  known: Record<string, SubmissionState> | null,
  list: Submission[],
  maxTotal: number | null,
  now: number,
): { items: ActivityItem[]; next: Record<string, SubmissionState> } {
  const next: Record<string, SubmissionState> = {};
  const items: ActivityItem[] = [];
  const prefix = `${place.accountId}:${place.course}:${place.assessment}:v`;
  for (const s of list) {
    const state = submissionState(s);
    next[String(s.version)] = state;
    if (!known) continue;
    const before = known[String(s.version)];
    const target = { accountId: place.accountId, course: place.course, assessment: place.assessment, version: s.version };
    if ((before === undefined || before === 'grading') && state !== 'grading') {
      const body = state === 'scored' ? `Version ${s.version}: ${scoreText(s, maxTotal)}` : `Version ${s.version} was graded; the score is not released yet.`;
      const graded = item(`graded:${prefix}${s.version}`, 'graded', now, `${place.displayName} graded`, body, state === 'scored', target);
      items.push(state === 'scored' ? { ...graded, score: { value: releasedTotal(s), max: maxTotal } } : graded);
    } else if (before === 'unreleased' && state === 'scored') {
      const released = item(`released:${prefix}${s.version}`, 'score-released', now, `${place.displayName}: score released`, `Version ${s.version}: ${scoreText(s, maxTotal)}`, true, target);
      items.push({ ...released, score: { value: releasedTotal(s), max: maxTotal } });
    }
  }
  return { items, next };
}

/** A short local date for sentences ("Tue, Oct 1, 11:59 PM"). */
export function shortDate(iso: string): string {
  return new Date(iso).toLocaleString('en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/**
 * Assessments that appeared in a course's list since the last look.
 *
 * Students only see released assessments (autolab-api.md §4.5, §5.4), so a
 * new name in the list means "released".
 */
export function newAssessments(
  accountId: string,
  course: { name: string; displayName: string },
  known: Record<string, KnownAssessment>,
  listedBefore: boolean,
  list: AssessmentSummary[],
  now: number,
): ActivityItem[] {
  if (!listedBefore) return [];
  return list
    .filter((a) => !known[a.name])
    .map((a) =>
      item(`new:${accountId}:${course.name}:${a.name}`, 'new-assessment', now, `New in ${course.displayName}: ${a.display_name}`, `Due ${shortDate(a.due_at)}`, false, {
        accountId,
        course: course.name,
        assessment: a.name,
        version: null,
      }),
    );
}

/** The reminder key of an offset (the due date is part of it: a moved deadline reminds again). */
export function reminderKey(place: AssessmentPlace, dueAt: string, offsetMin: number): string {
  return `deadline:${place.accountId}:${place.course}:${place.assessment}:${dueAt}:${offsetMin}`;
}

/** "1 hour", "24 hours", "30 minutes". */
export function offsetText(min: number): string {
  if (min % 60 === 0) return `${min / 60} hour${min === 60 ? '' : 's'}`;
  return `${min} minute${min === 1 ? '' : 's'}`;
}

/**
 * The reminders due now for an assessment the user has not submitted to.
 *
 * A reminder for offset `o` is due once `now ≥ due_at − o`, before `due_at`,
 * if the watcher already knew the assessment at `due_at − o` (so the first
 * look never reminds about the past). When several are due, only the most
 * urgent is shown; all are returned as `keys` to mark.
 */
export function dueReminders(
  place: AssessmentPlace,
  a: KnownAssessment,
  offsetsMin: number[],
  now: number,
  announced: (key: string) => boolean,
): { keys: string[]; item: ActivityItem | null } {
  const due = Date.parse(a.dueAt);
  if (!(now < due) || !a.submissions || Object.keys(a.submissions).length > 0 || a.handinsDisabled === true) return { keys: [], item: null };
  const ready = offsetsMin
    .filter((o) => now >= due - o * 60_000 && due - o * 60_000 >= a.firstSeenAt)
    .filter((o) => !announced(reminderKey(place, a.dueAt, o)))
    .sort((x, y) => x - y);
  const urgent = ready[0];
  if (urgent === undefined) return { keys: [], item: null };
  const key = reminderKey(place, a.dueAt, urgent);
  const left = offsetText(urgent);
  return {
    keys: ready.map((o) => reminderKey(place, a.dueAt, o)),
    item: { ...item(key, 'deadline', now, `${a.displayName} is due in ${left}`, `You have not submitted yet. Due ${shortDate(a.dueAt)}.`, false, { ...place, version: null }), remindMin: urgent },
  };
}

/** The next moment a reminder of this assessment becomes due, or null. */
export function nextReminderAt(a: KnownAssessment, offsetsMin: number[], now: number): number | null {
  const due = Date.parse(a.dueAt);
  const moments = offsetsMin.map((o) => due - o * 60_000).filter((m) => m > now && m >= a.firstSeenAt);
  return moments.length ? Math.min(...moments) : null;
}
