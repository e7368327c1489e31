/**
 * What each of the watcher's requests does with its answer (issue 6).
 *
 * The {@link GradeWatcher} decides *when* to ask (queue, budget, backoff,
 * timers); this module makes one request and turns its answer into remembered
 * state, activity items and, for assessments polled often, `grading:update`
 * pushes to the open assessment page (main/student/views.ts).
 */
import type { ActivityItem, EventPayload } from '../../preload/contract';
import { toSubmissionView } from '../student/views';
import type { Submission } from '../autolab/schemas';
import { answerKey } from '../autolab/shared-answers';
import type { AnnouncementStore, KnownAccount, KnownAssessment } from './announcement-store';
import { enqueue, hotKey, type AccountRun, type Hot, type Task } from './account-run';
import { diffSubmissions, dueReminders, newAssessments } from './detect';
import { scanReason } from './scan-policy';
import type { WatcherSession } from './grade-watcher';
import type { RequestBudget } from './request-budget';
import type { WatcherSettingsStore } from './watcher-settings';
import type { WatcherTiming } from './watcher-timing';

/** A changed submission for the open assessment page. */
export type GradingUpdate = EventPayload<'grading:update'>;

/** What the tasks need. */
export interface WatcherTasksDeps {
  store: AnnouncementStore;
  settings: WatcherSettingsStore;
  budget: RequestBudget;
  timing: WatcherTiming;
  /** Show or hold new items (the watcher's delivery, "away" aware). */
  emit(run: AccountRun, items: ActivityItem[]): void;
  /** Push a changed submission view (the student service's `grading:update`). */
  onGradingUpdate?(update: GradingUpdate): void;
  /** Every fresh submissions list (the offline cache keeps the page's copy current, issue 10 item 7). */
  onSubmissionsListed?(place: { accountId: string; course: string; assessment: string }, list: Submission[]): void;
}

/**
 * How old an answer the scan takes from the screens (the overview, the course page) instead of asking again.
 * Hot polls (a submission being graded) always ask; their answers are shared the other way.
 */
export const SCAN_REUSE_MS = 60_000;
/** An assessment's details (maximum score, handins disabled) rarely change: reused for longer. */
const DETAIL_REUSE_MS = 10 * 60_000;

/** The shared answer a task would use, and how old it may be; null when it always asks. */
function taskAnswer(task: Task): { key: string; maxAgeMs: number } | null {
  if (task.kind === 'courses') return { key: answerKey.courses('current'), maxAgeMs: SCAN_REUSE_MS };
  if (task.kind === 'assessments') return { key: answerKey.assessments(task.course), maxAgeMs: SCAN_REUSE_MS };
  return task.scan ? { key: answerKey.submissions(task.course, task.assessment), maxAgeMs: SCAN_REUSE_MS } : null;
}

/** Performs the watcher's requests. */
export class WatcherTasks {
  constructor(private readonly deps: WatcherTasksDeps) {}

  /** Is this task's answer already in flight or fresh among the account's shared answers (no request, no budget)? */
  answered(session: WatcherSession, task: Task): boolean {
    const a = taskAnswer(task);
    return !!a && !!session.answers?.has(a.key, a.maxAgeMs);
  }

  /** Ask through the account's shared answers (joined or reused when fresh enough), or directly without them. */
  private ask<T>(session: WatcherSession, key: string, maxAgeMs: number, fetch: () => Promise<T>): Promise<T> {
    return session.answers ? session.answers.get(key, maxAgeMs, fetch) : fetch();
  }

  /**
   * Make the request of `task` and record what it says.
   *
   * @throws UserError from the client (the watcher decides on backoff).
   */
  async perform(session: WatcherSession, run: AccountRun, known: KnownAccount, task: Task, now: number): Promise<void> {
    if (task.kind === 'courses') await this.listCourses(session, run, known, now);
    else if (task.kind === 'assessments') await this.listAssessments(session, run, known, task.course, now);
    else await this.checkSubmissions(session, run, known, task, now);
    this.deps.store.touch();
  }

  private async listCourses(session: WatcherSession, run: AccountRun, known: KnownAccount, now: number): Promise<void> {
    run.nextCoursesAt = now + this.deps.timing.coursesEveryMs;
    for (const c of await this.ask(session, answerKey.courses('current'), SCAN_REUSE_MS, () => session.client.courses('current'))) {
      known.courses[c.name] ??= { displayName: c.display_name, listed: false, assessments: {} };
      known.courses[c.name]!.displayName = c.display_name;
      enqueue(run, { kind: 'assessments', course: c.name });
    }
  }

  /** List a course's assessments: new ones, moved dates, and which submission lists to read. */
  async listAssessments(session: WatcherSession, run: AccountRun, known: KnownAccount, courseName: string, now: number): Promise<void> {
    const course = known.courses[courseName];
    if (!course) return;
    const list = await this.ask(session, answerKey.assessments(courseName), SCAN_REUSE_MS, () => session.client.assessments(courseName));
    this.deps.emit(run, newAssessments(session.accountId, { name: courseName, displayName: course.displayName }, course.assessments, course.listed, list, now));
    course.listed = true;
    const rechecks: string[] = [];
    for (const a of list) {
      const prev = course.assessments[a.name];
      // Only where something can have changed (scan-policy.ts): the cost follows changes, not the list's length.
      const reason = scanReason(prev, a, now, this.deps.timing);
      course.assessments[a.name] = { displayName: a.display_name, dueAt: a.due_at, endAt: a.end_at, firstSeenAt: prev?.firstSeenAt ?? now, maxTotal: prev?.maxTotal ?? null, handinsDisabled: prev?.handinsDisabled ?? null, submissions: prev?.submissions ?? null, ...(prev?.checkedAt !== undefined ? { checkedAt: prev.checkedAt } : {}) };
      if (reason === 'recheck') rechecks.push(a.name);
      else if (reason) enqueue(run, { kind: 'submissions', course: courseName, assessment: a.name, scan: true });
    }
    // The slow rotation: the longest-unread few per scan, so rechecks spread out instead of coming in one burst.
    rechecks.sort((x, y) => (course.assessments[x]!.checkedAt ?? 0) - (course.assessments[y]!.checkedAt ?? 0));
    for (const name of rechecks.slice(0, this.deps.timing.rechecksPerScan)) enqueue(run, { kind: 'submissions', course: courseName, assessment: name, scan: true });
  }

