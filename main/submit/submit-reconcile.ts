/**
 * Deciding, after a restart or crash, what became of a submit the journal shows unfinished.
 *
 * Why: a kill after the last byte leaves a saved submission the user was never told about (issue 10 item 3).
 * The same rule as a lost answer applies (submit-verdict.ts): a version is ours only when it is the single new one
 * stamped, on the server's clock, between our last byte and the moment the answer would have timed out. An upload
 * that never started cannot have landed, so it costs no request.
 */
import type { SubmitJournalEntry } from '../../preload/contract';
import { bestSample, serverWindow } from '../autolab/server-clock';
import type { TimedList } from '../autolab/submit';
import { ambiguitySentence, judge, localClockTime } from '../autolab/submit-verdict';

/** The outcome stored in a journal entry. */
export type JournalOutcome = NonNullable<SubmitJournalEntry['outcome']>;

/**
 * Reconcile one unfinished entry against the submissions list.
 *
 * @param list reads the submissions of the entry's assessment
 * @returns the outcome, or null when the list could not be read (try again later)
 */
export async function reconcileEntry(entry: SubmitJournalEntry, list: () => Promise<TimedList>): Promise<JournalOutcome | null> {
  const what = `Your ${entry.assessmentName} submission from ${localClockTime(entry.startedAt)}`;
  if (entry.before === null) {
    return { landed: 'no', version: null, code: 'interrupted', message: `${what} did not arrive: it was interrupted before the upload began; submit it again.`, reconciled: true };
  }
  let after: TimedList;
  try {
    after = await list();
  } catch {
    return null;
  }
  const clock = bestSample([entry.clock, after.clock]);
  // Without the last byte on record (a crash between the byte and the journal write), widen to the whole upload.
  const from = entry.lastByteAt ?? entry.startedAt;
  const to = (entry.lastByteAt ?? entry.updatedAt) + entry.responseTimeoutMs;
  const verdict = judge(entry.before, after.submissions, clock ? serverWindow(clock, from, to) : null, entry.group);
  if (verdict.kind === 'ours') {
    return { landed: 'yes', version: verdict.version, code: 'landed', message: `${what} arrived as version ${verdict.version}.`, reconciled: true };
  }
  if (verdict.kind === 'absent') {
    return { landed: 'no', version: null, code: 'interrupted', message: `${what} did not arrive; submit it again.`, reconciled: true };
  }
  const only = verdict.candidates.length === 1 ? (verdict.candidates[0]?.version ?? null) : null;
  return {
    landed: 'unknown',
    version: only,
    code: 'landed-unknown',
    message: `${what} was interrupted, so it is not certain that it arrived. ${ambiguitySentence(verdict.candidates, verdict.why, clock?.offsetMs)}`,
    reconciled: true,
  };
}
