/**
 * Open edX sites against the real Open edX sandbox: validation sentences,
 * courses and course pages (URL-encoded keys, pagination, grades), re-issue
 * across an hour of sandbox clock, 429 Retry-After, the offline cache, the
 * browser sign-in on the fixed loopback port, and no token or secret on disk
 * or in the logs.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOpenedxSandbox, type OpenedxSandbox } from '../../../sandbox/openedx/index';
import { startSandbox } from '../../../sandbox/index';
import { OpenedxService } from '../../../main/openedx/openedx-service';
import { UrlAllowList } from '../../../main/accounts/url-allow-list';
import { EventBus } from '../../../main/events';
import { createLogger } from '../../../main/logger';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';

const COURSE = 'course-v1:AutolabX+CS101+2026_T1';

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(path.join(e.parentPath, e.name));
  return out;
}

describe('Open edX sites against the sandbox', () => {
  let sb: OpenedxSandbox;
  let dir: string;
  const logLines: string[] = [];
  const log = createLogger((l) => logLines.push(l));
  let service: OpenedxService;
  let secrets: MemorySecretStore;
  let opened: string[] = [];
  const events = new EventBus();
  const app = (name: string) => sb.applications.find((a) => a.name === name)!;

  beforeAll(async () => {
    sb = await startOpenedxSandbox({ port: 0 });
  });
  afterAll(() => sb.close());
  const fresh = async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'edx-app-'));
    secrets = new MemorySecretStore();
    opened = [];
    service = new OpenedxService({ dataDir: dir, secrets, log, userAgent: 'test', events, allowList: new UrlAllowList(), platform: { openExternal: async (u) => (opened.push(u), true) } });
    await service.start();
  };
  afterEach(async () => {
    service?.dispose();
    sb.controls.setClockOffset(0);
    sb.controls.setThrottle(0);
    await rm(dir, { recursive: true, force: true });
  });

  const personal = () => app('Autolab Desktop (personal API)');
  const addPersonal = () => service.addSite({ mode: 'client-credentials', baseUrl: sb.baseUrl, clientId: personal().client_id, clientSecret: personal().client_secret });

  it('refuses bad credentials with one sentence per failure and saves nothing', async () => {
    await fresh();
    const add = (clientId: string, clientSecret: string, baseUrl = sb.baseUrl) => service.addSite({ mode: 'client-credentials', baseUrl, clientId, clientSecret }).catch((e: { code: string; message: string }) => e);
    expect(await add('no-such-client', 'x')).toMatchObject({ code: 'unknown-client', message: expect.stringContaining('does not know this client id') });
    expect(await add(personal().client_id, 'wrong')).toMatchObject({ code: 'wrong-secret', message: expect.stringContaining('did not accept the client secret') });
    const noGrades = app('Reports without grades');
    expect(await add(noGrades.client_id, noGrades.client_secret)).toMatchObject({ code: 'grades-not-allowed', message: expect.stringContaining('grades:read') });
    expect(await add(app('Autolab Desktop (browser sign-in)').client_id, 'x')).toMatchObject({ code: 'wrong-grant' });
    expect(await service.addSite({ mode: 'browser', baseUrl: sb.baseUrl, clientId: 'no-such-client', redirectPort: 47613 }).catch((e: { code: string }) => e)).toMatchObject({ code: 'unknown-client' });
    expect(await add(personal().client_id, 'x', 'http://127.0.0.1:9')).toMatchObject({ code: 'offline' });
    const autolab = await startSandbox({ port: 0, rateLimits: false });
    try {
      expect(await add('id', 'secret', autolab.baseUrl)).toMatchObject({ code: 'not-openedx', message: expect.stringContaining('does not look like an Open edX site') });
      const browser = await service.addSite({ mode: 'browser', baseUrl: autolab.baseUrl, clientId: 'x', redirectPort: 47613 }).catch((e: { code: string }) => e);
      expect(browser).toMatchObject({ code: 'not-openedx' });
    } finally {
      await autolab.close();
    }
    expect(service.list()).toEqual([]);
  });

  it('adds a site, lists its courses and a course page with graded subsections, due dates and the grade', async () => {
    await fresh();
    const site = await addPersonal();
    expect(site).toMatchObject({ status: 'signed-in', username: 'ada_learner', fullName: 'Ada Lovelace', mode: 'client-credentials' });
    expect(JSON.stringify(site)).not.toContain(personal().client_secret);
    sb.controls.resetRequestLog();
    const courses = await service.courses({ siteId: site.id });
    expect(courses.data.map((c) => c.courseKey).sort()).toEqual(['course-v1:AutolabX+CS101+2026_T1', 'course-v1:HarvardX+PH125.1x+3T2026', 'course-v1:OpenedX+DS200+2026']);
    expect(courses.data.find((c) => c.courseKey === COURSE)).toMatchObject({ org: 'AutolabX', number: 'CS101', state: 'current', siteName: expect.any(String) });
    const page = await service.course({ siteId: site.id, courseKey: COURSE });
    expect(page.data.grade).toEqual({ percent: 0.72, letter: 'C', passed: true });
    expect(page.data.subsections.map((s) => s.name)).toEqual(['Homework 1: Bits and Bytes', 'Homework 2: Machine Code', 'Midterm Exam']);
    expect(page.data.subsections[1]!.lmsWebUrl).toContain('/jump_to/');
    const paths = sb.controls.requestLog().map((r) => r.path);
    expect(paths).toContain(`/api/grades/v1/courses/${encodeURIComponent(COURSE)}/`);
    // Tokens only in the SecretStore's memory, never on disk or in the log.
    for (const f of await filesUnder(dir)) {
      const text = await readFile(f, 'utf8');
      expect(text).not.toContain(personal().client_secret);
      expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    }
    expect(logLines.join('\n')).not.toContain(personal().client_secret);
    expect(logLines.join('\n')).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it('re-issues the JWT across an hour of sandbox clock without an error, and follows course-list pages', async () => {
    await fresh();
    const site = await addPersonal();
    await service.course({ siteId: site.id, courseKey: COURSE });
    sb.controls.resetRequestLog();
    sb.controls.advanceClock(3_700_000);
    const page = await service.course({ siteId: site.id, courseKey: COURSE });
    expect(page.stale).toBe(false);
    const log = sb.controls.requestLog();
    expect(log.filter((r) => r.path === '/oauth2/access_token').map((r) => r.status)).toEqual([200]);
    expect(log.filter((r) => r.status === 401).length).toBe(1);
  });

  it('honours 429 Retry-After by waiting and retrying once', async () => {
    await fresh();
    const site = await addPersonal();
    sb.controls.setThrottle(1, 1);
    const courses = await service.courses({ siteId: site.id });
    expect(courses.data.length).toBe(3);
    expect(sb.controls.requestLog().some((r) => r.status === 429)).toBe(true);
  });

  it('shows the cached copy when the site cannot be reached', async () => {
    await fresh();
    const own = await startOpenedxSandbox({ port: 0 });
    const a = own.applications[0]!;
    const site = await service.addSite({ mode: 'client-credentials', baseUrl: own.baseUrl, clientId: a.client_id, clientSecret: a.client_secret });
    await service.courses({ siteId: site.id });
    await own.close();
    const stale = await service.courses({ siteId: site.id });
    expect(stale.stale).toBe(true);
    expect(stale.data.length).toBe(3);
    expect(stale.error).toMatch(/could not reach/);
    expect((await service.courses({ siteId: site.id, source: 'cache' })).data.length).toBe(3);
  });

  it('browser sign-in: authorization code + PKCE S256 on the fixed loopback port, then refresh-token renewal', async () => {
    await fresh();
    const b = app('Autolab Desktop (browser sign-in)');
    const port = Number(new URL(b.redirect_uris[0]!).port);
    const site = await service.addSite({ mode: 'browser', baseUrl: sb.baseUrl, clientId: b.client_id, redirectPort: port });
    expect(site.status).toBe('signed-out');
    const signing = service.signIn(site.id);
    await expect.poll(() => opened.length).toBe(1);
    const authorize = new URL(opened[0]!);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${port}/callback`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    // The user's browser: login, consent, back to the loopback.
    const toLogin = await fetch(authorize, { redirect: 'manual' });
    const next = new URL(toLogin.headers.get('location')!, sb.baseUrl).searchParams.get('next')!;
    const login = await fetch(`${sb.baseUrl}/login`, { method: 'POST', body: new URLSearchParams({ email: 'ada@example.org', password: 'edx-demo-learner', next }), redirect: 'manual' });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const allow = await fetch(`${sb.baseUrl}/oauth2/authorize`, { method: 'POST', headers: { cookie }, body: new URLSearchParams({ ...Object.fromEntries(authorize.searchParams), allow: 'Authorize' }), redirect: 'manual' });
    expect((await fetch(allow.headers.get('location')!)).status).toBe(200);
    expect(await signing).toMatchObject({ status: 'signed-in', username: 'ada_learner' });
    sb.controls.advanceClock(3_700_000);
    expect((await service.courses({ siteId: site.id })).data.length).toBe(3);
  });
});
