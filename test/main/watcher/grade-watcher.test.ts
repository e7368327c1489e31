/**
 * The watcher against the real sandbox on a fake clock (issue 6): each kind of
 * event is detected once, nothing repeats after a restart, a day away gives
 * one summary, and three accounts stay inside the request budget.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Harness, settle, submit } from './watcher-harness';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('grade watcher', () => {
  it('detects a grade, a released score, a deadline and a new assessment once each, silently at first, and never again after a restart', async () => {
    h = await Harness.create(['student']);
    const noSleep = { sleepJumpMs: Infinity, awaySummaryMs: Infinity };
    const { watcher } = await h.watcher(noSleep);
    await h.run(watcher, 5 * 30_000);
    expect(h.deliveries).toEqual([]); // the first look records the current state silently

    const version = await submit(h, 'student', 'int bitAnd(int x, int y) { return ~(~x | ~y); }\n');
    watcher.nudge('student', 'demo-15213', 'datalab');
    await settle();
    await h.run(watcher, 2 * 30_000, 5_000);
    expect(h.items().map((i) => [i.kind, i.title, i.body])).toEqual([['graded', 'Data Lab graded', `Version ${version}: 100/100`]]);
    expect(h.items()[0]!.target).toEqual({ accountId: 'student', course: 'demo-15213', assessment: 'datalab', version });

    expect(h.sb.controls.releaseScores('bomblab')).toBeGreaterThan(0);
    await h.run(watcher, 12 * MIN);
    const released = h.items().filter((i) => i.kind === 'score-released');
    expect(released.map((i) => i.body).sort()).toEqual(['Version 1: 0/70', 'Version 2: 50/70']);

    // writtenhw1 is due 4 days after seeding and the student has not submitted: 24 h before, remind once.
    h.advance(3 * DAY - 14 * MIN);
    await h.run(watcher, 3 * 30_000);
    const reminders = h.items().filter((i) => i.kind === 'deadline');
    expect(reminders.map((i) => i.title)).toEqual(['Written Homework 1 is due in 24 hours']);

    // malloclab is released 5 days after seeding.
    h.advance(2 * DAY);
    await h.run(watcher, 3 * 30_000);
    expect(h.items().filter((i) => i.kind === 'new-assessment').map((i) => i.title)).toEqual(['New in Introduction to Computer Systems (Demo): Malloc Lab']);
    const keys = h.items().map((i) => i.id);
    expect(new Set(keys).size).toBe(keys.length);
    await watcher.dispose();

    const before = h.deliveries.length;
    const restarted = await h.watcher(noSleep);
    await h.run(restarted.watcher, 15 * MIN);
    expect(h.deliveries.length).toBe(before); // a restart repeats nothing
    expect(restarted.store.activity().items.length).toBe(keys.length);
  });

  it('turns a day of sleep into one summary notification', async () => {
    h = await Harness.create(['student']);
    const { watcher } = await h.watcher();
    await h.run(watcher, 5 * 30_000);
    expect(h.deliveries).toEqual([]);
    await submit(h, 'student', 'SCORE Correctness 70\nSCORE Performance 20\n');
    await submit(h, 'student', 'TODO\n');
    h.sb.controls.releaseScores('bomblab');
    await settle();
    watcher.suspend();
    h.advance(DAY);
    watcher.resume();
    await h.run(watcher, 5 * 30_000);
    expect(h.deliveries.map((d) => d.mode)).toEqual(['summary']);
    expect(h.deliveries[0]!.items.map((i) => i.kind).sort()).toEqual(['deadline', 'graded', 'graded', 'score-released', 'score-released']); // quiz1's 24-h reminder too

    // A clock jump (no suspend event) counts as sleep too.
    await submit(h, 'student', 'FAIL\n');
    await submit(h, 'student', 'FAIL again\n');
    await settle();
    h.advance(DAY);
    await h.run(watcher, 5 * 30_000);
    expect(h.deliveries.map((d) => d.mode)).toEqual(['summary', 'summary']);
  });

  it('keeps three signed-in accounts within 5 requests per 30-s window each, and the global cap, while grading after submits', async () => {
    h = await Harness.create(['student', 'alice', 'bob']);
    h.sb.controls.resetRequestLog();
    const { watcher } = await h.watcher();
    await h.run(watcher, 30_000, 2_000);
    const testsOwnFrom = h.sb.controls.requestLog().length;
    for (const user of ['student', 'alice', 'bob']) {
      await submit(h, user, 'int x;\n');
      watcher.nudge(user, 'demo-15213', 'datalab');
    }
    const testsOwnTo = h.sb.controls.requestLog().length; // the watcher does not tick while the test submits
    await settle();
    await h.run(watcher, 4 * MIN, 2_000);
    const windowOf = (at: number) => Math.floor(at / 30_000);
    const atServer = new Map<number, number>();
    const log = h.sb.controls.requestLog().filter((_, i) => i < testsOwnFrom || i >= testsOwnTo);
    for (const r of log) if (r.path.startsWith('/api/')) atServer.set(windowOf(r.at), (atServer.get(windowOf(r.at)) ?? 0) + 1);
    const perAccount = new Map<string, number>();
    for (const c of h.calls) perAccount.set(`${c.accountId}@${windowOf(c.at)}`, (perAccount.get(`${c.accountId}@${windowOf(c.at)}`) ?? 0) + 1);
    console.info('watcher requests per 30-s window (all accounts, at the sandbox):', [...atServer.values()].join(' '), `; total ${h.calls.length}`);
    expect(Math.max(...atServer.values())).toBeLessThanOrEqual(12);
    expect(Math.max(...perAccount.values())).toBeLessThanOrEqual(5);
    // …and it still did its job: each account's submit was announced as graded.
    expect(h.items().filter((i) => i.kind === 'graded').map((i) => i.target?.accountId).sort()).toEqual(['alice', 'bob', 'student']);
  });
});
