/**
 * The watcher when the server will not answer (issue 6, autolab-api.md §5.2):
 * offline it backs off from 30 s to 15 min and recovers; after a 429 it asks
 * nothing more for that account until the next 30-s window.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Harness, settle, submit } from './watcher-harness';

const SEC = 1_000;
const MIN = 60 * SEC;
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('watcher resilience', () => {
  it('backs off from 30 s doubling to 15 min while the server cannot be reached, then recovers and announces what it missed', async () => {
    h = await Harness.create(['student']);
    // Every scan rereads every open assessment here (as before issue 15's rescan policy), so a hand-in from
    // outside the app is found by the first scan after recovery; the policy has its own tests (scan-policy.test.ts).
    const { watcher } = await h.watcher({ openRecheckMs: 0 });
    await h.run(watcher, 5 * 30 * SEC, 10 * SEC);
    h.unreachable = true;
    const from = h.calls.length;
    await h.run(watcher, 10 * MIN + 2730 * SEC, 10 * SEC); // the next scan is due 10 min after the first look
    const attempts = h.calls.slice(from).map((c) => c.at);
    const gaps = attempts.slice(1).map((at, i) => (at - attempts[i]!) / SEC);
    expect(gaps).toEqual([30, 60, 120, 240, 480, 900, 900]); // one request per attempt, never more often than 15 min

    const version = await submit(h, 'student', 'int ok;\n');
    await settle();
    h.unreachable = false;
    const recoveredFrom = h.calls.length;
    await h.run(watcher, 16 * MIN, 10 * SEC);
    const after = h.calls.slice(recoveredFrom).map((c) => c.at);
    expect(after[0]! - attempts.at(-1)!).toBe(900 * SEC); // the next attempt is where the backoff said…
    expect(after.filter((at) => at === after[0]).length).toBeGreaterThan(1); // …and it goes on with the scan at once
    expect(h.items().map((i) => [i.kind, i.body])).toEqual([['graded', `Version ${version}: 100/100`]]);
  });

  it('after a throttled 429 asks nothing more for that account until the next 30-s window, other accounts carry on, then it gets the grade', async () => {
    h = await Harness.create(['student', 'alice']);
    const { watcher } = await h.watcher();
    await h.run(watcher, 5 * 30 * SEC, 10 * SEC);
    const windowStart = Math.floor(h.t / (30 * SEC)) * 30 * SEC;
    expect(h.t - windowStart).toBe(1 * SEC);
    const version = await submit(h, 'student', 'int ok;\n');
    await submit(h, 'alice', 'int ok;\n');
    await settle();
    h.sb.controls.injectFault({ route: 'submissions', kind: 'status429', count: 1 });
    h.sb.controls.resetRequestLog();
    const from = h.calls.length;
    watcher.nudge('student', 'demo-15213', 'datalab');
    watcher.nudge('alice', 'demo-15213', 'datalab');
    await h.run(watcher, 40 * SEC, 2 * SEC);
    const calls = h.calls.slice(from).map((c) => ({ who: c.accountId, offset: (c.at - windowStart) / SEC }));
    const throttled = h.sb.controls.requestLog().filter((r) => r.status === 429);
    expect(throttled).toHaveLength(1);
    // The student's poll 4 s after the nudge was throttled; the next of its requests waits for the window at 30 s.
    const student = calls.filter((c) => c.who === 'student').map((c) => c.offset);
    expect(student[0]).toBe(5);
    expect(student.slice(1).every((o) => o >= 30)).toBe(true);
    expect(student.length).toBeGreaterThan(1);
    // Alice is not held back by the student's 429.
    expect(calls.some((c) => c.who === 'alice' && c.offset < 30)).toBe(true);
    expect(h.items().filter((i) => i.kind === 'graded').map((i) => [i.target?.accountId, i.target?.version])).toEqual(expect.arrayContaining([['student', version]]));
    expect(h.items().filter((i) => i.kind === 'graded')).toHaveLength(2);
  });
});
