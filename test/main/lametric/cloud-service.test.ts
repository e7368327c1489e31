/**
 * "Find my clocks" against the LaMetric cloud sandbox (issue 14): the authorization code flow
 * through a fixed loopback redirect with a multipart token request and `basic devices_read`,
 * tokens and the client secret in the secret store, exactly one refresh when the access token
 * expired, pairing a listed clock — and never a `response_type=token` request.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshTokenKey } from '../../../main/secrets/secret-store';
import { EventBus } from '../../../main/events';
import { CLOUD_ACCOUNT_ID } from '../../../main/lametric/cloud-service';
import { LametricFeature } from '../../../main/lametric/lametric-feature';
import { LAMETRIC_SECRET_KEYS } from '../../../main/lametric/lametric-store';
import { createLogger } from '../../../main/logger';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import { WatcherSettingsStore } from '../../../main/watcher/watcher-settings';
import { startLametricSandbox, type LametricSandbox } from '../../../sandbox/lametric/index';
import { approveInBrowser } from '../../sandbox/lametric/cloud-browser';
import { freePort } from '../../helpers/free-port';

let sb: LametricSandbox;
let dir: string;
let port: number;
const secrets = new MemorySecretStore();
const opened: string[] = [];
const progress: unknown[] = [];
let decision: 'allow' | 'deny' = 'allow';
/** Status codes of forged callbacks sent to the loopback before the real one. */
const forged: number[] = [];


/** The system browser: follows the URL on the cloud's real pages and lands on the loopback. */
async function browser(url: string): Promise<boolean> {
  opened.push(url);
  void (async () => {
    const back = await approveInBrowser(url, sb.users[0]!, decision);
    if (forged.length === 0) {
      // Another local program tries to complete the sign-in with its own code and a wrong state first.
      const fake = new URL(back);
      fake.searchParams.set('code', 'attacker-code');
      fake.searchParams.set('state', 'not-the-state');
      forged.push((await fetch(fake)).status);
    }
    await fetch(back).catch(() => undefined);
  })();
  return true;
}

async function build(): Promise<LametricFeature> {
  const events = new EventBus();
  events.attach((event, payload) => event === 'devices:cloud-progress' && progress.push(payload));
  const settings = new WatcherSettingsStore(dir);
  await settings.load();
  const f = new LametricFeature({ dataDir: dir, secrets, events, settings, log: createLogger(() => undefined), openExternal: browser });
  await f.load();
  return f;
}

beforeAll(async () => {
  port = await freePort();
  sb = await startLametricSandbox({ redirectUris: [`http://127.0.0.1:${port}/callback`] });
  dir = await mkdtemp(path.join(os.tmpdir(), 'lametric-cloud-'));
});
afterAll(async () => {
  await sb.close();
  await rm(dir, { recursive: true, force: true });
});

