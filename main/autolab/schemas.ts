/**
 * Zod schemas for every Autolab API v1 response the app reads.
 *
 * Data enters the main process here, so every answer is checked before any
 * service uses it (design.md "zod at every boundary"). The schemas follow the
 * server's code, not its docs, and accept its real quirks: scores that are a
 * float, `null` or `"unreleased"`; problems missing from `scores`;
 * `disable_handins: null`; `max_total_score: 0` as an integer; datetimes with
 * the server's offset; extra keys. Types are derived with `z.infer`, never
 * written twice. See autolab-api.md §4 and §8.
 */
import { z } from 'zod';
import { firstIssueArray, firstIssueRecord } from './first-issue-schemas';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An Autolab datetime, normalised to a UTC ISO-8601 string.
 *
 * Autolab sends `2024-10-01T23:59:00.000-04:00` (the server's zone, never `Z`,
 * autolab-api.md §5.3, §8). The offset is honoured, never assumed to be UTC;
 * a string without an offset is rejected because its instant is ambiguous.
 * The output (`…Z`) is accepted again, so cached data re-validates.
 */
export const AutolabDateTimeSchema = z
  .string()
  .regex(ISO_WITH_OFFSET, 'expected an ISO-8601 datetime with an offset')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'unparseable datetime')
  .transform((s) => new Date(s).toISOString());

/** Milliseconds since the epoch of a datetime produced by {@link AutolabDateTimeSchema}. */
export function epochMs(iso: string): number {
  return Date.parse(iso);
}

const int = () => z.number().int();
/** A boolean Autolab may leave null in its database; null means false. */
const nullableFlag = () => z.boolean().nullable().transform((v) => v === true);

