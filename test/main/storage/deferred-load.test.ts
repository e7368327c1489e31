/**
 * The Open edX sites and the LaMetric settings are read at their first use, not at start-up
 * (main/storage/load-once.ts): constructing the features reads no file and no secret; the first
 * use reads once, and a damaged file is still kept aside and said exactly once.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UrlAllowList } from '../../../main/accounts/url-allow-list';
import { demoServerDataDir } from '../../../main/demo/embedded-server';
import { EventBus } from '../../../main/events';
import { LametricFeature } from '../../../main/lametric/lametric-feature';
import { createLogger } from '../../../main/logger';
import { OpenedxDemo } from '../../../main/openedx/openedx-demo';
import { OpenedxService } from '../../../main/openedx/openedx-service';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import { loadOnce } from '../../../main/storage/load-once';
import { WatcherSettingsStore } from '../../../main/watcher/watcher-settings';
import { startCore } from '../resilience/core-harness';

/** A real in-memory secret store that counts reads. */
class CountingSecrets extends MemorySecretStore {
  reads = 0;
  override async get(key: string): Promise<string | null> {
    this.reads++;
    return super.get(key);
  }
}

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), 'deferred-load-'));
  dirs.push(d);
  return d;
}
const log = createLogger(() => undefined);

function openedx(dataDir: string, secrets: MemorySecretStore, problems: string[] = [], events = new EventBus()): OpenedxService {
  return new OpenedxService({ dataDir, secrets, log, userAgent: 't', events, allowList: new UrlAllowList(), platform: { openExternal: async () => true }, onDataProblem: (s) => problems.push(s) });
}

describe('load at first use', () => {
  it('loadOnce runs once for every caller, and again after a failure', async () => {
    let runs = 0;
    let fail = true;
    const load = loadOnce(async () => {
      runs++;
      if (fail) throw new Error('disk');
    });
    await expect(Promise.all([load(), load()])).rejects.toThrow('disk');
    expect(runs).toBe(1);
    fail = false;
    await load();
    await load();
    expect(runs).toBe(2);
  });

  it('Open edX: nothing is read until first use; a damaged site list is then kept aside and said once', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'openedx-sites.json'), '{ not json');
    const secrets = new CountingSecrets();
    const problems: string[] = [];
    const service = openedx(dir, secrets, problems);
    await new Promise((r) => setTimeout(r, 20));
    expect(await readdir(dir)).toEqual(['openedx-sites.json']);
    expect(problems).toEqual([]);

    expect(service.list()).toEqual([]); // the first use starts the load
    await service.start();
    await service.start();
    expect(service.list()).toEqual([]);
    const files = await readdir(dir);
    expect(files.filter((f) => f.startsWith('openedx-sites.json.corrupt-'))).toHaveLength(1);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('the list of Open edX sites');
  });

  it('Open edX demo: at first use after a restart the demo server comes back and the site moves to its new address', async () => {
    const dataDir = await tempDir();
    dirs.push(demoServerDataDir(dataDir));
    const secrets = new MemorySecretStore();
    const first = openedx(dataDir, secrets);
    const demo1 = new OpenedxDemo(first, dataDir, log);
    const a = await demo1.start();
    await demo1.dispose();

    const events = new EventBus();
    const seen: unknown[] = [];
    events.attach((event, payload) => void (event === 'openedx:changed' && seen.push(payload)));
    const second = openedx(dataDir, secrets, [], events);
    const demo2 = new OpenedxDemo(second, dataDir, log);
    demo2.resumeWhenUsed();
    expect(demo2.server).toBeNull(); // nothing started before a use
    second.activeSessions(); // the watcher's first look is a use
    await second.start();
    const server = await demo2.server;
    expect(server).not.toBeNull();
    const site = second.list()[0]!;
    expect(site).toMatchObject({ id: a.site.id, baseUrl: server!.baseUrl, status: 'signed-in' });
    expect(site.baseUrl).not.toBe(a.site.baseUrl);
    expect(second.activeSessions()).toHaveLength(1);
    expect(seen.length).toBeGreaterThan(0); // the renderer and the watcher are told
    await demo2.dispose();
  });

  it('LaMetric: nothing is read (file or keychain) until first use; a damaged file is kept aside and said once', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'lametric.json'), '[1,2');
    const settings = new WatcherSettingsStore(dir);
    await settings.load();
    const before = await readdir(dir);
    const secrets = new CountingSecrets();
    const problems: string[] = [];
    const feature = new LametricFeature({ dataDir: dir, secrets, events: new EventBus(), settings, log, openExternal: async () => false, onDataProblem: (s) => problems.push(s) });
    await feature.deliver([]); // nothing to show: not a use
    await new Promise((r) => setTimeout(r, 20));
    expect(await readdir(dir)).toEqual(before);
    expect(secrets.reads).toBe(0);
    expect(problems).toEqual([]);

    const handlers = feature.handlers();
    const [view] = await Promise.all([handlers['devices:get'](), handlers['devices:get']()]);
    expect(view.clock).toBeNull();
    expect((await readdir(dir)).filter((f) => f.startsWith('lametric.json.corrupt-'))).toHaveLength(1);
    expect(problems).toHaveLength(1);
    await handlers['devices:get']();
    expect(problems).toHaveLength(1);
  });

  it('the composed core reads no LaMetric settings at start-up; the first Devices call keeps a damaged file aside with one notice', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'lametric.json'), '[1,2');
    const { core } = await startCore(dir);
    try {
      const notices: unknown[] = [];
      core.events.attach((event, payload) => void (event === 'app:notice' && notices.push(payload)));
      await new Promise((r) => setTimeout(r, 50));
      expect(await readdir(dir)).toContain('lametric.json');
      const first = await core.router.dispatch('devices:get', undefined, { trusted: true });
      expect(first.ok).toBe(true);
      await core.router.dispatch('devices:get', undefined, { trusted: true });
      expect((await readdir(dir)).filter((f) => f.startsWith('lametric.json.corrupt-'))).toHaveLength(1);
      expect(notices).toHaveLength(1);
    } finally {
      await core.dispose();
    }
  });
});
