/**
 * Where a file is dropped or chosen: highlights on drag-over, refuses folders
 * with a sentence, and has a real file input behind a "Choose file…" button.
 */
import { useRef, useState, type DragEvent } from 'react';
import { useSubmit } from '../../store/submit-store';

const FOLDER_SENTENCE =
  'That is a folder. Autolab takes one file: make an archive of the folder (for example a .zip or .tar) and drop that instead.';

/** Props of {@link DropZone}. */
export interface DropZoneProps {
  disabled: boolean;
  /** Why submitting is not possible now, shown instead of the hint. */
  disabledReason?: string;
}

/** The drop zone (a region named "Drop a file to submit"). */
export function DropZone({ disabled, disabledReason }: DropZoneProps) {
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const pick = useSubmit((s) => s.pick);
  const refuse = useSubmit((s) => s.refuse);

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    const items = Array.from(e.dataTransfer.items ?? []).filter((i) => i.kind === 'file');
    if (items.some((i) => i.webkitGetAsEntry?.()?.isDirectory)) {
      refuse(FOLDER_SENTENCE);
      return;
    }
    const files = Array.from(e.dataTransfer.files);
    if (files.length > 1) {
      refuse('Drop one file at a time: Autolab takes a single file per submission.');
      return;
    }
    if (files[0]) pick(files[0]);
  }

  return (
    <div
      role="region"
      aria-label="Drop a file to submit"
      className={`drop-zone${over ? ' drag-over' : ''}${disabled ? ' disabled' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <span className="drop-icon" aria-hidden="true">⇪</span>
      <p className="drop-title">{disabled ? disabledReason : 'Drop your file here'}</p>
      {!disabled && (
        <>
          <p className="muted small">or</p>
          <input
            ref={input}
            id="submit-file-input"
            type="file"
            className="sr-only"
            tabIndex={-1}
            aria-label="Choose file…"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) pick(file);
              e.target.value = '';
            }}
          />
          <button type="button" className="button" onClick={() => input.current?.click()}>
            Choose file…
          </button>
        </>
      )}
    </div>
  );
}
