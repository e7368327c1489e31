/**
 * The rescan's cost follows what changed, not what exists (issue 15): with 50
 * open assessments a later scan reads only the lists and what can have
 * changed; a hand-in from outside the app is still found by the slow rotation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KnownAssessment } from '../../../main/watcher/announcement-store';
import { scanReason } from '../../../main/watcher/scan-policy';
import { DEFAULT_TIMING } from '../../../main/watcher/watcher-timing';
import { Harness, settle, submit } from './watcher-harness';

const MIN = 60_000;
const HOUR = 60 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();

describe('scan policy', () => {
  const now = Date.parse('2024-10-01T12:00:00Z');
  const listed = { name: 'lab', display_name: 'Lab', category_name: 'Labs', start_at: iso(now - 100 * HOUR), due_at: iso(now + 100 * HOUR), end_at: iso(now + 120 * HOUR) };
  const known = (over: Partial<KnownAssessment> = {}): KnownAssessment => ({ displayName: 'Lab', dueAt: listed.due_at, endAt: listed.end_at, firstSeenAt: 0, maxTotal: null, handinsDisabled: null, submissions: { '1': 'scored' }, checkedAt: now - MIN, ...over });

  it('reads what can have changed and skips the rest', () => {
    expect(scanReason(undefined, listed, now, DEFAULT_TIMING)).toBe('first-look');
    expect(scanReason(known({ submissions: null }), listed, now, DEFAULT_TIMING)).toBe('first-look');
    expect(scanReason(known({ submissions: { '1': 'scored', '2': 'unreleased' } }), listed, now, DEFAULT_TIMING)).toBe('pending');
    expect(scanReason(known({ dueAt: iso(now + 50 * HOUR) }), listed, now, DEFAULT_TIMING)).toBe('dates-moved');
    expect(scanReason(known({ dueAt: iso(now + 3 * HOUR) }), { ...listed, due_at: iso(now + 3 * HOUR) }, now, DEFAULT_TIMING)).toBe('near-deadline');
    expect(scanReason(known({ dueAt: iso(now - 3 * HOUR) }), { ...listed, due_at: iso(now - 3 * HOUR) }, now, DEFAULT_TIMING)).toBe('near-deadline');
    expect(scanReason(known(), listed, now, DEFAULT_TIMING)).toBeNull();
    expect(scanReason(known({ checkedAt: now - 2 * HOUR }), listed, now, DEFAULT_TIMING)).toBe('recheck');
    expect(scanReason(known({ checkedAt: undefined }), listed, now, DEFAULT_TIMING)).toBe('recheck');
    const closed = { ...listed, due_at: iso(now - 100 * HOUR), end_at: iso(now - 90 * HOUR) };
    expect(scanReason(known({ dueAt: closed.due_at, endAt: closed.end_at, checkedAt: 0 }), closed, now, DEFAULT_TIMING)).toBeNull();
  });
});

describe('rescan with 50 open assessments', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('a later scan asks a handful of requests, not one per assessment; the rotation still finds a hand-in from the web', async () => {
    h = await Harness.create(['student'], { seedAssessments: 50 });
    const { watcher } = await h.watcher();
    await h.run(watcher, 30 * MIN, 10_000); // the first look: every assessment once (the baseline)
    expect(h.calls.length).toBeGreaterThan(50);
    const cycles: number[] = [];
    for (let i = 0; i < 18; i++) {
      const at = h.calls.length;
      await h.run(watcher, DEFAULT_TIMING.idleScanMs, 10_000);
      cycles.push(h.calls.length - at);
    }
    // Lists plus what is pending or near a deadline; the 2-hour rotation adds at most 5 a scan.
    expect(Math.max(...cycles)).toBeLessThanOrEqual(10);
    expect(cycles.slice(0, 6).every((n) => n <= 5)).toBe(true);

    const version = await submit(h, 'student', 'int ok;\n'); // from outside the app: not followed
    await settle();
    await h.run(watcher, DEFAULT_TIMING.openRecheckMs + 2 * HOUR, 30_000);
    expect(h.items().filter((i) => i.kind === 'graded').map((i) => i.body)).toContain(`Version ${version}: 100/100`);
  }, 60_000);
});
