/**
 * The semester overview (issue 15): every assessment of every signed-in
 * account with its dates, limits and latest score, for Upcoming, the course
 * cards, the assessment lists and the Grades view.
 *
 * Cache first: `source: 'cache'` builds the overview from the offline cache
 * alone (no request). `source: 'network'` refreshes it at a pace: every
 * request takes a slot of the watcher's {@link RequestBudget}
 * (`takeForeground`: at most 3 per 30-s window per account, beside the
 * watcher's own 3 for its scan and 2 for urgent polls), and when a window is spent it waits for the next one,
 * pushing what it has so far as `overview:changed`. So no refresh ever bursts
 * past Autolab's 10 requests per 30 s per user (autolab-api.md §5.2), and a
 * screen closed stops its refresh (`overview:cancel`).
 * Assessments listed less than two minutes ago are not asked again, an
 * assessment's detail (its maximums, which rarely change) is asked once, and
 * an assessment that has not opened yet costs nothing. Every request goes
 * through the account's shared answers, so what the watcher's first scan or
 * the course page is asking (or asked under two minutes ago) is joined or
 * reused instead of asked again, and takes no slot of the budget.
 */
import { z } from 'zod';
import type { Overview, OverviewEntry, OverviewInput } from '../../preload/contract';
import type { AccountSession } from '../accounts/account-session';
import { AssessmentDetailSchema, AssessmentListSchema, CourseListSchema, SubmissionListSchema, type AssessmentSummary, type Course } from '../autolab/schemas';
import { answerKey } from '../autolab/shared-answers';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import { UserError } from '../user-error';
import type { RequestBudget } from '../watcher/request-budget';
import { bundleKey, DetailBundleSchema } from './assessment-facts';
import { CoursesWithStateSchema } from './student-service';
import { readSubmitLimits } from './submit-limits';
import { toCourseView, toSubmissionView, toSummaryView } from './views';

/** What the overview service needs. */
export interface OverviewServiceDeps {
  /** Every signed-in account's session. */
  sessions(): AccountSession[];
  serverName(accountId: string): string;
  /** The watcher's budget, shared so the two never add up past Autolab's limit. */
  budget: RequestBudget;
  events: EventBus;
  log: Logger;
  now?: () => number;
  /** Wait (tests move a virtual clock instead). */
  sleep?: (ms: number) => Promise<void>;
}

/** An assessment's cached part of the overview. */
const EntryCacheSchema = z.object({
  detail: AssessmentDetailSchema.pick({ max_total_score: true, max_submissions: true, disable_handins: true, has_autograder: true }).nullable(),
  submissions: SubmissionListSchema,
});
type EntryCache = z.infer<typeof EntryCacheSchema>;
const entryKey = (course: string, assessment: string) => `overview/${course}/${assessment}`;
const COURSES_KEY = 'overview/courses';
/** Listed more recently than this: not asked again (the watcher and the assessment page see changes sooner). */
const FRESH_MS = 2 * 60_000;
/** A course refused as disabled or not enrolled is not asked again for this long. */
const REFUSED_MS = 60 * 60_000;
/** Closed longer ago than this: not refreshed for Upcoming (its grade is no longer "recent"). */
const RECENT_MS = 14 * 86_400_000;

type Scope = OverviewInput['course'];
/** A refresh's cancel switch, checked before each request. */
interface Run {
  cancelled: boolean;
}
/** Thrown at the next request slot of a cancelled refresh. */
class RefreshCancelled extends Error {}
const scopeName = (scope: Scope) => (scope ? `${scope.accountId}/${scope.course}` : 'all');

