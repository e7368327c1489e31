/**
 * Submitting: pick or drop a file, see its name and size, confirm when it is
 * late or the last allowed one, then upload with progress.
 */
import { useState } from 'react';
import type { AssessmentRef } from '../../../preload/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
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
}

/** The submit card. */
export function SubmitPanel({ refOf, state, hasAutograder }: SubmitPanelProps) {
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

  function start() {
    if (reasons.length) setConfirming(reasons);
    else void upload(refOf, hasAutograder);
  }

  return (
    <section className="card" aria-labelledby="submit-title">
      <h2 id="submit-title">Submit</h2>
      {!busy && <DropZone disabled={!state.canSubmit} disabledReason={BLOCKED[state.kind]} />}
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
              <button type="button" className="primary" disabled={!state.canSubmit} onClick={start}>
                Submit
              </button>
            </span>
          )}
        </div>
      )}
      <UploadStatus onRetry={start} />
      <ConfirmDialog
        open={!!confirming}
        title={state.kind === 'late' ? 'Submit late?' : 'Use your last submission?'}
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
