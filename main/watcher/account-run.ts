/**
 * The watcher's per-account working state: the queue of requests still to
 * make, the assessments polled often, backoff and "away" bookkeeping (issue 6).
 */
import type { ActivityItem } from '../../preload/contract';

/** One request the watcher still has to make for an account. */
export type Task =
  | { kind: 'courses' }
  | { kind: 'assessments'; course: string }
  | { kind: 'submissions'; course: string; assessment: string; scan: boolean };

/**
 * An assessment polled often (after a submit, while graded, or while its page
 * is open with a submission being graded).
 *
 * `live` when an assessment page may be showing it (a submit from the app,
 * or the page opened while grading); then `views` holds the last submission
 * view pushed as `grading:update` per version, so the page only hears about
 * changes, and `hasAutograder` (null until known) decides what "grading"
 * means for the page (main/student/views.ts).
 */
export interface Hot {
  course: string;
  assessment: string;
  nextAt: number;
  delay: number;
  until: number;
  live: boolean;
  views: Map<number, string>;
  hasAutograder: boolean | null;
}

/** The watcher's live state of one account (not persisted). */
export interface AccountRun {
  queue: Task[];
  scanning: boolean;
  nextScanAt: number;
  nextCoursesAt: number;
  hot: Map<string, Hot>;
  backoffUntil: number;
  backoffMs: number;
  away: boolean;
  awayItems: ActivityItem[];
}

/** Tasks with the same key are the same request. */
export const taskKey = (t: Task) => JSON.stringify(t.kind === 'submissions' ? [t.kind, t.course, t.assessment] : t);
/** The key of a hot assessment. */
export const hotKey = (course: string, assessment: string) => `${course}/${assessment}`;


/** Is this task an urgent poll (a submit just landed, a reminder is due) rather than part of a scan? */
export const isUrgent = (t: Task) => t.kind === 'submissions' && !t.scan;

/**
 * Queue a task once. An urgent poll replaces the scan's listing of the same
 * assessment and goes first.
 */
export function enqueue(run: AccountRun, task: Task): void {
  const same = run.queue.findIndex((t) => taskKey(t) === taskKey(task));
  const urgent = isUrgent(task);
  if (same >= 0 && !urgent) return;
  if (same >= 0) run.queue.splice(same, 1);
  if (urgent) run.queue.unshift(task);
  else run.queue.push(task);
}

/** Remove a task from the queue if it is still there. */
export function dequeue(run: AccountRun, task: Task): void {
  const i = run.queue.indexOf(task);
  if (i >= 0) run.queue.splice(i, 1);
}

/** The server cannot be reached: wait 30 s, then twice as long each time, up to `maxMs`. */
export function backOff(run: AccountRun, now: number, maxMs: number): void {
  run.backoffMs = Math.min(maxMs, Math.max(30_000, run.backoffMs * 2));
  run.backoffUntil = now + run.backoffMs;
}
