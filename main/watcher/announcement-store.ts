/**
 * What the watcher has seen and announced, on disk.
 *
 * A restart must never repeat a notification and the first look at an account
 * must not flood the user (issue 6), so the watcher keeps, per account, the
 * last state it saw of every assessment (its dates and each submission's
 * grading state), the keys of every announcement made, and the recent
 * activity list. Non-secret JSON under the data folder, zod-validated when
 * read, written atomically (main/storage/json-file.ts).
 */
import path from 'node:path';
import { z } from 'zod';
import { ActivityItemSchema, type ActivityItem, type ActivityList } from '../../preload/contract';
import { readJsonFile, writeJsonFile } from '../storage/json-file';

/** Where a submission stands: being graded, graded with unreleased scores, or scored. */
export const SubmissionStateSchema = z.enum(['grading', 'unreleased', 'scored']);
/** @see SubmissionStateSchema */
export type SubmissionState = z.infer<typeof SubmissionStateSchema>;

/** The last state the watcher saw of one assessment. */
export const KnownAssessmentSchema = z.object({
  displayName: z.string(),
  dueAt: z.string(),
  endAt: z.string(),
  /** Unix ms when the watcher first saw it (reminders before this are never sent). */
  firstSeenAt: z.number(),
  /** Its maximum total score, once fetched; null when unknown. */
  maxTotal: z.number().nullable(),
  /** Whether handins are off (no reminders then), once fetched; null when unknown. */
  handinsDisabled: z.boolean().nullable(),
  /** Submission version → state; null until the submissions were first listed. */
  submissions: z.record(z.string(), SubmissionStateSchema).nullable(),
});
/** @see KnownAssessmentSchema */
export type KnownAssessment = z.infer<typeof KnownAssessmentSchema>;

const KnownCourseSchema = z.object({
  displayName: z.string(),
  /** Whether the assessment list was read at least once (new assessments are only announced after). */
  listed: z.boolean(),
  assessments: z.record(z.string(), KnownAssessmentSchema),
});
const KnownAccountSchema = z.object({
  courses: z.record(z.string(), KnownCourseSchema),
  /** Unix ms of the last completed scan; null before the first. */
  lastScanAt: z.number().nullable(),
});
/** @see KnownAccountSchema */
export type KnownAccount = z.infer<typeof KnownAccountSchema>;

const FileSchema = z.object({
  version: z.literal(1),
  accounts: z.record(z.string(), KnownAccountSchema),
  announced: z.array(z.string()),
  activity: z.array(ActivityItemSchema),
});
type StoreFile = z.infer<typeof FileSchema>;

/** A known assessment with its place and deadlines (tray menu). */
export interface UpcomingDeadline {
  accountId: string;
  course: string;
  assessment: string;
  displayName: string;
  dueAt: string;
  endAt: string;
}

/** How many announcement keys and activity items are kept. */
const MAX_ANNOUNCED = 5000;
const MAX_ACTIVITY = 200;

/** The watcher's memory, persisted. */
export class AnnouncementStore {
  private data: StoreFile = { version: 1, accounts: {}, announced: [], activity: [] };
  private announcedSet = new Set<string>();
  private readonly file: string;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  /** @param onProblem told one sentence when the file was unreadable and kept aside. */
  constructor(dataDir: string, private readonly onProblem?: (sentence: string) => void) {
    this.file = path.join(dataDir, 'watcher-state.json');
  }

  /** Read the file (empty when missing; an unreadable file is kept aside). @throws UserError on other I/O errors. */
  async load(): Promise<void> {
    const read = await readJsonFile(this.file, FileSchema, { label: 'the list of grades already announced', ...(this.onProblem ? { onProblem: this.onProblem } : {}) });
    if (read) this.data = read;
    this.announcedSet = new Set(this.data.announced);
  }

  /** The known state of an account (created empty on first use). */
  account(accountId: string): KnownAccount {
    this.data.accounts[accountId] ??= { courses: {}, lastScanAt: null };
    return this.data.accounts[accountId];
  }

  /** Forget an account that is gone (signed out or removed). */
  forget(accountId: string): void {
    delete this.data.accounts[accountId];
    this.dirty = true;
  }

  /** Every account's known state. */
  accounts(): Record<string, KnownAccount> {
    return this.data.accounts;
  }

  /** Every known assessment due after `now`, soonest first. */
  upcoming(now: number): UpcomingDeadline[] {
    const out: UpcomingDeadline[] = [];
    for (const [accountId, acct] of Object.entries(this.data.accounts)) {
      for (const [course, c] of Object.entries(acct.courses)) {
        for (const [assessment, a] of Object.entries(c.assessments)) {
          if (Date.parse(a.dueAt) > now) out.push({ accountId, course, assessment, displayName: a.displayName, dueAt: a.dueAt, endAt: a.endAt });
        }
      }
    }
    return out.sort((x, y) => Date.parse(x.dueAt) - Date.parse(y.dueAt));
  }

  /** Has this announcement key been used? */
  wasAnnounced(key: string): boolean {
    return this.announcedSet.has(key);
  }

  /** Record an announcement key (whether or not a notification was shown). */
  markAnnounced(key: string): void {
    if (this.announcedSet.has(key)) return;
    this.announcedSet.add(key);
    this.data.announced.push(key);
    if (this.data.announced.length > MAX_ANNOUNCED) {
      for (const k of this.data.announced.splice(0, this.data.announced.length - MAX_ANNOUNCED)) this.announcedSet.delete(k);
    }
    this.dirty = true;
  }

  /** Add activity items, newest first. */
  addActivity(items: ActivityItem[]): void {
    this.data.activity = [...items, ...this.data.activity].slice(0, MAX_ACTIVITY);
    this.dirty = true;
  }

  /** The activity list with its unseen count. */
  activity(): ActivityList {
    return { items: structuredClone(this.data.activity), unseen: this.data.activity.filter((i) => !i.read).length };
  }

  /** Mark items (or all) as read. */
  markRead(ids?: string[]): void {
    const wanted = ids ? new Set(ids) : null;
    for (const item of this.data.activity) if (!wanted || wanted.has(item.id)) item.read = true;
    this.dirty = true;
  }

  /** Note that something changed in place (known state objects are edited directly). */
  touch(): void {
    this.dirty = true;
  }

  /**
   * Write the file if anything changed; writes are serialized and atomic.
   *
   * @throws when the disk write fails.
   */
  async save(): Promise<void> {
    if (!this.dirty) return this.writing;
    this.dirty = false;
    const snapshot = structuredClone(this.data);
    this.writing = this.writing.catch(() => undefined).then(() =>
      writeJsonFile(this.file, snapshot, 'the list of grades already announced').catch((err: unknown) => {
        this.dirty = true; // not saved: try again with the next save
        throw err;
      }),
    );
    return this.writing;
  }
}
