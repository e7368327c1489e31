/**
 * "Find my clocks": the user's LaMetric app registration, the browser sign-in with its URL
 * shown to copy, and the list of clocks to pair (issue 14). Part of DevicesSettings.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { CloudClock, CloudProgress, DevicesView } from '../../../preload/contract';
import { CopyButton } from '../../components/CopyButton';
import { AllowHttpCheck } from './AllowHttpCheck';
import { useAppStore } from '../../store/app-store';

const STATUS_TEXT: Record<CloudProgress['status'], string> = {
  listening: 'Opening your browser…',
  'browser-opened': 'Sign in to LaMetric in your browser and allow access; then come back here.',
  'browser-not-opened': 'Your browser could not be opened: open this address yourself.',
  exchanging: 'Finishing the sign-in…',
  done: '',
  failed: '',
};

/** Props of {@link CloudFinder}. */
export interface CloudFinderProps {
  view: DevicesView;
  busy: boolean;
  run<T>(fn: () => Promise<T>): Promise<T | undefined>;
  onChange(view: DevicesView): void;
}

function portOf(redirectUri: string): string {
  try {
    return new URL(redirectUri).port;
  } catch {
    return '47613';
  }
}

/** The "Find my clocks" part of Settings → Devices. */
export function CloudFinder({ view, busy, run, onChange }: CloudFinderProps) {
  const api = useAppStore((s) => s.api);
  const cloud = view.cloud;
  const [cloudUrl, setCloudUrl] = useState(cloud.cloudUrl);
  const [clientId, setClientId] = useState(cloud.clientId);
  const [clientSecret, setClientSecret] = useState('');
  const [port, setPort] = useState(portOf(cloud.redirectUri));
  const [progress, setProgress] = useState<CloudProgress | null>(null);
  const [clocks, setClocks] = useState<CloudClock[] | null>(null);
  const [addresses, setAddresses] = useState<Record<number, string>>({});
  const [allowHttp, setAllowHttp] = useState(false);
  const [finding, setFinding] = useState(false);
  useEffect(() => (api ? api.on('devices:cloud-progress', setProgress) : undefined), [api]);
  if (!api) return null;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const next = await run(() => api.devicesCloudConfigure({ cloudUrl, clientId, redirectPort: Number(port), ...(clientSecret ? { clientSecret } : {}) }));
    if (next) {
      setClientSecret('');
      onChange(next);
    }
  };
  const find = async () => {
    setFinding(true);
    setProgress(null);
    const found = await run(() => api.devicesCloudFind());
    setFinding(false);
    if (found) {
      setClocks(found);
      setAddresses(Object.fromEntries(found.map((c) => [c.id, c.ipv4Internal])));
    }
  };
  const pair = async (clock: CloudClock) => {
    const address = addresses[clock.id]?.trim();
    const next = await run(() => api.devicesCloudPair({ deviceId: clock.id, allowHttp, ...(address ? { address } : {}) }));
    if (next) onChange(next);
  };
  const waiting = finding && progress && progress.status !== 'done' && progress.status !== 'failed';

  return (
    <div className="devices-panel" role="group" aria-labelledby="cloud-title">
      <h3 id="cloud-title" className="section-title">Find my clocks (LaMetric account)</h3>
      <form onSubmit={(e) => void save(e)}>
        <p className="muted small">
          Create an app at developer.lametric.com with the scopes <code>basic</code> and <code>devices_read</code>, and register exactly this redirect URI
          (LaMetric matches it letter for letter, port included):
        </p>
        <p className="small">
          <span className="mono devices-fingerprint" data-testid="cloud-redirect-uri">{cloud.redirectUri}</span> <CopyButton text={cloud.redirectUri} label="Copy redirect URI" />
        </p>
        <div className="field">
          <label htmlFor="cloud-url">LaMetric address</label>
          <input id="cloud-url" value={cloudUrl} onChange={(e) => setCloudUrl(e.target.value)} spellCheck={false} required />
        </div>
        <div className="field">
          <label htmlFor="cloud-client-id">Client ID</label>
          <input id="cloud-client-id" value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" spellCheck={false} required />
        </div>
        <div className="field">
          <label htmlFor="cloud-client-secret">Client secret</label>
          <input id="cloud-client-secret" type="password" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} autoComplete="off"
            placeholder={cloud.hasClientSecret ? 'Saved in your keychain' : ''} required={!cloud.hasClientSecret} />
        </div>
        <div className="field">
          <label htmlFor="cloud-port">Redirect port</label>
          <input id="cloud-port" inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value.replace(/\D/g, ''))} required />
        </div>
        <p className="muted small">
          Autolab Desktop signs in with the authorization code flow and never the implicit flow, which returns the token in the URL fragment and gives no refresh
          token (RFC 9700 §2.1.2).
        </p>
        <div className="actions">
          <button type="submit" disabled={busy}>Save LaMetric app</button>
          <button type="button" className="primary" disabled={busy || !cloud.clientId || !cloud.hasClientSecret} onClick={() => void find()}>Find my clocks</button>
          {waiting && <button type="button" onClick={() => void api.devicesCloudCancel()}>Cancel</button>}
          {cloud.signedIn && !finding && (
            <button type="button" disabled={busy} onClick={() => void run(() => api.devicesCloudSignOut()).then((v) => v && onChange(v))}>Sign out of LaMetric</button>
          )}
        </div>
      </form>
      {waiting && (
        <div className="banner banner-info" role="status">
          <p>{STATUS_TEXT[progress.status]}</p>
          {progress.authorizeUrl && (
            <p className="small">
              <span className="mono devices-fingerprint" data-testid="cloud-authorize-url">{progress.authorizeUrl}</span>{' '}
              <CopyButton text={progress.authorizeUrl} label="Copy sign-in address" />
            </p>
          )}
        </div>
      )}
      {clocks && (
        <ul className="devices-clocks" aria-label="Your LaMetric clocks">
          {clocks.length === 0 && <li className="muted">Your LaMetric account has no clocks.</li>}
          {clocks.map((c) => (
            <li key={c.id}>
              <p>
                <strong>{c.name}</strong> <span className="muted small">({c.state})</span>
              </p>
              <div className="field">
                <label htmlFor={`cloud-clock-${c.id}`}>Address of {c.name}</label>
                <input id={`cloud-clock-${c.id}`} value={addresses[c.id] ?? ''} onChange={(e) => setAddresses({ ...addresses, [c.id]: e.target.value })} spellCheck={false} />
              </div>
              {!c.hasApiKey && <p className="muted small">LaMetric did not share this clock’s API key; pair it by hand below.</p>}
              <div className="actions">
                <button type="button" className="primary" disabled={busy || !c.hasApiKey} onClick={() => void pair(c)}>Pair {c.name}</button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {clocks && clocks.length > 0 && <AllowHttpCheck checked={allowHttp} onChange={setAllowHttp} />}
    </div>
  );
}