/** Builds and refreshes the overview. */
export class OverviewService {
  private readonly running = new Map<string, { promise: Promise<Overview>; run: Run }>();
  /** `<accountId>/<course>` that Autolab refused as disabled or not enrolled: left out, not reported. */
  private readonly refused = new Map<string, number>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: OverviewServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** `overview:get`. A refresh already running for the same scope is joined, not repeated. */
  async get(input: OverviewInput): Promise<Overview> {
    if (input.source === 'cache') return this.build(input.course, [], false);
    // Joined only when it covers the same accounts (a new sign-in starts its own).
    const name = `${scopeName(input.course)}|${this.sessionsIn(input.course).map((x) => x.accountId).sort().join(',')}`;
    const running = this.running.get(name);
    if (running) return running.promise;
    const run: Run = { cancelled: false };
    const promise = this.refresh(input.course, run).finally(() => {
      if (this.running.get(name)?.run === run) this.running.delete(name);
    });
    this.running.set(name, { promise, run });
    return promise;
  }

  /**
   * `overview:cancel`: the screen that wanted this scope is gone; its refresh
   * stops before its next request (one already sent finishes) and answers
   * with what it has, so the budget is left to what the user looks at now.
   */
  cancel(input: Pick<OverviewInput, 'course'>): { cancelled: boolean } {
    const prefix = `${scopeName(input.course)}|`;
    let cancelled = false;
    for (const [name, entry] of this.running) {
      if (!name.startsWith(prefix)) continue;
      entry.run.cancelled = true;
      this.running.delete(name);
      cancelled = true;
    }
    return { cancelled };
  }

  private sessionsIn(scope: Scope): AccountSession[] {
    return this.deps.sessions().filter((s) => !scope || s.accountId === scope.accountId);
  }

  /**
   * The answer for `key`: joined or reused from the account's shared answers
   * when someone asked it under `maxAgeMs` ago (no request, no slot), else
   * asked in a slot of the budget.
   */
  private async ask<T>(session: AccountSession, key: string, maxAgeMs: number, fetch: () => Promise<T>, scope: Scope, errors: string[], run: Run): Promise<T> {
    const answers = session.answers;
    if (!answers) {
      await this.slot(session, scope, errors, run);
      return fetch();
    }
    // While waiting for a slot, the watcher may ask the same thing: then its answer is taken instead (no slot).
    if (!answers.has(key, maxAgeMs)) await this.slot(session, scope, errors, run, () => answers.has(key, maxAgeMs));
    return answers.get(key, maxAgeMs, fetch);
  }

  /**
   * Wait for a request slot of this account's window; emits progress before waiting.
   * Returns false with a slot taken, true without one when `answered()` became true meanwhile.
   */
  private async slot(session: AccountSession, scope: Scope, errors: string[], run: Run, answered?: () => boolean): Promise<boolean> {
    let told = -1;
    for (;;) {
      if (answered?.()) return true;
      if (run.cancelled) throw new RefreshCancelled();
      const now = this.now();
      if (this.deps.budget.takeForeground(session.accountId, now)) return false;
      // What is known so far, once per window waited for.
      if (told !== this.deps.budget.nextWindowAt(now)) this.deps.events.emit('overview:changed', await this.build(scope, errors, true));
      told = this.deps.budget.nextWindowAt(now);
      if (run.cancelled) throw new RefreshCancelled();
      // Look again at least every 2 s: the watcher may answer what is waited for before the next window.
      await this.sleep(Math.max(50, Math.min(answered ? 2_000 : Infinity, this.deps.budget.nextWindowAt(now) - now + 50)));
    }
  }

  private async refresh(scope: Scope, run: Run): Promise<Overview> {
    const errors: string[] = [];
    await Promise.all(
      this.sessionsIn(scope).map(async (session) => {
        try {
          await this.refreshAccount(session, scope, errors, run);
        } catch (err) {
          // (a cancel inside the offline cache's fetch comes back wrapped as its cause)
          if (err instanceof RefreshCancelled || (err instanceof Error && err.cause instanceof RefreshCancelled)) return;
          const message = err instanceof UserError ? err.message : 'Something went wrong while talking to Autolab; try again.';
          if (err instanceof UserError && err.code === 'rate-limited') this.deps.budget.blockUntilNextWindow(session.accountId, this.now());
          errors.push(`${this.deps.serverName(session.accountId)}: ${message}`);
          this.deps.log.warn('overview: refresh failed', { accountId: session.accountId, error: String(err) });
        }
      }),
    );
    const overview = await this.build(scope, errors, false);
    // A cancelled refresh answers its caller but tells no screen (a newer refresh may be running).
    if (!run.cancelled) this.deps.events.emit('overview:changed', overview);
    return overview;
  }

