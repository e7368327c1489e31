/**
 * From Open edX to the desk clock (issues 13 and 14): the real composition root, an Open edX
 * site on the Open edX sandbox, a clock paired on the LaMetric sandbox. A course grade the Open
 * edX watcher sees change lands in the clock's queue like an Autolab grade does ("Foundations of
 * Programming 82%" with a goal frame against 100 %, priority info). Privacy and mutes of Open edX
 * items on the clock: clock-notification.test.ts. (Also: the watcher's look fills the course page's cache.) Before this, the Open edX watcher called
 * the notifier directly and its events never reached the clock.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/composition-root';
import { startLametricSandbox, type LametricSandbox } from '../../../sandbox/lametric/index';
import { startOpenedxSandbox, type OpenedxSandbox } from '../../../sandbox/openedx/index';
import { startCore, until } from '../resilience/core-harness';

const CS101 = 'course-v1:AutolabX+CS101+2026_T1';
let core: Core | null = null;
let edx: OpenedxSandbox | null = null;
let clock: LametricSandbox | null = null;
let dir = '';
afterEach(async () => {
  await core?.dispose().catch(() => undefined);
  await edx?.close().catch(() => undefined);
  await clock?.close().catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
  core = edx = clock = null;
});

describe('Open edX watcher to the LaMetric clock', () => {
  it('a changed Open edX course grade reaches the paired clock as "Foundations of Programming 82%" with a goal frame, priority info', { timeout: 90_000 }, async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'edx-clock-'));
    edx = await startOpenedxSandbox({ port: 0 });
    clock = await startLametricSandbox();
    ({ core } = await startCore(dir));
    const call = async (channel: string, input?: unknown) => {
      const r = await core!.router.dispatch(channel, input, { trusted: true });
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.output;
    };
    await call('devices:pair', { address: `127.0.0.1:${new URL(clock.device.httpsUrl).port}`, apiKey: clock.device.apiKey, allowHttp: false });
    const app = edx.applications.find((a) => a.grant_type === 'client-credentials' && a.scopes.includes('grades:read'))!;
    await call('openedx:add-site', { mode: 'client-credentials', baseUrl: edx.baseUrl, clientId: app.client_id, clientSecret: app.client_secret });
    // Upcoming's refresh: the watcher's first look (silent), within its own budget (one 30-s window unless it straddles two).
    const first = (await call('openedx:upcoming', { source: 'network' })) as { sites: Array<{ siteId: string; problem: string | null }> };
    expect(first.sites[0]!.problem).toBeNull();
    const siteId = first.sites[0]!.siteId;
    await until(() => (core!.openedxWatcher.snapshot().known.sites[siteId]?.checkedAt ?? null) !== null, 35_000, 'the first look');
    expect(clock.controls.received()).toEqual([]);
    // What the watcher fetched is the course page's cached copy too (the page opens on it without asking again first).
    const page = (await call('openedx:course', { siteId, courseKey: CS101, source: 'cache' })) as { data: { subsections: Array<{ name: string }> } };
    expect(page.data.subsections.map((x) => x.name)).toContain('Homework 2: Machine Code');

    // The enrollment list and the first course (Foundations of Programming) fit in what the window has left.
    edx.controls.setGrade('ada_learner', CS101, 0.82);
    await core.openedxWatcher.refresh(0);
    await until(() => clock!.controls.received().length === 1, 35_000, 'the grade on the clock');
    expect(clock.controls.received()[0]).toMatchObject({
      priority: 'info',
      via: 'https',
      model: expect.objectContaining({ frames: [{ icon: 'i620', text: 'Foundations of Programming 82%' }, { icon: 'i620', goalData: { start: 0, current: 82, end: 100, unit: '%' } }] }),
    });
    // The same event was shown as a notification and is in the activity list, opening the course.
    expect(core.watcher.store.activity().items[0]).toMatchObject({ title: 'Foundations of Programming: grade changed', openedx: { siteId, courseKey: CS101 } });
  });
});
