/**
 * What a student opens the app for: courses, assessments, submissions,
 * feedback and handouts — the handlers behind the student channels of the
 * contract (submits: main/submit/submit-service.ts).
 *
 * Reads go through the account's offline cache (stale data with its age when
 * the server cannot be reached, design.md "Offline"); while the
 * autograder runs, the watcher polls that assessment and pushes
 * `grading:update` events (one poll loop, main/watcher/grade-watcher.ts).
 */
import { z } from 'zod';
import type { ChannelInput, ChannelOutput } from '../../preload/contract';
import type { AccountSession } from '../accounts/account-session';
import type { UrlAllowList } from '../accounts/url-allow-list';
import type { AutolabClient } from '../autolab/autolab-client';
import { AssessmentListSchema, type Submission } from '../autolab/schemas';
import { answerKey } from '../autolab/shared-answers';
import type { CachedResult, OfflineCache } from '../autolab/offline-cache';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import { UserError } from '../user-error';
import { AutograderFailures, bundleKey, cacheSubmissions, DetailBundleSchema } from './assessment-facts';
import { CoursesWithStateSchema, fetchCoursesWithState } from './course-states';

/** The cached `courses` entry (course-states.ts), for services that read it. */
export { CoursesWithStateSchema } from './course-states';
import { readSubmitLimits } from './submit-limits';
import { toCourseView, toDetailView, toFeedbackView, toSubmissionView, toSummaryView } from './views';

/** What the student service needs. */
export interface StudentServiceDeps {
  /** The signed-in session of an account. @throws UserError `signed-out`. */
  session(accountId: string): Promise<AccountSession>;
  events: EventBus;
  allowList: UrlAllowList;
  /** The watcher's often-polled assessments: they push `grading:update` until graded (issue 6). */
  grading: GradingFollower;
  /** Versions saved without autograding (shown as such, not as "Grading…"). */
  autograderFailures: AutograderFailures;
  /** Ask the user for a folder to save into; null when they cancel. */
  chooseFolder(): Promise<string | null>;
  log: Logger;
  /** The clock (tests); Date.now by default. */
  now?: () => number;
}

/** What the student service needs of the watcher: poll an assessment often while it is being graded. */
export interface GradingFollower {
  /** Poll an assessment often and push its changed submissions; hasAutograder null when unknown. */
  follow(accountId: string, course: string, assessment: string, hasAutograder: boolean | null): void;
}

/** When the course list's state labels were last learnt from the four per-state lists. */
const LabelledAtSchema = z.object({ labelledAt: z.number() });

/** A version whose autograding failed to start is not "grading": no score will come on its own (issue 10 item 7). */
function markFailed<V extends { version: number; grading: boolean }>(view: V, failed: Set<number>): V {
  return view.grading && failed.has(view.version) ? { ...view, grading: false, autograderDidNotRun: true } : view;
}

/** The contract's `cached(...)` shape from the offline cache's result. */
function asCachedView<T, V>(result: CachedResult<T>, view: (data: T) => V) {
  return { data: view(result.data), fetchedAt: Date.parse(result.fetchedAt), stale: result.stale, error: result.error ?? null, retryAt: result.retryAt ?? null };
}

/**
 * The cached copy of `key` as a fresh-looking result (the renderer knows it
 * asked the cache and shows its age itself).
 *
 * @throws UserError `not-cached` when nothing valid is cached.
 */
async function fromCache<S extends z.ZodType>(cache: OfflineCache, key: string, schema: S): Promise<CachedResult<z.infer<S>>> {
  const hit = await cache.read(key, schema);
  if (!hit) throw new UserError('not-cached', 'Nothing is cached yet for this list.');
  return { data: hit.data, fetchedAt: hit.fetchedAt, stale: false };
}

/**
 * How old an answer a screen the user opens takes from the account's shared answers (the overview's refresh, the
 * watcher's scan) instead of asking again; a request for the same thing in flight is always joined (issue 15).
 */
export const SCREEN_REUSE_MS = 30_000;

/** The session's course and assessment lists through its shared answers (the client itself when it has none). */
function sharedLists(session: AccountSession): Pick<AutolabClient, 'courses' | 'assessments'> {
  const { client, answers } = session;
  if (!answers) return client;
  return {
    courses: (state) => (state ? answers.get(answerKey.courses(state), SCREEN_REUSE_MS, () => client.courses(state)) : client.courses()),
    assessments: (course) => answers.get(answerKey.assessments(course), SCREEN_REUSE_MS, () => client.assessments(course)),
  };
}

/** The student channels' implementation. */
export class StudentService {
  private readonly downloads = new Map<string, AbortController>();

