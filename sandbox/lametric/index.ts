/**
 * The LaMetric sandbox: a local LaMetric cloud (OAuth2 + users/devices) and one LaMetric Time
 * clock (local device API on HTTP and HTTPS).
 *
 * Why: issue 14 — pairing a clock through the cloud and pushing grades to it must be testable
 * end to end without LaMetric's servers or a real clock (providers.md §2). The cloud lists the
 * clock with its `ipv4_internal` (127.0.0.1) and `api_key`; the clock keeps what it was sent in
 * a queue tests can read. Bundled like the Autolab sandbox: Node built-ins and npm deps only.
 */
import type { Server as TlsServer } from 'node:https';
import { closeServer, runningSandbox, serveLoopback } from '../http/listen.js';
import { randomBytes } from 'node:crypto';
import { generateDeviceCertificate, type DeviceCertificate } from './certificate.js';
import { CloudState, hex40 } from './cloud-state.js';
import { handleCloud, type CloudContext, type LametricLogEntry } from './cloud-routes.js';
import { handleDevice, liveQueue, type DeviceContext, type QueuedNotification } from './device-routes.js';

export type { LametricLogEntry } from './cloud-routes.js';
export type { QueuedNotification } from './device-routes.js';

/** Options of {@link startLametricSandbox}. */
export interface LametricSandboxOptions {
  /** Cloud port on 127.0.0.1 (default 0 = any free port). */
  port?: number;
  /** Clock ports (default 0 each). A real clock uses 4343 (HTTPS) and 8080 (HTTP). */
  deviceHttpsPort?: number;
  deviceHttpPort?: number;
  /**
   * Redirect URIs registered for the demo application (default
   * `http://127.0.0.1:47613/callback`): LaMetric matches them exactly, so a client must use a
   * fixed loopback port.
   */
  redirectUris?: string[];
  /** Access-token lifetime in seconds (default 3600, as documented). */
  tokenLifetimeSec?: number;
}

/** What a started sandbox tells its user (also the CLI's first stdout line). */
export interface LametricSandboxInfo {
  /** `http://127.0.0.1:<port>`: the base of `/api/v2/oauth2/…` and `/api/v2/users/me…`. */
  cloudUrl: string;
  applications: Array<{ name: string; client_id: string; client_secret: string; redirect_uris: string[]; scopes: string[] }>;
  users: Array<{ email: string; password: string }>;
  device: { httpUrl: string; httpsUrl: string; apiKey: string; certificateSha256: string };
  /** The user's private Indicator app: its push URL and `X-Access-Token` (providers.md §2.3 B). */
  indicator: { pushUrl: string; accessToken: string };
}

/** Switches and views for tests. */
export interface LametricControls {
  /** The clock's live queue (what it would show), higher priority first. */
  notifications(): QueuedNotification[];
  /** Every notification the clock accepted, in arrival order, even after it expired or was dismissed. */
  received(): QueuedNotification[];
  /** Serve a new self-signed certificate from now on; returns its SHA-256 fingerprint. */
  rotateCertificate(): Promise<string>;
  /** What the Indicator app shows now (the last push's frames), or null. */
  indicatorFrames(): unknown[] | null;
  /** Every accepted Indicator push's frames, in order. */
  indicatorPushes(): unknown[][];
  /** Make every access token issued so far expired (the next API call answers 401). */
  expireAccessTokens(): void;
  /** Requests answered by the cloud and the clock (never secrets). */
  requestLog(): LametricLogEntry[];
  resetRequestLog(): void;
}

/** A running LaMetric sandbox. */
export interface LametricSandbox extends LametricSandboxInfo {
  info: LametricSandboxInfo;
  controls: LametricControls;
  /** Close every server and connection. */
  close(): Promise<void>;
}

/** The default fixed loopback redirect registered for the demo app. */
export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1:47613/callback';

/**
 * Start the cloud and the clock.
 *
 * Why: see the file comment.
 * @throws Error when a port is taken or the certificate cannot be generated.
 */
