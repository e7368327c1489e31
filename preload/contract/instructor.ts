/**
 * Contract schemas for instructors: a course's roster (enrollments), roster
 * CSV import/export, and an assessment's scores (issue 7).
 *
 * Views are camelCase and built in main from Autolab's `course_user_data`
 * (autolab-api.md §4.14) and `scores` (§4.12) answers. Every one of these
 * routes needs the `instructor_all` scope and an instructor enrollment
 * (§2.10, §4.0 step 4); `instructorAccess` is the one place both sides decide
 * whether to offer them at all.
 */
import { z } from 'zod';
import { AccountIdSchema } from './accounts';
import { AssessmentRefSchema, NameSegmentSchema, ScoreValueSchema, SubmitFileSchema } from './student';

/** A role in a course, as Autolab names it (§4.14 `auth_level`). */
export const RoleSchema = z.enum(['instructor', 'course_assistant', 'student']);
/** @see RoleSchema */
export type Role = z.infer<typeof RoleSchema>;

/** One enrollment of the roster (§4.14), dropped ones included. */
export const RosterEntrySchema = z.object({
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  lecture: z.string(),
  section: z.string(),
  gradePolicy: z.string(),
  nickname: z.string(),
  dropped: z.boolean(),
  role: RoleSchema,
});
/** @see RosterEntrySchema */
export type RosterEntry = z.infer<typeof RosterEntrySchema>;

const text = (max: number) => z.string().trim().max(max);
/** A nickname Autolab accepts: up to 32 printable ASCII characters (§4.14). */
export const NicknameSchema = z.string().max(32).regex(/^[\x20-\x7e]*$/, 'A nickname may only use plain ASCII letters, digits and punctuation.');

/** The fields of an enrollment an instructor may change (§4.14 PUT). */
export const EnrollmentChangesSchema = z
  .object({
    lecture: text(100),
    section: text(100),
    role: RoleSchema,
    gradePolicy: text(200),
    nickname: NicknameSchema,
    dropped: z.boolean(),
  })
  .partial()
  .strict();
/** @see EnrollmentChangesSchema */
export type EnrollmentChanges = z.infer<typeof EnrollmentChangesSchema>;

/** Identifies a course of an account. */
export const CourseRefSchema = z.object({ accountId: AccountIdSchema, course: NameSegmentSchema });
/** @see CourseRefSchema */
export type CourseRef = z.infer<typeof CourseRefSchema>;

const EmailSchema = z.string().trim().min(3).max(254).regex(/^[^\s@/]+@[^\s@/]+$/, 'Enter an email address.');

/** `roster:add` input: a person who already has an Autolab account (§4.14 POST). */
export const RosterAddInputSchema = CourseRefSchema.extend({
  entry: z.object({
    email: EmailSchema,
    lecture: text(100).min(1),
    section: text(100).min(1),
    role: RoleSchema,
    gradePolicy: text(200).optional(),
    nickname: NicknameSchema.optional(),
    dropped: z.boolean().optional(),
  }),
});

/**
 * `roster:update` input: only the fields the user changed. `dropped` is
 * present only when the user toggled it (the official CLI's bug was sending
 * `dropped=false` with every edit, un-dropping people).
 */
export const RosterUpdateInputSchema = CourseRefSchema.extend({ email: EmailSchema, changes: EnrollmentChangesSchema });

/** `roster:drop` input (§4.14 DELETE marks dropped, never deletes). */
export const RosterDropInputSchema = CourseRefSchema.extend({ email: EmailSchema });

/** The roster of a course with the time it was read. */
export const RosterSchema = z.object({ entries: z.array(RosterEntrySchema), fetchedAt: z.number() });

/** A CSV file for the user to save: a suggested name and its text. */
export const CsvFileSchema = z.object({ filename: z.string(), csv: z.string() });
/** @see CsvFileSchema */
export type CsvFile = z.infer<typeof CsvFileSchema>;

/**
 * What the import will do (preview) with one data row of the file. `drop` is
 * an update that sets `dropped: false → true`, shown apart as destructive.
 */
export const ImportActionSchema = z.enum(['add', 'update', 'drop', 'unchanged', 'error']);
/** @see ImportActionSchema */
export type ImportAction = z.infer<typeof ImportActionSchema>;

/** One previewed row: its spreadsheet row number, the email, the action and the fields that change. */
export const ImportPreviewRowSchema = z.object({
  row: z.number(),
  email: z.string(),
  action: ImportActionSchema,
  /** Human labels of changed fields, e.g. `section: A → B`. */
  changes: z.array(z.string()),
  /** Why the row is an error (only for `error`). */
  message: z.string().nullable(),
});
/** @see ImportPreviewRowSchema */
export type ImportPreviewRow = z.infer<typeof ImportPreviewRowSchema>;

/**
 * `roster:import-preview` input: the file the user chose, staged (web host) or
 * as a registered path (Electron), like a handin, so a large CSV never has to
 * fit in one WebSocket frame; small CSV text may still come inline.
 */
