/**
 * The watcher: notices grades, released scores, new assessments and coming
 * deadlines for every signed-in account, without the user asking (issue 6).
 *
 * Plain Node; the clock and timers are injectable so tests can move time.
 * Polling is adaptive: a full look every 10 minutes, every few seconds after a
 * submit (`nudge`) while the autograder runs, and exactly at reminder times
 * near deadlines. Every request goes through a {@link RequestBudget} (≤ 5 per
 * 30-s window per account, a global cap, next window after a 429,
 * autolab-api.md §5.2). It pauses while the machine sleeps (suspend/resume, or
 * a big jump of the clock) and backs off while offline. After a long absence
 * (> 6 h by default) the next look's events become one summary.
 */
import type { ActivityItem } from '../../preload/contract';
import type { AutolabClient } from '../autolab/autolab-client';
import type { Logger } from '../logger';
import { UserError } from '../user-error';
import type { AnnouncementStore, KnownAccount } from './announcement-store';
import { diffSubmissions, dueReminders, newAssessments, nextReminderAt, type AssessmentPlace } from './detect';
import { hotKey, taskKey, type AccountRun, type Task } from './account-run';
import { RequestBudget } from './request-budget';
import type { WatcherSettingsStore } from './watcher-settings';
import { DEFAULT_TIMING, realClock, type WatcherClock, type WatcherTiming } from './watcher-timing';

/** What the watcher needs of a signed-in account. */
export interface WatcherSession {
  accountId: string;
  client: Pick<AutolabClient, 'courses' | 'assessments' | 'assessment' | 'submissions'>;
}

/** Where detected events go: shown one by one, or as one summary after an absence. */
export type Deliver = (items: ActivityItem[], mode: 'each' | 'summary') => void;

/** What the watcher is built from. */
export interface GradeWatcherDeps {
  sessions(): WatcherSession[];
  store: AnnouncementStore;
  settings: WatcherSettingsStore;
  deliver: Deliver;
  log: Logger;
  clock?: WatcherClock;
  budget?: RequestBudget;
  timing?: Partial<WatcherTiming>;
}

/** Watches every signed-in account. */
export class GradeWatcher {
  readonly budget: RequestBudget;
  private readonly timing: WatcherTiming;
  private readonly clock: WatcherClock;
  private readonly runs = new Map<string, AccountRun>();
  private timer: { cancel(): void } | null = null;
  private ticking: Promise<void> | null = null;
  private lastTickAt: number | null = null;
  private suspendedAt: number | null = null;
  private started = false;

  constructor(private readonly deps: GradeWatcherDeps) {
    this.timing = { ...DEFAULT_TIMING, ...deps.timing };
    this.clock = deps.clock ?? realClock;
    this.budget = deps.budget ?? new RequestBudget();
  }

  /** Start polling on the timers. */
  start(): void {
    this.started = true;
    this.schedule(this.clock.now());
  }

  /** Stop every timer and save. */
  async dispose(): Promise<void> {
    this.started = false;
    this.timer?.cancel();
    this.timer = null;
    await this.ticking;
    await this.deps.store.save().catch(() => undefined);
  }

  /** A submit to this assessment just succeeded: poll it often until graded (hook of the student service). */
  nudge(accountId: string, course: string, assessment: string): void {
    const now = this.clock.now();
    this.run(accountId, now).hot.set(hotKey(course, assessment), { course, assessment, nextAt: now + this.timing.hotFirstMs, delay: this.timing.hotFirstMs, until: now + this.timing.hotForMs });
    this.schedule(now + this.timing.hotFirstMs);
  }

  /** The machine is going to sleep: stop asking. */
  suspend(): void {
    this.suspendedAt ??= this.clock.now();
    this.timer?.cancel();
    this.timer = null;
  }

  /** The machine woke up: look again now, as a summary if it slept long. */
  resume(): void {
    const now = this.clock.now();
    const slept = this.suspendedAt === null ? 0 : now - this.suspendedAt;
    this.suspendedAt = null;
    this.wake(now, slept);
    this.schedule(now);
  }

