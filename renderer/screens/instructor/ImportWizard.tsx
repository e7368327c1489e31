/**
 * Roster CSV import: choose a file → preview what each row will do → apply
 * with progress → per-row results and a downloadable report (issue 7).
 *
 * Main checks at preview that every new person has an Autolab account,
 * re-plans against a fresh roster when applying, writes a few rows at a time
 * at the pace the server's answers allow, and reports every row, so nothing
 * is silently skipped and a second run of the same file changes nothing.
 * Dropping someone (`dropped: false → true`) is shown as its own action.
 */
import { useEffect, useState } from 'react';
import type { ImportPreview, ImportPreviewRow, ImportResult, ImportResultRow } from '../../../preload/contract';
import { Dialog } from '../../components/Dialog';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { saveTextFile } from '../../domain/save-text-file';
import { prepareFile } from '../../ipc/prepare-file';
import { errorSentence, requireApi } from '../../store/app-store';

/** Props of {@link ImportWizard}. */
export interface ImportWizardProps {
  accountId: string;
  course: string;
  onClose(changed: boolean): void;
}

type Step = { kind: 'choose' } | { kind: 'preview'; preview: ImportPreview } | { kind: 'applying'; preview: ImportPreview } | { kind: 'done'; result: ImportResult };

const ACTION_LABELS = { add: 'Add', update: 'Update', drop: 'Drop', unchanged: 'Unchanged', error: 'Error' } as const;
const OUTCOME_LABELS = { added: 'Added', updated: 'Updated', dropped: 'Dropped', unchanged: 'Unchanged', failed: 'Failed', 'not-applied': 'Not applied (error)', cancelled: 'Cancelled' } as const;

const baseColumns: Array<VirtualColumn<ImportPreviewRow>> = [
  { id: 'row', label: 'Row', width: '64px', render: (r) => r.row, numeric: true },
  { id: 'email', label: 'Email', width: 'minmax(200px, 1.4fr)', render: (r) => <span title={r.email}>{r.email}</span> },
  { id: 'action', label: 'Action', width: '110px', render: (r) => <span className={`action-${r.action}`}>{ACTION_LABELS[r.action]}</span> },
  { id: 'detail', label: 'Changes or reason', width: 'minmax(240px, 2fr)', render: (r) => { const t = r.message ?? r.changes.join('; '); return <span title={t}>{t}</span>; } },
];
const resultColumns: Array<VirtualColumn<ImportResultRow>> = [
  ...(baseColumns as Array<VirtualColumn<ImportResultRow>>).slice(0, 3),
  { id: 'outcome', label: 'Result', width: '150px', render: (r) => <span className={`outcome-${r.outcome}`}>{OUTCOME_LABELS[r.outcome]}</span> },
  (baseColumns as Array<VirtualColumn<ImportResultRow>>)[3]!,
];

/** "Apply 3 changes (1 drop)" — drops are counted apart because they are destructive. */
function applyLabel(preview: ImportPreview): string {
  const c = preview.counts;
  const n = (c.add ?? 0) + (c.update ?? 0) + (c.drop ?? 0);
  if (!n) return 'Apply (nothing to change)';
  return `Apply ${n} change${n === 1 ? '' : 's'}${c.drop ? ` (${c.drop} drop${c.drop === 1 ? '' : 's'})` : ''}`;
}

