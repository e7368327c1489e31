/**
 * The offline cache (issue 15): how much the last data seen takes on disk,
 * and clearing it (screens then ask Autolab again as they load).
 */
import { useEffect, useState } from 'react';
import type { CacheInfo } from '../../../preload/contract';
import { formatBytes } from '../../domain/byte-size';
import { errorSentence, requireApi } from '../../store/app-store';

/** The cache section. */
export function CacheSection() {
  const [info, setInfo] = useState<CacheInfo | null>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  useEffect(() => {
    requireApi().cacheInfo().then(setInfo, (err: unknown) => setStatus({ text: errorSentence(err), error: true }));
  }, []);
  async function clear() {
    setStatus(null);
    try {
      setInfo(await requireApi().cacheClear());
      setStatus({ text: 'Cleared. Screens will ask Autolab again as you open them.', error: false });
    } catch (err) {
      setStatus({ text: errorSentence(err), error: true });
    }
  }
  return (
    <>
      <p>
        The last courses, assessments and scores seen, kept so the app shows them at once and while offline. Never your password or sign-in.
      </p>
      <p data-testid="cache-size">{info ? `${formatBytes(info.bytes)} in ${info.files} ${info.files === 1 ? 'file' : 'files'}` : 'Measuring…'}</p>
      <div className="actions">
        <button type="button" disabled={!info || info.files === 0} onClick={() => void clear()}>
          Clear the cache
        </button>
        {status && (
          <span role={status.error ? 'alert' : 'status'} className={status.error ? 'field-error' : 'muted small'}>
            {status.text}
          </span>
        )}
      </div>
    </>
  );
}
