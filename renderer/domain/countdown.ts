/**
 * The one-line countdown next to an assessment: "due in 3 h", "opens in 2 days",
 * "late, accepted until …", "closed 4 days ago".
 */
import type { AssessmentStateKind } from './assessment-state';
import { formatLocal, formatRelative } from './time-format';

/** Countdown text for a state at `now`. */
export function countdown(kind: AssessmentStateKind, a: { startAt: string; dueAt: string }, acceptedUntil: number, now: number): string {
  switch (kind) {
    case 'not-yet-open':
      return `opens ${formatRelative(a.startAt, now)}`;
    case 'late':
      return `late, accepted until ${formatLocal(acceptedUntil)}`;
    case 'closed':
      return `closed ${formatRelative(acceptedUntil, now)}`;
    default:
      return Date.parse(a.dueAt) >= now ? `due ${formatRelative(a.dueAt, now)}` : `was due ${formatRelative(a.dueAt, now)}`;
  }
}
