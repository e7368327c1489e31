/**
 * From Autolab to the desk clock (issue 14): a graded submit in the Autolab sandbox, seen by
 * the real watcher, lands in the LaMetric sandbox clock's queue with the expected frames and
 * priority info; a deadline an hour away arrives as a warning. Also: the watcher service hands
 * every delivered batch to its `onDeliver` listeners (how the composition root feeds the clock).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountsService } from '../../../main/accounts/accounts-service';
import { EventBus } from '../../../main/events';
import { LametricFeature } from '../../../main/lametric/lametric-feature';
import { createLogger } from '../../../main/logger';
import type { Platform } from '../../../main/platform';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import { WatcherService } from '../../../main/watcher/watcher-service';
import { WatcherSettingsStore } from '../../../main/watcher/watcher-settings';
import type { ActivityItem } from '../../../preload/contract';
import { startLametricSandbox, type LametricSandbox } from '../../../sandbox/lametric/index';
import { Harness, settle, submit } from '../watcher/watcher-harness';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
let h: Harness | null = null;
let sb: LametricSandbox | null = null;
let dir = '';
afterEach(async () => {
  await h?.close();
  await sb?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  h = null;
  sb = null;
});

describe('watcher to clock', () => {
  it('a graded submit appears in the clock’s queue as "datalab 100/100" with a goal frame, priority info; a deadline within the hour as a warning', async () => {
    h = await Harness.create(['student']);
    sb = await startLametricSandbox();
    dir = await mkdtemp(path.join(os.tmpdir(), 'watcher-clock-'));
    const settings = new WatcherSettingsStore(dir);
    await settings.load();
    const clock = new LametricFeature({ dataDir: dir, secrets: new MemorySecretStore(), events: new EventBus(), settings, log: createLogger(() => undefined), openExternal: async () => false });
    await clock.load();
    await clock.handlers()['devices:pair']({ address: `127.0.0.1:${new URL(sb.device.httpsUrl).port}`, apiKey: sb.device.apiKey, allowHttp: false });
    const pushes: Promise<void>[] = [];
    const noSleep = { sleepJumpMs: Infinity, awaySummaryMs: Infinity };
    const { watcher } = await h.watcher(noSleep, (items) => pushes.push(clock.deliver(items)));
    await h.run(watcher, 5 * 30_000);

    const version = await submit(h, 'student', 'int bitAnd(int x, int y) { return ~(~x | ~y); }\n');
    watcher.nudge('student', 'demo-15213', 'datalab');
    await settle();
    await h.run(watcher, 2 * 30_000, 5_000);
    await Promise.all(pushes);
    expect(version).toBeGreaterThan(0);
    expect(sb.controls.received()).toEqual([
      expect.objectContaining({
        priority: 'info',
        via: 'https',
        model: expect.objectContaining({ frames: [{ icon: 'i620', text: 'datalab 100/100' }, { icon: 'i620', goalData: { start: 0, current: 100, end: 100, unit: '' } }] }),
      }),
    ]);

    // writtenhw1 is due 4 days after seeding and has no submission: 50 minutes before, the 1-hour reminder is a warning.
    h.advance(4 * DAY - 50 * MIN - 5 * 30_000 - 2 * 30_000);
    await h.run(watcher, 3 * 30_000);
    await Promise.all(pushes);
    const deadline = sb.controls.received().filter((n) => n.priority === 'warning');
    expect(deadline.map((n) => n.model.frames)).toEqual([[{ icon: 'i1218', text: 'writtenhw1 due in 1 h' }]]);
    expect(sb.controls.received().some((n) => n.priority === 'critical')).toBe(false);
    await watcher.dispose();
  });

  it('the watcher service hands each delivered batch to its onDeliver listeners', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'watcher-ondeliver-'));
    const accounts = { activeSessions: () => [], store: { get: () => undefined } } as unknown as Pick<AccountsService, 'activeSessions' | 'store'>;
    const platform = { showNotification: () => undefined, setUnseenCount: () => undefined } as unknown as Platform;
    const service = new WatcherService({ dataDir: dir, accounts, platform, events: new EventBus(), log: createLogger(() => undefined), watcher: { clock: { now: () => 0, setTimer: () => ({ cancel: () => undefined }) } } });
    const seen: ActivityItem[][] = [];
    const stop = service.onDeliver((items) => seen.push(items));
    const item: ActivityItem = { id: 'x', kind: 'graded', at: 0, title: 't', body: 'b', hasScore: false, read: false, target: null };
    (service.watcher as unknown as { deps: { deliver: (i: ActivityItem[], m: 'each') => void } }).deps.deliver([item], 'each');
    stop();
    (service.watcher as unknown as { deps: { deliver: (i: ActivityItem[], m: 'each') => void } }).deps.deliver([item], 'each');
    expect(seen).toEqual([[item]]);
    await service.dispose();
  });
});
