/**
 * Search, filter and sort of the roster table (issue 7), as pure functions so
 * 2,000 rows re-sort in a few milliseconds and tests need no DOM.
 */
import type { Role, RosterEntry } from '../../preload/contract';

/** The sortable columns of the roster. */
export type RosterColumn = 'email' | 'name' | 'lecture' | 'section' | 'role' | 'dropped';

/** What the user narrowed the roster to. */
export interface RosterQuery {
  search: string;
  role: Role | 'all';
  lecture: string | 'all';
  section: string | 'all';
  dropped: 'all' | 'enrolled' | 'dropped';
  sort: RosterColumn;
  direction: 'ascending' | 'descending';
}

/** The starting query: everyone, by email. */
export const DEFAULT_ROSTER_QUERY: RosterQuery = { search: '', role: 'all', lecture: 'all', section: 'all', dropped: 'all', sort: 'email', direction: 'ascending' };

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const ROLE_ORDER: Record<Role, number> = { instructor: 0, course_assistant: 1, student: 2 };

/** A person's display name: "Last, First" when known. */
export function displayName(e: Pick<RosterEntry, 'firstName' | 'lastName'>): string {
  return [e.lastName, e.firstName].filter(Boolean).join(', ');
}

/** The roster rows matching the query, sorted. */
export function queryRoster(entries: readonly RosterEntry[], q: RosterQuery): RosterEntry[] {
  const needle = q.search.trim().toLowerCase();
  const rows = entries.filter(
    (e) =>
      (q.role === 'all' || e.role === q.role) &&
      (q.lecture === 'all' || e.lecture === q.lecture) &&
      (q.section === 'all' || e.section === q.section) &&
      (q.dropped === 'all' || e.dropped === (q.dropped === 'dropped')) &&
      (!needle || `${e.email} ${e.firstName} ${e.lastName} ${e.nickname}`.toLowerCase().includes(needle)),
  );
  const key = (e: RosterEntry): string | number => {
    switch (q.sort) {
      case 'name': return displayName(e);
      case 'role': return ROLE_ORDER[e.role];
      case 'dropped': return e.dropped ? 1 : 0;
      default: return e[q.sort];
    }
  };
  const sign = q.direction === 'ascending' ? 1 : -1;
  return rows.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return sign * c || collator.compare(a.email, b.email);
  });
}

/** The distinct values of a column, sorted naturally (for the filter menus). */
export function distinct(entries: readonly RosterEntry[], field: 'lecture' | 'section'): string[] {
  return [...new Set(entries.map((e) => e[field]))].sort(collator.compare);
}

/** Readable role names. */
export const ROLE_LABELS: Record<Role, string> = { instructor: 'Instructor', course_assistant: 'Course assistant', student: 'Student' };
