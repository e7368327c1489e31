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

/** How long a log opened in this window is reused without asking again (a finished version's log does not change). */
const RECENT_FOR_MS = 5 * 60_000;
/** The last few logs opened, newest last (a 5 MB log each, so only three). */
const recentFeedback = new Map<string, { view: FeedbackView; at: number; attempt: number }>();
const recentKey = (r: AssessmentRef & { version: number }) => `${r.accountId}/${r.course}/${r.assessment}/${r.version}`;
function remember(key: string, view: FeedbackView, attempt: number): void {
  recentFeedback.delete(key);
  recentFeedback.set(key, { view, at: Date.now(), attempt });
  while (recentFeedback.size > 3) recentFeedback.delete(recentFeedback.keys().next().value!);
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
    setError(null);
    if (version === null) return setFeedback(null);
    const ref = { ...refOf, version };
    const key = recentKey(ref);
    const recent = recentFeedback.get(key);
    setFeedback(recent?.view ?? null);
    // Opened again within a few minutes: the log in memory is the answer (no request, no 5 MB re-read).
    if (recent && Date.now() - recent.at < RECENT_FOR_MS && attempt === recent.attempt) return;
    let live = true;
    let fresh = false;
    // Cached first: a log opened before shows at once from the disk cache while the fresh copy comes.
    if (!recent) {
      requireApi()
        .feedbackGet({ ...ref, source: 'cache' })
        .then((f) => live && !fresh && setFeedback(f), () => undefined);
    }
    requireApi()
      .feedbackGet(ref)
      .then(
        (f) => {
          fresh = true;
          remember(key, f, attempt);
          if (live) setFeedback(f);
        },
        (err: unknown) => live && setError(errorSentence(err)),
      );
    return () => {
      live = false;
    };
  }, [refOf.accountId, refOf.course, refOf.assessment, version, attempt]); // eslint-disable-line react-hooks/exhaustive-deps

  // Never show another version's log under this title (the state of the previous opening).
  const shown = feedback && feedback.version === version ? feedback : null;

  return (
    <Dialog open={version !== null} title={`Feedback for version ${version ?? ''}`} onClose={onClose} className="dialog-wide">
      <ErrorBanner message={error} onRetry={() => setAttempt((n) => n + 1)} />
      {!shown && !error && (
        <p className="progress-line muted" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          Loading feedback…
        </p>
      )}
      {submission && <VersionFacts submission={submission} dueAt={detail.dueAt} />}
      {submission && isLate(submission.createdAt, detail.dueAt) && <p className="muted small">{LATE_NOTE}</p>}
      {shown?.autoresult && <AutoresultTable scores={shown.autoresult} detail={detail} />}
      {shown && <LogSearch log={shown.log} />}
      {shown && (
        <div className="log-actions">
          <CopyButton text={shown.log} label="Copy the log" />
          <button
            type="button"
            onClick={() => saveTextFile(`${refOf.assessment}-version-${shown.version}-feedback.txt`, shown.log, 'text/plain;charset=utf-8')}
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
