/**
 * Contract schemas of the semester overview: every assessment of every
 * account with its dates, limits and latest score (issue 15), behind Upcoming,
 * the course cards, the assessment lists and the Grades view.
 */
import { z } from 'zod';
import { AccountIdSchema } from './accounts';
import { AssessmentSummarySchema, CourseViewSchema, NameSegmentSchema, SubmissionViewSchema } from './student';

/** What the overview knows of one assessment; null fields are not known yet (not fetched). */
export const OverviewEntrySchema = z.object({
  accountId: AccountIdSchema,
  /** The Autolab server's name, e.g. "Demo Autolab". */
  serverName: z.string(),
  course: CourseViewSchema,
  assessment: AssessmentSummarySchema,
  maxTotalScore: z.number().nullable(),
  /** −1 when unlimited (autolab-api.md §4.6). */
  maxSubmissions: z.number().nullable(),
  disableHandins: z.boolean().nullable(),
  /** The user's submissions: how many, and the newest; null until listed. */
  submissions: z.object({ count: z.number().int().nonnegative(), latest: SubmissionViewSchema.nullable() }).nullable(),
  /** Autolab refused a submit as an embedded quiz (remembered): answered on its website. */
  embeddedQuiz: z.boolean(),
  /** Unix ms when this assessment's submissions were last listed; null when never. */
  checkedAt: z.number().nullable(),
});
/** @see OverviewEntrySchema */
export type OverviewEntry = z.infer<typeof OverviewEntrySchema>;

/** `overview:get` input: everything current (Upcoming), or one course in full (its list and Grades). */
export const OverviewInputSchema = z.object({
  source: z.enum(['cache', 'network']),
  /** One course only (every assessment, whatever its state). */
  course: z.object({ accountId: AccountIdSchema, course: NameSegmentSchema }).optional(),
});
/** @see OverviewInputSchema */
export type OverviewInput = z.infer<typeof OverviewInputSchema>;

/** `overview:get` output and the `overview:changed` event (a paced refresh moved on). */
export const OverviewSchema = z.object({
  entries: z.array(OverviewEntrySchema),
  /** The courses the overview covers (cards, names). */
  courses: z.array(CourseViewSchema.extend({ accountId: AccountIdSchema, serverName: z.string() })),
  /** True while a paced refresh is still asking for more. */
  refreshing: z.boolean(),
  /** One sentence per account or course that could not be refreshed. */
  errors: z.array(z.string()),
  /** Unix ms of the newest data in the overview; null when nothing is known. */
  fetchedAt: z.number().nullable(),
  /** Which scope this answer covers: `all`, or `<accountId>/<course>`. */
  scope: z.string(),
});
/** @see OverviewSchema */
export type Overview = z.infer<typeof OverviewSchema>;
