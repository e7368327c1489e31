/**
 * The overview's paced refresh against the sandbox (issue 15): a cold
 * Upcoming refresh for the demo student, with requests counted in the
 * sandbox's own request log per 30-s window of the shared budget.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSession } from '../../../main/accounts/account-session';
import { createOfflineCache } from '../../../main/autolab/offline-cache';
import { EventBus } from '../../../main/events';
import { createLogger } from '../../../main/logger';
import { OverviewService } from '../../../main/student/overview-service';
import { RequestBudget } from '../../../main/watcher/request-budget';
import type { Overview } from '../../../preload/contract';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { clientFor } from '../instructor/sandbox-session';

describe('overview service against the sandbox', () => {
  let sb: Sandbox;
  let dataDir: string;
  let session: AccountSession;
  /** A virtual clock: the budget's windows move only when the service waits. */
  let t = Math.ceil(Date.now() / 30_000) * 30_000 + 1;
  const windows: number[] = [];
  const progress: Overview[] = [];
  let service: OverviewService;
  let budget: RequestBudget;

  beforeAll(async () => {
    sb = await startSandbox({ port: 0 });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ad-overview-'));
    const { client } = await clientFor(sb, 'student@example.edu');
    const log = createLogger(() => undefined);
    const cache = createOfflineCache({ dataDir, accountId: 'acct-student', log, now: () => t });
    // Only the client and the cache are used by the overview.
    session = { accountId: 'acct-student', baseUrl: sb.baseUrl, client, cache } as unknown as AccountSession;
    budget = new RequestBudget();
    const events = new EventBus();
    events.attach((event, payload) => {
      if (event === 'overview:changed') progress.push(payload as Overview);
    });
    let seen = 0;
    service = new OverviewService({
      sessions: () => [session],
      serverName: () => 'Demo Autolab',
      budget,
      events,
      log,
      now: () => t,
      sleep: async (ms) => {
        const total = sb.controls.requestLog().length;
        windows.push(total - seen);
        seen = total;
        t += ms;
      },
    });
  });
  afterAll(async () => {
    await sb?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refreshes cold at most 3 requests per 30-s window, beside the watcher\'s scan and urgent polls, and shows progress between windows', async () => {
    sb.controls.resetRequestLog();
    // The watcher already used 3 of this window's requests for the account.
    for (let i = 0; i < 3; i++) expect(budget.take('acct-student', t)).toBe(true);
    const overview = await service.get({ source: 'network' });
    const requests = sb.controls.requestLog().filter((r) => r.path.startsWith('/api/v1/'));
    windows.push(requests.length - windows.reduce((a, b) => a + b, 0));

    // 1 course list + 2 assessment lists (the disabled course answers 403) + 7 opened or recently closed
    // assessments × (detail + submissions); Malloc Lab is not released to students.
    expect(requests.length).toBe(17);
    for (const w of windows) expect(w).toBeLessThanOrEqual(3); // beside the watcher's 3 + 2 urgent
    expect(windows.length).toBeGreaterThanOrEqual(6);
    expect(progress.some((p) => p.refreshing)).toBe(true);

    const names = overview.entries.filter((e) => e.submissions !== null).map((e) => e.assessment.name).sort();
    expect(names).toEqual(['attacklab', 'bomblab', 'cachelab', 'datalab', 'proxylab', 'quiz1', 'writtenhw1']);
    const bomb = overview.entries.find((e) => e.assessment.name === 'bomblab')!;
    expect(bomb.submissions?.count).toBe(2);
    expect(bomb.maxSubmissions).toBe(5);
    expect(bomb.submissions?.latest?.scores).toEqual({ Defused: 'unreleased', Secret: 'unreleased' });
    expect(overview.courses.map((c) => c.name)).toEqual(['demo-15213']);
    expect(overview.errors).toEqual([]);
  });

  it('shares a window with the watcher: the screen and the scan stop two short of 8, urgent polls take those two, then nothing', () => {
    const shared = new RequestBudget();
    const at = 30_000 * 1000 + 5;
    for (let i = 0; i < 3; i++) expect(shared.take('a', at)).toBe(true);
    let screen = 0;
    while (shared.takeForeground('a', at)) screen++;
    expect(screen).toBe(3);
    expect(shared.take('a', at)).toBe(false); // the scan has had its 3; the last 2 are for urgent polls
    expect(shared.take('a', at, true)).toBe(true);
    expect(shared.take('a', at, true)).toBe(true);
    expect(shared.take('a', at, true)).toBe(false);
    // Alone in a window, the screen still takes 3, leaving the scan its 3.
    let alone = 0;
    while (shared.takeForeground('a', at + 30_000)) alone++;
    expect(alone).toBe(3);
    for (let i = 0; i < 3; i++) expect(shared.take('a', at + 30_000)).toBe(true);
  });

  it('answers from the cache alone without a request, and a refresh asks again only for the course list and what is older than two minutes, never a detail twice', async () => {
    sb.controls.resetRequestLog();
    const cached = await service.get({ source: 'cache' });
    expect(sb.controls.requestLog()).toEqual([]);
    expect(cached.entries.find((e) => e.assessment.name === 'datalab')?.submissions?.latest?.total).toBe(50);
    await service.get({ source: 'network' });
    const again = sb.controls.requestLog().map((r) => r.path);
    // Only the course list and what is older than two minutes; an assessment's detail is never asked twice.
    expect(again[0]).toBe('/api/v1/courses');
    expect(again.length).toBeLessThan(17);
    expect(again.filter((p) => /\/assessments\/[^/]+$/.test(p))).toEqual([]);
  });

  it('a cancelled refresh (its screen closed) stops before its next request and answers with what it has', async () => {
    const coldDir = await mkdtemp(path.join(os.tmpdir(), 'ad-overview-cold-'));
    try {
      const log = createLogger(() => undefined);
      const cold = { ...session, cache: createOfflineCache({ dataDir: coldDir, accountId: 'acct-student', log, now: () => t }) } as AccountSession;
      let cancelling: OverviewService | null = null;
      const service2: OverviewService = new OverviewService({
        sessions: () => [cold],
        serverName: () => 'Demo Autolab',
        budget: new RequestBudget(),
        events: new EventBus(),
        log,
        now: () => t,
        sleep: async (ms) => {
          // The user leaves the screen while the refresh waits for the next window.
          expect(cancelling?.cancel({})).toEqual({ cancelled: true });
          t += ms;
        },
      });
      cancelling = service2;
      t = Math.ceil(t / 30_000) * 30_000 + 1;
      sb.controls.resetRequestLog();
      const partial = await service2.get({ source: 'network' });
      expect(sb.controls.requestLog().filter((r) => r.path.startsWith('/api/v1/')).length).toBe(3);
      expect(partial.refreshing).toBe(false);
      expect(partial.entries.filter((e) => e.submissions !== null).length).toBeLessThan(7);
      expect(service2.cancel({})).toEqual({ cancelled: false });
    } finally {
      await rm(coldDir, { recursive: true, force: true });
    }
  });
});
