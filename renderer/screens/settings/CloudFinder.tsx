/**
 * "Find my clocks": the user's LaMetric app registration, the browser sign-in with its URL
 * shown to copy, and the list of clocks to pair (issue 14). Part of Settings → Devices.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { CloudClock, CloudProgress, DevicesView } from '../../../preload/contract';
import { TextField } from '../../components/AddForm';
import { CopyButton } from '../../components/CopyButton';
import { AllowHttpCheck } from './AllowHttpCheck';
import { DevicePanel, SecretField, type DeviceActions } from './device-parts';
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
  actions: DeviceActions;
}

function portOf(redirectUri: string): string {
  try {
    return new URL(redirectUri).port;
  } catch {
    return '47613';
  }
}

/** The "Find my clocks" part of Settings → Devices. */
export function CloudFinder({ view, actions }: CloudFinderProps) {
  const { busy, run, apply } = actions;
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
    if (await apply(() => api.devicesCloudConfigure({ cloudUrl, clientId, redirectPort: Number(port), ...(clientSecret ? { clientSecret } : {}) }))) setClientSecret('');
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
    await apply(() => api.devicesCloudPair({ deviceId: clock.id, allowHttp, ...(address ? { address } : {}) }));
  };
  const waiting = finding && progress && progress.status !== 'done' && progress.status !== 'failed';

  return (
    <DevicePanel id="cloud-title" title="Find my clocks (LaMetric account)">
      <form onSubmit={(e) => void save(e)}>
        <p className="muted small">
          Create an app at developer.lametric.com with the scopes <code>basic</code> and <code>devices_read</code>, and register exactly this redirect URI
          (LaMetric matches it letter for letter, port included):
        </p>
        <p className="small">
          <span className="mono devices-fingerprint" data-testid="cloud-redirect-uri">{cloud.redirectUri}</span> <CopyButton text={cloud.redirectUri} label="Copy redirect URI" />
        </p>
        <TextField id="cloud-url" label="LaMetric address" value={cloudUrl} onChange={setCloudUrl} required />
        <TextField id="cloud-client-id" label="Client ID" value={clientId} onChange={setClientId} autoComplete="off" required />
        <SecretField id="cloud-client-secret" label="Client secret" value={clientSecret} onChange={setClientSecret} saved={cloud.hasClientSecret} />
        <TextField id="cloud-port" label="Redirect port" inputMode="numeric" value={port} onChange={(v) => setPort(v.replace(/\D/g, ''))} required />
        <p className="muted small">
          Autolab Desktop signs in with the authorization code flow and never the implicit flow, which returns the token in the URL fragment and gives no refresh
          token (RFC 9700 §2.1.2).
        </p>
        <div className="actions">
          <button type="submit" disabled={busy}>Save LaMetric app</button>
          <button type="button" className="primary" disabled={busy || !cloud.clientId || !cloud.hasClientSecret} onClick={() => void find()}>Find my clocks</button>
          {waiting && <button type="button" onClick={() => void api.devicesCloudCancel()}>Cancel</button>}
          {cloud.signedIn && !finding && (
            <button type="button" disabled={busy} onClick={() => void apply(() => api.devicesCloudSignOut())}>Sign out of LaMetric</button>
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
              <TextField id={`cloud-clock-${c.id}`} label={`Address of ${c.name}`} value={addresses[c.id] ?? ''} onChange={(v) => setAddresses({ ...addresses, [c.id]: v })} />
              {!c.hasApiKey && <p className="muted small">LaMetric did not share this clock’s API key; pair it by hand below.</p>}
              <div className="actions">
                <button type="button" className="primary" disabled={busy || !c.hasApiKey} onClick={() => void pair(c)}>Pair {c.name}</button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {clocks && clocks.length > 0 && <AllowHttpCheck checked={allowHttp} onChange={setAllowHttp} />}
    </DevicePanel>
  );
}
