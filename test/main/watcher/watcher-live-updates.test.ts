/**
 * The watcher's often-polled assessments feed the open assessment page
 * (`grading:update`, the loop that replaced GradingPoller), and the calendar
 * export reads fresh assessment lists within the budget (issue 6).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Harness, submit } from './watcher-harness';

const SEC = 1_000;
const DAY = 24 * 60 * 60 * SEC;
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('watcher live updates and fresh calendar data', () => {
  it('pushes grading:update once when a followed submission is graded, even before its first look, and notifies once', async () => {
    h = await Harness.create(['student']);
    h.sb.controls.setAutogradeDelay(1_500);
    const { watcher } = await h.watcher();
    const version = await submit(h, 'student', 'int ok;\n');
    watcher.follow('student', 'demo-15213', 'datalab', true); // the page opened with the submission still grading
    await h.run(watcher, 6 * SEC, 2 * SEC); // the first poll sees it grading: the page already shows that, nothing pushed
    expect(h.updates.filter((u) => u.submission.version === version)).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_700));
    await h.run(watcher, 60 * SEC, 2 * SEC);
    const mine = h.updates.filter((u) => u.submission.version === version);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ accountId: 'student', course: 'demo-15213', assessment: 'datalab', submission: { version, grading: false, total: 100 } });
    expect(h.items().filter((i) => i.kind === 'graded').map((i) => i.target?.version)).toEqual([version]);
    // The graded list is handed on for the offline cache (issue 10 item 7).
    const lastListed = h.listed.filter((l) => l.assessment === 'datalab').at(-1);
    expect(lastListed?.list.find((s) => s.version === version)?.scores).toMatchObject({ Correctness: 80 });
    // Graded: it stops polling that assessment often (no more listings of it after the next minute but the scan's).
    const polls = h.sb.controls.requestLog().filter((r) => r.path.endsWith('/datalab/submissions')).length;
    await h.run(watcher, 60 * SEC, 2 * SEC);
    expect(h.sb.controls.requestLog().filter((r) => r.path.endsWith('/datalab/submissions')).length).toBe(polls);
  });

  it('asks the server for the assessment list again when the calendar is exported, within the per-account budget', async () => {
    h = await Harness.create(['student']);
    const { watcher, store } = await h.watcher();
    await h.run(watcher, 5 * 30 * SEC, 10 * SEC);
    expect(store.upcoming(h.t).map((d) => d.assessment)).not.toContain('malloclab');
    h.advance(5 * DAY + 60 * SEC); // malloclab is released 5 days after seeding; the watcher has not looked since
    const from = h.calls.length;
    await watcher.freshen();
    expect(h.calls.length - from).toBeGreaterThan(0);
    expect(h.calls.length - from).toBeLessThanOrEqual(watcher.budget.limits.perAccount);
    expect(store.upcoming(h.t).map((d) => d.assessment)).toContain('malloclab');
  });
});
