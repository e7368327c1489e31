/**
 * zod schemas for the Open edX answers the app reads (providers.md §1.4).
 * Only the fields used are required; everything else passes through unread.
 */
import { z } from 'zod';

/** `GET /api/user/v1/me`. */
export const MeSchema = z.object({ username: z.string().min(1) });

/** `GET /api/user/v1/accounts/{username}` (the fields shown). */
export const AccountSchema = z.object({
  username: z.string(),
  name: z.string().nullish(),
  email: z.string().nullish(),
});

/** One enrollment of `GET /api/enrollment/v1/enrollment`. */
export const EnrollmentSchema = z.object({
  mode: z.string().nullish(),
  is_active: z.boolean(),
  course_details: z.object({
    course_id: z.string().min(1),
    course_name: z.string().nullish(),
    course_start: z.string().nullish(),
    course_end: z.string().nullish(),
  }),
});
/** @see EnrollmentSchema */
export type Enrollment = z.infer<typeof EnrollmentSchema>;

/** A DRF page: `NamespacedPageNumberPagination` (`pagination.next`) or the plain `next` of PageNumberPagination. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    results: z.array(item),
    pagination: z.object({ next: z.string().nullish() }).optional(),
    next: z.string().nullish(),
  });
}

/** The enrollment list: an array (stock) or a page (tolerated). */
export const EnrollmentListSchema = z.union([z.array(EnrollmentSchema), pageSchema(EnrollmentSchema)]);

/** One course of `GET /api/courses/v1/courses/`. */
export const CourseSummarySchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  org: z.string().nullish(),
  number: z.string().nullish(),
  start: z.string().nullish(),
  end: z.string().nullish(),
});

/** One block of the blocks API. */
export const BlockSchema = z.object({
  id: z.string(),
  type: z.string(),
  display_name: z.string().nullish(),
  graded: z.boolean().optional(),
  format: z.string().nullish(),
  due: z.string().nullish(),
  lms_web_url: z.string().nullish(),
  children: z.array(z.string()).optional(),
});
/** @see BlockSchema */
export type Block = z.infer<typeof BlockSchema>;

/** `GET /api/courses/v1/blocks/` as a dict (default) or a list (`return_type=list`). */
export const BlocksSchema = z.union([z.object({ root: z.string().optional(), blocks: z.record(z.string(), BlockSchema) }), z.array(BlockSchema)]);

/** One course grade. */
export const GradeSchema = z.object({
  username: z.string(),
  course_id: z.string(),
  passed: z.boolean(),
  percent: z.number(),
  letter_grade: z.string().nullish(),
});

/** `GET /api/grades/v1/courses/{key}/?username=`: a one-element list (edx-platform) or an object (older docs). */
export const GradeAnswerSchema = z.union([z.array(GradeSchema), GradeSchema]);
