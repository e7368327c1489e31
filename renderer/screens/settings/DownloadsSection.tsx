/**
 * Where downloads (handouts, writeups) go (issue 15): a chosen folder, or the
 * host's default (ask each time on the desktop, Downloads in the web host).
 */
import { useEffect, useState } from 'react';
import type { AppSettings } from '../../../preload/contract';
import { errorSentence, requireApi } from '../../store/app-store';

/** The downloads folder setting. */
export function DownloadsSection() {
  const [settings, setSettings] = useState<AppSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    requireApi().appSettingsGet().then(setSettings, (err: unknown) => setError(errorSentence(err)));
  }, []);
  const run = (call: () => Promise<AppSettings>) => {
    setError(null);
    call().then(setSettings, (err: unknown) => setError(errorSentence(err)));
  };
  if (!settings) return error ? <p role="alert" className="field-error">{error}</p> : null;
  return (
    <>
      <p>
        Handouts and writeups are saved to:{' '}
        {settings.downloadsDir ? <span className="mono" data-testid="downloads-dir">{settings.downloadsDir}</span> : <strong>{settings.defaultDownloadsHint}</strong>}
      </p>
      {!settings.canChooseFolder && <p className="muted">This window is the web host, which cannot show a folder picker.</p>}
      <div className="actions">
        {settings.canChooseFolder && (
          <button type="button" onClick={() => run(() => requireApi().appChooseDownloads())}>
            Choose folder…
          </button>
        )}
        {settings.downloadsDir && (
          <button type="button" className="ghost" onClick={() => run(() => requireApi().appSettingsSet({ downloadsDir: null }))}>
            Use the default ({settings.defaultDownloadsHint})
          </button>
        )}
      </div>
      {error && <p role="alert" className="field-error">{error}</p>}
    </>
  );
}
