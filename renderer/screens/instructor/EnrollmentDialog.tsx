/**
 * Add a person to the roster, or edit one enrollment (issue 7).
 *
 * An edit sends only the fields the user changed from what the dialog opened
 * with, and `dropped` only when its box was toggled, so saving never
 * un-drops anyone by accident (the official CLI's bug; autolab-api.md §4.14).
 */
import { useState, type FormEvent } from 'react';
import type { EnrollmentChanges, Role, RosterEntry } from '../../../preload/contract';
import { Dialog } from '../../components/Dialog';
import { ROLE_LABELS } from '../../domain/roster-query';
import { errorSentence } from '../../store/app-store';
import { useRoster } from '../../store/roster-store';

/** Props of {@link EnrollmentDialog}. */
export interface EnrollmentDialogProps {
  accountId: string;
  course: string;
  /** The enrollment to edit, or null to add someone. */
  editing: RosterEntry | null;
  onClose(saved?: RosterEntry): void;
}

const blank = { email: '', lecture: '', section: '', role: 'student' as Role, gradePolicy: '', nickname: '', dropped: false };

/** The add/edit enrollment dialog (open while mounted). */
export function EnrollmentDialog({ accountId, course, editing, onClose }: EnrollmentDialogProps) {
  const initial = editing ? { ...editing } : blank;
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { add, update } = useRoster.getState();
  const field = <K extends keyof typeof form>(k: K) => (v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));

  const changes = (): EnrollmentChanges => {
    const out: EnrollmentChanges = {};
    if (form.lecture.trim() !== initial.lecture) out.lecture = form.lecture.trim();
    if (form.section.trim() !== initial.section) out.section = form.section.trim();
    if (form.role !== initial.role) out.role = form.role;
    if (form.gradePolicy.trim() !== initial.gradePolicy) out.gradePolicy = form.gradePolicy.trim();
    if (form.nickname !== initial.nickname) out.nickname = form.nickname;
    if (form.dropped !== initial.dropped) out.dropped = form.dropped;
    return out;
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!editing && !/^[^\s@/]+@[^\s@/]+$/.test(form.email.trim())) return setError('Enter the email address of the person’s Autolab account.');
    if (!form.lecture.trim() || !form.section.trim()) return setError('Enter a lecture and a section.');
    if (form.dropped && form.role !== 'student') return setError('Instructors and course assistants cannot be dropped; make them a student first.');
    setBusy(true);
    try {
      let saved: RosterEntry;
      if (editing) {
        const diff = changes();
        saved = Object.keys(diff).length ? await update(accountId, course, editing.email, diff) : editing;
      } else {
        saved = await add(accountId, course, {
          email: form.email.trim(), lecture: form.lecture.trim(), section: form.section.trim(), role: form.role,
          ...(form.nickname ? { nickname: form.nickname } : {}), ...(form.gradePolicy.trim() ? { gradePolicy: form.gradePolicy.trim() } : {}),
        });
      }
      onClose(saved);
    } catch (err) {
      setError(errorSentence(err));
      setBusy(false);
    }
  }

  const id = (k: string) => `enrollment-${k}`;
  return (
    <Dialog open title={editing ? `Edit ${editing.email}` : 'Add a person'} onClose={() => onClose()}>
      <form className="dialog-form" onSubmit={(e) => void submit(e)} noValidate>
        {!editing && (
          <div className="field">
            <label htmlFor={id('email')}>Email of their Autolab account</label>
            <input id={id('email')} type="email" autoFocus required value={form.email} onChange={(e) => field('email')(e.target.value)} />
          </div>
        )}
        <div className="field-row">
          <div className="field">
            <label htmlFor={id('lecture')}>Lecture</label>
            <input id={id('lecture')} required autoFocus={!!editing} value={form.lecture} onChange={(e) => field('lecture')(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={id('section')}>Section</label>
            <input id={id('section')} required value={form.section} onChange={(e) => field('section')(e.target.value)} />
          </div>
        </div>
        <div className="field">
          <label htmlFor={id('role')}>Role</label>
          <select id={id('role')} value={form.role} onChange={(e) => field('role')(e.target.value as Role)}>
            {(Object.keys(ROLE_LABELS) as Role[]).map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </select>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={id('nickname')}>Nickname (optional)</label>
            <input id={id('nickname')} maxLength={32} value={form.nickname} onChange={(e) => field('nickname')(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={id('grade-policy')}>Grade policy (optional)</label>
            <input id={id('grade-policy')} value={form.gradePolicy} onChange={(e) => field('gradePolicy')(e.target.value)} />
          </div>
        </div>
        {editing && (
          <label className="check-field">
            <input type="checkbox" checked={form.dropped} onChange={(e) => field('dropped')(e.target.checked)} />
            Dropped from the course
          </label>
        )}
        {error && <p role="alert" className="banner banner-error">{error}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={() => onClose()}>Cancel</button>
          <button type="submit" className="primary" disabled={busy}>{busy ? 'Saving…' : editing ? 'Save changes' : 'Add to course'}</button>
        </div>
      </form>
    </Dialog>
  );
}
