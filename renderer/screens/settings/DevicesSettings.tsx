/**
 * Settings → Devices: a LaMetric Time desk clock that shows grades and deadlines (issue 14).
 *
 * Pair a clock by hand (its address and device API key) or find it through the LaMetric
 * cloud; then see where the last push went, send a test notification, allow plain HTTP, and
 * accept a changed certificate. Self-contained: it talks to the contract's `devices:*`
 * channels and listens to `devices:changed`, so it can be mounted on any settings screen.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { DevicesView } from '../../../preload/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { errorSentence, useAppStore } from '../../store/app-store';
import { AllowHttpCheck } from './AllowHttpCheck';
import { CloudFinder } from './CloudFinder';
import { IndicatorSettings } from './IndicatorSettings';
import { lastPushText } from './last-push-text';
import './devices.css';

function PairByHand({ onDone, busy, run }: { onDone(view: DevicesView): void; busy: boolean; run<T>(fn: () => Promise<T>): Promise<T | undefined> }) {
  const api = useAppStore((s) => s.api);
  const [address, setAddress] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [allowHttp, setAllowHttp] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!api) return;
    const view = await run(() => api.devicesPair({ address, apiKey, allowHttp }));
    if (view) {
      setApiKey('');
      onDone(view);
    }
  };
  return (
    <form className="devices-panel" onSubmit={(e) => void submit(e)} aria-labelledby="pair-hand-title">
      <h3 id="pair-hand-title" className="section-title">Enter it by hand</h3>
      <div className="field">
        <label htmlFor="clock-address">Clock address</label>
        <input id="clock-address" value={address} onChange={(e) => setAddress(e.target.value)} placeholder="192.168.0.128" autoComplete="off" spellCheck={false} required />
      </div>
      <div className="field">
        <label htmlFor="clock-key">Device API key</label>
        <input id="clock-key" type="password" value={apiKey} onChange={(e) => setApiKey(e.target.value)} autoComplete="off" spellCheck={false} required aria-describedby="clock-key-hint" />
        <p id="clock-key-hint" className="muted small">In the LaMetric app: Device → Settings → Device API Key. It is kept in your system keychain.</p>
      </div>
      <AllowHttpCheck checked={allowHttp} onChange={setAllowHttp} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>Pair clock</button>
      </div>
    </form>
  );
}

function PairedClock({ view, busy, run, onChange }: { view: DevicesView; busy: boolean; run<T>(fn: () => Promise<T>): Promise<T | undefined>; onChange(view: DevicesView): void }) {
  const api = useAppStore((s) => s.api);
  const clock = view.clock!;
  const act = async (fn: () => Promise<DevicesView>) => {
    const next = await run(fn);
    if (next) onChange(next);
  };
  if (!api) return null;
  return (
    <div>
      <p>
        <strong>{clock.name}</strong> at <span className="mono">{clock.address}</span>
      </p>
      <p className="muted small">
        Certificate SHA-256 (pinned): <span className="mono devices-fingerprint" data-testid="clock-fingerprint">{clock.certificateSha256}</span>
      </p>
      <p role="status" className={`devices-status${clock.lastPush && !clock.lastPush.ok ? ' failed' : ''}`} data-testid="clock-last-push">
        {lastPushText(clock.lastPush)}
      </p>
      {clock.pendingCertificateSha256 && (
        <div className="banner banner-warn" role="alert">
          <p>The clock presented a different certificate, so nothing is sent to it. This happens after a factory reset or a firmware update, but it could also be another device on your network.</p>
          <p className="small">
            New SHA-256: <span className="mono devices-fingerprint" data-testid="clock-new-fingerprint">{clock.pendingCertificateSha256}</span>
          </p>
          <button type="button" disabled={busy} onClick={() => void act(() => api.devicesAcceptCertificate({ sha256: clock.pendingCertificateSha256! }))}>
            Trust the new certificate
          </button>
        </div>
      )}
      <AllowHttpCheck checked={clock.allowHttp} onChange={(on) => void act(() => api.devicesSet({ allowHttp: on }))} />
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void act(() => api.devicesTest())}>Send a test notification</button>
        <button type="button" className="danger" disabled={busy} onClick={() => void act(() => api.devicesUnpair())}>Unpair</button>
      </div>
    </div>
  );
}

/**
 * The Devices settings without a frame: for a settings screen that gives each section its own
 * card and heading.
 */
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
        <PairedClock view={view} busy={busy} run={run} onChange={setView} />
      ) : (
        <div className="devices-grid">
          <PairByHand busy={busy} run={run} onDone={setView} />
          <CloudFinder view={view} busy={busy} run={run} onChange={setView} />
        </div>
      )}
      {view && <IndicatorSettings view={view} busy={busy} run={run} onChange={setView} />}
    </div>
  );
}

/** The Devices settings as a card of its own, with its heading. */
export function DevicesSettings() {
  return (
    <section className="card settings" aria-labelledby="devices-title">
      <h2 id="devices-title">Devices</h2>
      <DevicesSection />
    </section>
  );
}
