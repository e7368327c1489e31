/**
 * What a student can do with an assessment right now, from its dates and limits.
 *
 * Autolab API v1 has no "can submit" field (autolab-api.md §5.4), so the client
 * infers it from `disable_handins`, `start_at`, `due_at`, `end_at`, the
 * course's `late_slack` and `max_submissions` against the submission count.
 * The server's answer to a submit stays the final word. Pure: no DOM, no clock.
 */

/** The state chip an assessment shows at a glance. */
export type AssessmentStateKind =
  | 'not-yet-open'
  | 'open'
  | 'due-soon'
  | 'late'
  | 'closed'
  | 'handins-disabled'
  | 'limit-reached';

/** What the state is computed from. Dates are ISO strings (with offset) as the contract carries them. */
export interface AssessmentStateInput {
  startAt: string;
  dueAt: string;
  endAt: string;
  /** The course's late slack in seconds: submissions are accepted until endAt + lateSlack. */
  lateSlackSec: number;
  /** Unix ms. */
  now: number;
  disableHandins?: boolean;
  /** −1 means unlimited (autolab-api.md §4.6). */
  maxSubmissions?: number;
  /** How many versions the user has submitted, when known. */
  submissionCount?: number;
}

/** The computed state. */
export interface AssessmentState {
  kind: AssessmentStateKind;
  /** Whether a submit is expected to be accepted now. */
  canSubmit: boolean;
  /** Unix ms until which submissions are accepted (endAt + late slack). */
  acceptedUntil: number;
  /** Submissions left, or null when unlimited or unknown. */
  submissionsLeft: number | null;
}

/** "Due soon" means less than this before the due date. */
export const DUE_SOON_MS = 24 * 60 * 60 * 1000;

/**
 * Compute the state of an assessment at `now`.
 *
 * Order matters: handins disabled and the submission limit win over dates,
 * because either refuses every submit whatever the time.
 */
export function assessmentState(input: AssessmentStateInput): AssessmentState {
  const start = Date.parse(input.startAt);
  const due = Date.parse(input.dueAt);
  const end = Date.parse(input.endAt);
  const acceptedUntil = end + Math.max(0, input.lateSlackSec) * 1000;
  const known = input.maxSubmissions !== undefined && input.maxSubmissions >= 0 && input.submissionCount !== undefined;
  const submissionsLeft = known ? Math.max(0, (input.maxSubmissions as number) - (input.submissionCount as number)) : null;
  const result = (kind: AssessmentStateKind, canSubmit: boolean): AssessmentState => ({ kind, canSubmit, acceptedUntil, submissionsLeft });

  if (input.disableHandins) return result('handins-disabled', false);
  if (input.now < start) return result('not-yet-open', false);
  if (input.now > acceptedUntil) return result('closed', false);
  if (submissionsLeft === 0) return result('limit-reached', false);
  if (input.now > due) return result('late', true);
  if (due - input.now < DUE_SOON_MS) return result('due-soon', true);
  return result('open', true);
}

/** Short chip label for a state kind. */
export function stateLabel(kind: AssessmentStateKind): string {
  switch (kind) {
    case 'not-yet-open':
      return 'Not yet open';
    case 'open':
      return 'Open';
    case 'due-soon':
      return 'Due soon';
    case 'late':
      return 'Late';
    case 'closed':
      return 'Closed';
    case 'handins-disabled':
      return 'Handins disabled';
    case 'limit-reached':
      return 'Limit reached';
  }
}