export const ImportPreviewInputSchema = CourseRefSchema.extend({
  csv: z.string().max(900_000).optional(),
  file: SubmitFileSchema.optional(),
  filename: z.string().max(255).optional(),
}).refine((v) => (v.csv === undefined) !== (v.file === undefined), 'Give either the CSV text or the file.');

/** `roster:import-preview` output. */
export const ImportPreviewSchema = z.object({
  importId: z.string(),
  rows: z.array(ImportPreviewRowSchema),
  counts: z.record(ImportActionSchema, z.number()),
});
/** @see ImportPreviewSchema */
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

/** What happened to one row when the import was applied. */
export const ImportOutcomeSchema = z.enum(['added', 'updated', 'dropped', 'unchanged', 'failed', 'not-applied', 'cancelled']);
/** @see ImportOutcomeSchema */
export type ImportOutcome = z.infer<typeof ImportOutcomeSchema>;

/** The result of one row. */
export const ImportResultRowSchema = ImportPreviewRowSchema.extend({ outcome: ImportOutcomeSchema });
/** @see ImportResultRowSchema */
export type ImportResultRow = z.infer<typeof ImportResultRowSchema>;

/** `roster:import-apply` output: every row's result and the report as CSV. */
export const ImportResultSchema = z.object({
  rows: z.array(ImportResultRowSchema),
  counts: z.record(ImportOutcomeSchema, z.number()),
  report: CsvFileSchema,
});
/** @see ImportResultSchema */
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** `roster:import-progress` event payload. */
export const ImportProgressSchema = z.object({ importId: z.string(), done: z.number(), total: z.number(), waitingMs: z.number() });

/** `roster:import-apply` / `roster:import-cancel` input. */
export const ImportIdInputSchema = CourseRefSchema.extend({ importId: z.string().regex(/^[a-f0-9-]{8,64}$/) });

/** One student's row of an assessment's scores (§4.12): every version, newest first. */
export const ScoreRowSchema = z.object({
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  lecture: z.string(),
  section: z.string(),
  dropped: z.boolean(),
  versions: z.array(z.object({ version: z.number(), scores: z.record(z.string(), ScoreValueSchema) })),
});
/** @see ScoreRowSchema */
export type ScoreRow = z.infer<typeof ScoreRowSchema>;

/** `scores:list` output: the problems (in order, with max scores) and one row per student. */
export const ScoreTableSchema = z.object({
  problems: z.array(z.object({ name: z.string(), maxScore: z.number() })),
  rows: z.array(ScoreRowSchema),
  fetchedAt: z.number(),
});
/** @see ScoreTableSchema */
export type ScoreTable = z.infer<typeof ScoreTableSchema>;

/** `scores:update-latest` input: the problems whose score changes on the latest submission. */
export const ScoresUpdateInputSchema = AssessmentRefSchema.extend({
  email: EmailSchema,
  problems: z.record(z.string().min(1).max(200), z.number().finite().min(-100_000).max(100_000)).refine((p) => Object.keys(p).length > 0, 'Change at least one score.'),
});

/** Where the instructor pages are offered, and why not (one sentence). */
export type InstructorAccess =
  | { kind: 'allowed' }
  | { kind: 'hidden' }
  | { kind: 'explain'; message: string; /** True when signing in again with `instructor_all` can unlock the pages. */ offerSignIn?: boolean };

/** The sentence for a course assistant (Autolab refuses `instructor_all` to them, §4.0 step 4). */
export const COURSE_ASSISTANT_SENTENCE =
  'Roster and Scores are for instructors only: Autolab does not give course assistants instructor access through its API, so ask an instructor of this course for roster or score changes.';
/** The sentence for a token without `instructor_all` when it was not asked for (§2.10). */
export const MISSING_SCOPE_SENTENCE =
  'Roster and Scores need instructor access, which this sign-in did not ask for; sign in again with instructor access to open them.';
/** The sentence when `instructor_all` was asked for but not granted (declined, or not registered for the app). */
export const NOT_GRANTED_SENTENCE =
  'Autolab did not grant instructor access to this sign-in; sign in again and allow it, or ask your Autolab administrator to add the instructor_all scope to the Autolab Desktop app.';
/** The sentence for a student (the UI never offers these pages to them). */
export const STUDENT_SENTENCE = 'Only instructors of this course can see its roster and scores.';

/**
 * Decide whether to offer the roster and scores pages for a course.
 *
 * Students see nothing; course assistants and tokens without `instructor_all`
 * see the tabs disabled with one sentence instead of screens Autolab would
 * refuse (§2.10, §6.19).
 */
export function instructorAccess(role: Role, scopes: readonly string[], askedForInstructor = false): InstructorAccess {
  if (role === 'student') return { kind: 'hidden' };
  if (role === 'course_assistant') return { kind: 'explain', message: COURSE_ASSISTANT_SENTENCE };
  if (!scopes.includes('instructor_all')) {
    return { kind: 'explain', message: askedForInstructor ? NOT_GRANTED_SENTENCE : MISSING_SCOPE_SENTENCE, offerSignIn: true };
  }
  return { kind: 'allowed' };
}
