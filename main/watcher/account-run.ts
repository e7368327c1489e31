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

/** An assessment polled often (after a submit, or while graded). */
export interface Hot { course: string; assessment: string; nextAt: number; delay: number; until: number }

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

