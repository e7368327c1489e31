/**
 * A cold sign-in against the sandbox (issue 15): the watcher's first scan and
 * Upcoming's paced refresh run together, as in the app, sharing the account's
 * answers and one request budget. Every thing is asked once, counted in the
 * sandbox's own request log; both finish with everything they need.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSession } from '../../../main/accounts/account-session';
import { createOfflineCache } from '../../../main/autolab/offline-cache';
import { answerKey, SharedAnswers } from '../../../main/autolab/shared-answers';
import { AutograderFailures } from '../../../main/student/assessment-facts';
import { StudentService } from '../../../main/student/student-service';
import { EventBus } from '../../../main/events';
import { createLogger } from '../../../main/logger';
import { OverviewService } from '../../../main/student/overview-service';
import { AnnouncementStore } from '../../../main/watcher/announcement-store';
import { GradeWatcher } from '../../../main/watcher/grade-watcher';
import { RequestBudget } from '../../../main/watcher/request-budget';
import { WatcherSettingsStore } from '../../../main/watcher/watcher-settings';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { clientFor } from '../instructor/sandbox-session';

describe('the watcher\'s first scan and Upcoming\'s refresh share their answers', () => {
  let sb: Sandbox;
  let dir: string;

  beforeAll(async () => {
    sb = await startSandbox({ port: 0 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'ad-shared-refresh-'));
  });
  afterAll(async () => {
    await sb?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function coldSignIn(share: boolean) {
    const accountId = share ? 'acct-shared' : 'acct-apart';
    /** A virtual clock, in step with the sandbox's (its rate limit counts windows too). */
    let t = Math.ceil(Date.now() / 30_000) * 30_000 + 1;
    const move = (ms: number) => {
      t += ms;
      sb.controls.setClockOffset(t - Date.now());
    };
    move(0);
    const t0 = t;
    const { client } = await clientFor(sb, 'student@example.edu');
    const log = createLogger(() => undefined);
    const answers = share ? new SharedAnswers(() => t) : undefined;
    const cache = createOfflineCache({ dataDir: path.join(dir, accountId), accountId, log, now: () => t });
    const session = { accountId, baseUrl: sb.baseUrl, client, cache, ...(answers ? { answers } : {}) } as unknown as AccountSession;
    const budget = new RequestBudget();
    const store = new AnnouncementStore(path.join(dir, accountId));
    const settings = new WatcherSettingsStore(path.join(dir, accountId));
    await Promise.all([store.load(), settings.load()]);
    const watcher = new GradeWatcher({
      sessions: () => [{ accountId, client, ...(answers ? { answers } : {}) }],
      store,
      settings,
      deliver: () => undefined,
      log,
      budget,
      clock: { now: () => t, setTimer: () => ({ cancel: () => undefined }) },
    });
    const overview = new OverviewService({
      sessions: () => [session],
      serverName: () => 'Demo Autolab',
      budget,
      events: new EventBus(),
      log,
      now: () => t,
      // Between the screen's windows the watcher works too, as its timers would have it.
      sleep: async (ms) => {
        await watcher.tick();
        move(ms);
      },
    });
    sb.controls.resetRequestLog();
    await watcher.tick(); // signed in: the watcher looks at once
    const result = await overview.get({ source: 'network' });
    const refreshMs = t - t0;
    for (let i = 0; i < 20 && store.account(accountId).lastScanAt === null; i++) {
      move(30_000);
      await watcher.tick();
    }
    const requests = sb.controls.requestLog().filter((r) => r.path.startsWith('/api/v1/'));
    return { result, requests, known: store.account(accountId), refreshMs };
  }

  it('a cold refresh beside the first scan asks every list and detail once (17 requests, not 29) and is up to date sooner, and both get everything', async () => {
    const shared = await coldSignIn(true);
    const lines = shared.requests.map((r) => `${r.path}${r.query ? `?${r.query}` : ''}`);
    // No request twice.
    expect(lines.filter((l, i) => lines.indexOf(l) !== i)).toEqual([]);
    // 1 course list + 2 assessment lists (one course answers 403 disabled) + 7 assessments × (detail + submissions).
    expect(lines.length).toBe(17);
    // Upcoming has every open or recently closed assessment with its submissions and maximum …
    const withScores = shared.result.entries.filter((e) => e.submissions !== null && e.maxTotalScore !== null).map((e) => e.assessment.name).sort();
    expect(withScores).toEqual(['attacklab', 'bomblab', 'cachelab', 'datalab', 'proxylab', 'quiz1', 'writtenhw1']);
    expect(shared.result.errors).toEqual([]);
    // … and the watcher finished its first look with every submission list as its baseline.
    expect(shared.known.lastScanAt).not.toBeNull();
    const baselines = Object.values(shared.known.courses['demo-15213']!.assessments).filter((a) => a.submissions !== null);
    expect(baselines.length).toBe(7);

    // The same sign-in without shared answers (before issue 15's fix) asks the lists twice.
    const apart = await coldSignIn(false);
    const apartLines = apart.requests.map((r) => `${r.path}${r.query ? `?${r.query}` : ''}`);
    // (29 requests, 12 of them repeats, when measured)
    expect(apartLines.filter((l, i) => apartLines.indexOf(l) !== i).length).toBeGreaterThanOrEqual(10);
    // Budget windows (virtual time) until Upcoming is up to date: fewer when shared.
    expect(shared.refreshMs).toBeLessThan(apart.refreshMs);
  });

  it('the course page joins the overview\'s assessment list in flight and reuses one under 30 s old, then asks again', async () => {
    let t = Date.now();
    const { client } = await clientFor(sb, 'student@example.edu');
    const log = createLogger(() => undefined);
    const answers = new SharedAnswers(() => t);
    const session = { accountId: 'acct-page', baseUrl: sb.baseUrl, client, cache: createOfflineCache({ dataDir: path.join(dir, 'page'), accountId: 'acct-page', log, now: () => t }), answers } as unknown as AccountSession;
    const student = new StudentService({
      session: async () => session,
      events: new EventBus(),
      allowList: {} as never,
      grading: { follow: () => undefined },
      autograderFailures: new AutograderFailures(),
      chooseFolder: async () => null,
      log,
    });
    const listed = () => sb.controls.requestLog().filter((r) => r.path === '/api/v1/courses/demo-15213/assessments').length;
    sb.controls.setClockOffset(0);
    sb.controls.resetRequestLog();
    const input = { accountId: 'acct-page', course: 'demo-15213' };
    // The overview's refresh and the page, at the same moment: one request.
    const [fromOverview, page] = await Promise.all([answers.get(answerKey.assessments('demo-15213'), 120_000, () => client.assessments('demo-15213')), student.assessments(input)]);
    expect(listed()).toBe(1);
    expect(page.data.map((a) => a.name).sort()).toEqual(fromOverview.map((a) => a.name).sort());
    t += 20_000;
    await student.assessments(input);
    expect(listed()).toBe(1);
    t += 15_000; // 35 s old: the page asks again
    await student.assessments(input);
    expect(listed()).toBe(2);
  });
});
