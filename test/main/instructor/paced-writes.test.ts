import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../main/autolab/autolab-http';
import { runPaced } from '../../../main/instructor/paced-writes';
import { UserError } from '../../../main/user-error';

/** A clock that only moves when told (or when the runner sleeps). */
function manualClock(start = 0) {
  let now = start;
  const sleeps: number[] = [];
  const clock: Clock = { now: () => now, sleep: async (ms) => { sleeps.push(ms); now += ms; } };
  return { clock, sleeps, advance: (ms: number) => (now += ms) };
}
const tick = () => new Promise<void>((r) => setImmediate(r));

describe('paced writes', () => {
  it('keeps a few writes in flight and widens after quick answers, never past the maximum', async () => {
    const { clock } = manualClock();
    let inFlight = 0;
    const seen: number[] = [];
    const { results, stats } = await runPaced(40, async (i) => {
      inFlight++;
      seen.push(inFlight);
      await tick();
      inFlight--;
      return i * 2;
    }, { clock, initialInFlight: 2, maxInFlight: 5 });
    expect(results.map((r) => (r.kind === 'ok' ? r.value : -1))).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
    expect(seen[0]).toBe(1);
    expect(Math.max(...seen)).toBe(5);
    expect(stats.peakInFlight).toBe(5);
  });

  it('narrows to one in flight after slow answers', async () => {
    const { clock, advance } = manualClock();
    let inFlight = 0;
    const late: number[] = [];
    const { stats } = await runPaced(12, async (i) => {
      inFlight++;
      if (i >= 4) late.push(inFlight);
      await tick();
      if (i < 4) advance(3000); // the first answers are slow
      inFlight--;
    }, { clock, initialInFlight: 4, slowMs: 2000 });
    expect(stats.slowAnswers).toBe(4);
    // After four slow answers only one write goes out; quick answers then widen the window again.
    expect(late[0]).toBe(1);
    expect(late[1]).toBe(1);
  });

  it('after a 429 halves the window, waits for the next fixed window, and resends only that item', async () => {
    const { clock, sleeps } = manualClock(1_000_000_005_000); // 15 s into a 30-s window (1e12 mod 30 000 = 10 000)
    const calls: number[] = [];
    let refused = false;
    const { results, stats } = await runPaced(4, async (i) => {
      calls.push(i);
      await tick();
      if (i === 1 && !refused) {
        refused = true;
        throw new UserError('rate-limited', 'limited');
      }
      return i;
    }, { clock, initialInFlight: 4 });
    expect(results.every((r) => r.kind === 'ok')).toBe(true);
    expect(calls.filter((c) => c === 1)).toHaveLength(2);
    expect(calls.filter((c) => c !== 1).sort()).toEqual([0, 2, 3]);
    expect(sleeps).toEqual([15_250]);
    expect(stats.rateLimited).toBe(1);
  });

  it('writes items with the same key one after another in order, and fails an item for good on other errors', async () => {
    const { clock } = manualClock();
    const order: string[] = [];
    const keys = ['a', 'b', 'a', 'c', 'a'];
    const { results } = await runPaced(5, async (i) => {
      order.push(`${keys[i]}${i}`);
      await tick();
      if (i === 3) throw new UserError('not-enrolled', 'This person is not in the course.');
    }, { clock, initialInFlight: 5, keyOf: (i) => keys[i]! });
    expect(order.filter((o) => o.startsWith('a'))).toEqual(['a0', 'a2', 'a4']);
    expect(results[3]).toMatchObject({ kind: 'failed', error: { message: 'This person is not in the course.' } });
  });

  it('on cancel starts nothing new; items already sent keep their result', async () => {
    const { clock } = manualClock();
    const controller = new AbortController();
    const { results } = await runPaced(10, async (i) => {
      await tick();
      if (i === 1) controller.abort();
      return i;
    }, { clock, initialInFlight: 2, signal: controller.signal });
    expect(results.slice(0, 2).map((r) => r.kind)).toEqual(['ok', 'ok']);
    expect(results.slice(4).every((r) => r.kind === 'cancelled')).toBe(true);
  });
});
