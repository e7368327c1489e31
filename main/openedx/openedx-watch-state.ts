/**
 * What the Open edX watcher remembers per site (`openedx-watch.json`), and the
 * views built from it without asking any site: the deadlines of Upcoming and
 * the calendar, the enrolled courses (the command palette), and the course
 * grade changes the watcher itself observed (Recent grades).
 *
 * Nothing here is a guess: a grade change is recorded only when the watcher
 * saw one grade and later a different one; a first look records silently.
 */
import { z } from 'zod';
import type { OpenedxOverview, OpenedxSiteView, OpenedxUpcoming } from '../../preload/contract';
import type { CalendarEntry } from '../watcher/calendar-export';

const GradeSchema = z.object({ percent: z.number(), letter: z.string().nullable(), passed: z.boolean() });

/** One site's remembered state. */
export const SiteStateSchema = z.object({
  grades: z.record(z.string(), GradeSchema),
  /** `<courseKey>|<blockId>|<due>` → when the watcher first saw that due date. */
  firstSeen: z.record(z.string(), z.number()),
  /** Graded subsections with a due date (for Upcoming and the calendar). */
  deadlines: z.array(z.object({ courseKey: z.string(), courseName: z.string(), id: z.string(), name: z.string(), due: z.string(), lmsWebUrl: z.string().nullable() })).default([]),
  /** The enrolled courses of the last enrollment list. */
  courses: z.array(z.object({ key: z.string(), name: z.string() })).default([]),
  /** Course grade changes the watcher observed: courseKey → the new grade and when it was seen. */
  gradeChanges: z.record(z.string(), GradeSchema.extend({ at: z.number() })).default({}),
  /** Unix ms when the last complete look at the site ended; null before the first. */
  checkedAt: z.number().nullable().default(null),
});
/** @see SiteStateSchema */
export type SiteState = z.infer<typeof SiteStateSchema>;

/** The whole file. */
export const KnownSchema = z.object({ version: z.literal(1), sites: z.record(z.string(), SiteStateSchema) });
/** @see KnownSchema */
export type Known = z.infer<typeof KnownSchema>;
/** A graded subsection the watcher knows, with its due date. */
export type KnownDeadline = SiteState['deadlines'][number];

/** A fresh site state. */
export const emptySite = (): SiteState => ({ grades: {}, firstSeen: {}, deadlines: [], courses: [], gradeChanges: {}, checkedAt: null });

/** Why the last look at a site failed, as the watcher saw it. */
export interface SiteProblem {
  at: number;
  code: string;
  sentence: string;
}

/** How far back a grade change counts as recent (as Autolab's Recent grades). */
export const RECENT_GRADE_MS = 14 * 86_400_000;

/** Codes that mean "the site could not be reached" (its dates are the last ones seen). */
const UNREACHABLE = new Set(['offline', 'server-down', 'rate-limited', 'timeout']);

/**
 * Open edX graded subsections as calendar entries (the export's shape): the
 * site's host, the course key, the block id, the due date (no late end).
 *
 * @throws never.
 */
export function openedxCalendarEntries(deadlines: Array<KnownDeadline & { siteId: string }>, sites: Array<{ id: string; baseUrl: string }>): CalendarEntry[] {
  return deadlines.flatMap((d) => {
    const site = sites.find((s) => s.id === d.siteId);
    if (!site) return [];
    return [{ server: new URL(site.baseUrl).hostname, course: d.courseKey, courseName: d.courseName, assessment: d.id, displayName: d.name, dueAt: d.due, endAt: d.due }];
  });
}

/**
 * The upcoming graded subsections of configured sites (due after `now`), soonest first.
 *
 * @throws never.
 */
export function openedxUpcoming(known: Known, sites: Array<{ id: string; name: string }>, now: number): OpenedxUpcoming[] {
  return sites
    .flatMap((site) => (known.sites[site.id]?.deadlines ?? []).map((d) => ({ siteId: site.id, siteName: site.name, courseKey: d.courseKey, courseName: d.courseName, id: d.id, name: d.name, due: d.due, lmsWebUrl: d.lmsWebUrl })))
    .filter((d) => Date.parse(d.due) > now)
    .sort((a, b) => Date.parse(a.due) - Date.parse(b.due) || a.name.localeCompare(b.name));
}

/**
 * The `openedx:upcoming` answer: deadlines, courses, observed grade changes
 * of the last 14 days, and per site how current this is (when last checked,
 * whether the site could not be reached, signed out).
 *
 * @throws never.
 */
export function openedxOverview(known: Known, sites: OpenedxSiteView[], problems: ReadonlyMap<string, SiteProblem>, refreshing: boolean, now: number): OpenedxOverview {
  return {
    deadlines: openedxUpcoming(known, sites, now),
    courses: sites.flatMap((site) => (known.sites[site.id]?.courses ?? []).map((c) => ({ siteId: site.id, siteName: site.name, courseKey: c.key, name: c.name }))),
    recentGrades: sites
      .flatMap((site) => {
        const state = known.sites[site.id];
        return Object.entries(state?.gradeChanges ?? {}).map(([courseKey, g]) => ({
          siteId: site.id,
          siteName: site.name,
          courseKey,
          courseName: state?.courses.find((c) => c.key === courseKey)?.name ?? state?.deadlines.find((d) => d.courseKey === courseKey)?.courseName ?? courseKey,
          ...g,
        }));
      })
      .filter((g) => now - g.at <= RECENT_GRADE_MS)
      .sort((a, b) => b.at - a.at),
    sites: sites.map((site) => {
      const checkedAt = known.sites[site.id]?.checkedAt ?? null;
      const problem = problems.get(site.id);
      const current = problem && (checkedAt === null || problem.at > checkedAt) ? problem : null;
      return {
        siteId: site.id,
        siteName: site.name,
        signedIn: site.status === 'signed-in',
        checkedAt,
        unreachable: current !== null && UNREACHABLE.has(current.code),
        problem: current?.sentence ?? null,
      };
    }),
    refreshing,
  };
}
