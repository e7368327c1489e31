/**
 * The parts every "Add a server" form shares (Autolab server, Open edX site): a card with a
 * disclosure button that shows the form, labelled text fields with their hint and error sentence
 * (Settings → Devices uses them too), and a footer with the form's error banner and its submit
 * button (which says what it is checking).
 *
 * Why: the add-server and add-site forms had the same markup and the same save/error/progress
 * logic twice; one copy keeps their labels, accessible names and error handling alike.
 */
import { useState, type ReactNode } from 'react';
import { errorSentence } from '../store/app-store';

/** Props of {@link AddFormCard}. */
export interface AddFormCardProps {
  /** Id prefix: the card's heading is `<id>-title`, the panel `<id>-form`. */
  id: string;
  title: string;
  intro: string;
  /** The disclosure button's text, e.g. "Add an Autolab server". */
  buttonLabel: string;
  open: boolean;
  onToggle(open: boolean): void;
  children: ReactNode;
}

/** A card whose form opens behind a disclosure button. */
export function AddFormCard({ id, title, intro, buttonLabel, open, onToggle, children }: AddFormCardProps) {
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="muted">{intro}</p>
      <button type="button" aria-expanded={open} aria-controls={`${id}-form`} onClick={() => onToggle(!open)}>
        {buttonLabel}
      </button>
      <div id={`${id}-form`} hidden={!open}>
        {children}
      </div>
    </section>
  );
}

/** Props of {@link TextField}. */
export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** The field's error sentence (linked to the input for screen readers). */
  error?: string | undefined;
  type?: string;
  placeholder?: string;
  autoComplete?: string;
  inputMode?: 'numeric';
  required?: boolean;
  /** A hint under the input (linked to it for screen readers). */
  hint?: ReactNode;
}

/** A labelled input, with its hint and its error sentence below it when there are. */
export function TextField({ id, label, value, onChange, error, hint, ...props }: TextFieldProps) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        spellCheck={false}
        {...props}
      />
      {hint && (
        <p id={`${id}-hint`} className="muted small">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The form's error banner (if any) and its submit button, which says `busyLabel` while saving. */
export function FormFooter({ error, saving, label, busyLabel }: { error: string | null; saving: boolean; label: string; busyLabel: string }) {
  return (
    <>
      {error && (
        <p role="alert" className="banner banner-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? busyLabel : label}
        </button>
      </div>
    </>
  );
}

/** A form's save state: `run` marks it saving, and turns a failure into the banner's sentence. */
export function useSaving(): { saving: boolean; error: string | null; setError(error: string | null): void; run(action: () => Promise<void>): Promise<void> } {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>): Promise<void> => {
    setError(null);
    setSaving(true);
    try {
      await action();
    } catch (err) {
      setError(errorSentence(err));
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, setError, run };
}