  /**
   * Do whatever is due now, within the budget. The timers call it; tests call it directly.
   *
   * @throws never; failures are logged and retried later.
   */
  tick(): Promise<void> {
    this.ticking ??= this.doTick().finally(() => (this.ticking = null));
    return this.ticking;
  }

  /** The known assessments with a future due date, soonest first (tray menu, calendar). */
  upcoming(now = this.clock.now()): Array<AssessmentPlace & { displayName: string; dueAt: string; endAt: string }> {
    const out: Array<AssessmentPlace & { displayName: string; dueAt: string; endAt: string }> = [];
    for (const [accountId, acct] of Object.entries(this.deps.store.accounts())) {
      for (const [course, c] of Object.entries(acct.courses)) {
        for (const [assessment, a] of Object.entries(c.assessments)) {
          if (Date.parse(a.dueAt) > now) out.push({ accountId, course, assessment, displayName: a.displayName, dueAt: a.dueAt, endAt: a.endAt });
        }
      }
    }
    return out.sort((x, y) => Date.parse(x.dueAt) - Date.parse(y.dueAt));
  }

  private async doTick(): Promise<void> {
    const now = this.clock.now();
    if (this.suspendedAt !== null) return;
    if (this.lastTickAt !== null && now - this.lastTickAt > this.timing.heartbeatMs + this.timing.sleepJumpMs) this.wake(now, now - this.lastTickAt);
    this.lastTickAt = now;
    const sessions = this.deps.sessions();
    for (const id of this.runs.keys()) if (!sessions.some((s) => s.accountId === id)) this.runs.delete(id);
    for (const session of sessions) {
      try {
        await this.tickAccount(session, now);
      } catch (err) {
        this.deps.log.warn('watcher: account tick failed', { error: err instanceof Error ? err.message : String(err) });
      }
    }
    await this.deps.store.save().catch((err: unknown) => this.deps.log.warn('watcher: could not save its state', { error: String(err) }));
    if (this.started) this.schedule(this.nextWakeAt(now));
  }

  private run(accountId: string, now: number): AccountRun {
    let run = this.runs.get(accountId);
    if (!run) {
      const last = this.deps.store.account(accountId).lastScanAt;
      const away = last !== null && now - last > this.timing.awaySummaryMs;
      run = { queue: [], scanning: false, nextScanAt: now, nextCoursesAt: now, hot: new Map(), backoffUntil: 0, backoffMs: 0, away, awayItems: [] };
      this.runs.set(accountId, run);
    }
    return run;
  }

  private wake(now: number, sleptMs: number): void {
    for (const run of this.runs.values()) {
      run.nextScanAt = Math.min(run.nextScanAt, now);
      run.backoffUntil = 0;
      if (sleptMs > this.timing.awaySummaryMs) run.away = true;
    }
  }

  private enqueue(run: AccountRun, task: Task): void {
    const same = run.queue.findIndex((t) => taskKey(t) === taskKey(task));
    const urgent = task.kind === 'submissions' && !task.scan;
    if (same >= 0 && !urgent) return;
    // An urgent poll replaces the scan's listing of the same assessment and goes first.
    if (same >= 0) run.queue.splice(same, 1);
    if (urgent) run.queue.unshift(task);
    else run.queue.push(task);
  }

  /** Something changed (an account signed in): look at once instead of at the next heartbeat. */
  poke(): void {
    this.schedule(this.clock.now());
  }

