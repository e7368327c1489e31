/**
 * The benchmark's verdicts come from per-round ratios (issue 15): each round's
 * two sides are paired, and their min/median/max reported.
 */
import { describe, expect, it } from 'vitest';
import { fmtSpread, ratioSpread } from '../../bench/stats';

describe('ratioSpread', () => {
  it('pairs each round and reports min, median and max of the ratios', () => {
    // Unpaired medians would say 110/100 = 1.10×; paired, every round is ≤ 1.0×.
    const spread = ratioSpread([90, 110, 200, 50, 100], [100, 110, 250, 60, 100]);
    expect(spread.min).toBeCloseTo(0.8);
    expect(spread.median).toBeCloseTo(0.9);
    expect(spread.max).toBeCloseTo(1);
    expect(fmtSpread(spread)).toBe('0.90× (min 0.80×, max 1.00×)');
  });

  it('refuses lists of different lengths', () => {
    expect(() => ratioSpread([1, 2], [1])).toThrow(/same/);
  });
});
