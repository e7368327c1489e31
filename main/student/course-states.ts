/**
 * The course list with each course's state, in as few requests as Autolab
 * allows.
 *
 * Autolab's course elements carry no state and no dates (autolab-api.md §4.3):
 * the only way to learn a course's state is to ask `GET /courses?state=…` for
 * each of the four states. States change rarely (at a course's start or end
 * date, or when an instructor disables it), so the per-state lists are asked
 * once and their labels remembered with the cached list; later loads ask
 * `GET /courses` once and label each course from what was remembered. The
 * four per-state requests are made again only when a course appears that has
 * no remembered state, or when the labels are older than
 * {@link STATE_LABELS_TTL_MS}.
 */
import { z } from 'zod';
import type { AutolabClient } from '../autolab/autolab-client';
import { CourseListSchema, type Course, type CourseState } from '../autolab/schemas';

/** The four states, in the order they are asked. */
export const COURSE_STATES: CourseState[] = ['current', 'upcoming', 'completed', 'disabled'];

/** The cached course list: one list per state (a course may be in two, e.g. disabled and current). */
export const CoursesWithStateSchema = z.array(
  z.object({ state: z.enum(['current', 'upcoming', 'completed', 'disabled']), courses: CourseListSchema }),
);
/** @see CoursesWithStateSchema */
export type CoursesWithState = z.infer<typeof CoursesWithStateSchema>;

/** How long remembered state labels are trusted before the four per-state lists are asked again (6 h). */
export const STATE_LABELS_TTL_MS = 6 * 3600_000;

/** What was cached before, with when the labels in it were learnt (ms since the epoch). */
export interface KnownStates {
  lists: CoursesWithState;
  labelledAt: number;
}

/** Ask the four per-state lists (four requests, made at once). */
async function askEveryState(client: Pick<AutolabClient, 'courses'>): Promise<CoursesWithState> {
  return Promise.all(COURSE_STATES.map(async (state) => ({ state, courses: await client.courses(state) })));
}

/**
 * The course list by state: one `GET /courses` when every course it returns
 * has a state remembered from labels younger than the TTL, otherwise the four
 * per-state lists.
 *
 * @returns the lists and whether they were freshly labelled (`relabelled`).
 * @throws UserError from the client.
 */
export async function fetchCoursesWithState(client: Pick<AutolabClient, 'courses'>, known: KnownStates | undefined, now: number): Promise<{ lists: CoursesWithState; relabelled: boolean }> {
  if (!known || now - known.labelledAt >= STATE_LABELS_TTL_MS || now < known.labelledAt) {
    return { lists: await askEveryState(client), relabelled: true };
  }
  const all = await client.courses();
  const statesOf = new Map<string, CourseState[]>();
  for (const list of known.lists) for (const c of list.courses) statesOf.set(c.name, [...(statesOf.get(c.name) ?? []), list.state]);
  if (all.some((c) => !statesOf.has(c.name))) return { lists: await askEveryState(client), relabelled: true };
  const byState = new Map<CourseState, Course[]>(COURSE_STATES.map((s) => [s, []]));
  for (const course of all) for (const state of statesOf.get(course.name)!) byState.get(state)!.push(course);
  return { lists: COURSE_STATES.map((state) => ({ state, courses: byState.get(state)! })), relabelled: false };
}
