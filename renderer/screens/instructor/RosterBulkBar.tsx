/**
 * What to do with the selected rows of the roster (issue 12): drop them, or
 * move them to another lecture and/or section, in one action. Main paces the
 * writes by the server's answers; the dialog shows progress with Cancel, then
 * one result per row (failures listed with their sentence).
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { BulkResultRow, RosterEntry } from '../../../preload/contract';
import { Dialog } from '../../components/Dialog';
import { errorSentence, requireApi } from '../../store/app-store';

type Step =
  | { kind: 'closed' }
  | { kind: 'confirm-drop' }
  | { kind: 'move'; lecture: string; section: string; error: string | null }
  | { kind: 'running'; what: string; bulkId: string }
  | { kind: 'done'; what: string; rows: BulkResultRow[] }
  | { kind: 'failed'; message: string };

/** Props of {@link RosterBulkBar}. */
export interface RosterBulkBarProps {
  accountId: string;
  course: string;
  selected: RosterEntry[];
  onClear(): void;
  /** Called when the action finished (the roster should be read again). */
  onDone(summary: string): void;
}

const newBulkId = () => `bulk-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** The bar above the roster while rows are selected, and its dialogs. */
export function RosterBulkBar({ accountId, course, selected, onClear, onDone }: RosterBulkBarProps) {
  const [step, setStep] = useState<Step>({ kind: 'closed' });
  const [progress, setProgress] = useState({ done: 0, total: 0, waitingMs: 0 });
  const lectureId = useId();
  const sectionId = useId();
  const running = step.kind === 'running' ? step.bulkId : null;
  useEffect(() => {
    if (!running) return;
    return requireApi().on('roster:bulk-progress', (p) => {
      if (p.bulkId === running) setProgress(p);
    });
  }, [running]);

  const droppable = selected.filter((e) => e.role === 'student' && !e.dropped);
  const run = async (what: string, emails: string[], action: { kind: 'drop' } | { kind: 'move'; lecture?: string; section?: string }) => {
    const bulkId = newBulkId();
    setProgress({ done: 0, total: emails.length, waitingMs: 0 });
    setStep({ kind: 'running', what, bulkId });
    try {
      const { rows } = await requireApi().rosterBulk({ accountId, course, emails, action, bulkId });
      setStep({ kind: 'done', what, rows });
      const done = rows.filter((r) => r.outcome === 'done').length;
      onDone(`${what}: ${done} of ${rows.length} done${rows.length - done ? `, ${rows.length - done} not` : ''}.`);
    } catch (err) {
      setStep({ kind: 'failed', message: errorSentence(err) });
    }
  };
  const submitMove = (e: FormEvent) => {
    e.preventDefault();
    if (step.kind !== 'move') return;
    const lecture = step.lecture.trim();
    const section = step.section.trim();
    if (!lecture && !section) return setStep({ ...step, error: 'Enter a lecture, a section, or both.' });
    const to = [lecture && `lecture ${lecture}`, section && `section ${section}`].filter(Boolean).join(', ');
    void run(`Moved to ${to}`, selected.map((s) => s.email), { kind: 'move', ...(lecture ? { lecture } : {}), ...(section ? { section } : {}) });
  };
  const close = () => setStep({ kind: 'closed' });

  if (!selected.length && step.kind === 'closed') return null;
  return (
    <>
      {selected.length > 0 && (
        <div className="bulk-bar" role="region" aria-label="Selected rows">
          <strong>{selected.length} selected</strong>
          <button type="button" className="danger" disabled={!droppable.length} onClick={() => setStep({ kind: 'confirm-drop' })}>
            Drop {droppable.length === selected.length ? '' : `${droppable.length} `}selected…
          </button>
          <button type="button" onClick={() => setStep({ kind: 'move', lecture: '', section: '', error: null })}>Change lecture or section…</button>
          <button type="button" className="ghost" onClick={onClear}>Clear selection</button>
        </div>
      )}
      <Dialog open={step.kind !== 'closed'} title={step.kind === 'move' ? `Move ${selected.length} people` : step.kind === 'confirm-drop' ? `Drop ${droppable.length} students?` : 'Roster change'} onClose={() => (running ? undefined : close())}>
        {step.kind === 'confirm-drop' && (
          <>
            <p>Autolab keeps dropped people on the roster, marked dropped; they can no longer submit. You can undo this by editing each enrollment.</p>
            {droppable.length < selected.length && <p>{selected.length - droppable.length} of the selected are staff or already dropped and are left as they are.</p>}
            <div className="dialog-actions">
              <button type="button" onClick={close} autoFocus>Cancel</button>
              <button type="button" className="primary" onClick={() => void run('Dropped', droppable.map((d) => d.email), { kind: 'drop' })}>Drop {droppable.length}</button>
            </div>
          </>
        )}
        {step.kind === 'move' && (
          <form className="dialog-form" onSubmit={submitMove} noValidate>
            <p>Leave a field empty to keep it as it is.</p>
            <div className="field-row">
              <div className="field">
                <label htmlFor={lectureId}>New lecture</label>
                <input id={lectureId} value={step.lecture} onChange={(e) => setStep({ ...step, lecture: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={sectionId}>New section</label>
                <input id={sectionId} value={step.section} onChange={(e) => setStep({ ...step, section: e.target.value })} />
              </div>
            </div>
            {step.error && <p className="field-error" role="alert">{step.error}</p>}
            <div className="dialog-actions">
              <button type="button" onClick={close}>Cancel</button>
              <button type="submit" className="primary">Move {selected.length}</button>
            </div>
          </form>
        )}
        {step.kind === 'running' && (
          <>
            <progress className="import-progress" max={progress.total || 1} value={progress.done} aria-label="Progress" />
            <p aria-live="polite">
              {progress.waitingMs > 0 ? `Autolab asked the app to slow down; continuing in ${Math.ceil(progress.waitingMs / 1000)} s…` : `${progress.done} of ${progress.total} done`}
            </p>
            <div className="dialog-actions">
              <button type="button" onClick={() => void requireApi().rosterBulkCancel({ bulkId: step.bulkId })}>Cancel the rest</button>
            </div>
          </>
        )}
        {step.kind === 'done' && (
          <>
            <p role="status">
              {step.what}: {step.rows.filter((r) => r.outcome === 'done').length} of {step.rows.length} done
              {step.rows.some((r) => r.outcome === 'cancelled') && `, ${step.rows.filter((r) => r.outcome === 'cancelled').length} cancelled`}
              {step.rows.some((r) => r.outcome === 'failed') && `, ${step.rows.filter((r) => r.outcome === 'failed').length} failed`}.
            </p>
            {step.rows.some((r) => r.outcome === 'failed') && (
              <ul className="bulk-failures" aria-label="Rows that failed">
                {step.rows.filter((r) => r.outcome === 'failed').map((r) => <li key={r.email}><span className="mono">{r.email}</span>: {r.message}</li>)}
              </ul>
            )}
            <div className="dialog-actions">
              <button type="button" className="primary" onClick={() => { close(); onClear(); }} autoFocus>Close</button>
            </div>
          </>
        )}
        {step.kind === 'failed' && (
          <>
            <p role="alert">{step.message}</p>
            <div className="dialog-actions"><button type="button" onClick={close} autoFocus>Close</button></div>
          </>
        )}
      </Dialog>
    </>
  );
}
