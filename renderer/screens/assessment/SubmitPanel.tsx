/**
 * Submitting: pick or drop a file, see its name and size, confirm when it is
 * late or the last allowed one, then upload with progress.
 */
import { useEffect, useRef, useState } from 'react';
import type { AssessmentRef } from '../../../preload/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { OpenOnAutolab } from '../../components/OpenOnAutolab';
import type { AssessmentState } from '../../domain/assessment-state';
import { formatBytes } from '../../domain/byte-size';
import { formatLocal } from '../../domain/time-format';
import { useSubmit } from '../../store/submit-store';
import { DropZone } from './DropZone';
import { UploadStatus } from './UploadStatus';

const BLOCKED: Partial<Record<AssessmentState['kind'], string>> = {
  'not-yet-open': 'Submissions open once the assessment starts.',
  closed: 'This assessment no longer accepts submissions.',
  'handins-disabled': 'Handins are turned off for this assessment.',
  'limit-reached': 'You have used all your submissions for this assessment.',
};

/** Props of {@link SubmitPanel}. */
export interface SubmitPanelProps {
  refOf: AssessmentRef;
  state: AssessmentState;
  hasAutograder: boolean;
  /** Autolab said it is an embedded quiz: answered on its website, not uploaded (issue 15). */
  embeddedQuiz?: boolean;
  /** The size limit Autolab named in an earlier refusal, in bytes. */
  maxSizeBytes?: number | null;
  /** Arrived through a "Submit…" button: bring the drop zone into view and focus it. */
  focusOnOpen?: boolean;
}

/** The submit card. */
export function SubmitPanel({ refOf, state, hasAutograder, embeddedQuiz = false, maxSizeBytes = null, focusOnOpen = false }: SubmitPanelProps) {
  const card = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!focusOnOpen || !card.current) return;
    card.current.scrollIntoView({ block: 'center' });
    card.current.querySelector<HTMLElement>('.drop-zone button, button')?.focus({ preventScroll: true });
  }, [focusOnOpen]);
  const file = useSubmit((s) => s.file);
  const phase = useSubmit((s) => s.phase);
  const refusal = useSubmit((s) => s.refusal);
  const upload = useSubmit((s) => s.upload);
  const clear = useSubmit((s) => s.clear);
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const busy = phase.kind === 'uploading' || phase.kind === 'checking';

  const reasons: string[] = [];
  if (state.kind === 'late') {
    reasons.push(`The due date has passed: this submission will be late and may cost grace days or points. It is accepted until ${formatLocal(state.acceptedUntil)}.`);
  }
  if (state.submissionsLeft === 1) reasons.push('This is your last allowed submission for this assessment.');
  if (file && file.size === 0) reasons.push(`${file.name} is empty (0 bytes). Autolab takes it and counts it as a submission, but there is nothing in it to grade.`);
  const tooLarge = file !== null && maxSizeBytes !== null && file.size > maxSizeBytes;

  function start() {
    if (reasons.length) setConfirming(reasons);
    else void upload(refOf, hasAutograder);
  }

  return (
    <section className="card" aria-labelledby="submit-title" ref={card}>
      <h2 id="submit-title">Submit</h2>
      {embeddedQuiz ? (
        <div className="quiz-note" data-testid="embedded-quiz">
          <p>This assessment is a quiz answered on the Autolab website; Autolab does not take it as an uploaded file.</p>
          <OpenOnAutolab accountId={refOf.accountId} course={refOf.course} assessment={refOf.assessment} label="Open the quiz on Autolab" primary />
        </div>
      ) : (
        !busy && <DropZone disabled={!state.canSubmit} disabledReason={BLOCKED[state.kind]} />
      )}
      {maxSizeBytes !== null && !embeddedQuiz && <p className="muted small">Autolab takes files up to {formatBytes(maxSizeBytes)} here.</p>}
      {refusal && (
        <p role="alert" className="banner banner-error">
          {refusal}
        </p>
      )}
      {file && (
        <div className="file-card">
          <span className="file-icon" aria-hidden="true" />
          <span className="file-name" data-testid="picked-file">
            {file.name}
          </span>
          <span className="muted">{formatBytes(file.size)}</span>
          {phase.kind === 'picked' && (
            <span className="file-actions">
              <button type="button" className="ghost" onClick={clear}>
                Remove file
              </button>
              <button type="button" className="primary" disabled={!state.canSubmit || tooLarge || embeddedQuiz} onClick={start}>
                Submit
              </button>
            </span>
          )}
        </div>
      )}
      {tooLarge && phase.kind === 'picked' && (
        <p role="alert" className="banner banner-error">
          This file is larger than the {formatBytes(maxSizeBytes ?? 0)} Autolab accepts for this assessment; remove log files and binaries and pick it again.
        </p>
      )}
      <UploadStatus onRetry={start} canRetry={!embeddedQuiz && !tooLarge} />
      <ConfirmDialog
        open={!!confirming}
        title={state.kind === 'late' ? 'Submit late?' : state.submissionsLeft === 1 ? 'Use your last submission?' : 'Submit an empty file?'}
        reasons={confirming ?? []}
        confirmLabel="Submit anyway"
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          setConfirming(null);
          void upload(refOf, hasAutograder);
        }}
      />
    </section>
  );
}
