/**
 * "Try the demo" for Open edX: the embedded sandbox becomes a signed-in site,
 * and after a restart (new port) the same site moves to the new address with
 * its id, so its cache, watcher history and activity links stay valid.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoServerDataDir } from '../../../main/demo/embedded-server';
import { UrlAllowList } from '../../../main/accounts/url-allow-list';
import { EventBus } from '../../../main/events';
import { createLogger } from '../../../main/logger';
import { OpenedxDemo } from '../../../main/openedx/openedx-demo';
import { OpenedxService } from '../../../main/openedx/openedx-service';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';

describe('demo Open edX', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('adds the demo site with its users, and keeps the site id across a restart on a new port', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'edx-demo-'));
    dirs.push(dataDir, demoServerDataDir(dataDir));
    const log = createLogger(() => undefined);
    const secrets = new MemorySecretStore();
    const make = async () => {
      const service = new OpenedxService({ dataDir, secrets, log, userAgent: 't', events: new EventBus(), allowList: new UrlAllowList(), platform: { openExternal: async () => true } });
      await service.start();
      return { service, demo: new OpenedxDemo(service, dataDir, log) };
    };
    const first = await make();
    const a = await first.demo.start();
    expect(a.site).toMatchObject({ name: 'Demo Open edX', isDemo: true, status: 'signed-in', username: 'ada_learner' });
    expect(a.users.map((u) => u.username)).toEqual(['ada_learner', 'grace_staff']);
    expect((await first.service.courses({ siteId: a.site.id })).data).toHaveLength(3);
    await first.demo.dispose();

    const second = await make();
    const b = await second.demo.start();
    expect(b.site.id).toBe(a.site.id);
    expect(second.service.list()).toHaveLength(1);
    expect((await second.service.courses({ siteId: b.site.id })).stale).toBe(false);
    await second.demo.dispose();
  });
});