  private async tickAccount(session: WatcherSession, now: number): Promise<void> {
    const run = this.run(session.accountId, now);
    const known = this.deps.store.account(session.accountId);
    if (run.backoffUntil > now) return;
    if (!run.scanning && now >= run.nextScanAt) {
      run.scanning = true;
      const courses = Object.keys(known.courses);
      if (now >= run.nextCoursesAt || !courses.length) this.enqueue(run, { kind: 'courses' });
      else for (const course of courses) this.enqueue(run, { kind: 'assessments', course });
    }
    for (const [key, hot] of run.hot) {
      if (hot.until <= now) run.hot.delete(key);
      // A hot assessment the first look has not reached yet waits for it (its dates come from the list).
      else if (hot.nextAt <= now && known.courses[hot.course]?.assessments[hot.assessment]) this.enqueue(run, { kind: 'submissions', course: hot.course, assessment: hot.assessment, scan: false });
    }
    const offsets = this.deps.settings.get().reminderOffsetsMin;
    for (const [course, c] of Object.entries(known.courses)) {
      for (const [name, a] of Object.entries(c.assessments)) {
        const place = { accountId: session.accountId, course, assessment: name };
        // Near a deadline: check that nothing was submitted since, right before reminding.
        if (dueReminders(place, a, offsets, now, (k) => this.deps.store.wasAnnounced(k)).item) this.enqueue(run, { kind: 'submissions', course, assessment: name, scan: false });
      }
    }
    const urgent = (t: Task) => t.kind === 'submissions' && !t.scan;
    for (;;) {
      const task = run.queue.find((t) => this.budget.canTake(session.accountId, now, urgent(t)));
      if (!task || !this.budget.take(session.accountId, now, urgent(task))) break;
      try {
        await this.perform(session, run, known, task, now);
        run.queue.splice(run.queue.indexOf(task), 1);
        run.backoffMs = 0;
      } catch (err) {
        if (!this.failed(session.accountId, run, task, err, now)) break;
      }
    }
    if (run.scanning && !run.queue.some((t) => t.kind !== 'submissions' || t.scan)) this.scanDone(run, known, now);
  }

  /** Handle a failed task; true when the loop may go on with the next one. */
  private failed(accountId: string, run: AccountRun, task: Task, err: unknown, now: number): boolean {
    const code = err instanceof UserError ? err.code : 'internal';
    if (code === 'rate-limited') {
      this.budget.blockUntilNextWindow(accountId, now);
      return false;
    }
    if (code === 'offline' || code === 'server-down' || code === 'signed-out' || code === 'internal') {
      run.backoffMs = Math.min(this.timing.maxBackoffMs, Math.max(30_000, run.backoffMs * 2));
      run.backoffUntil = now + run.backoffMs;
      this.deps.log.info('watcher: backing off', { code, ms: run.backoffMs });
      return false;
    }
    // Not found, not released, no permission…: this task cannot succeed; drop it.
    run.queue.splice(run.queue.indexOf(task), 1);
    if (task.kind === 'submissions') run.hot.delete(hotKey(task.course, task.assessment));
    return true;
  }

  private scanDone(run: AccountRun, known: KnownAccount, now: number): void {
    run.scanning = false;
    run.nextScanAt = now + this.timing.idleScanMs;
    known.lastScanAt = now;
    this.deps.store.touch();
    if (run.away) {
      run.away = false;
      const items = run.awayItems.splice(0);
      if (items.length) this.deps.deliver(items, items.length > 1 ? 'summary' : 'each');
    }
  }

  private emit(run: AccountRun, items: ActivityItem[]): void {
    const fresh = items.filter((i) => !this.deps.store.wasAnnounced(i.id));
    if (!fresh.length) return;
    for (const i of fresh) this.deps.store.markAnnounced(i.id);
    this.deps.store.addActivity(fresh);
    if (run.away) run.awayItems.push(...fresh);
    else this.deps.deliver(fresh, 'each');
  }

  private async perform(session: WatcherSession, run: AccountRun, known: KnownAccount, task: Task, now: number): Promise<void> {
    const { client, accountId } = session;
    if (task.kind === 'courses') {
      run.nextCoursesAt = now + this.timing.coursesEveryMs;
      for (const c of await client.courses('current')) {
        known.courses[c.name] ??= { displayName: c.display_name, listed: false, assessments: {} };
        known.courses[c.name]!.displayName = c.display_name;
        this.enqueue(run, { kind: 'assessments', course: c.name });
      }
    } else if (task.kind === 'assessments') {
      const course = known.courses[task.course];
      if (!course) return;
      const list = await client.assessments(task.course);
      this.emit(run, newAssessments(accountId, { name: task.course, displayName: course.displayName }, course.assessments, course.listed, list, now));
      course.listed = true;
      for (const a of list) {
        const prev = course.assessments[a.name];
        course.assessments[a.name] = { displayName: a.display_name, dueAt: a.due_at, endAt: a.end_at, firstSeenAt: prev?.firstSeenAt ?? now, maxTotal: prev?.maxTotal ?? null, handinsDisabled: prev?.handinsDisabled ?? null, submissions: prev?.submissions ?? null };
        const k = course.assessments[a.name]!;
        const open = now >= Date.parse(a.start_at) && now <= Date.parse(a.end_at) + 86_400_000;
        const pending = k.submissions !== null && Object.values(k.submissions).some((s) => s !== 'scored');
        if (k.submissions === null || open || pending) this.enqueue(run, { kind: 'submissions', course: task.course, assessment: a.name, scan: true });
      }
    } else {
      await this.checkSubmissions(session, run, known, task, now);
    }
    this.deps.store.touch();
  }