/** The `{"error": "..."}` body of every API failure (autolab-api.md §4.0). */
export const ErrorBodySchema = z.looseObject({ error: z.string() });
/** @see ErrorBodySchema */
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** `GET /user` (autolab-api.md §4.2). */
export const UserSchema = z.looseObject({
  email: z.string(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  school: z.string().nullable().optional(),
  major: z.string().nullable().optional(),
  year: z.string().nullable().optional(),
});
/** @see UserSchema */
export type User = z.infer<typeof UserSchema>;

/** A user's role in a course (autolab-api.md §4.3, §4.14). */
export const AuthLevelSchema = z.enum(['instructor', 'course_assistant', 'student']);
/** @see AuthLevelSchema */
export type AuthLevel = z.infer<typeof AuthLevelSchema>;

/** The `state` filter of `GET /courses` (autolab-api.md §4.3). */
export const CourseStateSchema = z.enum(['disabled', 'completed', 'current', 'upcoming']);
/** @see CourseStateSchema */
export type CourseState = z.infer<typeof CourseStateSchema>;

/** One element of `GET /courses` (autolab-api.md §4.3); `late_slack` is in seconds. */
export const CourseSchema = z.looseObject({
  name: z.string(),
  semester: z.string().nullable(),
  late_slack: int(),
  grace_days: int(),
  display_name: z.string(),
  auth_level: AuthLevelSchema,
});
/** @see CourseSchema */
export type Course = z.infer<typeof CourseSchema>;
/** `GET /courses`. */
export const CourseListSchema = firstIssueArray(CourseSchema);

/** One element of `GET /courses/{c}/assessments` (autolab-api.md §4.5). */
export const AssessmentSummarySchema = z.looseObject({
  name: z.string(),
  display_name: z.string(),
  category_name: z.string().nullable(),
  start_at: AutolabDateTimeSchema,
  due_at: AutolabDateTimeSchema,
  end_at: AutolabDateTimeSchema,
});
/** @see AssessmentSummarySchema */
export type AssessmentSummary = z.infer<typeof AssessmentSummarySchema>;
/** `GET /courses/{c}/assessments`. */
export const AssessmentListSchema = firstIssueArray(AssessmentSummarySchema);

const FormatSchema = z.enum(['none', 'url', 'file']);

/** `GET /courses/{c}/assessments/{a}` (autolab-api.md §4.6). */
export const AssessmentDetailSchema = AssessmentSummarySchema.extend({
  description: z.string().nullable(),
  updated_at: AutolabDateTimeSchema.nullable().optional(),
  max_grace_days: int().nullable(),
  max_submissions: int(),
  max_unpenalized_submissions: int(),
  disable_handins: nullableFlag(),
  group_size: int(),
  writeup_format: FormatSchema,
  handout_format: FormatSchema,
  has_scoreboard: nullableFlag(),
  has_autograder: nullableFlag(),
  max_total_score: z.number(),
  max_scores: firstIssueRecord(z.number()),
});
/** @see AssessmentDetailSchema */
export type AssessmentDetail = z.infer<typeof AssessmentDetailSchema>;

/** One element of `GET …/problems` (autolab-api.md §4.11). */
export const ProblemSchema = z.looseObject({
  name: z.string(),
  description: z.string().nullable(),
  max_score: z.number(),
  optional: nullableFlag(),
  starred: nullableFlag(),
});
/** @see ProblemSchema */
export type Problem = z.infer<typeof ProblemSchema>;
/** `GET …/problems`. */
export const ProblemListSchema = firstIssueArray(ProblemSchema);

/** A score: a float, `null` (not graded) or `"unreleased"` (autolab-api.md §6.18). */
export const ScoreValueSchema = z.union([z.number(), z.null(), z.literal('unreleased')]);
/** @see ScoreValueSchema */
export type ScoreValue = z.infer<typeof ScoreValueSchema>;

/** One element of `GET …/submissions`, newest first (autolab-api.md §4.9); problems may be missing. */
export const SubmissionSchema = z.looseObject({
  version: int(),
  filename: z.string(),
  created_at: AutolabDateTimeSchema,
  scores: firstIssueRecord(ScoreValueSchema),
});
/** @see SubmissionSchema */
export type Submission = z.infer<typeof SubmissionSchema>;
/** `GET …/submissions`. */
export const SubmissionListSchema = firstIssueArray(SubmissionSchema);

/** `GET …/submissions/{v}/feedback` (autolab-api.md §4.10): the raw autograder log. */
export const FeedbackSchema = z.looseObject({ feedback: z.string() });
/** @see FeedbackSchema */
export type Feedback = z.infer<typeof FeedbackSchema>;

/** The JSON forms of `GET …/writeup` (autolab-api.md §4.7). */
export const WriteupJsonSchema = z.union([
  z.looseObject({ url: z.string().min(1) }),
  z.looseObject({ writeup: z.literal('none') }),
]);
/** The JSON forms of `GET …/handout` (autolab-api.md §4.7). */
export const HandoutJsonSchema = z.union([
  z.looseObject({ url: z.string().min(1) }),
  z.looseObject({ handout: z.literal('none') }),
]);

/** `POST …/submit` success (autolab-api.md §4.8); `filename` is `<version>_<handin_filename>`. */
export const SubmitResultSchema = z.looseObject({ version: int(), filename: z.string() });
/** @see SubmitResultSchema */
export type SubmitResult = z.infer<typeof SubmitResultSchema>;

const ProblemScoresSchema = firstIssueRecord(ScoreValueSchema);
/** `GET …/scores/{email}`: `{version: {problem: score}}`, `{}` when none (autolab-api.md §4.12). */
export const UserScoresSchema = firstIssueRecord(ProblemScoresSchema);
/** @see UserScoresSchema */
export type UserScores = z.infer<typeof UserScoresSchema>;
/** `GET …/scores`: `{email: {version: {problem: score}}}` (autolab-api.md §4.12). */
export const AllScoresSchema = firstIssueRecord(UserScoresSchema);
/** @see AllScoresSchema */
export type AllScores = z.infer<typeof AllScoresSchema>;
/** `PUT …/update_latest`: `{email: {problem: score}}`, values echoed as sent (autolab-api.md §4.12). */
export const UpdateLatestResultSchema = firstIssueRecord(firstIssueRecord(z.unknown()));
/** @see UpdateLatestResultSchema */
export type UpdateLatestResult = z.infer<typeof UpdateLatestResultSchema>;

/** An enrollment of `…/course_user_data` (autolab-api.md §4.14). */
export const CourseUserDatumSchema = z.looseObject({
  email: z.string(),
  first_name: z.string().nullable().optional(),
  last_name: z.string().nullable().optional(),
  school: z.string().nullable().optional(),
  major: z.string().nullable().optional(),
  year: z.string().nullable().optional(),
  lecture: z.string().nullable(),
  section: z.string().nullable(),
  grade_policy: z.string().nullable().optional(),
  dropped: nullableFlag(),
  nickname: z.string().nullable().optional(),
  auth_level: AuthLevelSchema,
});
/** @see CourseUserDatumSchema */
export type CourseUserDatum = z.infer<typeof CourseUserDatumSchema>;
/** `GET …/course_user_data`, sorted by email. */
export const CourseUserDataListSchema = firstIssueArray(CourseUserDatumSchema);

/** A group member as the buggy `get_group_json` returns it: a User record (autolab-api.md §4.13). */
export const GroupMemberSchema = z.looseObject({ email: z.string(), course_user_datum_id: int().optional() });
/** A group without members: `{id, name, created_at, updated_at}`. */
export const GroupSchema = z.looseObject({
  id: int(),
  name: z.string().nullable(),
  created_at: AutolabDateTimeSchema.nullable().optional(),
  updated_at: AutolabDateTimeSchema.nullable().optional(),
});
/**
 * `GET …/groups[?show_members=true]`.
 *
 * With `show_members=true` each element is a bare array of members (the id and
 * name are lost), a server bug the schema accepts (autolab-api.md §4.13).
 */
export const GroupListSchema = z.looseObject({
  group_size: int(),
  groups: firstIssueArray(z.union([GroupSchema, firstIssueArray(GroupMemberSchema)])),
  assessment: firstIssueRecord(z.unknown()).optional(),
});
/** @see GroupListSchema */
export type GroupList = z.infer<typeof GroupListSchema>;
/** `GET …/groups/{id}`: a bare array of members (autolab-api.md §4.13). */
export const GroupShowSchema = firstIssueArray(GroupMemberSchema);

/** `POST …/groups`: the assessment's groups (without members). */
export const GroupCreatedSchema = firstIssueArray(GroupSchema);
/** `DELETE …/groups/{id}`: `{"message":"Group <id> successfully deleted"}`. */
export const GroupDeletedSchema = z.looseObject({ message: z.string() });
/** `POST …/set_group_settings`. */
export const GroupSettingsSchema = z.looseObject({ group_size: int(), allow_student_assign_group: z.boolean() });
/** @see GroupSettingsSchema */
export type GroupSettings = z.infer<typeof GroupSettingsSchema>;
