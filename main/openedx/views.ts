/**
 * Turning Open edX answers into the contract's views: a course list with
 * state buckets, and a course page with graded subsections by due date.
 */
import { z } from 'zod';
import { OpenedxCourseDetailSchema, OpenedxCourseViewSchema, OpenedxSubsectionSchema, type OpenedxCourseDetail, type OpenedxCourseView } from '../../preload/contract';
import type { CourseGrade, Subsection } from './openedx-client';
import type { Enrollment } from './schemas';

/** What the courses list caches: the contract's course view without the site and the state (computed when read). */
export const CachedCoursesSchema = z.array(OpenedxCourseViewSchema.omit({ siteId: true, siteName: true, state: true }));
/** @see CachedCoursesSchema */
export type CachedCourses = z.infer<typeof CachedCoursesSchema>;

/** What a course page caches: every subsection (graded or not), the grade and why it is missing. */
export const CachedCourseSchema = OpenedxCourseDetailSchema.omit({ courseKey: true, subsections: true }).extend({
  subsections: z.array(OpenedxSubsectionSchema.extend({ graded: z.boolean() })),
});
/** @see CachedCourseSchema */
export type CachedCourse = z.infer<typeof CachedCourseSchema>;

/**
 * Join enrollments with the course list's org and number.
 *
 * @throws never.
 */
export function joinCourses(enrollments: Enrollment[], catalog: Array<{ id: string; org?: string | null; number?: string | null; name?: string | null }>): CachedCourses {
  const byId = new Map(catalog.map((c) => [c.id, c]));
  return enrollments.map((e) => {
    const d = e.course_details;
    const c = byId.get(d.course_id);
    const [org, number] = d.course_id.startsWith('course-v1:') ? d.course_id.slice(10).split('+') : [];
    return {
      courseKey: d.course_id,
      name: d.course_name ?? c?.name ?? d.course_id,
      org: c?.org ?? org ?? null,
      number: c?.number ?? number ?? null,
      start: d.course_start ?? null,
      end: d.course_end ?? null,
      mode: e.mode ?? null,
    };
  });
}

/**
 * The course list view: current, then upcoming, then completed, by name.
 *
 * @throws never.
 */
export function courseViews(siteId: string, siteName: string, courses: CachedCourses, now: number): OpenedxCourseView[] {
  const order = { current: 0, upcoming: 1, completed: 2 };
  return courses
    .map((c) => {
      const start = c.start ? Date.parse(c.start) : NaN;
      const end = c.end ? Date.parse(c.end) : NaN;
      const state: OpenedxCourseView['state'] = start > now ? 'upcoming' : end < now ? 'completed' : 'current';
      return { siteId, siteName, ...c, state };
    })
    .sort((a, b) => order[a.state] - order[b.state] || a.name.localeCompare(b.name));
}

/**
 * The course page view: graded subsections by due date (undated last), and the grade.
 *
 * @throws never.
 */
export function courseDetail(courseKey: string, data: { subsections: Subsection[]; grade: CourseGrade | null; gradeError: string | null }): OpenedxCourseDetail {
  const due = (s: Subsection) => (s.due ? Date.parse(s.due) : Number.POSITIVE_INFINITY);
  return {
    courseKey,
    subsections: data.subsections
      .filter((s) => s.graded)
      .sort((a, b) => due(a) - due(b))
      .map(({ id, name, format, due: d, lmsWebUrl }) => ({ id, name, format, due: d, lmsWebUrl })),
    grade: data.grade,
    gradeError: data.gradeError,
  };
}
