/**
 * Stale-while-revalidate loading of one `cached(...)` query: the copy cached
 * on disk (`source: 'cache'`, no request to Autolab) and the fresh answer are
 * asked at once; the cached copy is shown only until the fresh answer (or an
 * error) comes. Shared by the course lists and the assessment page.
 */
import { errorSentence } from './app-store';

/** A cached answer as the contract returns it. */
export interface Cached<T> {
  data: T;
  fetchedAt: number;
  stale: boolean;
  error: string | null;
}

/** Loading state of one query. */
export interface Query<T> {
  loading: boolean;
  /** Set when nothing (not even a cached copy) could be shown. */
  error: string | null;
  result: Cached<T> | null;
  /** True while `result` is the copy cached on disk and the fresh answer is on its way. */
  refreshing?: boolean;
}

/** A query with nothing loaded. */
export const EMPTY_QUERY: Query<never> = { loading: false, error: null, result: null, refreshing: false };

/** The latest load per query key; answers of an older load are ignored. */
const generations = new Map<string, number>();

/**
 * Load one query cached-first: `fetch('cache')` and `fetch('network')` at
 * once, the cached copy shown only until the fresh answer (or an error) comes.
 */
export async function loadCachedFirst<T>(
  genKey: string,
  get: () => Query<T> | undefined,
  put: (q: Query<T>) => void,
  fetch: (source: 'cache' | 'network') => Promise<Cached<T>>,
): Promise<void> {
  const gen = (generations.get(genKey) ?? 0) + 1;
  generations.set(genKey, gen);
  const current = () => generations.get(genKey) === gen;
  let settled = false;
  let shownFromCache = false;
  put({ ...(get() ?? EMPTY_QUERY), loading: true, error: null });
  const early = fetch('cache').then(
    (result) => {
      const shown = get()?.result;
      if (settled || !current() || (shown && shown.fetchedAt >= result.fetchedAt)) return;
      shownFromCache = true;
      put({ loading: true, error: null, result, refreshing: true });
    },
    () => undefined, // nothing cached yet: wait for the fresh answer
  );
  try {
    const result = await fetch('network');
    settled = true;
    if (current()) put({ loading: false, error: null, result, refreshing: false });
  } catch (err) {
    settled = true;
    if (current()) {
      const prev = get() ?? EMPTY_QUERY;
      put({ loading: false, error: errorSentence(err), result: shownFromCache ? null : prev.result, refreshing: false });
    }
  }
  await early;
}

