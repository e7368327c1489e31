/**
 * The watcher's rescan with 50 open assessments (issue 15): requests per
 * 10-minute scan cycle, on a fake clock against an in-process sandbox seeded
 * with `seedAssessments: 50` (the watcher tests' harness). The first look
 * reads every assessment once, which is what every cycle cost before the
 * rescan policy (main/watcher/scan-policy.ts); later cycles read only what
 * can have changed, plus a slow rotation.
 */
import { DEFAULT_TIMING, type WatcherTiming } from '../main/watcher/watcher-timing';
import { Harness } from '../test/main/watcher/watcher-harness';
import { fmt, median, type BenchRow } from './stats';

/** Options of {@link benchWatcher}. */
export interface WatcherBenchOptions {
  /** Generated open assessments (default 50). */
  assessments?: number;
  /** Scan cycles measured after the first look (default 24: four hours). */
  cycles?: number;
  log?: (line: string) => void;
}

/** Requests per cycle of one watcher run: its first look, then `cycles` scan cycles. */
interface CycleCounts {
  firstLook: number;
  firstLookCycles: number;
  per: number[];
  /** Per cycle, ms from its first request to its last. */
  busy: number[];
}

async function countCycles(n: number, cycles: number, timing: Partial<WatcherTiming>): Promise<CycleCounts> {
  const h = await Harness.create(['student'], { seedAssessments: n });
  try {
    const { watcher } = await h.watcher(timing);
    const cycle = DEFAULT_TIMING.idleScanMs;
    // The first look: cycle on until it is done (it can take longer than one cycle at the budget's pace).
    let firstLook = 0;
    let firstLookCycles = 0;
    for (;;) {
      const at = h.calls.length;
      await h.run(watcher, cycle, 10_000);
      firstLook += h.calls.length - at;
      firstLookCycles++;
      if (h.calls.length - at < 30 || firstLookCycles >= 6) break;
    }
    const per: number[] = [];
    const busy: number[] = [];
    for (let i = 0; i < cycles; i++) {
      const from = h.calls.length;
      await h.run(watcher, cycle, 10_000);
      const times = h.calls.slice(from).map((c) => c.at);
      per.push(times.length);
      busy.push(times.length ? Math.max(...times) - Math.min(...times) + 10_000 : 0);
    }
    return { firstLook, firstLookCycles, per, busy };
  } finally {
    await h.close();
  }
}

/**
 * Run the watcher with every open assessment read each cycle (the behaviour
 * before issue 15, as a baseline in the same run) and with the scan policy;
 * count requests per cycle.
 *
 * @throws Error when the sandbox cannot start.
 */
export async function benchWatcher(opts: WatcherBenchOptions = {}): Promise<{ rows: BenchRow[]; failures: string[] }> {
  const n = opts.assessments ?? 50;
  const cycles = opts.cycles ?? 24;
  const log = opts.log ?? (() => undefined);
  const cycle = DEFAULT_TIMING.idleScanMs;
  const before = await countCycles(n, Math.min(cycles, 6), { openRecheckMs: 0, rechecksPerScan: Number.MAX_SAFE_INTEGER });
  log(`every open assessment each cycle (before): first look ${before.firstLook} requests; then per 10-min cycle: ${before.per.join(' ')}`);
  const now = await countCycles(n, cycles, {});
  log(`scan policy (now): first look ${now.firstLook} requests over ${now.firstLookCycles} cycle(s); then per 10-min cycle: ${now.per.join(' ')}`);
  const worst = Math.max(...now.per);
  const hourly = (per: number[]) => Array.from({ length: Math.floor(per.length / 6) }, (_, i) => per.slice(i * 6, i * 6 + 6).reduce((a, b) => a + b, 0));
  const share = (c: CycleCounts) => `${fmt((median(c.busy) / cycle) * 100, 0)}%`;
  const failures: string[] = [];
  if (worst > 10) failures.push(`a rescan with ${n} open assessments made ${worst} requests in one cycle (target ≤ 10)`);
  const [b, a] = [hourly(before.per), hourly(now.per)];
  return {
    failures,
    rows: [
      { name: `watcher, ${n} open: every open assessment read each scan (before): requests per hour`, value: `${b.join(', ')}; a cycle spends ${share(before)} of its 10 min scanning`, target: 'baseline', pass: null },
      { name: `watcher, ${n} open: scan policy: requests per hour (after a first look of ${now.firstLook})`, value: `${a.join(', ')}; ${share(now)} of 10 min scanning`, target: '', pass: null },
      { name: `watcher, ${n} open: scan policy: requests per 10-min cycle (median, max of ${cycles})`, value: `${fmt(median(now.per), 0)}, ${worst}`, target: 'max ≤ 10', pass: worst <= 10 },
      { name: `watcher, ${n} open: scan policy / before, requests per hour`, value: `${fmt(median(a) / median(b), 2)}×`, target: '', pass: null },
    ],
  };
}
