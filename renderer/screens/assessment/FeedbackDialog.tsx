/**
 * The feedback of one version: when and which file was handed in and whether
 * it was late, the autoresult scores with their total when the log ends with
 * one, and the raw log with search, Copy and Save.
 */
import { useEffect, useState } from 'react';
import type { AssessmentDetail, AssessmentRef, FeedbackView, SubmissionView } from '../../../preload/contract';
import { CopyButton } from '../../components/CopyButton';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { isLate, LATE_NOTE } from '../../domain/late';
import { saveTextFile } from '../../domain/save-text-file';
import { formatLocal } from '../../domain/time-format';
import { errorSentence, requireApi } from '../../store/app-store';
import { LogSearch } from './LogSearch';

const round = (n: number) => Math.round(n * 100) / 100;

function AutoresultTable({ scores, detail }: { scores: Record<string, number>; detail: AssessmentDetail }) {
  const max = new Map(detail.problems.map((p) => [p.name, p.maxScore]));
  const entries = Object.entries(scores);
  const total = round(entries.reduce((sum, [, score]) => sum + score, 0));
  const maxTotal = entries.every(([name]) => max.has(name)) ? round(entries.reduce((sum, [name]) => sum + max.get(name)!, 0)) : detail.maxTotalScore;
  return (
    <table className="table">
      <caption>Autograder scores</caption>
      <thead>
        <tr>
          <th scope="col">Problem</th>
          <th scope="col" className="num">Score</th>
          <th scope="col" className="num">Max</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(scores).map(([name, score]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="num">{score}</td>
            <td className="num">{max.get(name) ?? '—'}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td className="num">{total}</td>
          <td className="num">{maxTotal}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** When and which file was handed in, and whether it was late. */
function VersionFacts({ submission, dueAt }: { submission: SubmissionView; dueAt: string }) {
  const late = isLate(submission.createdAt, dueAt);
  return (
    <dl className="feedback-facts">
      <div>
        <dt>Handed in</dt>
        <dd>
          <time dateTime={submission.createdAt}>{formatLocal(submission.createdAt)}</time>
        </dd>
      </div>
      <div>
        <dt>File</dt>
        <dd className="mono">{submission.filename}</dd>
      </div>
      <div>
        <dt>Deadline</dt>
        <dd>{late ? <span title={LATE_NOTE}>Late (after the due date of {formatLocal(dueAt)})</span> : 'On time'}</dd>
      </div>
    </dl>
  );
}

/** Props of {@link FeedbackDialog}. */
export interface FeedbackDialogProps {
  refOf: AssessmentRef;
  detail: AssessmentDetail;
  /** The version to show; null when closed. */
  version: number | null;
  /** That version's submission, when known (time, file, lateness). */
  submission?: SubmissionView;
  onClose(): void;
}

/** The feedback dialog. */
export function FeedbackDialog({ refOf, detail, version, submission, onClose }: FeedbackDialogProps) {
  const [feedback, setFeedback] = useState<FeedbackView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (version === null) return;
    let live = true;
    setFeedback(null);
    setError(null);
    requireApi()
      .feedbackGet({ ...refOf, version })
      .then(
        (f) => live && setFeedback(f),
        (err: unknown) => live && setError(errorSentence(err)),
      );
    return () => {
      live = false;
    };
  }, [refOf.accountId, refOf.course, refOf.assessment, version, attempt]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Dialog open={version !== null} title={`Feedback for version ${version ?? ''}`} onClose={onClose} className="dialog-wide">
      <ErrorBanner message={error} onRetry={() => setAttempt((n) => n + 1)} />
      {!feedback && !error && (
        <p className="progress-line muted" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          Loading feedback…
        </p>
      )}
      {submission && <VersionFacts submission={submission} dueAt={detail.dueAt} />}
      {submission && isLate(submission.createdAt, detail.dueAt) && <p className="muted small">{LATE_NOTE}</p>}
      {feedback?.autoresult && <AutoresultTable scores={feedback.autoresult} detail={detail} />}
      {feedback && <LogSearch log={feedback.log} />}
      {feedback && (
        <div className="log-actions">
          <CopyButton text={feedback.log} label="Copy the log" />
          <button
            type="button"
            onClick={() => saveTextFile(`${refOf.assessment}-version-${feedback.version}-feedback.txt`, feedback.log, 'text/plain;charset=utf-8')}
          >
            Save the log
          </button>
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
