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
 * a big jump of the clock) and backs off while offline (30 s doubling to
 * 15 min). After a long absence (> 6 h by default) the next look's events
 * become one summary. Its often-polled assessments also feed the open
 * assessment page (`grading:update`), so there is one poll loop, not two.
 * What each request does with its answer lives in {@link WatcherTasks}.
 */
import type { ActivityItem } from '../../preload/contract';
import type { AutolabClient } from '../autolab/autolab-client';
import type { SharedAnswers } from '../autolab/shared-answers';
import type { Logger } from '../logger';
import { UserError } from '../user-error';
import type { AnnouncementStore, KnownAccount, UpcomingDeadline } from './announcement-store';
import { backOff, dequeue, hotKey, isUrgent, type AccountRun, type Task } from './account-run';
import { RequestBudget } from './request-budget';
import { WatcherTasks, type GradingUpdate, type WatcherTasksDeps } from './watcher-tasks';
import { nextWakeAt, queueDue } from './watcher-plan';
import type { WatcherSettingsStore } from './watcher-settings';
import { DEFAULT_TIMING, realClock, type WatcherClock, type WatcherTiming } from './watcher-timing';

/** What the watcher needs of a signed-in account. */
export interface WatcherSession {
  accountId: string;
  client: Pick<AutolabClient, 'courses' | 'assessments' | 'assessment' | 'submissions'>;
  /** The account's answers shared with the screens (issue 15): a scan reuses what they just asked. */
  answers?: SharedAnswers;
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
  /** Where changed submission views of often-polled assessments go (`grading:update`). */
  onGradingUpdate?(update: GradingUpdate): void;
  /** Every fresh submissions list the watcher reads (kept in the offline cache). */
  onSubmissionsListed?: WatcherTasksDeps['onSubmissionsListed'];
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
  private readonly tasks: WatcherTasks;

  constructor(private readonly deps: GradeWatcherDeps) {
    this.timing = { ...DEFAULT_TIMING, ...deps.timing };
    this.clock = deps.clock ?? realClock;
    this.budget = deps.budget ?? new RequestBudget();
    const { store, settings, onGradingUpdate, onSubmissionsListed } = deps;
    this.tasks = new WatcherTasks({ store, settings, budget: this.budget, timing: this.timing, emit: (run, items) => this.emit(run, items), onGradingUpdate, onSubmissionsListed });
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

  /** A submit to this assessment just succeeded: poll it often until graded, feeding its page (hook of the student service). */
  nudge(accountId: string, course: string, assessment: string): void {
    this.follow(accountId, course, assessment, null);
  }

  /**
   * An assessment page shows a submission still being graded: poll it often
   * and push each changed submission view (`grading:update`) until graded.
   *
   * @param hasAutograder whether the assessment has one; null when the caller does not know (one detail request then).
   */
  follow(accountId: string, course: string, assessment: string, hasAutograder: boolean | null): void {
    const now = this.clock.now();
    const hot = this.run(accountId, now).hot;
    const key = hotKey(course, assessment);
    const was = hot.get(key);
    const views = was?.live ? was.views : new Map<number, string>();
    hot.set(key, { course, assessment, nextAt: now + this.timing.hotFirstMs, delay: this.timing.hotFirstMs, until: now + this.timing.hotForMs, live: true, views, hasAutograder: hasAutograder ?? was?.hasAutograder ?? null });
    this.schedule(now + this.timing.hotFirstMs);
  }

  /**
   * Read every known course's assessment list now (the calendar export wants
   * fresh dates), as urgent requests within the budget; courses the budget
   * or the network does not allow keep their last known dates.
   */
  async freshen(): Promise<void> {
    await this.exclusive(async () => {
      const now = this.clock.now();
      for (const session of this.deps.sessions()) {
        const run = this.run(session.accountId, now);
        const known = this.deps.store.account(session.accountId);
        if (run.backoffUntil > now) continue;
        try {
          // Never looked yet: the course list first.
          if (!Object.keys(known.courses).length && this.budget.take(session.accountId, now, true)) await this.tasks.perform(session, run, known, { kind: 'courses' }, now);
        } catch (err) {
          if (!this.failed(session.accountId, run, null, err, now)) continue;
        }
        for (const course of Object.keys(known.courses)) {
          if (!this.budget.take(session.accountId, now, true)) break;
          try {
            await this.tasks.listAssessments(session, run, known, course, now);
          } catch (err) {
            if (!this.failed(session.accountId, run, null, err, now)) break;
          }
        }
      }
      this.deps.store.touch();
      await this.deps.store.save().catch(() => undefined);
    });
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

  /** Run `fn` when no tick runs, and keep ticks out meanwhile (one request loop at a time). */
  private async exclusive(fn: () => Promise<void>): Promise<void> {
    while (this.ticking) await this.ticking;
    this.ticking = fn().finally(() => (this.ticking = null));
    await this.ticking;
  }

  /** The known assessments with a future due date, soonest first (tray menu). */
  upcoming(now = this.clock.now()): UpcomingDeadline[] {
    return this.deps.store.upcoming(now);
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
    if (this.started) this.schedule(nextWakeAt(this.runs, (id) => this.deps.store.account(id), this.budget, this.deps.settings.get().reminderOffsetsMin, this.timing.heartbeatMs, now));
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

  /** Something changed (an account signed in): look at once instead of at the next heartbeat. */
  poke(): void {
    this.schedule(this.clock.now());
  }

  private async tickAccount(session: WatcherSession, now: number): Promise<void> {
    const run = this.run(session.accountId, now);
    const known = this.deps.store.account(session.accountId);
    if (run.backoffUntil > now) return;
    queueDue(run, known, session.accountId, this.deps.settings.get().reminderOffsetsMin, now, (k) => this.deps.store.wasAnnounced(k));
    for (;;) {
      // A task whose answer a screen just got (or is getting) costs no request, so no budget.
      const task = run.queue.find((t) => this.tasks.answered(session, t) || this.budget.canTake(session.accountId, now, isUrgent(t)));
      if (!task) break;
      if (!this.tasks.answered(session, task) && !this.budget.take(session.accountId, now, isUrgent(task))) break;
      try {
        await this.tasks.perform(session, run, known, task, now);
        dequeue(run, task);
        run.backoffMs = 0;
      } catch (err) {
        if (!this.failed(session.accountId, run, task, err, now)) break;
      }
    }
    if (run.scanning && !run.queue.some((t) => t.kind !== 'submissions' || t.scan)) this.scanDone(run, known, now);
  }

  /** Handle a failed request; true when the loop may go on with the next one. */
  private failed(accountId: string, run: AccountRun, task: Task | null, err: unknown, now: number): boolean {
    const code = err instanceof UserError ? err.code : 'internal';
    if (code === 'rate-limited') {
      this.budget.blockUntilNextWindow(accountId, now);
      return false;
    }
    if (code === 'offline' || code === 'server-down' || code === 'signed-out' || code === 'internal') {
      backOff(run, now, this.timing.maxBackoffMs);
      this.deps.log.info('watcher: backing off', { code, ms: run.backoffMs });
      return false;
    }
    // Not found, not released, no permission…: this task cannot succeed; drop it.
    if (!task) return true;
    dequeue(run, task);
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

  private schedule(at: number): void {
    if (!this.started || this.suspendedAt !== null) return;
    this.timer?.cancel();
    this.timer = this.clock.setTimer(() => void this.tick(), Math.max(250, at - this.clock.now()));
  }
}