  private async refreshAccount(session: AccountSession, scope: Scope, errors: string[], run: Run): Promise<void> {
    const { client, cache } = session;
    let courseNames: string[];
    // (each course's own failure is handled per course below)
    if (scope) {
      courseNames = [scope.course];
    } else {
      const courses = await cache.cached(COURSES_KEY, CourseListSchema, () => this.ask(session, answerKey.courses('current'), FRESH_MS, () => client.courses('current'), scope, errors, run));
      courseNames = courses.data.map((c) => c.name);
    }
    for (const course of courseNames) {
      if (!scope && (this.refused.get(`${session.accountId}/${course}`) ?? 0) > this.now()) continue;
      try {
        await this.refreshCourse(session, scope, course, errors, run);
      } catch (err) {
        // A course Autolab lists as current but refuses (disabled wins over current, §4.3) is left out quietly.
        if (!(err instanceof UserError) || (err.code !== 'course-disabled' && err.code !== 'not-enrolled') || scope) throw err;
        this.refused.set(`${session.accountId}/${course}`, this.now() + REFUSED_MS);
      }
    }
  }

  private async refreshCourse(session: AccountSession, scope: Scope, course: string, errors: string[], run: Run): Promise<void> {
    const { client, cache } = session;
    const fresh = await cache.read(`assessments/${course}`, AssessmentListSchema);
    let list = fresh?.data ?? [];
    if (!fresh || this.now() - Date.parse(fresh.fetchedAt) > FRESH_MS) {
      list = (await cache.cached(`assessments/${course}`, AssessmentListSchema, () => this.ask(session, answerKey.assessments(course), FRESH_MS, () => client.assessments(course), scope, errors, run))).data;
    }
    this.refused.delete(`${session.accountId}/${course}`);
    const wanted = list.filter((a) => this.worthAsking(a, scope !== undefined)).sort((x, y) => Date.parse(x.due_at) - Date.parse(y.due_at));
    for (const a of wanted) await this.refreshEntry(session, scope, course, a, errors, run);
  }

  /** Has it opened, and (for Upcoming) is it still open or recently closed? */
  private worthAsking(a: AssessmentSummary, wholeCourse: boolean): boolean {
    const now = this.now();
    if (Date.parse(a.start_at) > now) return false;
    return wholeCourse || now - Date.parse(a.end_at) < RECENT_MS;
  }

  private async refreshEntry(session: AccountSession, scope: Scope, course: string, a: AssessmentSummary, errors: string[], run: Run): Promise<void> {
    const { client, cache } = session;
    const known = await this.readEntry(session, course, a.name);
    if (known && this.now() - known.fetchedAt < FRESH_MS) return;
    let detail = known?.data.detail ?? null;
    if (!detail) {
      const d = await this.ask(session, answerKey.assessment(course, a.name), FRESH_MS, () => client.assessment(course, a.name), scope, errors, run);
      detail = { max_total_score: d.max_total_score, max_submissions: d.max_submissions, disable_handins: d.disable_handins, has_autograder: d.has_autograder };
    }
    const submissions = await this.ask(session, answerKey.submissions(course, a.name), FRESH_MS, () => client.submissions(course, a.name), scope, errors, run);
    await cache.write(entryKey(course, a.name), { detail, submissions } satisfies EntryCache);
  }

  /** The newer of the overview's own entry and the assessment page's bundle. */
  private async readEntry(session: AccountSession, course: string, assessment: string): Promise<{ data: EntryCache; fetchedAt: number } | null> {
    const [own, bundle] = await Promise.all([
      session.cache.read(entryKey(course, assessment), EntryCacheSchema),
      session.cache.read(bundleKey({ course, assessment }), DetailBundleSchema),
    ]);
    const ownAt = own ? Date.parse(own.fetchedAt) : -1;
    const bundleAt = bundle ? Date.parse(bundle.fetchedAt) : -1;
    if (bundle && bundleAt > ownAt) return { data: { detail: bundle.data.detail, submissions: bundle.data.submissions }, fetchedAt: bundleAt };
    return own ? { data: own.data, fetchedAt: ownAt } : null;
  }

