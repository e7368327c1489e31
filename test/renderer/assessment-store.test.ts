/**
 * The assessment page loads cached-first (issue 15): the page cached on disk
 * is shown while its three requests are on their way, the fresh answer
 * replaces it, and answers for an assessment no longer open are ignored.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AssessmentDetail, AutolabApi } from '../../preload/contract';
import { useAppStore } from '../../renderer/store/app-store';
import { useAssessment } from '../../renderer/store/assessment-store';

// Only the fields the store reads; a cast keeps the fixture valid as the view grows.
const detail = (name: string, versions: number[]) => ({
  name, displayName: name, category: 'Labs', startAt: '2024-01-01T00:00:00.000-05:00', dueAt: '2024-01-02T00:00:00.000-05:00', endAt: '2024-01-03T00:00:00.000-05:00',
  description: null, updatedAt: null, maxGraceDays: 0, maxSubmissions: -1, maxUnpenalizedSubmissions: -1, disableHandins: false, groupSize: 1,
  writeupFormat: 'none', handoutFormat: 'none', hasAutograder: true, hasScoreboard: false, maxTotalScore: 100, problems: [],
  submissions: versions.map((version) => ({ version, filename: `${version}_h.c`, createdAt: '2024-01-01T10:00:00.000-05:00', scores: {}, total: null, grading: false })),
  lateSlackSec: 0,
}) as Partial<AssessmentDetail> as AssessmentDetail;
const answer = (d: AssessmentDetail, fetchedAt: number) => ({ data: d, fetchedAt, stale: false, error: null });

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('assessment store, cached-first', () => {
  beforeEach(() => useAssessment.setState({ ref: null, detail: null, submissions: [], loading: false, error: null, refreshing: false }));

  it('shows the cached page at once, then the fresh one', async () => {
    const network = deferred<unknown>();
    const calls: string[] = [];
    useAppStore.setState({
      api: { assessmentGet: (i: { source?: string }) => (calls.push(i.source ?? ''), i.source === 'cache' ? Promise.resolve(answer(detail('lab', [1]), 1)) : network.promise) } as unknown as AutolabApi,
    });
    const done = useAssessment.getState().load({ accountId: 'a', course: 'c', assessment: 'lab' });
    await tick();
    expect(calls.sort()).toEqual(['cache', 'network']);
    expect(useAssessment.getState()).toMatchObject({ refreshing: true, loading: true, submissions: [{ version: 1 }] });
    network.resolve(answer(detail('lab', [1, 2]), 2));
    await done;
    expect(useAssessment.getState()).toMatchObject({ refreshing: false, loading: false, submissions: [{ version: 2 }, { version: 1 }] });
  });

  it('ignores answers for an assessment that is no longer open', async () => {
    const first = deferred<unknown>();
    useAppStore.setState({
      api: { assessmentGet: (i: { assessment: string; source?: string }) => (i.source === 'cache' ? Promise.reject(new Error('not cached')) : i.assessment === 'one' ? first.promise : Promise.resolve(answer(detail('two', [5]), 3))) } as unknown as AutolabApi,
    });
    const one = useAssessment.getState().load({ accountId: 'a', course: 'c', assessment: 'one' });
    await useAssessment.getState().load({ accountId: 'a', course: 'c', assessment: 'two' });
    first.resolve(answer(detail('one', [1]), 4));
    await one;
    expect(useAssessment.getState().detail?.data.name).toBe('two');
  });
});