export async function startLametricSandbox(options: LametricSandboxOptions = {}): Promise<LametricSandbox> {
  let certificate: DeviceCertificate = await generateDeviceCertificate();
  const log: LametricLogEntry[] = [];
  const state = new CloudState();
  const apiKey = randomBytes(32).toString('hex');
  const tokenLifetimeSec = options.tokenLifetimeSec ?? 3600;
  const now = () => Date.now();


  state.applications.push({
    name: 'Autolab Desktop (sandbox)',
    client_id: hex40(),
    client_secret: hex40() + hex40(),
    redirect_uris: options.redirectUris ?? [DEFAULT_REDIRECT_URI],
    scopes: ['basic', 'devices_read', 'devices_write'],
  });
  state.indicators.push({ id: hex40().slice(0, 32), version: 1, accessToken: `${randomBytes(40).toString('base64url')}==`, frames: null, pushes: [] });
  state.users.push({ id: 1, email: 'owner@example.com', password: 'demo-lametric', name: 'Demo Owner' });
  state.devices.push({
    id: 18,
    owner: 1,
    name: 'Desk clock',
    state: 'configured',
    serial_number: 'SA000000000000SANDBOX',
    api_key: apiKey,
    ipv4_internal: '127.0.0.1',
    mac: '58:63:56:00:00:01',
    wifi_ssid: 'homewifi',
    created_at: '2024-09-01T10:00:00+00:00',
    updated_at: '2024-09-01T10:00:00+00:00',
  });

  const cloudCtx: CloudContext = {
    state,
    now,
    tokenLifetimeSec: () => tokenLifetimeSec,
    codeLifetimeSec: 600,
    log: (e) => log.push({ ...e, server: 'cloud', at: now() }),
  };
  const received: QueuedNotification[] = [];
  let counter = 0;
  const deviceCtx: DeviceContext = {
    apiKey,
    now,
    queue: [],
    received,
    nextId: () => String(++counter),
    log: (e) => log.push({ ...e, server: 'device', at: now() }),
  };

  const cloud = await serveLoopback(options.port ?? 0, (req, res) => handleCloud(cloudCtx, req, res));
  const http = await serveLoopback(options.deviceHttpPort ?? 0, (req, res) => handleDevice(deviceCtx, 'http', req, res));
  const https = await serveLoopback(options.deviceHttpsPort ?? 0, (req, res) => handleDevice(deviceCtx, 'https', req, res), certificate);
  const servers = [cloud.server, http.server, https.server];
  const cloudUrl = cloud.url;

  const info: LametricSandboxInfo = {
    cloudUrl,
    applications: state.applications.map((a) => ({ ...a, redirect_uris: [...a.redirect_uris], scopes: [...a.scopes] })),
    users: state.users.map((u) => ({ email: u.email, password: u.password })),
    device: { httpUrl: http.url, httpsUrl: https.url, apiKey, certificateSha256: certificate.sha256 },
    indicator: { pushUrl: `${cloudUrl}/api/v1/dev/widget/update/com.lametric.${state.indicators[0]!.id}/1`, accessToken: state.indicators[0]!.accessToken },
  };
  const controls: LametricControls = {
    notifications: () => structuredClone(liveQueue(deviceCtx)),
    received: () => structuredClone(received),
    async rotateCertificate() {
      certificate = await generateDeviceCertificate();
      const tls = https.server as unknown as TlsServer;
      tls.setSecureContext({ key: certificate.key, cert: certificate.cert });
      tls.closeIdleConnections();
      return certificate.sha256;
    },
    indicatorFrames: () => structuredClone(state.indicators[0]!.frames),
    indicatorPushes: () => structuredClone(state.indicators[0]!.pushes),
    expireAccessTokens: () => {
      for (const t of state.tokens) t.accessExpiresAt = Math.min(t.accessExpiresAt, now() - 1);
    },
    requestLog: () => log.map((e) => ({ ...e })),
    resetRequestLog: () => void log.splice(0, log.length),
  };
  return runningSandbox(info, controls, async () => {
    await Promise.all(servers.map((s) => closeServer(s)));
  });
}
