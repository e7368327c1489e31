/**
 * Copy a text to the clipboard and say so.
 */
import { useState } from 'react';

/** Props of {@link CopyButton}. */
export interface CopyButtonProps {
  text: string;
  /** The button's accessible name, e.g. "Copy address". */
  label: string;
}

/** A button that copies `text`; its live status says "Copied" or why not. */
export function CopyButton({ text, label }: CopyButtonProps) {
  const [status, setStatus] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Copied');
    } catch {
      setStatus('Copying is not allowed here; select the text and copy it yourself.');
    }
    window.setTimeout(() => setStatus(''), 2500);
  }
  return (
    <span className="copy">
      <button type="button" onClick={() => void copy()}>
        {label}
      </button>
      <span className="copy-status" aria-live="polite">
        {status}
      </span>
    </span>
  );
}
