/**
 * `openedx:upcoming` through the real composition root (issues 13 and 15), counted in the
 * Open edX sandbox's request log: the cache answer asks nothing; a refresh is one look by the
 * watcher (one enrollment list, then each course's outline and grade once); a second refresh
 * within two minutes asks nothing again; removing a site updates Upcoming at once.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/composition-root';
import type { OpenedxOverview } from '../../../preload/contract';
import { startOpenedxSandbox, type OpenedxSandbox } from '../../../sandbox/openedx/index';
import { startCore, until } from '../resilience/core-harness';

let core: Core | null = null;
let edx: OpenedxSandbox | null = null;
let dir = '';
afterEach(async () => {
  await core?.dispose().catch(() => undefined);
  await edx?.close().catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
  core = edx = null;
});

describe('openedx:upcoming', () => {
  it('answers from the watcher\'s last look with no request, refreshes with one look, never asks twice within two minutes, and drops a removed site at once', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'edx-upcoming-'));
    edx = await startOpenedxSandbox({ port: 0 });
    ({ core } = await startCore(dir));
    const seen: OpenedxOverview[] = [];
    core.events.attach((event, payload) => event === 'openedx:upcoming-changed' && seen.push(payload as OpenedxOverview));
    const call = async (channel: string, input?: unknown) => {
      const r = await core!.router.dispatch(channel, input, { trusted: true });
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.output;
    };
    const app = edx.applications.find((a) => a.grant_type === 'client-credentials' && a.scopes.includes('grades:read'))!;
    const site = (await call('openedx:add-site', { mode: 'client-credentials', baseUrl: edx.baseUrl, clientId: app.client_id, clientSecret: app.client_secret })) as { id: string };
    // Let the look that adding the site started finish (it may span two budget windows), then count from zero.
    await call('openedx:upcoming', { source: 'network' });
    await until(() => core!.openedxWatcher.snapshot().known.sites[site.id]?.checkedAt != null, 35_000, 'the first look');
    const apiCalls = () => edx!.controls.requestLog().filter((r) => r.path.startsWith('/api/'));
    const looked = apiCalls().length;
    expect(apiCalls().filter((r) => r.path.startsWith('/api/enrollment/')).length).toBe(1);
    expect(apiCalls().filter((r) => r.path.startsWith('/api/grades/')).length).toBe(3);

    const cached = (await call('openedx:upcoming', { source: 'cache' })) as OpenedxOverview;
    expect(cached.deadlines.map((d) => d.name)).toContain('Homework 2: Machine Code');
    expect(cached.deadlines.every((d) => Date.parse(d.due) > Date.now())).toBe(true);
    expect(cached.courses).toHaveLength(3);
    const again = (await call('openedx:upcoming', { source: 'network' })) as OpenedxOverview;
    expect(again.deadlines).toEqual(cached.deadlines);
    expect(apiCalls().length).toBe(looked); // checked less than two minutes ago: not asked again
    expect(seen.length).toBeGreaterThan(0);

    // The next start reads the sites at first use: its very first Upcoming answer already has them (no request).
    await core.dispose();
    let saved: string;
    ({ core, downloads: saved } = await startCore(dir));
    const asked = apiCalls().length;
    // So does a calendar export made at once (the Open edX deadlines are not left out for want of the site list).
    const exported = (await call('calendar:export')) as { kind: string; path: string };
    expect(exported.kind).toBe('saved');
    expect(path.dirname(exported.path)).toBe(saved);
    expect(await readFile(exported.path, 'utf8')).toContain('Homework 2: Machine Code');
    const afterRestart = (await call('openedx:upcoming', { source: 'cache' })) as OpenedxOverview;
    expect(afterRestart.sites.map((s) => s.siteId)).toEqual([site.id]);
    expect(afterRestart.deadlines).toEqual(cached.deadlines);
    expect(apiCalls().length).toBe(asked);
    core.events.attach((event, payload) => event === 'openedx:upcoming-changed' && seen.push(payload as OpenedxOverview));

    await call('openedx:remove', { siteId: site.id });
    await until(() => seen.at(-1)?.sites.length === 0, 5000, 'Upcoming without the removed site');
    expect(seen.at(-1)!.deadlines).toEqual([]);
  });
});
