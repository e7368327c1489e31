/**
 * Change problem scores of a student's latest submission (`update_latest`,
 * autolab-api.md §4.12). Only the problems whose value changed are sent.
 *
 * `update_latest` takes numbers only (its `problems` field is JSON of
 * problem → score), so a score cannot be cleared; the dialog says so up
 * front and refuses an emptied box with that sentence instead of ignoring it.
 */
import { useState, type FormEvent } from 'react';
import type { ScoreRow, ScoreTable } from '../../../preload/contract';
import { Dialog } from '../../components/Dialog';
import { errorSentence, requireApi } from '../../store/app-store';

/** Props of {@link EditScoresDialog}. */
export interface EditScoresDialogProps {
  accountId: string;
  course: string;
  assessment: string;
  row: ScoreRow;
  problems: ScoreTable['problems'];
  onClose(updated?: ScoreRow): void;
}

/** The edit-latest-scores dialog (open while mounted). */
export function EditScoresDialog({ accountId, course, assessment, row, problems, onClose }: EditScoresDialogProps) {
  const latest = row.versions[0];
  const initial = Object.fromEntries(problems.map((p) => [p.name, typeof latest?.scores[p.name] === 'number' ? String(latest.scores[p.name]) : '']));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const changed: Record<string, number> = {};
    const refuse = (problem: string, sentence: string) => {
      setInvalid(problem);
      setError(sentence);
    };
    for (const p of problems) {
      const v = (values[p.name] ?? '').trim();
      if (v === (initial[p.name] ?? '')) continue;
      if (v === '') return refuse(p.name, `Autolab can set a score but can't clear one; enter a number for ${p.name} (0 for no credit) or put back ${initial[p.name]}.`);
      const n = Number(v);
      if (!Number.isFinite(n)) return refuse(p.name, `Enter a number for ${p.name}, such as 7.5.`);
      changed[p.name] = n;
    }
    if (!Object.keys(changed).length) return onClose();
    setBusy(true);
    setError(null);
    setInvalid(null);
    try {
      onClose(await requireApi().scoresUpdateLatest({ accountId, course, assessment, email: row.email, problems: changed }));
    } catch (err) {
      setError(errorSentence(err));
      setBusy(false);
    }
  }

  return (
    <Dialog open title={`Scores of ${row.email}, version ${latest?.version ?? '—'}`} onClose={() => onClose()}>
      <form className="dialog-form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="muted small">Changes the latest submission only; scores are saved exactly as entered.</p>
        <p className="muted small" id="score-clear-note">Autolab can set a score but can't clear one, so to give no credit enter 0.</p>
        <div className="score-inputs">
          {problems.map((p, i) => (
            <div className="field" key={p.name}>
              <label htmlFor={`score-${i}`}>{p.name} (of {p.maxScore})</label>
              <input id={`score-${i}`} inputMode="decimal" autoFocus={i === 0} placeholder={initial[p.name] ? undefined : 'no score'} aria-describedby="score-clear-note" aria-invalid={invalid === p.name || undefined} value={values[p.name] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [p.name]: e.target.value }))} />
            </div>
          ))}
        </div>
        {error && <p role="alert" className="banner banner-error">{error}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={() => onClose()}>Cancel</button>
          <button type="submit" className="primary" disabled={busy}>{busy ? 'Saving…' : 'Save scores'}</button>
        </div>
      </form>
    </Dialog>
  );
}
