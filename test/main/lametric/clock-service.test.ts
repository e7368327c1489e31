/**
 * The paired clock against the LaMetric sandbox's clock (issue 14): pairing by hand pins the
 * clock's certificate; pushes arrive over HTTPS with Basic dev:<api_key>; a changed
 * certificate is refused until the user accepts it; plain HTTP only when allowed; an
 * unreachable clock is dropped quietly with a status; privacy, pause and muted courses apply.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityItem, EventName } from '../../../preload/contract';
import { EventBus } from '../../../main/events';
import { LametricFeature } from '../../../main/lametric/lametric-feature';
import { LAMETRIC_SECRET_KEYS } from '../../../main/lametric/lametric-store';
import { createLogger } from '../../../main/logger';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import { WatcherSettingsStore } from '../../../main/watcher/watcher-settings';
import { startLametricSandbox, type LametricSandbox } from '../../../sandbox/lametric/index';
import { freePort } from '../../helpers/free-port';

let sb: LametricSandbox;
let dir: string;
let feature: LametricFeature;
let settings: WatcherSettingsStore;
let secrets: MemorySecretStore;
let emitted: Array<{ event: EventName; payload: unknown }>;
const timeouts = { connectMs: 1_000, requestMs: 4_000 };

const address = () => `127.0.0.1:${new URL(sb.device.httpsUrl).port}`;
const httpPort = () => Number(new URL(sb.device.httpUrl).port);


function graded(course = 'demo-15213', n = 1): ActivityItem {
  return { id: `graded:${course}:${n}`, kind: 'graded', at: 0, title: 'Data Lab graded', body: `Version ${n}: 94/100`, hasScore: true, read: false, target: { accountId: 'student', course, assessment: 'datalab', version: n }, score: { value: 94, max: 100 } };
}

async function build(): Promise<LametricFeature> {
  const events = new EventBus();
  events.attach((event, payload) => emitted.push({ event, payload }));
  const f = new LametricFeature({ dataDir: dir, secrets, events, settings, log: createLogger(() => undefined), openExternal: async () => false, timeouts });
  await f.load();
  return f;
}

beforeEach(async () => {
  sb = await startLametricSandbox();
  dir = await mkdtemp(path.join(os.tmpdir(), 'lametric-clock-'));
  settings = new WatcherSettingsStore(dir);
  await settings.load();
  secrets = new MemorySecretStore();
  emitted = [];
  feature = await build();
});
afterEach(async () => {
  await sb.close();
  await rm(dir, { recursive: true, force: true });
});

describe('pairing by hand', () => {
  it('pins the clock’s certificate, keeps the API key in the secret store only, and the test notification arrives over HTTPS', async () => {
    const view = await feature.handlers()['devices:pair']({ address: address(), apiKey: sb.device.apiKey, allowHttp: false });
    expect(view.clock).toMatchObject({ certificateSha256: sb.device.certificateSha256, pendingCertificateSha256: null, allowHttp: false });
    expect(await secrets.get(LAMETRIC_SECRET_KEYS.apiKey)).toBe(sb.device.apiKey);
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(path.join(dir, 'lametric.json'), 'utf8')).not.toContain(sb.device.apiKey);
    expect(JSON.stringify(emitted)).not.toContain(sb.device.apiKey);

    const after = await feature.handlers()['devices:test']();
    expect(after.clock?.lastPush).toMatchObject({ ok: true, via: 'https', failure: null });
    expect(sb.controls.received()).toEqual([expect.objectContaining({ via: 'https', priority: 'info', model: expect.objectContaining({ frames: [{ icon: 'i620', text: 'Autolab Desktop test' }] }) })]);
  });

  it('refuses a wrong API key with one sentence and pairs nothing', async () => {
    await expect(feature.handlers()['devices:pair']({ address: address(), apiKey: 'not-the-key-000', allowHttp: false })).rejects.toMatchObject({ code: 'clock-key-refused' });
    expect(feature.view().clock).toBeNull();
    expect(await secrets.get(LAMETRIC_SECRET_KEYS.apiKey)).toBeNull();
  });

  it('refuses an address where no clock answers', async () => {
    await expect(feature.handlers()['devices:pair']({ address: `127.0.0.1:${await freePort()}`, apiKey: sb.device.apiKey, allowHttp: true })).rejects.toMatchObject({ code: 'clock-unreachable' });
  });

  it('starts with no clock when lametric.json cannot be read, keeps it aside and says so once', async () => {
    const { mkdir } = await import('node:fs/promises');
    const other = await mkdtemp(path.join(os.tmpdir(), 'lametric-broken-'));
    await mkdir(path.join(other, 'lametric.json')); // a folder where the file should be: EISDIR
    const problems: string[] = [];
    const f = new LametricFeature({ dataDir: other, secrets, events: new EventBus(), settings, log: createLogger(() => undefined), openExternal: async () => false, onDataProblem: (s) => problems.push(s) });
    await expect(f.load()).resolves.toBeUndefined();
    expect(f.view().clock).toBeNull();
    expect(problems).toEqual([expect.stringContaining('your desk clock settings')]);
    await rm(other, { recursive: true, force: true });
  });

  it('keeps the pairing across a restart', async () => {
    await feature.handlers()['devices:pair']({ address: address(), apiKey: sb.device.apiKey, allowHttp: false });
    const again = await build();
    await again.deliver([graded()]);
    expect(sb.controls.received()).toHaveLength(1);
  });
});

describe('pushing the watcher’s events', () => {
  beforeEach(async () => {
    await feature.handlers()['devices:pair']({ address: address(), apiKey: sb.device.apiKey, allowHttp: false, httpPort: httpPort() });
  });

  it('a grade lands in the clock’s queue with its frames and priority info', async () => {
    await feature.deliver([graded()]);
    expect(sb.controls.notifications()).toEqual([
      expect.objectContaining({
        priority: 'info',
        via: 'https',
        model: expect.objectContaining({ frames: [{ icon: 'i620', text: 'datalab 94/100' }, { icon: 'i620', goalData: { start: 0, current: 94, end: 100, unit: '' } }] }),
      }),
    ]);
  });

  it('honours the privacy switch, a muted course and a pause', async () => {
    await settings.set({ privacy: true });
    await feature.deliver([graded('demo-15213', 1)]);
    expect(sb.controls.received().map((n) => n.model.frames)).toEqual([[{ icon: 'i620', text: 'New grade posted' }]]);
    await settings.set({ privacy: false, mutedCourses: ['student/demo-15213'] });
    await feature.deliver([graded('demo-15213', 2)]);
    expect(sb.controls.received()).toHaveLength(1);
    await settings.set({ mutedCourses: [], pausedUntil: Date.now() + 60_000 } as never);
    await feature.deliver([graded('demo-15213', 3)]);
    expect(sb.controls.received()).toHaveLength(1);
  });

  it('refuses a changed certificate (nothing sent, the API key never leaves) until the user accepts the new fingerprint', async () => {
    const fresh = await sb.controls.rotateCertificate();
    await feature.deliver([graded()]);
    expect(sb.controls.received()).toHaveLength(0);
    expect(sb.controls.requestLog().filter((e) => e.server === 'device' && e.method === 'POST')).toHaveLength(0);
    const view = feature.view();
    expect(view.clock).toMatchObject({ certificateSha256: sb.device.certificateSha256, pendingCertificateSha256: fresh, lastPush: { ok: false, failure: 'certificate-changed' } });
    // No plain-HTTP fallback after a certificate mismatch, even when allowed.
    await feature.handlers()['devices:set']({ allowHttp: true });
    await expect(feature.handlers()['devices:test']()).rejects.toMatchObject({ code: 'clock-certificate-changed' });
    expect(sb.controls.received()).toHaveLength(0);
    await expect(feature.handlers()['devices:accept-certificate']({ sha256: sb.device.certificateSha256 })).rejects.toMatchObject({ code: 'certificate-not-pending' });
    const accepted = await feature.handlers()['devices:accept-certificate']({ sha256: fresh });
    expect(accepted.clock).toMatchObject({ certificateSha256: fresh, pendingCertificateSha256: null });
    await feature.deliver([graded()]);
    expect(sb.controls.received()).toEqual([expect.objectContaining({ via: 'https' })]);
  });

  it('another device at the clock’s address (away from home) gets nothing and only marks its certificate; the real clock answering again clears it', async () => {
    const stranger = await startLametricSandbox();
    try {
      const home = feature.store.clock!.httpsPort;
      await feature.store.updateClock({ httpsPort: Number(new URL(stranger.device.httpsUrl).port) });
      await feature.deliver([graded('demo-15213', 1)]);
      expect(stranger.controls.requestLog().filter((e) => e.server === 'device')).toEqual([]);
      expect(feature.view().clock?.pendingCertificateSha256).toBe(stranger.device.certificateSha256);
      await feature.store.updateClock({ httpsPort: home });
      await feature.deliver([graded('demo-15213', 2)]);
      expect(sb.controls.received()).toHaveLength(1);
      expect(feature.view().clock).toMatchObject({ pendingCertificateSha256: null, certificateSha256: sb.device.certificateSha256, lastPush: { ok: true } });
    } finally {
      await stranger.close();
    }
  });

  it('falls back to plain HTTP only when HTTPS cannot be reached and the user allowed it', async () => {
    await feature.store.updateClock({ httpsPort: await freePort() }); // the clock's HTTPS port stops answering
    await feature.deliver([graded('demo-15213', 1)]);
    expect(sb.controls.received()).toHaveLength(0);
    expect(feature.view().clock?.lastPush).toMatchObject({ ok: false, failure: 'unreachable' });
    await feature.handlers()['devices:set']({ allowHttp: true });
    await feature.deliver([graded('demo-15213', 2)]);
    expect(sb.controls.received()).toEqual([expect.objectContaining({ via: 'http' })]);
    expect(feature.view().clock?.lastPush).toMatchObject({ ok: true, via: 'http' });
  });

  it('drops a push quietly when the clock is unreachable: no throw, no notice, the status says when', async () => {
    await sb.close();
    const before = Date.now();
    await expect(feature.deliver([graded()])).resolves.toBeUndefined();
    const last = feature.view().clock?.lastPush;
    expect(last).toMatchObject({ ok: false, failure: 'unreachable', via: null });
    expect(last!.at).toBeGreaterThanOrEqual(before);
    expect(emitted.some((e) => e.event === 'app:notice' || e.event === 'notification:show')).toBe(false);
    expect(emitted.filter((e) => e.event === 'devices:changed').at(-1)?.payload).toMatchObject({ clock: { lastPush: { failure: 'unreachable' } } });
  });
});
