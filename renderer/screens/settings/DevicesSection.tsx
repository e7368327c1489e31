/**
 * Settings → Devices: a LaMetric Time desk clock that shows grades and deadlines (issue 14).
 *
 * Pair a clock by hand (its address and device API key) or find it through the LaMetric
 * cloud; then see where the last push went, send a test notification, allow plain HTTP, and
 * accept a changed certificate. Self-contained: it talks to the contract's `devices:*`
 * channels and listens to `devices:changed`; the Settings screen gives it its card and heading.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { DevicesView } from '../../../preload/contract';
import { TextField } from '../../components/AddForm';
import { ErrorBanner } from '../../components/ErrorBanner';
import { errorSentence, useAppStore } from '../../store/app-store';
import { AllowHttpCheck } from './AllowHttpCheck';
import { CloudFinder } from './CloudFinder';
import { DevicePanel, PushStatus, type DeviceActions } from './device-parts';
import { IndicatorSettings } from './IndicatorSettings';
import './devices.css';

function PairByHand({ actions }: { actions: DeviceActions }) {
  const api = useAppStore((s) => s.api);
  const [address, setAddress] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [allowHttp, setAllowHttp] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (api && (await actions.apply(() => api.devicesPair({ address, apiKey, allowHttp })))) setApiKey('');
  };
  return (
    <DevicePanel id="pair-hand-title" title="Enter it by hand" onSubmit={(e) => void submit(e)}>
      <TextField id="clock-address" label="Clock address" value={address} onChange={setAddress} placeholder="192.168.0.128" autoComplete="off" required />
      <TextField
        id="clock-key"
        label="Device API key"
        type="password"
        value={apiKey}
        onChange={setApiKey}
        autoComplete="off"
        required
        hint="In the LaMetric app: Device → Settings → Device API Key. It is kept in your system keychain."
      />
      <AllowHttpCheck checked={allowHttp} onChange={setAllowHttp} />
      <div className="actions">
        <button type="submit" className="primary" disabled={actions.busy}>
          Pair clock
        </button>
      </div>
    </DevicePanel>
  );
}

function PairedClock({ view, actions }: { view: DevicesView; actions: DeviceActions }) {
  const api = useAppStore((s) => s.api);
  const clock = view.clock!;
  if (!api) return null;
  const act = (fn: () => Promise<DevicesView>) => void actions.apply(fn);
  return (
    <div>
      <p>
        <strong>{clock.name}</strong> at <span className="mono">{clock.address}</span>
      </p>
      <p className="muted small">
        Certificate SHA-256 (pinned):{' '}
        <span className="mono devices-fingerprint" data-testid="clock-fingerprint">
          {clock.certificateSha256}
        </span>
      </p>
      <PushStatus last={clock.lastPush} testId="clock-last-push" />
      {clock.pendingCertificateSha256 && (
        <div className="banner banner-warn" role="alert">
          <p>
            The clock presented a different certificate, so nothing is sent to it. This happens after a factory reset or a firmware update, but it could
            also be another device on your network.
          </p>
          <p className="small">
            New SHA-256:{' '}
            <span className="mono devices-fingerprint" data-testid="clock-new-fingerprint">
              {clock.pendingCertificateSha256}
            </span>
          </p>
          <button type="button" disabled={actions.busy} onClick={() => act(() => api.devicesAcceptCertificate({ sha256: clock.pendingCertificateSha256! }))}>
            Trust the new certificate
          </button>
        </div>
      )}
      <AllowHttpCheck checked={clock.allowHttp} onChange={(on) => act(() => api.devicesSet({ allowHttp: on }))} />
      <div className="actions">
        <button type="button" className="primary" disabled={actions.busy} onClick={() => act(() => api.devicesTest())}>
          Send a test notification
        </button>
        <button type="button" className="danger" disabled={actions.busy} onClick={() => act(() => api.devicesUnpair())}>
          Unpair
        </button>
      </div>
    </div>
  );
}

/** The Devices section of Settings (the screen gives it its card and heading). */
export function DevicesSection() {
  const api = useAppStore((s) => s.api);
  const [view, setView] = useState<DevicesView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!api) return;
    const off = api.on('devices:changed', setView);
    api.devicesGet().then(setView, (e: unknown) => setError(errorSentence(e)));
    return off;
  }, [api]);
  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      // A changed certificate has its own banner with the new fingerprint and the way to trust it.
      if ((e as { code?: string }).code !== 'clock-certificate-changed') setError(errorSentence(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  const actions: DeviceActions = {
    busy,
    run,
    async apply(fn) {
      const next = await run(fn);
      if (next) setView(next);
      return next !== undefined;
    },
  };
  return (
    <div className="devices-card">
      <p className="muted">
        A LaMetric Time desk clock can show your grades and deadlines (“malloclab 94/100”, “bomblab due in 1 h”). It uses the same switches as your
        notifications: with scores hidden it shows “New grade posted”.
      </p>
      <ErrorBanner message={error} />
      {!view ? (
        <p className="muted">Loading…</p>
      ) : view.clock ? (
        <PairedClock view={view} actions={actions} />
      ) : (
        <div className="devices-grid">
          <PairByHand actions={actions} />
          <CloudFinder view={view} actions={actions} />
        </div>
      )}
      {view && <IndicatorSettings view={view} actions={actions} />}
    </div>
  );
}