  private async checkSubmissions(session: WatcherSession, run: AccountRun, known: KnownAccount, task: Extract<Task, { kind: 'submissions' }>, now: number): Promise<void> {
    const a = known.courses[task.course]?.assessments[task.assessment];
    if (!a) return;
    const place = { accountId: session.accountId, course: task.course, assessment: task.assessment };
    const list = await session.client.submissions(task.course, task.assessment);
    const offsets = this.deps.settings.get().reminderOffsetsMin;
    const remind = list.length === 0 && dueReminders(place, { ...a, submissions: {} }, offsets, now, (k) => this.deps.store.wasAnnounced(k)).item !== null;
    const scored = list.some((s) => Object.values(s.scores).some((v) => typeof v === 'number'));
    if ((a.maxTotal === null && scored) || (a.handinsDisabled === null && remind)) {
      // One detail call, only when a score or reminder needs it (and the budget allows).
      if (this.budget.take(session.accountId, now, true)) {
        const detail = await session.client.assessment(task.course, task.assessment).catch(() => null);
        if (detail) (a.maxTotal = detail.max_total_score), (a.handinsDisabled = detail.disable_handins === true);
      }
    }
    // Nudged before the first listing: everything but the newest version (the one just submitted) is the baseline.
    const nudged = a.submissions === null && run.hot.has(hotKey(task.course, task.assessment));
    const before = nudged ? diffSubmissions({ ...place, displayName: a.displayName }, null, list.slice(1), null, now).next : a.submissions;
    const { items, next } = diffSubmissions({ ...place, displayName: a.displayName }, before, list, a.maxTotal, now);
    a.submissions = next;
    this.emit(run, items);
    const reminder = dueReminders(place, a, offsets, now, (k) => this.deps.store.wasAnnounced(k));
    for (const k of reminder.keys) if (k !== reminder.item?.id) this.deps.store.markAnnounced(k);
    if (reminder.item) this.emit(run, [reminder.item]);
    const key = hotKey(task.course, task.assessment);
    const grading = Object.values(next).includes('grading');
    const hot = run.hot.get(key);
    if (hot && !grading) run.hot.delete(key);
    else if (hot) (hot.delay = Math.min(this.timing.hotMaxMs, Math.round(hot.delay * 1.5))), (hot.nextAt = now + hot.delay);
    else if (grading) run.hot.set(key, { course: task.course, assessment: task.assessment, nextAt: now + this.timing.gradingPollMs, delay: this.timing.gradingPollMs, until: now + this.timing.hotForMs });
  }

  private nextWakeAt(now: number): number {
    let next = now + this.timing.heartbeatMs;
    const offsets = this.deps.settings.get().reminderOffsetsMin;
    for (const [id, run] of this.runs) {
      if (run.backoffUntil > now) {
        next = Math.min(next, run.backoffUntil);
        continue;
      }
      next = Math.min(next, run.queue.length ? this.budget.nextWindowAt(now) : run.nextScanAt);
      for (const hot of run.hot.values()) next = Math.min(next, hot.nextAt);
      for (const c of Object.values(this.deps.store.account(id).courses)) {
        for (const a of Object.values(c.assessments)) next = Math.min(next, nextReminderAt(a, offsets, now) ?? next);
      }
    }
    return next;
  }

  private schedule(at: number): void {
    if (!this.started || this.suspendedAt !== null) return;
    this.timer?.cancel();
    this.timer = this.clock.setTimer(() => void this.tick(), Math.max(250, at - this.clock.now()));
  }
}
