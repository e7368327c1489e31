/**
 * Contract schemas for what a student sees: courses, assessments, submissions,
 * feedback, submitting.
 *
 * These are views shaped for the UI (camelCase, dates as ISO strings with the
 * server's offset kept), built in main from Autolab's answers (autolab-api.md
 * §4); the raw Autolab schemas live in main/autolab/.
 */
import { z } from 'zod';
import { AccountIdSchema } from './accounts';

/** A path segment Autolab accepts for a course or assessment name (§4.0). */
export const NameSegmentSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^/?#\\]+$/)
  .refine((s) => s !== '.' && s !== '..', 'A course or assessment name cannot be "." or "..".');

/** Every data answer carries its age, for "as of <time>" when offline. */
export function cached<T extends z.ZodType>(data: T) {
  return z.object({
    data,
    /** Unix ms when the data was fetched from the server. */
    fetchedAt: z.number(),
    /** True when the server could not be reached and this is the cached copy. */
    stale: z.boolean(),
    /** Why the fresh fetch failed, as one sentence (only when stale). */
    error: z.string().nullable(),
    /** When stale because Autolab rate-limited us: Unix ms of the next try (issue 10 item 6). */
    retryAt: z.number().nullable().optional(),
  });
}

/**
 * Where a list comes from. `'network'` (the default): fresh from the server,
 * falling back to the cached copy (stale) when the server cannot be reached.
 * `'cache'`: only the copy cached on disk, at once, without asking the server
 * (stale-while-revalidate: the renderer shows it while the fresh answer is on
 * its way, issue 5 performance); fails with `not-cached` when there is none.
 */
export const ListSourceSchema = z.enum(['network', 'cache']).optional();

/** A course in the list (§4.3) plus the state bucket it was found in. */
export const CourseViewSchema = z.object({
  name: z.string(),
  displayName: z.string(),
  semester: z.string().nullable(),
  role: z.enum(['instructor', 'course_assistant', 'student']),
  state: z.enum(['current', 'upcoming', 'completed', 'disabled']),
  lateSlackSec: z.number(),
  graceDays: z.number(),
});
/** @see CourseViewSchema */
export type CourseView = z.infer<typeof CourseViewSchema>;

/** An assessment in a course's list (§4.5). */
export const AssessmentSummarySchema = z.object({
  name: z.string(),
  displayName: z.string(),
  category: z.string(),
  startAt: z.string(),
  dueAt: z.string(),
  endAt: z.string(),
});
/** @see AssessmentSummarySchema */
export type AssessmentSummary = z.infer<typeof AssessmentSummarySchema>;

/** Scores per problem: a float, null (no score yet) or "unreleased" (§4.9). */
export const ScoreValueSchema = z.union([z.number(), z.null(), z.literal('unreleased')]);

/** One submission version (§4.9) with its derived total. */
export const SubmissionViewSchema = z.object({
  version: z.number(),
  filename: z.string(),
  createdAt: z.string(),
  scores: z.record(z.string(), ScoreValueSchema),
  /** Sum of the released numeric scores, or null when none are released. */
  total: z.number().nullable(),
  /** True while an autograded submission has no scores yet. */
  grading: z.boolean(),
  /** Autolab said "Submission accepted, but autograding failed" for this version: no score will come on its own. */
  autograderDidNotRun: z.boolean().optional(),
});
/** @see SubmissionViewSchema */
export type SubmissionView = z.infer<typeof SubmissionViewSchema>;

/** A problem of an assessment (§4.11). */
export const ProblemViewSchema = z.object({
  name: z.string(),
  description: z.string(),
  maxScore: z.number(),
  optional: z.boolean(),
});

/** An assessment's detail page (§4.6 + §4.11 + §4.9). */
export const AssessmentDetailSchema = AssessmentSummarySchema.extend({
  description: z.string().nullable(),
  updatedAt: z.string().nullable(),
  maxGraceDays: z.number().nullable(),
  maxSubmissions: z.number(),
  maxUnpenalizedSubmissions: z.number(),
  disableHandins: z.boolean(),
  groupSize: z.number(),
  writeupFormat: z.enum(['none', 'url', 'file']),
  handoutFormat: z.enum(['none', 'url', 'file']),
  hasAutograder: z.boolean(),
  hasScoreboard: z.boolean(),
  maxTotalScore: z.number(),
  problems: z.array(ProblemViewSchema),
  submissions: z.array(SubmissionViewSchema),
  /** The course's late slack in seconds (accepted until endAt + lateSlack). */
  lateSlackSec: z.number(),
  /** Autolab answered a submit with "embedded quiz": it is answered on the website (remembered, issue 15). */
  embeddedQuiz: z.boolean(),
  /** The upload limit Autolab named in a 403 "larger than the max allowed size", in bytes; null when not known. */
  maxSizeBytes: z.number().nullable(),
});
/** @see AssessmentDetailSchema */
export type AssessmentDetail = z.infer<typeof AssessmentDetailSchema>;

