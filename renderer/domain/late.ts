/**
 * Whether a version was handed in late (autolab-api.md §5.4).
 *
 * Late means created after the assessment's `due_at`. Autolab charges grace
 * days or penalties itself and its API reports neither, nor per-student
 * extensions, so this is what the client can know, said as such.
 */

/** The note shown beside a late version. */
export const LATE_NOTE = 'Autolab charges grace days or a penalty for late work itself; its API does not report them or any extension you were given.';

/** True when `createdAt` is after `dueAt` (both ISO-8601 with offset). */
export function isLate(createdAt: string, dueAt: string): boolean {
  return Date.parse(createdAt) > Date.parse(dueAt);
}
