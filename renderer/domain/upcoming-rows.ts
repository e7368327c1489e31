/**
 * Upcoming's one list across platforms (issues 13 and 15): Autolab's
 * assessments and Open edX's graded subsections in the same urgency order.
 * An Open edX subsection with a due date still ahead counts as "taking work
 * now" (Autolab's first group) and is placed among those by its due date; one
 * whose due date has passed is not upcoming. Pure: no DOM, no clock of its own.
 */
import type { OpenedxOverview, OpenedxUpcoming } from '../../preload/contract';
import { urgencyRank, type EntryWithState, type RecentGrade } from './overview';

/** One row of Upcoming. */
export type UpcomingRow = { kind: 'autolab'; item: EntryWithState; deadline: number } | { kind: 'openedx'; item: OpenedxUpcoming; deadline: number };

/** Group, then deadline, then name: Autolab's order, with Open edX rows in the first group. */
function order(x: UpcomingRow, y: UpcomingRow): number {
  const rank = (r: UpcomingRow) => (r.kind === 'autolab' ? urgencyRank(r.item.state.kind) : 0);
  const name = (r: UpcomingRow) => (r.kind === 'autolab' ? r.item.entry.assessment.displayName : r.item.name);
  return rank(x) - rank(y) || x.deadline - y.deadline || name(x).localeCompare(name(y));
}

/**
 * Merge Upcoming's Autolab rows (already filtered by `upcoming()`) with Open
 * edX deadlines still ahead at `now`, most urgent first.
 */
export function mergeUpcoming(autolab: EntryWithState[], openedx: OpenedxUpcoming[], now: number): UpcomingRow[] {
  const rows: UpcomingRow[] = autolab.map((item) => ({ kind: 'autolab', item, deadline: item.deadline }));
  for (const item of openedx) {
    const due = Date.parse(item.due);
    if (due > now) rows.push({ kind: 'openedx', item, deadline: due });
  }
  return rows.sort(order);
}

/** A recent grade of either platform. */
export type RecentRow = { kind: 'autolab'; grade: RecentGrade; at: number } | { kind: 'openedx'; grade: OpenedxOverview['recentGrades'][number]; at: number };

/**
 * Recent grades of both platforms, newest first: Autolab's released scores
 * and the Open edX course grade changes the watcher observed (14 days).
 */
export function mergeRecentGrades(autolab: RecentGrade[], openedx: OpenedxOverview['recentGrades']): RecentRow[] {
  const rows: RecentRow[] = [...autolab.map((grade) => ({ kind: 'autolab' as const, grade, at: grade.at })), ...openedx.map((grade) => ({ kind: 'openedx' as const, grade, at: grade.at }))];
  return rows.sort((x, y) => y.at - x.at);
}

/** What a row says about where its date comes from, when that is not a fresh look: null when current. */
export function staleNote(site: OpenedxOverview['sites'][number] | undefined, formatAt: (ms: number) => string): string | null {
  if (!site) return null;
  const asOf = site.checkedAt !== null ? `Date as of ${formatAt(site.checkedAt)}` : 'Date from the last look';
  if (!site.signedIn) return `${asOf}: signed out of ${site.siteName}`;
  if (site.unreachable) return `${asOf}: ${site.siteName} could not be reached`;
  if (site.problem) return `${asOf}: ${site.siteName} could not be checked`;
  return null;
}
