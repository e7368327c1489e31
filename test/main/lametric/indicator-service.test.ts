/**
 * The cloud Indicator app push (issue 14, optional part): with the push URL and access token
 * saved, each watcher event replaces what the app shows with the clock's frames (plus `index`),
 * privacy included; the token stays in the secret store; a refused token or an unreachable
 * cloud is quiet, with the status in Settings; it works without a clock on the network.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
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
import { IndicatorInputSchema } from '../../../preload/contract';

let sb: LametricSandbox;
let dir: string;
let feature: LametricFeature;
let settings: WatcherSettingsStore;
let secrets: MemorySecretStore;
let emitted: EventName[];

const graded: ActivityItem = { id: 'g1', kind: 'graded', at: 0, title: 'Malloc Lab graded', body: 'Version 1: 94/100', hasScore: true, read: false, target: { accountId: 'student', course: 'demo-15213', assessment: 'malloclab', version: 1 }, score: { value: 94, max: 100 } };

beforeEach(async () => {
  sb = await startLametricSandbox();
  dir = await mkdtemp(path.join(os.tmpdir(), 'lametric-indicator-'));
  settings = new WatcherSettingsStore(dir);
  await settings.load();
  secrets = new MemorySecretStore();
  emitted = [];
  const events = new EventBus();
  events.attach((event) => emitted.push(event));
  feature = new LametricFeature({ dataDir: dir, secrets, events, settings, log: createLogger(() => undefined), openExternal: async () => false });
  await feature.load();
});
afterEach(async () => {
  await sb.close();
  await rm(dir, { recursive: true, force: true });
});

describe('Indicator app push', () => {
  it('shows a grade with the clock’s frames, without a clock on the network; the token stays in the secret store', async () => {
    const view = await feature.handlers()['devices:indicator-set']({ pushUrl: sb.indicator.pushUrl, accessToken: sb.indicator.accessToken });
    expect(view.indicator).toEqual({ pushUrl: sb.indicator.pushUrl, lastPush: null });
    expect(view.clock).toBeNull();
    expect(await secrets.get(LAMETRIC_SECRET_KEYS.indicatorToken)).toBe(sb.indicator.accessToken);
    expect(await readFile(path.join(dir, 'lametric.json'), 'utf8')).not.toContain(sb.indicator.accessToken);
    await feature.deliver([graded]);
    expect(sb.controls.indicatorFrames()).toEqual([
      { icon: 'i620', text: 'malloclab 94/100', index: 0 },
      { icon: 'i620', goalData: { start: 0, current: 94, end: 100, unit: '' }, index: 1 },
    ]);
    expect(feature.view().indicator?.lastPush).toMatchObject({ ok: true, via: 'cloud', failure: null });
    await settings.set({ privacy: true });
    await feature.deliver([{ ...graded, id: 'g2' }]);
    expect(sb.controls.indicatorFrames()).toEqual([{ icon: 'i620', text: 'New grade posted', index: 0 }]);
  });

  it('a refused token or an unreachable cloud is quiet: no throw, no notice, the status says why', async () => {
    await feature.handlers()['devices:indicator-set']({ pushUrl: sb.indicator.pushUrl, accessToken: 'not-the-token==' });
    await expect(feature.deliver([graded])).resolves.toBeUndefined();
    expect(feature.view().indicator?.lastPush).toMatchObject({ ok: false, failure: 'key-refused' });
    expect(sb.controls.indicatorPushes()).toEqual([]);
    await sb.close();
    await feature.deliver([graded]);
    expect(feature.view().indicator?.lastPush).toMatchObject({ ok: false, failure: 'unreachable' });
    expect(emitted).not.toContain('app:notice');
  });

  it('asks for the token with a new URL, and removing forgets both', async () => {
    await expect(feature.handlers()['devices:indicator-set']({ pushUrl: sb.indicator.pushUrl })).rejects.toMatchObject({ code: 'indicator-token-missing' });
    await feature.handlers()['devices:indicator-set']({ pushUrl: sb.indicator.pushUrl, accessToken: sb.indicator.accessToken });
    expect((await feature.handlers()['devices:indicator-remove']()).indicator).toBeNull();
    expect(await secrets.get(LAMETRIC_SECRET_KEYS.indicatorToken)).toBeNull();
    await feature.deliver([graded]);
    expect(sb.controls.indicatorPushes()).toEqual([]);
  });

  it('accepts only an Indicator push URL (https, or the loopback sandbox)', () => {
    const ok = (pushUrl: string) => IndicatorInputSchema.safeParse({ pushUrl, accessToken: 'abcdefgh==' }).success;
    expect(ok('https://developer.lametric.com/api/v1/dev/widget/update/com.lametric.0123abcd/1')).toBe(true);
    expect(ok(sb.indicator.pushUrl)).toBe(true);
    expect(ok('http://developer.lametric.com/api/v1/dev/widget/update/com.lametric.0123abcd/1')).toBe(false);
    expect(ok('https://developer.lametric.com/api/v2/users/me')).toBe(false);
    expect(ok('https://developer.lametric.com/api/v1/dev/widget/update/com.lametric.0123abcd/1?x=1')).toBe(false);
  });
});