  private async checkSubmissions(session: WatcherSession, run: AccountRun, known: KnownAccount, task: Extract<Task, { kind: 'submissions' }>, now: number): Promise<void> {
    const key = hotKey(task.course, task.assessment);
    const a = known.courses[task.course]?.assessments[task.assessment];
    const hot = run.hot.get(key);
    // A hot assessment the first look has not reached yet: only the page's live updates.
    if (!a && !hot) return;
    const place = { accountId: session.accountId, course: task.course, assessment: task.assessment };
    // A scan reuses a list a screen just read; a hot poll always asks (and shares its answer).
    const list = await this.ask(session, answerKey.submissions(task.course, task.assessment), task.scan ? SCAN_REUSE_MS : 0, () => session.client.submissions(task.course, task.assessment));
    this.deps.onSubmissionsListed?.(place, list);
    const offsets = this.deps.settings.get().reminderOffsetsMin;
    const remind = a !== undefined && list.length === 0 && dueReminders(place, { ...a, submissions: {} }, offsets, now, (k) => this.deps.store.wasAnnounced(k)).item !== null;
    const scored = list.some((s) => Object.values(s.scores).some((v) => typeof v === 'number'));
    if ((a && a.maxTotal === null && scored) || (a && a.handinsDisabled === null && remind) || (hot?.live === true && hot.hasAutograder === null)) {
      // One detail call, only when a score, a reminder or the page needs it (and the budget allows).
      const detailKey = answerKey.assessment(task.course, task.assessment);
      if (session.answers?.has(detailKey, DETAIL_REUSE_MS) || this.deps.budget.take(session.accountId, now, true)) {
        const detail = await this.ask(session, detailKey, DETAIL_REUSE_MS, () => session.client.assessment(task.course, task.assessment)).catch(() => null);
        if (detail && a) (a.maxTotal = detail.max_total_score), (a.handinsDisabled = detail.disable_handins === true);
        if (detail && hot) hot.hasAutograder = detail.has_autograder === true;
      }
    }
    if (hot) this.pushViews(place, hot, list);
    if (!a) return this.cool(run, key, hot, list.some((s) => Object.values(s.scores).every((v) => v === null)), now);
    // Nudged before the first listing: everything but the newest version (the one just submitted) is the baseline.
    const nudged = a.submissions === null && hot !== undefined;
    const named = { ...place, displayName: a.displayName };
    const before = nudged ? diffSubmissions(named, null, list.slice(1), null, now).next : a.submissions;
    const { items, next } = diffSubmissions(named, before, list, a.maxTotal, now);
    a.submissions = next;
    a.checkedAt = now;
    this.deps.emit(run, items);
    this.remind(place, a, offsets, run, now);
    this.cool(run, key, hot, Object.values(next).includes('grading'), now, task);
  }

  /** Push `grading:update` for each submission whose page view changed since the last poll. */
  private pushViews(place: { accountId: string; course: string; assessment: string }, hot: Hot, list: Submission[]): void {
    if (!hot.live || hot.hasAutograder === null || !this.deps.onGradingUpdate) return;
    for (const s of list) {
      const submission = toSubmissionView(s, hot.hasAutograder);
      const fingerprint = JSON.stringify(submission);
      const seen = hot.views.get(s.version);
      if (seen === fingerprint) continue;
      hot.views.set(s.version, fingerprint);
      // The page already shows a submission it just made as "grading"; tell it about changes.
      if (seen !== undefined || !submission.grading) this.deps.onGradingUpdate({ ...place, submission });
    }
  }

  private remind(place: { accountId: string; course: string; assessment: string }, a: KnownAssessment, offsets: number[], run: AccountRun, now: number): void {
    const reminder = dueReminders(place, a, offsets, now, (k) => this.deps.store.wasAnnounced(k));
    for (const k of reminder.keys) if (k !== reminder.item?.id) this.deps.store.markAnnounced(k);
    if (reminder.item) this.deps.emit(run, [reminder.item]);
  }

  /** Poll again soon while grading (gently slower each time), or stop polling often. */
  private cool(run: AccountRun, key: string, hot: Hot | undefined, grading: boolean, now: number, task?: { course: string; assessment: string }): void {
    const timing = this.deps.timing;
    // Without an autograder nothing will change on its own: no point polling often.
    const waiting = grading && hot?.hasAutograder !== false;
    if (hot && !waiting) run.hot.delete(key);
    else if (hot) (hot.delay = Math.min(timing.hotMaxMs, Math.round(hot.delay * 1.5))), (hot.nextAt = now + hot.delay);
    else if (grading && task) run.hot.set(key, { course: task.course, assessment: task.assessment, nextAt: now + timing.gradingPollMs, delay: timing.gradingPollMs, until: now + timing.hotForMs, live: false, views: new Map(), hasAutograder: null });
  }
}
