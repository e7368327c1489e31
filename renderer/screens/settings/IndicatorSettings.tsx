/**
 * The LaMetric cloud Indicator app push in Settings → Devices (issue 14): the push URL and
 * access token of the user's own Indicator app, so the last grade or deadline shows on the
 * clock wherever it is. Part of DevicesSettings.
 */
import { useState, type FormEvent } from 'react';
import type { DevicesView } from '../../../preload/contract';
import { useAppStore } from '../../store/app-store';
import { lastPushText } from './last-push-text';

/** Props of {@link IndicatorSettings}. */
export interface IndicatorSettingsProps {
  view: DevicesView;
  busy: boolean;
  run<T>(fn: () => Promise<T>): Promise<T | undefined>;
  onChange(view: DevicesView): void;
}

/** The Indicator app part of Settings → Devices. */
export function IndicatorSettings({ view, busy, run, onChange }: IndicatorSettingsProps) {
  const api = useAppStore((s) => s.api);
  const [pushUrl, setPushUrl] = useState(view.indicator?.pushUrl ?? '');
  const [token, setToken] = useState('');
  if (!api) return null;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const next = await run(() => api.devicesIndicatorSet({ pushUrl, ...(token ? { accessToken: token } : {}) }));
    if (next) {
      setToken('');
      onChange(next);
    }
  };
  return (
    <form className="devices-panel devices-indicator" onSubmit={(e) => void save(e)} aria-labelledby="indicator-title">
      <h3 id="indicator-title" className="section-title">Away from home: an Indicator app</h3>
      <p className="muted small">
        To see the latest grade on a clock elsewhere, create a private Indicator app with communication type “Push” at developer.lametric.com, install it
        on the clock, and paste its push URL and access token. It goes through LaMetric’s cloud.
      </p>
      <div className="field">
        <label htmlFor="indicator-url">Push URL</label>
        <input id="indicator-url" value={pushUrl} onChange={(e) => setPushUrl(e.target.value)} spellCheck={false} required />
      </div>
      <div className="field">
        <label htmlFor="indicator-token">Access token</label>
        <input id="indicator-token" type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" spellCheck={false}
          placeholder={view.indicator ? 'Saved in your keychain' : ''} required={!view.indicator} />
      </div>
      {view.indicator && (
        <p role="status" className={`devices-status${view.indicator.lastPush && !view.indicator.lastPush.ok ? ' failed' : ''}`} data-testid="indicator-last-push">
          {lastPushText(view.indicator.lastPush, 'cloud')}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>Save Indicator app</button>
        {view.indicator && (
          <button type="button" className="danger" disabled={busy} onClick={() => void run(() => api.devicesIndicatorRemove()).then((v) => v && onChange(v))}>
            Stop using the Indicator app
          </button>
        )}
      </div>
    </form>
  );
}
