/**
 * Requests per screen (issue 15, "Speed, measured"): the student service asks
 * Autolab each thing once, counted in the sandbox's request log (no mocks).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UrlAllowList } from '../../../main/accounts/url-allow-list';
import { createOfflineCache } from '../../../main/autolab/offline-cache';
import { EventBus } from '../../../main/events';
import { createLogger } from '../../../main/logger';
import { AutograderFailures } from '../../../main/student/assessment-facts';
import { STATE_LABELS_TTL_MS } from '../../../main/student/course-states';
import { StudentService } from '../../../main/student/student-service';
import { toFeedbackView } from '../../../main/student/views';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { clientFor } from '../instructor/sandbox-session';

describe('student service: each thing asked once', () => {
  let sb: Sandbox;
  let dir: string;
  let now = Date.now();
  let service: StudentService;
  let client: Awaited<ReturnType<typeof clientFor>>['client'];
  const apiLog = () => sb.controls.requestLog().filter((r) => r.path.startsWith('/api/v1/')).map((r) => r.path + (r.query ? `?${r.query}` : '') + (r.method === 'GET' ? '' : ` ${r.method}`));
  const followed: string[] = [];

  beforeAll(async () => {
    sb = await startSandbox({ port: 0 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'student-requests-'));
    ({ client } = await clientFor(sb, 'student@example.edu'));
  });
  afterAll(async () => {
    await sb?.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await rm(path.join(dir, 'cache'), { recursive: true, force: true });
    const log = createLogger(() => undefined);
    const cache = createOfflineCache({ dataDir: dir, accountId: 'acct', log, now: () => now });
    service = new StudentService({
      session: async () => ({ accountId: 'acct', baseUrl: sb.baseUrl, tokens: null as never, client, cache }),
      events: new EventBus(),
      allowList: new UrlAllowList(),
      grading: { follow: (_a, c, a) => void followed.push(`${c}/${a}`) },
      autograderFailures: new AutograderFailures(),
      chooseFolder: async () => null,
      log,
      now: () => now,
    });
    sb.controls.resetRequestLog();
  });

  it('a cold course list asks each state once; a warm one asks /courses once and keeps every state', async () => {
    const cold = await service.courses({ accountId: 'acct' });
    expect(apiLog().sort()).toEqual(['/api/v1/courses?state=completed', '/api/v1/courses?state=current', '/api/v1/courses?state=disabled', '/api/v1/courses?state=upcoming']);
    sb.controls.resetRequestLog();
    now += 60_000;
    const warm = await service.courses({ accountId: 'acct' });
    expect(apiLog()).toEqual(['/api/v1/courses']);
    expect(warm.data.map((c) => [c.name, c.state])).toEqual(cold.data.map((c) => [c.name, c.state]));
    expect(new Set(warm.data.map((c) => c.state)).size).toBeGreaterThan(1);
  });

  it('state labels older than their lifetime are asked again', async () => {
    await service.courses({ accountId: 'acct' });
    sb.controls.resetRequestLog();
    now += STATE_LABELS_TTL_MS + 1;
    await service.courses({ accountId: 'acct' });
    expect(apiLog().filter((p) => p.startsWith('/api/v1/courses?state=')).length).toBe(4);
    expect(apiLog()).not.toContain('/api/v1/courses');
  });

  it('the assessment page from the cache asks nothing; its fresh load asks details, problems and submissions once each', async () => {
    const ref = { accountId: 'acct', course: 'demo-15213', assessment: 'datalab' };
    await expect(service.assessment({ ...ref, source: 'cache' })).rejects.toMatchObject({ code: 'not-cached' });
    await service.courses({ accountId: 'acct' }); // late slack comes from the cached course list
    sb.controls.resetRequestLog();
    const fresh = await service.assessment(ref);
    expect(apiLog().sort()).toEqual([
      '/api/v1/courses/demo-15213/assessments/datalab',
      '/api/v1/courses/demo-15213/assessments/datalab/problems',
      '/api/v1/courses/demo-15213/assessments/datalab/submissions',
    ]);
    sb.controls.resetRequestLog();
    const cached = await service.assessment({ ...ref, source: 'cache' });
    expect(apiLog()).toEqual([]);
    expect(cached.data).toEqual(fresh.data);
    expect(cached.stale).toBe(false);
  });

  it('feedback is kept: asked from the cache it makes no request and is the same log', async () => {
    const ref = { accountId: 'acct', course: 'demo-15213', assessment: 'datalab', version: 1 };
    await expect(service.feedback({ ...ref, source: 'cache' })).rejects.toMatchObject({ code: 'not-cached' });
    const fresh = await service.feedback(ref);
    expect(fresh.autoresult).toEqual({ Correctness: 40, Performance: 10 });
    await new Promise((r) => setTimeout(r, 50)); // the cache is written off the answer's path
    sb.controls.resetRequestLog();
    expect(await service.feedback({ ...ref, source: 'cache' })).toEqual(fresh);
    expect(apiLog()).toEqual([]);
  });

  it('reads the autoresult from the last non-blank line of a log', () => {
    expect(toFeedbackView(3, 'line\n{"scores": {"A": 1.5}}\n\n  \n').autoresult).toEqual({ A: 1.5 });
    expect(toFeedbackView(3, '{"scores": {"A": 1}}\nnot json').autoresult).toBeNull();
    expect(toFeedbackView(3, '').autoresult).toBeNull();
  });

  it('identical requests in flight at once share one request (single flight)', async () => {
    const [a, b, c] = await Promise.all([client.assessments('demo-15213'), client.assessments('demo-15213'), client.submissions('demo-15213', 'datalab')]);
    expect(a).toEqual(b);
    expect(a).not.toBe(b); // each caller parses its own copy
    expect(c.length).toBeGreaterThan(0);
    expect(apiLog().sort()).toEqual(['/api/v1/courses/demo-15213/assessments', '/api/v1/courses/demo-15213/assessments/datalab/submissions']);
    sb.controls.resetRequestLog();
    await client.assessments('demo-15213');
    await client.assessments('demo-15213');
    expect(apiLog()).toEqual(['/api/v1/courses/demo-15213/assessments', '/api/v1/courses/demo-15213/assessments']);
  });
});