describe('Find my clocks', () => {
  let feature: LametricFeature;

  it('shows the fixed loopback redirect to register before anything is configured', async () => {
    feature = await build();
    const view = await feature.handlers()['devices:get']();
    expect(view.cloud).toMatchObject({ cloudUrl: 'https://developer.lametric.com', redirectUri: 'http://127.0.0.1:47613/callback', hasClientSecret: false, signedIn: false });
    await expect(feature.handlers()['devices:cloud-find']()).rejects.toMatchObject({ code: 'cloud-not-configured' });
  });

  it('signs in with the code flow (multipart token request, scopes basic devices_read, state) and lists the clock without its API key', async () => {
    const app = sb.applications[0]!;
    const configured = await feature.handlers()['devices:cloud-configure']({ cloudUrl: sb.cloudUrl, clientId: app.client_id, clientSecret: app.client_secret, redirectPort: port });
    expect(configured.cloud).toMatchObject({ redirectUri: `http://127.0.0.1:${port}/callback`, hasClientSecret: true });
    expect(JSON.stringify(configured)).not.toContain(app.client_secret);
    expect(await secrets.get(LAMETRIC_SECRET_KEYS.clientSecret)).toBe(app.client_secret);

    const clocks = await feature.handlers()['devices:cloud-find']();
    expect(clocks).toEqual([{ id: 18, name: 'Desk clock', state: 'configured', ipv4Internal: '127.0.0.1', hasApiKey: true }]);
    const url = new URL(opened[0]!);
    expect(url.origin + url.pathname).toBe(`${sb.cloudUrl}/api/v2/oauth2/authorize/`);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${port}/callback`);
    expect(url.search).toContain('scope=basic+devices_read');
    expect(url.searchParams.get('state')?.length).toBeGreaterThanOrEqual(32);
    expect(url.searchParams.has('client_secret')).toBe(false);
    const token = sb.controls.requestLog().filter((e) => e.path === '/api/v2/oauth2/token');
    expect(token).toEqual([expect.objectContaining({ status: 200, contentType: 'multipart/form-data', grantType: 'authorization_code' })]);
    expect(forged).toEqual([400]); // the wrong state was refused and the real callback still completed
    expect(await secrets.get(refreshTokenKey(CLOUD_ACCOUNT_ID))).toMatch(/^[0-9a-f]{40}$/);
    expect(progress).toContainEqual({ status: 'listening', authorizeUrl: opened[0] });
    expect(JSON.stringify(progress)).not.toContain(sb.device.apiKey);
    expect((await feature.handlers()['devices:get']()).cloud.signedIn).toBe(true);
  });

  it('after the access token expires, the next listing makes exactly one refresh and no new browser sign-in', async () => {
    const mark = sb.controls.requestLog().length;
    sb.controls.expireAccessTokens();
    const before = opened.length;
    await Promise.all([feature.handlers()['devices:cloud-find'](), feature.handlers()['devices:cloud-find']()]);
    const log = sb.controls.requestLog().slice(mark);
    expect(log.filter((e) => e.grantType === 'refresh_token')).toHaveLength(1);
    expect(log.filter((e) => e.path === '/api/v2/users/me/devices').map((e) => e.status)).toEqual([401, 401, 200, 200]);
    expect(opened).toHaveLength(before);
  });

  it('resumes the cloud sign-in from the secret store after a restart', async () => {
    const again = await build();
    const before = opened.length;
    expect(await again.handlers()['devices:cloud-find']()).toHaveLength(1);
    expect(opened).toHaveLength(before);
    feature = again;
  });

  it('pairs a listed clock with its LAN address and the API key from the cloud', async () => {
    await feature.handlers()['devices:cloud-find']();
    const view = await feature.handlers()['devices:cloud-pair']({ deviceId: 18, address: `127.0.0.1:${new URL(sb.device.httpsUrl).port}`, allowHttp: false });
    expect(view.clock).toMatchObject({ name: 'Desk clock', certificateSha256: sb.device.certificateSha256 });
    expect(await secrets.get(LAMETRIC_SECRET_KEYS.apiKey)).toBe(sb.device.apiKey);
    await feature.handlers()['devices:test']();
    expect(sb.controls.received()).toHaveLength(1);
  });

  it('a denial in the browser ends the sign-in with one sentence', async () => {
    await feature.handlers()['devices:cloud-sign-out']();
    expect(await secrets.get(refreshTokenKey(CLOUD_ACCOUNT_ID))).toBeNull();
    decision = 'deny';
    await expect(feature.handlers()['devices:cloud-find']()).rejects.toMatchObject({ code: 'sign-in-denied' });
    decision = 'allow';
  });

  it('never asks for the implicit flow (no request of this whole file carried response_type=token)', () => {
    expect(opened.length).toBeGreaterThan(0);
    for (const u of opened) expect(new URL(u).searchParams.get('response_type')).toBe('code');
    const authorize = sb.controls.requestLog().filter((e) => e.responseType !== undefined);
    expect(authorize.length).toBeGreaterThan(0);
    expect(authorize.every((e) => e.responseType === 'code')).toBe(true);
  });
});