  /** The courses of an account known to the cache (current ones for Upcoming). */
  private async coursesOf(session: AccountSession, scope: Scope): Promise<Array<{ course: Course; state: 'current' | 'upcoming' | 'completed' | 'disabled' }>> {
    const [own, all] = await Promise.all([session.cache.read(COURSES_KEY, CourseListSchema), session.cache.read('courses', CoursesWithStateSchema)]);
    const byState = (all?.data ?? []).flatMap((l) => l.courses.map((course) => ({ course, state: l.state })));
    if (scope) {
      const found = byState.find((c) => c.course.name === scope.course) ?? own?.data.filter((c) => c.name === scope.course).map((course) => ({ course, state: 'current' as const }))[0];
      return found ? [found] : [];
    }
    const disabled = new Set(byState.filter((c) => c.state === 'disabled').map((c) => c.course.name));
    const current = own ? own.data.map((course) => ({ course, state: 'current' as const })) : byState.filter((c) => c.state === 'current');
    return current.filter((c) => !disabled.has(c.course.name) && (this.refused.get(`${session.accountId}/${c.course.name}`) ?? 0) <= this.now());
  }

  /**
   * The overview from the offline cache alone. Every file is read at once (accounts, courses and assessments in
   * parallel, order kept), so a cached Upcoming costs one read's time, not the sum of some thirty (issue 15: Upcoming
   * from the cache within 150 ms of the page loading).
   */
  private async build(scope: Scope, errors: string[], refreshing: boolean): Promise<Overview> {
    const perAccount = await Promise.all(
      this.sessionsIn(scope).map(async (session) => {
        const serverName = this.deps.serverName(session.accountId);
        return Promise.all(
          (await this.coursesOf(session, scope)).map(async ({ course, state }) => {
            const courseView = toCourseView(course, state);
            const list = await session.cache.read(`assessments/${course.name}`, AssessmentListSchema);
            const entries = await Promise.all((list?.data ?? []).map((a) => this.entryOf(session, serverName, courseView, a)));
            return { course: { ...courseView, accountId: session.accountId, serverName }, fetchedAt: list ? Date.parse(list.fetchedAt) : null, entries };
          }),
        );
      }),
    );
    const all = perAccount.flat();
    const times = all.flatMap((c) => (c.fetchedAt === null ? [] : [c.fetchedAt]));
    return {
      entries: all.flatMap((c) => c.entries),
      courses: all.map((c) => c.course),
      refreshing,
      errors: [...errors],
      fetchedAt: times.length ? Math.max(...times) : null,
      scope: scopeName(scope),
    };
  }

  /** One assessment's row of the overview, from the cache. */
  private async entryOf(session: AccountSession, serverName: string, courseView: ReturnType<typeof toCourseView>, a: AssessmentSummary): Promise<OverviewEntry> {
    const [known, limits] = await Promise.all([this.readEntry(session, courseView.name, a.name), readSubmitLimits(session.cache, courseView.name, a.name)]);
    const detail = known?.data.detail ?? null;
    const hasAutograder = detail?.has_autograder === true;
    const subs = known?.data.submissions ?? null;
    const newestFirst = subs ? [...subs].sort((x, y) => y.version - x.version) : null;
    return {
      accountId: session.accountId,
      serverName,
      course: courseView,
      assessment: toSummaryView(a),
      maxTotalScore: detail?.max_total_score ?? null,
      maxSubmissions: detail?.max_submissions ?? null,
      disableHandins: detail ? detail.disable_handins : null,
      embeddedQuiz: limits.embeddedQuiz,
      submissions: newestFirst ? { count: newestFirst.length, latest: newestFirst[0] ? toSubmissionView(newestFirst[0], hasAutograder) : null } : null,
      checkedAt: known?.fetchedAt ?? null,
    };
  }
}