  constructor(private readonly deps: StudentServiceDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /**
   * `courses:list`: every course with its state bucket, current first.
   * With `source: 'cache'`, only the copy cached on disk (no request).
   */
  async courses({ accountId, source }: ChannelInput<'courses:list'>): Promise<ChannelOutput<'courses:list'>> {
    const session = await this.deps.session(accountId);
    const { cache } = session;
    const result = source === 'cache'
      ? await fromCache(cache, 'courses', CoursesWithStateSchema)
      : await cache.cached('courses', CoursesWithStateSchema, async () => {
          // Autolab's list has no state field (§4.3): one request when the states are
          // remembered, the four per-state lists otherwise (course-states.ts).
          const [lists, labelled] = await Promise.all([cache.read('courses', CoursesWithStateSchema), cache.read('courses-labelled-at', LabelledAtSchema)]);
          const known = lists && labelled ? { lists: lists.data, labelledAt: labelled.data.labelledAt } : undefined;
          const now = this.now();
          const fetched = await fetchCoursesWithState(sharedLists(session), known, now);
          if (fetched.relabelled) await cache.write('courses-labelled-at', { labelledAt: now }).catch(() => undefined);
          return fetched.lists;
        });
    // A course in `disabled` may also match `current`: disabled wins.
    return asCachedView(result, (lists) => {
      const seen = new Map<string, ReturnType<typeof toCourseView>>();
      for (const state of ['disabled', 'current', 'upcoming', 'completed'] as const) {
        for (const c of lists.find((l) => l.state === state)?.courses ?? []) if (!seen.has(c.name)) seen.set(c.name, toCourseView(c, state));
      }
      const order = { current: 0, upcoming: 1, completed: 2, disabled: 3 };
      return [...seen.values()].sort((a, b) => order[a.state] - order[b.state] || a.displayName.localeCompare(b.displayName));
    });
  }

  /** `assessments:list`; with `source: 'cache'`, only the copy cached on disk. */
  async assessments({ accountId, course, source }: ChannelInput<'assessments:list'>): Promise<ChannelOutput<'assessments:list'>> {
    const session = await this.deps.session(accountId);
    const key = `assessments/${course}`;
    const result = source === 'cache'
      ? await fromCache(session.cache, key, AssessmentListSchema)
      : await session.cache.cached(key, AssessmentListSchema, () => sharedLists(session).assessments(course));
    return asCachedView(result, (list) => list.map(toSummaryView));
  }

  /**
   * `assessment:get`: details, problems, the user's submissions. With
   * `source: 'cache'`, only the bundle cached on disk (no request), so the
   * page shows at once while the three requests run (issue 10 item 6).
   */
  async assessment(ref: ChannelInput<'assessment:get'>): Promise<ChannelOutput<'assessment:get'>> {
    const { client, cache } = await this.deps.session(ref.accountId);
    // What earlier refusals taught (embedded quiz, size limit; issue 15).
    const limits = await readSubmitLimits(cache, ref.course, ref.assessment);
    if (ref.source === 'cache') {
      const hit = await fromCache(cache, bundleKey(ref), DetailBundleSchema);
      return asCachedView(hit, (b) => ({ ...toDetailView(b.detail, b.problems, b.submissions, b.lateSlack), ...limits }));
    }
    const result = await cache.cached(bundleKey(ref), DetailBundleSchema, async () => {
      const [detail, problems, submissions, lateSlack] = await Promise.all([
        client.assessment(ref.course, ref.assessment),
        client.problems(ref.course, ref.assessment).catch((err: unknown) => {
          // Problems need `user_courses` like the rest; fall back to max_scores when refused.
          if (err instanceof UserError && (err.code === 'missing-scope' || err.code === 'not-found')) return [];
          throw err;
        }),
        client.submissions(ref.course, ref.assessment),
        this.lateSlackOf(ref.accountId, ref.course),
      ]);
      // The page always asks; what it got is there for the overview and the watcher's scan to reuse.
      const answers = (await this.deps.session(ref.accountId)).answers;
      answers?.put(answerKey.assessment(ref.course, ref.assessment), detail);
      answers?.put(answerKey.submissions(ref.course, ref.assessment), submissions);
      return { detail, problems, submissions, lateSlack };
    });
    const session = await this.deps.session(ref.accountId);
    const failed = await this.deps.autograderFailures.of(session, ref.course, ref.assessment);
    const view = asCachedView(result, (b) => ({ ...toDetailView(b.detail, b.problems, b.submissions, b.lateSlack), ...limits }));
    view.data.submissions = view.data.submissions.map((v) => markFailed(v, failed));
    if (!view.stale) this.watchGrading(ref, view.data.submissions, view.data.hasAutograder);
    return view;
  }

  /** `submissions:list`: fresh from the server (used after a submit). */
  async submissions(ref: ChannelInput<'submissions:list'>): Promise<ChannelOutput<'submissions:list'>> {
    const { client, cache } = await this.deps.session(ref.accountId);
    // Whether it is autograded comes from the assessment page's cached bundle when there is one.
    const cached = await cache.read(bundleKey(ref), DetailBundleSchema);
    const [detail, submissions] = await Promise.all([
      cached ? Promise.resolve(cached.data.detail) : client.assessment(ref.course, ref.assessment),
      client.submissions(ref.course, ref.assessment),
    ]);
    const hasAutograder = detail.has_autograder === true;
    const session = await this.deps.session(ref.accountId);
    session.answers?.put(answerKey.submissions(ref.course, ref.assessment), submissions);
    // Every fresh list also refreshes the offline copy (a submit, a grading result).
    await cacheSubmissions(session, ref.course, ref.assessment, submissions).catch((err: unknown) => this.deps.log.warn('student: could not cache submissions', { error: String(err) }));
    const failed = await this.deps.autograderFailures.of(session, ref.course, ref.assessment);
    const list = submissions.map((s: Submission) => markFailed(toSubmissionView(s, hasAutograder), failed));
    this.watchGrading(ref, list, hasAutograder);
    return list;
  }

  /**
   * `feedback:get`: the raw log, with the autoresult line parsed. Each answer is
   * kept in the offline cache, so the log opens again at once (`source: 'cache'`,
   * no request) while the fresh copy is on its way.
   */
  async feedback(input: ChannelInput<'feedback:get'>): Promise<ChannelOutput<'feedback:get'>> {
    const { client, cache } = await this.deps.session(input.accountId);
    const key = `feedback/${input.course}/${input.assessment}/${input.version}`;
    if (input.source === 'cache') {
      const hit = await cache.read(key, z.string());
      if (!hit) throw new UserError('not-cached', 'This feedback is not cached yet.');
      return toFeedbackView(input.version, hit.data);
    }
    // Feedback ignores `problem` but it must name an existing one (§4.10): take it from the
    // assessment page's cached bundle when there is one, otherwise ask the server.
    const cached = (await cache.read(bundleKey(input), DetailBundleSchema))?.data;
    const problems = cached?.problems ?? (await client.problems(input.course, input.assessment).catch(() => []));
    const detail = problems.length ? null : (cached?.detail ?? (await client.assessment(input.course, input.assessment)));
    const problem = problems[0]?.name ?? Object.keys(detail?.max_scores ?? {})[0];
    if (!problem) throw new UserError('no-feedback', 'This assessment has no problems, so there is no feedback to show.');
    const log = await client.feedback(input.course, input.assessment, input.version, problem);
    // Kept off the answer's path: writing 5 MB must not delay showing it.
    void cache.write(key, log).catch((err: unknown) => this.deps.log.warn('offline cache: could not keep feedback', { error: String(err) }));
    return toFeedbackView(input.version, log);
  }

  /** `assessment:download`: a URL to open, nothing, or the file saved where the user chose. */
  async download(input: ChannelInput<'assessment:download'>): Promise<ChannelOutput<'assessment:download'>> {
    const { client } = await this.deps.session(input.accountId);
    const folder = await this.deps.chooseFolder();
    if (!folder) return { kind: 'cancelled' };
    const controller = new AbortController();
    const id = input.downloadId ?? `${input.course}/${input.assessment}/${input.kind}`;
    this.downloads.get(id)?.abort();
    this.downloads.set(id, controller);
    let result;
    try {
      result = input.kind === 'handout'
        ? await client.handout(input.course, input.assessment, folder, controller.signal)
        : await client.writeup(input.course, input.assessment, folder, controller.signal);
    } catch (err) {
      if (controller.signal.aborted && err instanceof UserError && err.code === 'cancelled') return { kind: 'cancelled' };
      throw err;
    } finally {
      if (this.downloads.get(id) === controller) this.downloads.delete(id);
    }
    if (result.kind === 'url') {
      this.deps.allowList.allowExact(result.url);
      return { kind: 'url', url: result.url };
    }
    if (result.kind === 'none') return { kind: 'none' };
    return { kind: 'file', savedTo: result.path };
  }

  /** `download:cancel`: the user's Cancel on a running download. */
  cancelDownload({ downloadId }: ChannelInput<'download:cancel'>): ChannelOutput<'download:cancel'> {
    const controller = this.downloads.get(downloadId);
    controller?.abort();
    return { cancelled: controller !== undefined };
  }

  /** Stop background work (app quit). */
  dispose(): void {
    for (const c of this.downloads.values()) c.abort();
    this.downloads.clear();
  }

  private watchGrading(ref: { accountId: string; course: string; assessment: string }, submissions: { grading: boolean }[], hasAutograder: boolean): void {
    if (hasAutograder && submissions.some((s) => s.grading)) this.deps.grading.follow(ref.accountId, ref.course, ref.assessment, hasAutograder);
  }

  private async lateSlackOf(accountId: string, course: string): Promise<number> {
    const { cache } = await this.deps.session(accountId);
    const known = await cache.read('courses', CoursesWithStateSchema);
    const fromCache = known?.data.flatMap((l) => l.courses).find((c) => c.name === course);
    if (fromCache) return fromCache.late_slack;
    const courses = await this.courses({ accountId });
    return courses.data.find((c) => c.name === course)?.lateSlackSec ?? 0;
  }
}
