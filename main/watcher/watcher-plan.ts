/**
 * When the watcher must look, and what it must ask when it does (issue 6).
 *
 * Pure decisions over an account's live run and its remembered state: which
 * requests are due now (the periodic scan, often-polled assessments, a check
 * right before a deadline reminder) and the next moment anything becomes due,
 * so the timer sleeps exactly until then.
 */
import type { KnownAccount } from './announcement-store';
import { enqueue, type AccountRun } from './account-run';
import { dueReminders, nextReminderAt } from './detect';
import type { RequestBudget } from './request-budget';

/** Queue every request due at `now` for one account. */
export function queueDue(run: AccountRun, known: KnownAccount, accountId: string, offsetsMin: number[], now: number, announced: (key: string) => boolean): void {
  if (!run.scanning && now >= run.nextScanAt) {
    run.scanning = true;
    const courses = Object.keys(known.courses);
    if (now >= run.nextCoursesAt || !courses.length) enqueue(run, { kind: 'courses' });
    else for (const course of courses) enqueue(run, { kind: 'assessments', course });
  }
  for (const [key, hot] of run.hot) {
    if (hot.until <= now) run.hot.delete(key);
    // A hot assessment the first look has not reached yet is polled for its page only (its dates come from the list).
    else if (hot.nextAt <= now && (hot.live || known.courses[hot.course]?.assessments[hot.assessment])) enqueue(run, { kind: 'submissions', course: hot.course, assessment: hot.assessment, scan: false });
  }
  for (const [course, c] of Object.entries(known.courses)) {
    for (const [name, a] of Object.entries(c.assessments)) {
      // Near a deadline: check that nothing was submitted since, right before reminding.
      if (dueReminders({ accountId, course, assessment: name }, a, offsetsMin, now, announced).item) enqueue(run, { kind: 'submissions', course, assessment: name, scan: false });
    }
  }
}

/** The next moment anything is due for any account: backoff end, budget window, scan, hot poll or reminder. */
export function nextWakeAt(runs: Iterable<[string, AccountRun]>, account: (id: string) => KnownAccount, budget: RequestBudget, offsetsMin: number[], heartbeatMs: number, now: number): number {
  let next = now + heartbeatMs;
  for (const [id, run] of runs) {
    if (run.backoffUntil > now) {
      next = Math.min(next, run.backoffUntil);
      continue;
    }
    next = Math.min(next, run.queue.length ? budget.nextWindowAt(now) : run.nextScanAt);
    for (const hot of run.hot.values()) next = Math.min(next, hot.nextAt);
    for (const c of Object.values(account(id).courses)) {
      for (const a of Object.values(c.assessments)) next = Math.min(next, nextReminderAt(a, offsetsMin, now) ?? next);
    }
  }
  return next;
}
