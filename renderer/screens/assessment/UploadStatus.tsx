/**
 * The upload's progress bar and Cancel, then how it ended — with the next step
 * for each outcome, never an automatic retry.
 */
import { formatBytes } from '../../domain/byte-size';
import { useAssessment } from '../../store/assessment-store';
import { useSubmit } from '../../store/submit-store';

/** "Submitted as version N", turning into its score (or the autograder's failure) when that arrives. */
function SubmittedStatus({ version }: { version: number }) {
  const sub = useAssessment((s) => s.submissions.find((x) => x.version === version));
  const max = useAssessment((s) => s.detail?.data.maxTotalScore);
  if (sub?.autograderDidNotRun) {
    return (
      <p role="status" className="banner banner-warn">
        Submitted as version {version}. The autograder did not run for this version; tell your instructor.
      </p>
    );
  }
  if (sub && !sub.grading && sub.total !== null) {
    return (
      <p role="status" className="banner banner-ok" data-testid="submitted-score">
        Version {version} scored {sub.total}
        {max !== undefined ? ` of ${max}` : ''}.
      </p>
    );
  }
  return (
    <p role="status" className="banner banner-ok">
      Submitted as version {version}
      {sub?.grading ? '; the autograder is running.' : '.'}
    </p>
  );
}

/** Props of {@link UploadStatus}. */
export interface UploadStatusProps {
  onRetry(): void;
  /** False when trying the same file again cannot work (an embedded quiz, a file over the known size limit): no "Try again". */
  canRetry?: boolean;
}

/** Progress or outcome of the current attempt. */
export function UploadStatus({ onRetry, canRetry = true }: UploadStatusProps) {
  const phase = useSubmit((s) => s.phase);
  const cancel = useSubmit((s) => s.cancel);
  const check = useSubmit((s) => s.check);

  switch (phase.kind) {
    case 'uploading': {
      const pct = phase.total > 0 ? Math.min(100, Math.round((phase.sent / phase.total) * 100)) : 0;
      const label = phase.step === 'staging' ? 'Preparing the file' : 'Uploading to Autolab';
      return (
        <div className="upload-status">
          <div className="upload-line">
            <span>{label}…</span>
            <span className="muted" aria-live="polite">
              {pct}% · {formatBytes(phase.sent)} of {formatBytes(phase.total)}
            </span>
          </div>
          <progress aria-label="Upload progress" max={100} value={pct} aria-valuenow={pct} aria-valuetext={`${label}, ${pct}%`} />
          <button type="button" onClick={() => void cancel()}>
            Cancel
          </button>
        </div>
      );
    }
    case 'submitted':
      return <SubmittedStatus version={phase.version} />;
    case 'uncertain':
      return (
        <div role="alert" className="banner banner-warn">
          <p>{phase.message}</p>
        </div>
      );
    case 'cancelled':
      return (
        <p role="status" className="banner banner-info">
          Upload cancelled. Nothing was submitted.
        </p>
      );
    case 'checking':
      return (
        <div role="status" className="banner banner-warn">
          {phase.message && <p>{phase.message}</p>}
          <p className="progress-line">
            <span className="spinner" aria-hidden="true" />
            Checking whether it arrived…
          </p>
        </div>
      );
    case 'check-failed':
      return (
        <div role="alert" className="banner banner-error">
          <p>{phase.message}</p>
          <p>We could not check whether it arrived: {phase.checkError}</p>
          <button type="button" onClick={() => void check()}>
            Check again
          </button>
        </div>
      );
    case 'failed':
      return (
        <div role="alert" className={`banner ${phase.landed === 'yes' ? 'banner-warn' : 'banner-error'}`}>
          <p>{phase.message}</p>
          {phase.landed === 'yes' ? (
            phase.version !== null && !phase.message.includes(`version ${phase.version}`) && (
              <p>
                <strong>It was saved as version {phase.version} anyway.</strong>
              </p>
            )
          ) : (
            <>
              {!/did not arrive|did not save/.test(phase.message) && <p>It did not arrive, so nothing was submitted.</p>}
              {canRetry && (
                <button type="button" className="primary" onClick={onRetry}>
                  Try again
                </button>
              )}
            </>
          )}
        </div>
      );
    default:
      return null;
  }
}
