/**
 * Contract schemas for an instructor's view of one assessment (issue 12): the
 * class view (who submitted, score distribution), its groups and adding a
 * problem; and bulk roster actions.
 *
 * Built in main from `GET …/scores` (§4.12), the roster (§4.14), problems
 * (§4.11) and groups (§4.13). Every channel needs `instructor_all`.
 */
import { z } from 'zod';
import { CourseRefSchema, CsvFileSchema } from './instructor';
import { AssessmentRefSchema, cached } from './student';

/** A student in a list of the class view. */
export const ClassStudentSchema = z.object({ email: z.string(), firstName: z.string(), lastName: z.string(), lecture: z.string(), section: z.string() });
/** @see ClassStudentSchema */
export type ClassStudent = z.infer<typeof ClassStudentSchema>;

/** Mean and median of the latest submissions' scores, over the students who have a number for it. */
export const ScoreSummarySchema = z.object({
  name: z.string(),
  maxScore: z.number(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  /** How many students' latest submissions have a number here. */
  graded: z.number(),
});
/** @see ScoreSummarySchema */
export type ScoreSummary = z.infer<typeof ScoreSummarySchema>;

/** The class view of an assessment. */
export const ClassViewSchema = z.object({
  /** Enrolled students: role student, not dropped. */
  enrolled: z.number(),
  /** Enrolled students with at least one submission. */
  submitted: z.number(),
  notSubmitted: z.array(ClassStudentSchema),
  /** The not-submitted list as a CSV file to save. */
  notSubmittedCsv: CsvFileSchema,
  problems: z.array(ScoreSummarySchema),
  total: ScoreSummarySchema,
  /** Latest totals of enrolled students, in tenths of the maximum (the last bin includes 100 %). */
  histogram: z.array(z.object({ fromPercent: z.number(), toPercent: z.number(), count: z.number() })),
  /** People with submissions who are not counted (staff, dropped students). */
  othersWithSubmissions: z.number(),
});
/** @see ClassViewSchema */
export type ClassView = z.infer<typeof ClassViewSchema>;

/** `class:view` output. */
export const CachedClassViewSchema = cached(ClassViewSchema);

/** One group with its members (§4.13). */
export const GroupViewSchema = z.object({ id: z.number(), name: z.string(), members: z.array(z.object({ email: z.string(), name: z.string() })) });
/** @see GroupViewSchema */
export type GroupView = z.infer<typeof GroupViewSchema>;

/** `groups:list` output. */
export const GroupsViewSchema = z.object({
  groupSize: z.number(),
  allowStudentAssign: z.boolean().nullable(),
  groups: z.array(GroupViewSchema),
  /** Enrolled students (not dropped) in no group yet: the ones a new group can be picked from. */
  ungrouped: z.array(z.object({ email: z.string(), name: z.string() })),
});
/** @see GroupsViewSchema */
export type GroupsView = z.infer<typeof GroupsViewSchema>;

const Email = z.string().trim().min(3).max(254).regex(/^[^\s@/]+@[^\s@/]+$/, 'Enter an email address.');

/** `groups:create` output: the groups now, and the members Autolab left out (not enrolled, or already in a group). */
export const GroupsCreatedSchema = GroupsViewSchema.extend({ leftOut: z.array(z.string()) });

/** `groups:settings` input. */
export const GroupSettingsInputSchema = AssessmentRefSchema.extend({
  groupSize: z.number().int().min(1).max(100),
  allowStudentAssign: z.boolean(),
});

/**
 * `groups:create` input: groups by name and member emails (picked students),
 * or a CSV with the columns `group` and `email` (one row per member).
 */
export const GroupsCreateInputSchema = AssessmentRefSchema.extend({
  groups: z.array(z.object({ name: z.string().trim().max(200), members: z.array(Email).min(1).max(100) })).min(1).max(2000).optional(),
  csv: z.string().max(900_000).optional(),
}).refine((v) => (v.groups === undefined) !== (v.csv === undefined), 'Give either groups or a CSV file.');

/** `groups:delete` input. */
export const GroupDeleteInputSchema = AssessmentRefSchema.extend({ id: z.number().int().positive() });

/** `problems:add` input (§4.11 POST). */
export const ProblemAddInputSchema = AssessmentRefSchema.extend({
  name: z.string().trim().min(1).max(200),
  maxScore: z.number().finite().min(0).max(100_000),
  description: z.string().max(2000).optional(),
  optional: z.boolean().optional(),
});

/** `problems:add` output. */
export const ProblemAddedSchema = z.object({ name: z.string(), maxScore: z.number() });

/** `roster:bulk` input: one action on many enrollments, paced (§5.2). */
export const RosterBulkInputSchema = CourseRefSchema.extend({
  emails: z.array(Email).min(1).max(5000),
  action: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('drop') }),
    z.object({ kind: z.literal('move'), lecture: z.string().trim().min(1).max(100).optional(), section: z.string().trim().min(1).max(100).optional() }),
  ]),
  /** Correlates `roster:bulk-progress` events and `roster:bulk-cancel`. */
  bulkId: z.string().regex(/^[a-z0-9-]{8,64}$/),
});

/** One row's result of a bulk action. */
export const BulkResultRowSchema = z.object({
  email: z.string(),
  outcome: z.enum(['done', 'unchanged', 'failed', 'cancelled']),
  message: z.string().nullable(),
});
/** @see BulkResultRowSchema */
export type BulkResultRow = z.infer<typeof BulkResultRowSchema>;

/** `roster:bulk` output. */
export const BulkResultSchema = z.object({ rows: z.array(BulkResultRowSchema) });

/** `roster:bulk-progress` event payload. */
export const BulkProgressSchema = z.object({ bulkId: z.string(), done: z.number(), total: z.number(), waitingMs: z.number() });

/** `roster:bulk-cancel` input. */
export const BulkCancelInputSchema = z.object({ bulkId: z.string().regex(/^[a-z0-9-]{8,64}$/) });
