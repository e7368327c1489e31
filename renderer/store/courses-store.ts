/**
 * Courses and each course's assessments, as `cached(...)` answers.
 *
 * Kept in a store (not per screen) so the breadcrumb and the assessment page
 * can name a course and know its late slack without another request.
 *
 * Stale-while-revalidate: every load asks for the copy cached on disk
 * (`source: 'cache'`, no request to Autolab) and for the fresh list at the
 * same time. The cached copy is shown as soon as it arrives, with
 * `refreshing` set, unless a fresher answer is already there; the fresh
 * answer then replaces it. So the course list appears within a few tens of
 * milliseconds of the window loading, whatever the server's latency (issue 5,
 * performance; `npm run bench`). When the server cannot be reached, the fresh
 * call itself answers with the cached copy marked stale (offline banner); when
 * it answers with an error that cached data must not hide (signed out, not
 * enrolled…), a cached copy shown by this load is withdrawn.
 */
import { create } from 'zustand';
import type { AssessmentSummary, CourseView } from '../../preload/contract';
import { errorSentence, requireApi } from './app-store';

/** A cached answer as the contract returns it. */
export interface Cached<T> {
  data: T;
  fetchedAt: number;
  stale: boolean;
  error: string | null;
  /** When rate limited: Unix ms of the next try. */
  retryAt?: number | null | undefined;
}

/** Loading state of one query. */
export interface Query<T> {
  loading: boolean;
  /** Set when nothing (not even a cached copy) could be shown. */
  error: string | null;
  result: Cached<T> | null;
  /** True while `result` is the copy cached on disk and the fresh answer is on its way. */
  refreshing?: boolean;
}

const empty = { loading: false, error: null, result: null, refreshing: false };

/** The latest load per query key; answers of an older load are ignored. */
const generations = new Map<string, number>();

/**
 * Load one query cached-first (shared with the assessment page): `fetch('cache')` and `fetch('network')` at
 * once, the cached copy shown only until the fresh answer (or an error) comes.
 */
export async function loadCachedFirst<T>(
  genKey: string,
  get: () => Query<T> | undefined,
  put: (q: Query<T>) => void,
  fetch: (source: 'cache' | 'network') => Promise<Cached<T>>,
): Promise<void> {
  const gen = (generations.get(genKey) ?? 0) + 1;
  generations.set(genKey, gen);
  const current = () => generations.get(genKey) === gen;
  let settled = false;
  let shownFromCache = false;
  put({ ...(get() ?? empty), loading: true, error: null });
  const early = fetch('cache').then(
    (result) => {
      const shown = get()?.result;
      if (settled || !current() || (shown && shown.fetchedAt >= result.fetchedAt)) return;
      shownFromCache = true;
      put({ loading: true, error: null, result, refreshing: true });
    },
    () => undefined, // nothing cached yet: wait for the fresh answer
  );
  try {
    const result = await fetch('network');
    settled = true;
    if (current()) put({ loading: false, error: null, result, refreshing: false });
  } catch (err) {
    settled = true;
    if (current()) {
      const prev = get() ?? empty;
      put({ loading: false, error: errorSentence(err), result: shownFromCache ? null : prev.result, refreshing: false });
    }
  }
  await early;
}

/** Courses state, keyed by account (and course). */
export interface CoursesState {
  courses: Record<string, Query<CourseView[]>>;
  assessments: Record<string, Query<AssessmentSummary[]>>;
  loadCourses(accountId: string): Promise<void>;
  loadAssessments(accountId: string, course: string): Promise<void>;
}

/** Key of a course's assessment list. */
export const courseKey = (accountId: string, course: string) => `${accountId}/${course}`;

/** The courses store. */
export const useCourses = create<CoursesState>((set, get) => ({
  courses: {},
  assessments: {},

  loadCourses(accountId) {
    return loadCachedFirst(
      `courses|${accountId}`,
      () => get().courses[accountId],
      (q) => set((s) => ({ courses: { ...s.courses, [accountId]: q } })),
      (source) => requireApi().coursesList({ accountId, source }),
    );
  },

  loadAssessments(accountId, course) {
    const key = courseKey(accountId, course);
    return loadCachedFirst(
      `assessments|${key}`,
      () => get().assessments[key],
      (q) => set((s) => ({ assessments: { ...s.assessments, [key]: q } })),
      (source) => requireApi().assessmentsList({ accountId, course, source }),
    );
  },
}));

/** The course view of a course name, when the list is loaded. */
export function findCourse(accountId: string, course: string): CourseView | undefined {
  return useCourses.getState().courses[accountId]?.result?.data.find((c) => c.name === course);
}
