/**
 * After a download or a calendar export (issue 15): "Show in folder" where the
 * host can reveal files (Electron), otherwise the path with a Copy button
 * (the web host cannot open the file manager).
 */
import { useEffect, useState } from 'react';
import { requireApi } from '../store/app-store';
import { CopyButton } from './CopyButton';

/** Whether this host can reveal a file; asked once per window. */
let canShow: Promise<boolean> | null = null;

/** Where a file was saved, with the way to find it. */
export function SavedFileNote({ path, what = 'Saved' }: { path: string; what?: string }) {
  const [showable, setShowable] = useState<boolean | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => {
    canShow ??= requireApi()
      .appSettingsGet()
      .then((s) => s.canShowInFolder, () => false);
    void canShow.then(setShowable);
  }, []);
  async function show() {
    const result = await requireApi().shellShowInFolder({ path }).catch(() => ({ shown: false }));
    setNote(result.shown ? '' : 'The file manager could not be opened; copy the path instead.');
  }
  return (
    <span role="status" className="saved-file small">
      {what} to <span className="mono saved-path">{path}</span>
      {showable ? (
        <button type="button" className="small-button" onClick={() => void show()}>
          Show in folder
        </button>
      ) : (
        showable === false && <CopyButton text={path} label="Copy path" />
      )}
      {note && <span className="muted"> {note}</span>}
    </span>
  );
}
