/**
 * Courses and each course's assessments, as `cached(...)` answers.
 *
 * Kept in a store (not per screen) so the breadcrumb and the assessment page
 * can name a course and know its late slack without another request.
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
}

/** Loading state of one query. */
export interface Query<T> {
  loading: boolean;
  /** Set when nothing (not even a cached copy) could be shown. */
  error: string | null;
  result: Cached<T> | null;
}

const empty = { loading: false, error: null, result: null };

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
export const useCourses = create<CoursesState>((set) => ({
  courses: {},
  assessments: {},

  async loadCourses(accountId) {
    set((s) => ({ courses: { ...s.courses, [accountId]: { ...(s.courses[accountId] ?? empty), loading: true, error: null } } }));
    try {
      const result = await requireApi().coursesList({ accountId });
      set((s) => ({ courses: { ...s.courses, [accountId]: { loading: false, error: null, result } } }));
    } catch (err) {
      set((s) => ({ courses: { ...s.courses, [accountId]: { ...(s.courses[accountId] ?? empty), loading: false, error: errorSentence(err) } } }));
    }
  },

  async loadAssessments(accountId, course) {
    const key = courseKey(accountId, course);
    set((s) => ({ assessments: { ...s.assessments, [key]: { ...(s.assessments[key] ?? empty), loading: true, error: null } } }));
    try {
      const result = await requireApi().assessmentsList({ accountId, course });
      set((s) => ({ assessments: { ...s.assessments, [key]: { loading: false, error: null, result } } }));
    } catch (err) {
      set((s) => ({ assessments: { ...s.assessments, [key]: { ...(s.assessments[key] ?? empty), loading: false, error: errorSentence(err) } } }));
    }
  },
}));

/** The course view of a course name, when the list is loaded. */
export function findCourse(accountId: string, course: string): CourseView | undefined {
  return useCourses.getState().courses[accountId]?.result?.data.find((c) => c.name === course);
}
