/**
 * An assessment's dates, limits, and handout and writeup.
 */
import { useState } from 'react';
import type { AssessmentDetail, AssessmentRef } from '../../../preload/contract';
import type { AssessmentState } from '../../domain/assessment-state';
import { formatLocal, formatRelative } from '../../domain/time-format';
import { OpenOnAutolab } from '../../components/OpenOnAutolab';
import { CopyButton } from '../../components/CopyButton';
import { SavedFileNote } from '../../components/SavedFileNote';
import { errorSentence, requireApi } from '../../store/app-store';

function DateRow({ label, at, now }: { label: string; at: string | number; now: number }) {
  const iso = typeof at === 'number' ? new Date(at).toISOString() : at;
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>
        <time dateTime={iso}>{formatLocal(at)}</time> <span className="muted">({formatRelative(at, now)})</span>
      </dd>
    </div>
  );
}

/** "2 of 5 submissions used", or the count when unlimited. */
export function limitText(detail: AssessmentDetail, used: number): string {
  if (detail.maxSubmissions < 0) return `${used} ${used === 1 ? 'submission' : 'submissions'} so far · no limit`;
  return `${used} of ${detail.maxSubmissions} submissions used`;
}

function Download({ refOf, kind, format }: { refOf: AssessmentRef; kind: 'handout' | 'writeup'; format: AssessmentDetail['handoutFormat'] }) {
  const [status, setStatus] = useState<{ text: string; error: boolean; savedTo?: string; url?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const downloadId = `${refOf.course}/${refOf.assessment}/${kind}`;
  const noun = kind === 'handout' ? 'Handout' : 'Writeup';
  if (format === 'none') return <span className="muted download-none">No {kind}</span>;

  async function get() {
    setBusy(true);
    setStatus(null);
    try {
      const api = requireApi();
      const result = await api.assessmentDownload({ ...refOf, kind, downloadId });
      if (result.kind === 'url') {
        // Never claim the browser opened: only that it was asked, or that none could be (with the address to copy).
        const { opened } = await api.shellOpenUrl({ url: result.url }).catch(() => ({ opened: false }));
        setStatus(
          opened
            ? { text: `Your browser was asked to open the ${kind}.`, error: false }
            : { text: `No browser could be asked to open the ${kind}; copy the address:`, error: true, url: result.url },
        );
      } else if (result.kind === 'file') setStatus({ text: '', error: false, savedTo: result.savedTo });
      else if (result.kind === 'none') setStatus({ text: `No ${kind}`, error: false });
      else if (result.kind === 'cancelled') setStatus({ text: `${noun} download cancelled.`, error: false });
    } catch (err) {
      setStatus({ text: errorSentence(err), error: true });
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="download">
      <button type="button" disabled={busy} onClick={() => void get()}>
        {format === 'url' ? `Open ${kind}` : `Save ${kind}…`}
      </button>
      {status?.savedTo && <SavedFileNote path={status.savedTo} what={`${noun} saved`} />}
      {busy && (
        <>
          <span className="progress-line muted small" role="status">
            <span className="spinner" aria-hidden="true" />
            Downloading…
          </span>
          <button type="button" className="ghost" onClick={() => void requireApi().downloadCancel({ downloadId }).catch(() => undefined)}>
            Cancel {kind}
          </button>
        </>
      )}
      {status && !status.savedTo && (
        <span role={status.error ? 'alert' : 'status'} className={status.error ? 'field-error' : 'muted small'}>
          {status.text}
          {status.url && (
            <>
              {' '}
              <span className="mono">{status.url}</span> <CopyButton text={status.url} label="Copy address" />
            </>
          )}
        </span>
      )}
    </span>
  );
}

/** Props of {@link AssessmentFacts}. */
export interface AssessmentFactsProps {
  refOf: AssessmentRef;
  detail: AssessmentDetail;
  state: AssessmentState;
  used: number;
  now: number;
}

/** The facts card. */
export function AssessmentFacts({ refOf, detail, state, used, now }: AssessmentFactsProps) {
  return (
    <section className="card" aria-labelledby="facts-title">
      <h2 id="facts-title" className="sr-only">
        Dates and limits
      </h2>
      <dl className="facts">
        <DateRow label="Opens" at={detail.startAt} now={now} />
        <DateRow label="Due" at={detail.dueAt} now={now} />
        <DateRow label="Accepted until" at={state.acceptedUntil} now={now} />
        <div className="fact">
          <dt>Submissions</dt>
          <dd>{limitText(detail, used)}</dd>
        </div>
        {detail.maxGraceDays !== null && detail.maxGraceDays > 0 && (
          <div className="fact">
            <dt>Grace days</dt>
            <dd>Up to {detail.maxGraceDays} on this assessment</dd>
          </div>
        )}
        {detail.groupSize > 1 && (
          <div className="fact">
            <dt>Groups</dt>
            <dd>Up to {detail.groupSize} people</dd>
          </div>
        )}
      </dl>
      <div className="downloads">
        <Download refOf={refOf} kind="handout" format={detail.handoutFormat} />
        <Download refOf={refOf} kind="writeup" format={detail.writeupFormat} />
      </div>
      <div className="downloads">
        <OpenOnAutolab accountId={refOf.accountId} course={refOf.course} assessment={refOf.assessment} label="Assessment on Autolab" />
        <OpenOnAutolab accountId={refOf.accountId} course={refOf.course} label="Course on Autolab" />
      </div>
    </section>
  );
}
