/**
 * Upcoming paints from one call (issue 15): as soon as the page is connected,
 * the overview store asks main for the overview built from the cache, beside
 * the account list, so the home's rows do not wait for a second round-trip
 * after the account list; a refresh that already answered wins over it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AutolabApi, Overview } from '../../preload/contract';
import { useAppStore } from '../../renderer/store/app-store';
import { useOverview } from '../../renderer/store/overview-store';

const overview = (fetchedAt: number, refreshing = false): Overview => ({ entries: [], courses: [], refreshing, errors: [], fetchedAt, scope: 'all' });
const tick = () => new Promise((r) => setTimeout(r, 0));

function fakeApi(answer: (input: { source: string }) => Promise<Overview>) {
  const calls: string[] = [];
  const api = {
    overviewGet: (input: { source: string }) => (calls.push(input.source), answer(input)),
    overviewCancel: () => Promise.resolve({ cancelled: false }),
    on: () => () => undefined,
  } as unknown as AutolabApi;
  return { api, calls };
}

describe('overview store, connected', () => {
  beforeEach(() => useOverview.setState({ byScope: {}, errors: {} }));

  it('asks for the cached overview as soon as it listens, and shows it as updating', async () => {
    const { api, calls } = fakeApi(() => Promise.resolve(overview(1)));
    const stop = useOverview.getState().listen(api);
    await tick();
    expect(calls).toEqual(['cache']);
    expect(useOverview.getState().byScope.all).toMatchObject({ fetchedAt: 1, refreshing: true });
    stop();
  });

  it('does not put the cached copy over an overview a load already has', async () => {
    const { api } = fakeApi(() => Promise.resolve(overview(1)));
    useOverview.setState({ byScope: { all: overview(2) } });
    useAppStore.setState({ api });
    useOverview.getState().listen(api);
    await tick();
    expect(useOverview.getState().byScope.all).toMatchObject({ fetchedAt: 2, refreshing: false });
  });
});
