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
import { requireApi } from './app-store';
import { loadCachedFirst, type Query } from './cached-first';

export type { Cached, Query } from './cached-first';

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