/** The import wizard dialog (open while mounted). */
export function ImportWizard({ accountId, course, onClose }: ImportWizardProps) {
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState({ done: 0, total: 0, waitingMs: 0 });
  const importId = step.kind === 'preview' || step.kind === 'applying' ? step.preview.importId : null;

  useEffect(() => {
    if (!importId) return undefined;
    return requireApi().on('roster:import-progress', (p) => {
      if (p.importId === importId) setProgress(p);
    });
  }, [importId]);

  async function choose(file: File | undefined) {
    if (!file) return;
    setError(null);
    if (file.size > 16 * 1024 * 1024) return setError('That file is larger than 16 MB, far more than any roster; check that you chose the right file.');
    setBusy(true);
    try {
      // Handed over like a handin (staged or a registered path), never as one big message.
      const upload = await prepareFile(file, () => undefined).done;
      const preview = await requireApi().rosterImportPreview({ accountId, course, file: upload, filename: file.name });
      setStep({ kind: 'preview', preview });
    } catch (err) {
      setError(errorSentence(err));
    } finally {
      setBusy(false);
    }
  }

  async function apply(preview: ImportPreview) {
    setError(null);
    setProgress({ done: 0, total: preview.rows.length, waitingMs: 0 });
    setStep({ kind: 'applying', preview });
    try {
      setStep({ kind: 'done', result: await requireApi().rosterImportApply({ accountId, course, importId: preview.importId }) });
    } catch (err) {
      setError(errorSentence(err));
      setStep({ kind: 'preview', preview });
    }
  }

  const close = () => {
    if (step.kind === 'applying') return void requireApi().rosterImportCancel({ accountId, course, importId: step.preview.importId });
    onClose(step.kind === 'done');
  };
  const stepIndex = { choose: 0, preview: 1, applying: 2, done: 3 }[step.kind];

  return (
    <Dialog open title="Import a roster CSV" onClose={close} className="dialog-wide">
      <ol className="wizard-steps" aria-label="Import steps">
        {['Choose a file', 'Preview', 'Apply', 'Results'].map((s, i) => <li key={s} aria-current={i === stepIndex ? 'step' : undefined}>{i + 1}. {s}</li>)}
      </ol>
      {step.kind === 'choose' && (
        <div>
          <p>
            The first row names the columns: <code>email</code>, <code>lecture</code>, <code>section</code>, <code>auth_level</code> (student,
            course_assistant or instructor), and optionally <code>first_name</code>, <code>last_name</code>, <code>grade_policy</code>,{' '}
            <code>nickname</code>, <code>dropped</code> (yes/no). An empty optional cell leaves that field as it is. Everyone must already have an
            Autolab account. A roster export is a valid import file.
          </p>
          <div className="field">
            <label htmlFor="roster-file">Roster CSV file</label>
            <input id="roster-file" type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => void choose(e.target.files?.[0])} />
          </div>
          {busy && <p className="muted progress-line" aria-live="polite"><span className="spinner" aria-hidden="true" />Reading the file and comparing it with the roster…</p>}
        </div>
      )}
      {(step.kind === 'preview' || step.kind === 'applying') && (
        <div>
          <p className="summary-chips" aria-label="Preview summary">
            {(['add', 'update', 'drop', 'unchanged', 'error'] as const).map((a) => <span key={a} className={`badge action-${a}`}>{step.preview.counts[a] ?? 0} {ACTION_LABELS[a].toLowerCase()}</span>)}
          </p>
          <VirtualTable label="Import preview" rows={step.preview.rows} columns={baseColumns} rowKey={(r) => String(r.row)} rowHeight={38} testId="import-preview" />
          {step.kind === 'applying' ? (
            <div className="upload-status" aria-live="polite">
              <progress className="import-progress" max={progress.total || 1} value={progress.done} aria-label="Import progress" />
              <span>{progress.waitingMs > 0 ? `Autolab asked the app to slow down; continuing in ${Math.ceil(progress.waitingMs / 1000)} s…` : `${progress.done} of ${progress.total} rows done`}</span>
            </div>
          ) : null}
        </div>
      )}
      {step.kind === 'done' && (
        <div>
          <p className="summary-chips" aria-label="Import results" role="status">
            {(Object.keys(OUTCOME_LABELS) as Array<keyof typeof OUTCOME_LABELS>).filter((o) => step.result.counts[o]).map((o) => (
              <span key={o} className={`badge outcome-${o}`}>{step.result.counts[o]} {OUTCOME_LABELS[o].toLowerCase()}</span>
            ))}
          </p>
          <VirtualTable label="Import results" rows={step.result.rows} columns={resultColumns} rowKey={(r) => String(r.row)} rowHeight={38} testId="import-results" />
        </div>
      )}
      {error && <p role="alert" className="banner banner-error">{error}</p>}
      <div className="dialog-actions">
        {step.kind === 'preview' && <button type="button" onClick={() => setStep({ kind: 'choose' })}>Choose another file</button>}
        {step.kind === 'done' && (
          <button type="button" onClick={() => saveTextFile(step.result.report.filename, step.result.report.csv)}>Download report</button>
        )}
        <button type="button" onClick={close}>{step.kind === 'applying' ? 'Cancel the rest' : step.kind === 'done' ? 'Close' : 'Cancel'}</button>
        {step.kind === 'preview' && (
          <button type="button" className="primary" onClick={() => void apply(step.preview)}>
            {applyLabel(step.preview)}
          </button>
        )}
      </div>
    </Dialog>
  );
}
