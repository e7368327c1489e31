/**
 * The LaMetric cloud Indicator app push in Settings → Devices (issue 14): the push URL and
 * access token of the user's own Indicator app, so the last grade or deadline shows on the
 * clock wherever it is. Part of Settings → Devices.
 */
import { useState, type FormEvent } from 'react';
import type { DevicesView } from '../../../preload/contract';
import { TextField } from '../../components/AddForm';
import { useAppStore } from '../../store/app-store';
import { DevicePanel, PushStatus, SecretField, type DeviceActions } from './device-parts';

/** Props of {@link IndicatorSettings}. */
export interface IndicatorSettingsProps {
  view: DevicesView;
  actions: DeviceActions;
}

/** The Indicator app part of Settings → Devices. */
export function IndicatorSettings({ view, actions }: IndicatorSettingsProps) {
  const { busy, apply } = actions;
  const api = useAppStore((s) => s.api);
  const [pushUrl, setPushUrl] = useState(view.indicator?.pushUrl ?? '');
  const [token, setToken] = useState('');
  if (!api) return null;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (await apply(() => api.devicesIndicatorSet({ pushUrl, ...(token ? { accessToken: token } : {}) }))) setToken('');
  };
  return (
    <DevicePanel id="indicator-title" title="Away from home: an Indicator app" className="devices-indicator" onSubmit={(e) => void save(e)}>
      <p className="muted small">
        To see the latest grade on a clock elsewhere, create a private Indicator app with communication type “Push” at developer.lametric.com, install it
        on the clock, and paste its push URL and access token. It goes through LaMetric’s cloud.
      </p>
      <TextField id="indicator-url" label="Push URL" value={pushUrl} onChange={setPushUrl} required />
      <SecretField id="indicator-token" label="Access token" value={token} onChange={setToken} saved={!!view.indicator} />
      {view.indicator && <PushStatus last={view.indicator.lastPush} target="cloud" testId="indicator-last-push" />}
      <div className="actions">
        <button type="submit" disabled={busy}>Save Indicator app</button>
        {view.indicator && (
          <button type="button" className="danger" disabled={busy} onClick={() => void apply(() => api.devicesIndicatorRemove())}>
            Stop using the Indicator app
          </button>
        )}
      </div>
    </DevicePanel>
  );
}
