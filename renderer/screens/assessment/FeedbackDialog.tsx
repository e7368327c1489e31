/**
 * The feedback of one version: the autoresult scores as a table when the log
 * ends with one, and the raw log with search.
 */
import { useEffect, useState } from 'react';
import type { AssessmentDetail, AssessmentRef, FeedbackView } from '../../../preload/contract';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { errorSentence, requireApi } from '../../store/app-store';
import { LogSearch } from './LogSearch';

function AutoresultTable({ scores, detail }: { scores: Record<string, number>; detail: AssessmentDetail }) {
  const max = new Map(detail.problems.map((p) => [p.name, p.maxScore]));
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
    </table>
  );
}

/** Props of {@link FeedbackDialog}. */
export interface FeedbackDialogProps {
  refOf: AssessmentRef;
  detail: AssessmentDetail;
  /** The version to show; null when closed. */
  version: number | null;
  onClose(): void;
}

/** The feedback dialog. */
export function FeedbackDialog({ refOf, detail, version, onClose }: FeedbackDialogProps) {
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
      {feedback?.autoresult && <AutoresultTable scores={feedback.autoresult} detail={detail} />}
      {feedback && <LogSearch log={feedback.log} />}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