/** Identifies an assessment of an account. */
export const AssessmentRefSchema = z.object({
  accountId: AccountIdSchema,
  course: NameSegmentSchema,
  assessment: NameSegmentSchema,
});
/** @see AssessmentRefSchema */
export type AssessmentRef = z.infer<typeof AssessmentRefSchema>;

/** The autograder's feedback for a version (§4.10), with the parsed autoresult line when present. */
export const FeedbackViewSchema = z.object({
  version: z.number(),
  log: z.string(),
  /** Parsed from the log's last JSON line `{"scores":{...}}`, when present. */
  autoresult: z.record(z.string(), z.number()).nullable(),
});
/** @see FeedbackViewSchema */
export type FeedbackView = z.infer<typeof FeedbackViewSchema>;

/** The file to submit: a path on disk (Electron drop/dialog) or a file staged by the web host. */
export const SubmitFileSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }),
  z.object({ kind: z.literal('staged'), id: z.string().regex(/^[a-f0-9]{32}$/) }),
]);

/** `submit:start` input; progress arrives as `submit:progress` events with the same uploadId. */
export const SubmitInputSchema = AssessmentRefSchema.extend({
  uploadId: z.string().regex(/^[a-zA-Z0-9-]{8,64}$/),
  file: SubmitFileSchema,
});
/** @see SubmitInputSchema */
export type SubmitInput = z.infer<typeof SubmitInputSchema>;

/** The end of a submit: success, or failure with whether it landed anyway (design.md "Nothing lost, nothing doubled"). */
export const SubmitResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('submitted'), version: z.number(), filename: z.string() }),
  z.object({
    outcome: z.literal('failed'),
    message: z.string(),
    /** 'yes': it was saved (e.g. autograding failed to start); 'no': safe to retry; 'unknown': check before retrying. */
    landed: z.enum(['yes', 'no', 'unknown']),
    version: z.number().nullable(),
  }),
  z.object({ outcome: z.literal('cancelled') }),
]);
/** @see SubmitResultSchema */
export type SubmitResult = z.infer<typeof SubmitResultSchema>;

/**
 * One submit as main's journal keeps it (issue 10 item 3): main owns every submit, so a reloaded page, a closed
 * tab or a crash never loses track of it. Times are local epoch ms; the server-clock window lets a later start
 * decide on Autolab's time whether it arrived. No secrets.
 */
export const SubmitJournalEntrySchema = z.object({
  /** The uploadId of `submit:start`. */
  id: z.string(),
  accountId: z.string(),
  course: z.string(),
  assessment: z.string(),
  /** The assessment's display name when known, for sentences. */
  assessmentName: z.string(),
  fileName: z.string(),
  fileSize: z.number().nullable(),
  sha256: z.string().nullable(),
  startedAt: z.number(),
  /** When the last body byte was written, when it was. */
  lastByteAt: z.number().nullable(),
  updatedAt: z.number(),
  responseTimeoutMs: z.number(),
  /** Versions listed just before the upload; null when the upload never started. */
  before: z.array(z.number()).nullable(),
  /** Server minus local time and its uncertainty (from `Date` headers), when known. */
  clock: z.object({ offsetMs: z.number(), uncertaintyMs: z.number() }).nullable(),
  group: z.boolean(),
  sent: z.number(),
  total: z.number(),
  state: z.enum(['sending', 'done']),
  outcome: z
    .object({
      landed: z.enum(['yes', 'no', 'unknown']),
      version: z.number().nullable(),
      code: z.string(),
      message: z.string(),
      /** Decided after a restart (the user has not seen it yet unless acknowledged). */
      reconciled: z.boolean(),
    })
    .nullable(),
  finishedAt: z.number().nullable(),
  /** The user dismissed the outcome's notice. */
  acknowledged: z.boolean(),
});
/** @see SubmitJournalEntrySchema */
export type SubmitJournalEntry = z.infer<typeof SubmitJournalEntrySchema>;

/** `submit:progress` event payload. */
export const SubmitProgressSchema = z.object({ uploadId: z.string(), sent: z.number(), total: z.number() });

/** `assessment:download` input. */
export const DownloadInputSchema = AssessmentRefSchema.extend({
  kind: z.enum(['handout', 'writeup']),
  /** Names the download for `download:cancel`. */
  downloadId: z.string().max(64).optional(),
});

/** `assessment:download` output: a URL to open, nothing, or the file saved. */
export const DownloadResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('url'), url: z.string() }),
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('file'), savedTo: z.string() }),
  z.object({ kind: z.literal('cancelled') }),
]);
