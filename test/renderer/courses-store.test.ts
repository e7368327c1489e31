/**
 * The courses store loads cached-first (stale-while-revalidate): the copy
 * cached on disk is shown while the fresh list is on its way, the fresh answer
 * replaces it, a late cached answer never overwrites a fresh one, and an error
 * that cached data must not hide withdraws the cached copy.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AutolabApi, CourseView } from '../../preload/contract';
import { useAppStore } from '../../renderer/store/app-store';
import { useCourses } from '../../renderer/store/courses-store';

const course = (name: string): CourseView => ({ name, displayName: name, semester: null, role: 'student', state: 'current', lateSlackSec: 0, graceDays: 0 });
const answer = (names: string[], fetchedAt: number) => ({ data: names.map(course), fetchedAt, stale: false, error: null });

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function withApi(cache: Promise<unknown>, network: Promise<unknown>) {
  const api = { coursesList: (input: { source?: string }) => (input.source === 'cache' ? cache : network) } as unknown as AutolabApi;
  useAppStore.setState({ api });
}

describe('courses store, cached-first', () => {
  beforeEach(() => useCourses.setState({ courses: {}, assessments: {} }));

  it('shows the cached copy at once, then the fresh answer', async () => {
    const cache = deferred<unknown>();
    const network = deferred<unknown>();
    withApi(cache.promise, network.promise);
    const done = useCourses.getState().loadCourses('a');
    cache.resolve(answer(['old'], 1));
    await new Promise((r) => setTimeout(r, 0));
    expect(useCourses.getState().courses.a).toMatchObject({ loading: true, refreshing: true, result: { data: [{ name: 'old' }] } });
    network.resolve(answer(['new'], 2));
    await done;
    expect(useCourses.getState().courses.a).toMatchObject({ loading: false, refreshing: false, error: null, result: { data: [{ name: 'new' }] } });
  });

  it('ignores a cached copy that arrives after the fresh answer', async () => {
    const cache = deferred<unknown>();
    withApi(cache.promise, Promise.resolve(answer(['new'], 2)));
    const done = useCourses.getState().loadCourses('a');
    await new Promise((r) => setTimeout(r, 0));
    cache.resolve(answer(['old'], 1));
    await done;
    expect(useCourses.getState().courses.a?.result?.data[0]?.name).toBe('new');
  });

  it('waits for the fresh answer when nothing is cached', async () => {
    withApi(Promise.reject(Object.assign(new Error('Nothing is cached yet for this list.'), { code: 'not-cached' })), Promise.resolve(answer(['new'], 2)));
    await useCourses.getState().loadCourses('a');
    expect(useCourses.getState().courses.a).toMatchObject({ error: null, result: { data: [{ name: 'new' }] } });
  });

  it('withdraws the cached copy when the server answers with an error', async () => {
    const network = deferred<unknown>();
    withApi(Promise.resolve(answer(['old'], 1)), network.promise);
    const done = useCourses.getState().loadCourses('a');
    await new Promise((r) => setTimeout(r, 0));
    expect(useCourses.getState().courses.a?.result).not.toBeNull();
    network.reject(Object.assign(new Error('You are signed out of the sandbox; sign in again to continue.'), { code: 'signed-out' }));
    await done;
    expect(useCourses.getState().courses.a).toMatchObject({ result: null, error: expect.stringContaining('signed out') });
  });
});
