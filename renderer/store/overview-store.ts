/**
 * The semester overview in the renderer (issue 15): every assessment of every
 * account (`all`) and single courses in full (`<accountId>/<course>`).
 *
 * Cache first: each load asks main for the copy built from the offline cache
 * (no request to Autolab) and for a paced refresh at the same time; the
 * refresh pushes `overview:changed` as it moves on, so the screen fills in
 * window by window without ever bursting past Autolab's rate limit.
 */
import { create } from 'zustand';
import type { AutolabApi, Overview } from '../../preload/contract';
import { errorSentence, requireApi } from './app-store';

/** Overview state. */
export interface OverviewState {
  /** By scope: `all` or `<accountId>/<course>`. */
  byScope: Record<string, Overview>;
  /** One sentence per scope whose load failed outright. */
  errors: Record<string, string>;
  /** Load a scope cache-first, then refresh it. */
  load(course?: { accountId: string; course: string }): Promise<void>;
  /** The screen that asked is gone: stop its refresh before its next request (the budget goes to the next screen). */
  cancel(course?: { accountId: string; course: string }): void;
  /**
   * Subscribe to `overview:changed`, and ask main at once for the overview
   * built from the cache (one call, sent beside the account list, so the
   * home's rows can paint as soon as the app knows it is signed in, issue 15);
   * returns the unsubscribe function.
   */
  listen(api: AutolabApi): () => void;
}

/** The scope key of a course, or `all`. */
export const overviewScope = (course?: { accountId: string; course: string }) => (course ? `${course.accountId}/${course.course}` : 'all');

/** The latest load per scope; an older load's answer (a cancelled refresh) is not shown. */
const generations = new Map<string, number>();

/** The overview store. */
export const useOverview = create<OverviewState>((set, get) => {
  const put = (o: Overview) => set((s) => ({ byScope: { ...s.byScope, [o.scope]: o } }));
  return {
    byScope: {},
    errors: {},
    async load(course) {
      const scope = overviewScope(course);
      const gen = (generations.get(scope) ?? 0) + 1;
      generations.set(scope, gen);
      const current = () => generations.get(scope) === gen;
      set((s) => ({ errors: { ...s.errors, [scope]: '' } }));
      const api = requireApi();
      const input = course ? { course } : {};
      const early = api.overviewGet({ source: 'cache', ...input }).then(
        (o) => {
          // A refresh that already answered wins over the cached copy.
          if (current() && (!get().byScope[scope] || get().byScope[scope]!.refreshing)) put({ ...o, refreshing: true });
        },
        () => undefined,
      );
      try {
        const fresh = await api.overviewGet({ source: 'network', ...input });
        if (current()) put(fresh);
      } catch (err) {
        if (current()) set((s) => ({ errors: { ...s.errors, [scope]: errorSentence(err) } }));
      }
      await early;
    },
    cancel(course) {
      void requireApi()
        .overviewCancel(course ? { course } : {})
        .catch(() => undefined);
    },
    listen(api) {
      void api.overviewGet({ source: 'cache' }).then(
        // Shown as "updating": the screen's own load refreshes it (a load that already answered wins).
        (o) => !get().byScope.all && put({ ...o, refreshing: true }),
        () => undefined,
      );
      return api.on('overview:changed', (o) => {
        const shown = get().byScope[o.scope];
        if (!shown || shown.refreshing || !o.refreshing) put(o);
      });
    },
  };
});

/**
 * A course's entries as best known: the course's own overview, with entries
 * it has not listed yet taken from the `all` overview (same cache, other
 * refresh), so a course opened while Upcoming refreshes fills in at once.
 */
export function mergedCourseEntries(byScope: Record<string, Overview>, accountId: string, course: string): Overview['entries'] | null {
  const own = byScope[overviewScope({ accountId, course })];
  const fromAll = (byScope.all?.entries ?? []).filter((e) => e.accountId === accountId && e.course.name === course);
  if (!own) return fromAll.length ? fromAll : null;
  const better = new Map(fromAll.filter((e) => e.submissions !== null).map((e) => [e.assessment.name, e]));
  return own.entries.map((e) => {
    const other = better.get(e.assessment.name);
    return e.submissions === null && other ? other : other && e.checkedAt !== null && other.checkedAt !== null && other.checkedAt > e.checkedAt ? other : e;
  });
}
