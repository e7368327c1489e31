/**
 * Contract schemas of the watcher: activity, notifications, settings, calendar.
 *
 * The watcher tells students the moment a grade, feedback, a new assessment or
 * a deadline reminder appears (issue 6); these are the shapes the renderer
 * sees. Nothing here imports Node or Electron.
 */
import { z } from 'zod';
import { AccountIdSchema } from './accounts';
import { SiteIdSchema } from './openedx';
import { NameSegmentSchema } from './student';

/** What a notification or activity item opens when clicked: an assessment, optionally one version's feedback. */
export const NotificationTargetSchema = z.object({
  accountId: AccountIdSchema,
  course: NameSegmentSchema,
  assessment: NameSegmentSchema,
  /** The submission whose feedback to open; null opens the assessment. */
  version: z.number().int().positive().nullable(),
});
/** @see NotificationTargetSchema */
export type NotificationTarget = z.infer<typeof NotificationTargetSchema>;

/** An Open edX course a notification leads to (ids and keys as in contract/openedx.ts). */
export const OpenedxTargetSchema = z.object({ siteId: SiteIdSchema, courseKey: z.string().max(300) });
/** @see OpenedxTargetSchema */
export type OpenedxTarget = z.infer<typeof OpenedxTargetSchema>;

/** The kinds of event the watcher detects (issue 6). */
export const ActivityKindSchema = z.enum(['graded', 'score-released', 'new-assessment', 'deadline', 'summary']);
/** @see ActivityKindSchema */
export type ActivityKind = z.infer<typeof ActivityKindSchema>;

/** One thing that happened, as the activity list shows it. */
export const ActivityItemSchema = z.object({
  id: z.string().max(300),
  kind: ActivityKindSchema,
  /** Unix ms when the watcher noticed it. */
  at: z.number(),
  /** e.g. "Data Lab graded". */
  title: z.string(),
  /** e.g. "62/62" (the full text, regardless of the privacy switch). */
  body: z.string(),
  /** Whether the body holds a score (hidden in notifications when privacy is on). */
  hasScore: z.boolean(),
  read: z.boolean(),
  target: NotificationTargetSchema.nullable(),
  /** An Open edX course to open instead (issue 13); `target` is null then. */
  openedx: OpenedxTargetSchema.optional(),
  /** The released total and the assessment's maximum, when the body shows a score (a desk clock draws a goal frame from it). */
  score: z.object({ value: z.number(), max: z.number().nullable() }).optional(),
  /** For a deadline reminder: how many minutes before `due_at` it was due (60 for "due in 1 hour"). */
  remindMin: z.number().int().positive().optional(),
  /** A short name for small displays (a desk clock), where `target` has no assessment name: an Open edX course or subsection. */
  shortName: z.string().max(200).optional(),
});
/** @see ActivityItemSchema */
export type ActivityItem = z.infer<typeof ActivityItemSchema>;

/** `activity:list` and the `activity:changed` event. */
export const ActivityListSchema = z.object({ items: z.array(ActivityItemSchema), unseen: z.number().int().nonnegative() });
/** @see ActivityListSchema */
export type ActivityList = z.infer<typeof ActivityListSchema>;

/** A notification as shown to the user (native in Electron, in-page in the web host). */
export const NotificationPayloadSchema = z.object({
  id: z.string().max(300),
  title: z.string().max(200),
  body: z.string().max(500),
  target: NotificationTargetSchema.nullable(),
  /** An Open edX course to open instead (issue 13). */
  openedx: OpenedxTargetSchema.optional(),
});
/** @see NotificationPayloadSchema */
export type NotificationPayload = z.infer<typeof NotificationPayloadSchema>;

/** A course's key in the settings: `<accountId>/<course>`. */
export const CourseKeySchema = z.string().min(3).max(300);

/** The watcher's user settings (persisted, non-secret). */
export const WatcherSettingsSchema = z.object({
  /** Show "New grade posted" instead of the score in notifications. */
  privacy: z.boolean(),
  /** Minutes before `due_at` to remind about an assessment not yet submitted to. */
  reminderOffsetsMin: z.array(z.number().int().min(1).max(14 * 24 * 60)).max(6),
  /** Courses (`<accountId>/<course>`) whose notifications are off. */
  mutedCourses: z.array(CourseKeySchema).max(500),
  /** Unix ms until which notifications are paused; null when not paused. */
  pausedUntil: z.number().nullable(),
  /** Electron: start the app when the user logs in. */
  startAtLogin: z.boolean(),
});
/** @see WatcherSettingsSchema */
export type WatcherSettings = z.infer<typeof WatcherSettingsSchema>;

/** `settings:set`: any subset of the settings (pausedUntil goes through `notifications:pause`). */
export const WatcherSettingsPatchSchema = WatcherSettingsSchema.omit({ pausedUntil: true }).partial();

/** `notifications:pause`: for an hour, until tomorrow morning, or resume. */
export const PauseInputSchema = z.object({ for: z.enum(['1h', 'tomorrow', 'off']) });

/** `activity:mark-read`: these items, or all when `ids` is absent. */
export const MarkReadInputSchema = z.object({ ids: z.array(z.string().max(300)).max(500).optional() });

/** `calendar:export`: where the deadlines file went, or that the user cancelled. */
export const CalendarExportResultSchema = z.union([
  z.object({ kind: z.literal('saved'), path: z.string(), events: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('cancelled') }),
]);
/** @see CalendarExportResultSchema */
export type CalendarExportResult = z.infer<typeof CalendarExportResultSchema>;
