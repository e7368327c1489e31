/**
 * One assessment in a list (Upcoming and a course's assessments, issue 15):
 * its name (the link), where and when it is due, the same state chip as its
 * page, the latest version's score or "Not submitted", submissions used, and
 * a one-click way to submit. Accessible names are the visible text.
 */
import type { OverviewEntry } from '../../preload/contract';
import { countdown } from '../domain/countdown';
import { scoreSummary, scoreText, type EntryWithState } from '../domain/overview';
import { formatLocal } from '../domain/time-format';
import { useAccounts } from '../store/accounts-store';
import { useNavigation } from '../store/navigation-store';
import { OpenOnAutolab } from './OpenOnAutolab';
import { StateChip } from './StateChip';

/** "2 of 5 submissions used", "1 submission", or nothing when unknown. */
export function usedText(entry: OverviewEntry): string | null {
  const subs = entry.submissions;
  if (!subs) return null;
  if (entry.maxSubmissions !== null && entry.maxSubmissions >= 0) return `${subs.count} of ${entry.maxSubmissions} submissions used`;
  return subs.count ? `${subs.count} ${subs.count === 1 ? 'submission' : 'submissions'}` : null;
}

/** Props of {@link AssessmentRow}. */
export interface AssessmentRowProps {
  item: EntryWithState;
  now: number;
  /** Show the course (and the server, with several accounts) under the name. */
  showCourse?: boolean;
  showServer?: boolean;
}

/** An assessment row. */
export function AssessmentRow({ item, now, showCourse, showServer }: AssessmentRowProps) {
  const go = useNavigation((s) => s.go);
  const { entry, state } = item;
  const a = entry.assessment;
  const score = scoreSummary(entry);
  const used = usedText(entry);
  const open = (intent?: 'submit') => {
    useAccounts.setState({ currentId: entry.accountId });
    go({ name: 'assessment', accountId: entry.accountId, course: entry.course.name, assessment: a.name, ...(intent ? { intent } : {}) });
  };
  const where = [showCourse ? entry.course.displayName : null, showServer ? entry.serverName : null].filter(Boolean).join(' · ');
  return (
    <li className="assess-row" data-testid="assessment-row" data-state={state.kind}>
      <div className="row-main">
        <button type="button" className="row-link" onClick={() => open()}>
          {a.displayName}
        </button>
        <span className="row-sub muted">
          {where && <>{where} · </>}
          {state.kind === 'not-yet-open' ? (
            <>
              Opens <time dateTime={a.startAt}>{formatLocal(a.startAt)}</time>
            </>
          ) : (
            <>
              Due <time dateTime={a.dueAt}>{formatLocal(a.dueAt)}</time>
            </>
          )}{' '}
          · <span className="countdown">{countdown(state.kind, a, state.acceptedUntil, now)}</span>
        </span>
      </div>
      <div className="row-facts">
        <StateChip kind={state.kind} />
        <span className={`score score-${score.kind}`} data-testid="row-score">
          {scoreText(score)}
        </span>
        {used && <span className="muted small used">{used}</span>}
      </div>
      <div className="row-action">
        {state.canSubmit && entry.embeddedQuiz && <OpenOnAutolab accountId={entry.accountId} course={entry.course.name} assessment={a.name} label="Open quiz" />}
        {state.canSubmit && !entry.embeddedQuiz && (
          <button type="button" className="small-button" aria-label={`Submit ${a.displayName}`} onClick={() => open('submit')}>
            Submit…
          </button>
        )}
      </div>
    </li>
  );
}
