/**
 * Add a problem to an assessment (issue 12, autolab-api.md §4.11): Autolab
 * answers 201, or 500 "Unable to create problem" for a duplicate name, which
 * main turns into one sentence.
 */
import { useState, type FormEvent } from 'react';
import type { AssessmentRef } from '../../../../preload/contract';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { errorSentence, requireApi } from '../../../store/app-store';

/** The add-problem form; `onAdded` reloads the assessment. */
export function AddProblemForm({ refOf, onAdded }: { refOf: AssessmentRef; onAdded(): void }) {
  const [name, setName] = useState('');
  const [max, setMax] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNote(null);
    const maxScore = Number(max);
    if (!name.trim()) return setError('Enter the name of the problem.');
    if (max.trim() === '' || !Number.isFinite(maxScore) || maxScore < 0) return setError('Enter the maximum score as a number, 0 or more.');
    setBusy(true);
    try {
      const p = await requireApi().problemsAdd({ ...refOf, name: name.trim(), maxScore });
      setNote(`Added the problem ${p.name} (max ${p.maxScore}).`);
      setName('');
      setMax('');
      onAdded();
    } catch (err) {
      setError(errorSentence(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" aria-labelledby="add-problem-title" onSubmit={(e) => void submit(e)} noValidate>
      <h2 id="add-problem-title">Add a problem</h2>
      <ErrorBanner message={error} />
      {note && <p role="status" className="banner banner-ok">{note}</p>}
      <div className="toolbar">
        <div className="field">
          <label htmlFor="problem-name">Problem name</label>
          <input id="problem-name" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="problem-max">Max score</label>
          <input id="problem-max" type="number" min={0} step="any" value={max} onChange={(e) => setMax(e.target.value)} />
        </div>
        <button type="submit" disabled={busy}>Add problem</button>
      </div>
    </form>
  );
}
