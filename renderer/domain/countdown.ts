/**
 * The one-line countdown next to an assessment: "due in 2 h 59 min" (hours
 * and minutes within the last day), "due in 6 days", "opens in 2 days",
 * "late — accepted until …", "closed 4 days ago".
 */
import type { AssessmentStateKind } from './assessment-state';
import { formatCountdown, formatLocal, formatRelative } from './time-format';

/** Countdown text for a state at `now`. */
export function countdown(kind: AssessmentStateKind, a: { startAt: string; dueAt: string }, acceptedUntil: number, now: number): string {
  switch (kind) {
    case 'not-yet-open':
      return `opens ${formatRelative(a.startAt, now)}`;
    case 'late':
      return `late — accepted until ${formatLocal(acceptedUntil)}`;
    case 'closed':
      return `closed ${formatRelative(acceptedUntil, now)}`;
    default:
      return Date.parse(a.dueAt) >= now ? `due in ${formatCountdown(Date.parse(a.dueAt) - now)}` : `was due ${formatRelative(a.dueAt, now)}`;
  }
}
