/**
 * Submit truth under injected faults (issue 10 items 1–3): the real sandbox, the real client and submit service,
 * and the fault proxy between them. Every test counts the POSTs in the sandbox's request log.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SubmitJournalEntry } from '../../../preload/contract';
import type { AccountSession } from '../../../main/accounts/account-session';
import { createAutolabClient } from '../../../main/autolab/autolab-client';
import { createOfflineCache } from '../../../main/autolab/offline-cache';
import { EventBus } from '../../../main/events';
import { GrantedFiles } from '../../../main/files/granted-files';
import { StagedFiles } from '../../../main/files/staged-files';
import { createLogger } from '../../../main/logger';
import { AutograderFailures } from '../../../main/student/assessment-facts';
import { SubmitJournal } from '../../../main/submit/submit-journal';
import { SubmitService } from '../../../main/submit/submit-service';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { api, INSTRUCTOR, signInForToken, STUDENT, type Tokens } from '../../sandbox/sandbox-client.js';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy';

const log = createLogger(() => undefined);
const ACCOUNT = 'http://sandbox|student@example.edu';
const SUBMIT = /\/submit$/;
let sb: Sandbox;
let student: Tokens;
let dir: string;
let handin: string;
/** Larger than the loopback socket buffers, so a cut really stops the client's writes part-way. */
let bigHandin: string;
const proxies: FaultProxy[] = [];

beforeAll(async () => {
  sb = await startSandbox({ rateLimits: false, autogradeDelayMs: 60_000, maxSizeMb: 64 });
  student = await signInForToken(sb, ...STUDENT);
  dir = await mkdtemp(path.join(os.tmpdir(), 'submit-faults-'));
  handin = path.join(dir, 'handin.c');
  bigHandin = path.join(dir, 'exploit.txt');
  await writeFile(bigHandin, Buffer.alloc(40 << 20, 0x41));
  await writeFile(handin, Buffer.concat([Buffer.from('int bitAnd(int x, int y) { return x & y; }\n'), Buffer.alloc(300_000, 0x20)]));
});
afterAll(async () => {
  await sb.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  sb.controls.setClockOffset(0);
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});

const submitPosts = () => sb.controls.requestLog().filter((e) => e.method === 'POST' && SUBMIT.test(e.path)).length;
const versions = async (token: string, assessment: string) =>
  ((await api(sb, token, `/courses/demo-15213/assessments/${assessment}/submissions`)).json as Array<{ version: number; created_at: string }>);

/** A submit service for the student, talking to the sandbox through a fresh fault proxy, journaling in `dataDir`. */
async function harness(dataDir: string, sandbox = sb, token = student.access_token) {
  const proxy = await startFaultProxy(sandbox.baseUrl);
  proxies.push(proxy);
  const client = createAutolabClient({ baseUrl: proxy.baseUrl, getAccessToken: async () => token, log, userAgent: 'test', retryLimit: 0 });
  const session = { accountId: ACCOUNT, baseUrl: proxy.baseUrl, client, cache: createOfflineCache({ dataDir, accountId: ACCOUNT, log }) } as unknown as AccountSession;
  const journal = new SubmitJournal(dataDir, log);
  await journal.load();
  const followed: string[] = [];
  const service = new SubmitService({
    session: async () => session,
    events: new EventBus(),
    staged: new StagedFiles(path.join(dataDir, 'staging')),
    granted,
    journal,
    grading: { follow: (_a, _c, assessment) => void followed.push(assessment) },
    autograderFailures: new AutograderFailures(),
    log,
    responseTimeoutMs: 5_000,
  });
  return { proxy, service, journal, followed };
}

let n = 0;
/** The files these tests submit, handed over as the Electron window would (issue 11 item 2). */
const granted = new GrantedFiles();
const start = async (service: SubmitService, assessment: string, file = handin) =>
  (await granted.grant(file), service.start({ accountId: ACCOUNT, course: 'demo-15213', assessment, uploadId: `upload-${++n}-${Date.now()}`, file: { kind: 'path', path: file } }));

describe('submit under faults (fault proxy + sandbox)', () => {
  it('a group partner submits while our upload is cut: "did not arrive", though a new version appeared', async () => {
    const { proxy, service } = await harness(await mkdtemp(path.join(dir, 'a-')));
    const alice = await signInForToken(sb, 'alice@example.edu', 'demo-alice');
    const posts = submitPosts();
    proxy.addRule({
      method: 'POST', path: SUBMIT,
      mode: {
        kind: 'cut-upload', afterBytes: 64 * 1024,
        beforeCut: async () => {
          const fd = new FormData();
          fd.append('submission[file]', new Blob(['partner']), 'exploit.txt');
          expect((await api(sb, alice.access_token, '/courses/demo-15213/assessments/attacklab/submit', { method: 'POST', body: fd })).status).toBe(200);
        },
      },
    });
    const before = (await versions(student.access_token, 'attacklab')).length;
    const result = await start(service, 'attacklab', bigHandin);
    expect(result).toMatchObject({ outcome: 'failed', landed: 'no' });
    if (result.outcome === 'failed') expect(result.message).toMatch(/before the whole file was sent .*so your submission did not arrive; submit again\.$/);
    expect((await versions(student.access_token, 'attacklab')).length).toBe(before + 1); // the partner's version is there
    expect(submitPosts() - posts).toBe(2); // our cut one and the partner's: no second POST of ours
    // Decided by the bytes written: the list (which shows the partner's version) was not even read again.
    const ours = proxy.requests.findIndex((r) => r.method === 'POST');
    expect(proxy.requests.slice(ours + 1)).toEqual([]);
    expect(proxy.requests[ours]!.bodyBytesForwarded).toBe(64 * 1024);
  });

  for (const [label, offset] of [['10 minutes behind', -10 * 60_000], ['3 hours ahead', 3 * 3600_000]] as const) {
    it(`an answer dropped after the server saved, with the server clock ${label}: "saved as version N", no second POST`, async () => {
      sb.controls.setClockOffset(offset);
      const me = await signInForToken(sb, ...STUDENT); // a token issued on the shifted clock
      const { proxy, service, journal } = await harness(await mkdtemp(path.join(dir, 'b-')), sb, me.access_token);
      proxy.addRule({ method: 'POST', path: SUBMIT, mode: { kind: 'drop-answer' } });
      const posts = submitPosts();
      const result = await start(service, 'datalab');
      const newest = (await versions(me.access_token, 'datalab'))[0]!;
      expect(result).toMatchObject({ outcome: 'failed', landed: 'yes', version: newest.version });
      if (result.outcome === 'failed') expect(result.message).toBe(`Autolab saved your submission as version ${newest.version} even though its answer was lost; there is no need to submit again.`);
      expect(submitPosts() - posts).toBe(1);
      const entry = journal.list(ACCOUNT)[0]!;
      expect(entry).toMatchObject({ state: 'done', outcome: { landed: 'yes', version: newest.version } });
      expect(Math.abs(entry.clock!.offsetMs - offset)).toBeLessThan(5_000);
    });
  }

  it('two submits to one assessment at once: the second is refused with a sentence, one POST', async () => {
    const { proxy, service } = await harness(await mkdtemp(path.join(dir, 'c-')));
    proxy.addRule({ method: 'POST', path: SUBMIT, mode: { kind: 'throttle', bytesPerSecond: 400_000 } });
    const posts = submitPosts();
    // The file is handed over once, before the two clicks: `start` would grant it per call, and the two grants
    // (realpath + stat in the thread pool) can finish in either order, so the second click could reach the
    // service first. Both `service.start` calls are made in one tick, in order, as two IPC clicks arrive.
    await granted.grant(handin);
    const click = () => service.start({ accountId: ACCOUNT, course: 'demo-15213', assessment: 'datalab', uploadId: `upload-${++n}-${Date.now()}`, file: { kind: 'path', path: handin } });
    const [first, second] = await Promise.allSettled([click(), click()]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { outcome: 'submitted' } });
    expect(second.status).toBe('rejected');
    expect((second as PromiseRejectedResult).reason).toMatchObject({ code: 'submit-in-flight' });
    expect(String((second as PromiseRejectedResult).reason.message)).toMatch(/^Your submission to (Data Lab|this assessment) from \d\d:\d\d is still on its way; wait for its outcome before you submit again\.$/);
    expect(submitPosts() - posts).toBe(1);
  });

  it('killed after the last byte: the next start reconciles the journal entry and tells "arrived as version N"', async () => {
    const first = await mkdtemp(path.join(dir, 'd-'));
    const afterKill = await mkdtemp(path.join(dir, 'e-'));
    const { proxy, service, journal } = await harness(first);
    let snapshot: SubmitJournalEntry | undefined;
    proxy.addRule({
      method: 'POST', path: SUBMIT,
      mode: {
        kind: 'drop-answer',
        // The moment the server has saved: copy the journal as a crash would leave it.
        afterAnswer: async () => {
          await journal.flush();
          snapshot = journal.list(ACCOUNT)[0];
          await mkdir(afterKill, { recursive: true });
          await copyFile(path.join(first, 'submit-journal.json'), path.join(afterKill, 'submit-journal.json'));
        },
      },
    });
    const posts = submitPosts();
    await start(service, 'datalab');
    expect(snapshot).toMatchObject({ state: 'sending', lastByteAt: expect.any(Number) });

    const next = await harness(afterKill);
    const entries = await next.service.journal({ accountId: ACCOUNT });
    const newest = (await versions(student.access_token, 'datalab'))[0]!;
    expect(entries[0]).toMatchObject({ state: 'done', outcome: { landed: 'yes', version: newest.version, reconciled: true } });
    expect(entries[0]!.outcome!.message).toMatch(new RegExp(`^Your Data Lab submission from \\d\\d:\\d\\d arrived as version ${newest.version}\\.$`));
    expect(next.followed).toEqual(['datalab']);
    expect(submitPosts() - posts).toBe(1);
  });

  it('an upload interrupted before its first byte is told "did not arrive" at the next start, without a request', async () => {
    const d = await mkdtemp(path.join(dir, 'f-'));
    const entry: SubmitJournalEntry = {
      id: 'interrupted-0001', accountId: ACCOUNT, course: 'demo-15213', assessment: 'datalab', assessmentName: 'Data Lab', fileName: 'handin.c',
      fileSize: null, sha256: null, startedAt: Date.now() - 60_000, lastByteAt: null, updatedAt: Date.now() - 60_000, responseTimeoutMs: 5_000,
      before: null, clock: null, group: false, sent: 0, total: 0, state: 'sending', outcome: null, finishedAt: null, acknowledged: false,
    };
    await writeFile(path.join(d, 'submit-journal.json'), JSON.stringify({ version: 1, entries: [entry] }));
    const { proxy, journal } = await harness(d);
    // Even signed out (no session), an upload that never began is decided.
    const service = new SubmitService({
      session: async () => { throw new Error('signed out'); },
      events: new EventBus(), staged: new StagedFiles(path.join(d, 'staging')), granted, journal,
      grading: { follow: () => undefined }, autograderFailures: new AutograderFailures(), log,
    });
    const posts = submitPosts();
    const [e] = await service.journal({ accountId: ACCOUNT });
    expect(submitPosts()).toBe(posts);
    expect(e!.outcome).toMatchObject({ landed: 'no', reconciled: true });
    expect(e!.outcome!.message).toMatch(/^Your Data Lab submission from \d\d:\d\d did not arrive/);
    expect(proxy.requests).toHaveLength(0);
  });
});

describe('group submit (autolab-api.md §4.8: the answer names the first member\'s row)', () => {
  it('reports the submitter\'s own new version, not the first member\'s', async () => {
    const own = await startSandbox({ rateLimits: false, autogradeDelayMs: 60_000 });
    try {
      const [instructor, me] = await Promise.all([signInForToken(own, ...INSTRUCTOR), signInForToken(own, ...STUDENT)]);
      const A = '/courses/demo-15213/assessments/datalab';
      const call = (token: string, p: string, init: RequestInit) => fetch(`${own.baseUrl}/api/v1${p}`, { ...init, headers: { ...(init.headers ?? {}), authorization: `Bearer ${token}` } });
      expect((await call(instructor.access_token, `${A}/set_group_settings`, { method: 'POST', body: new URLSearchParams({ group_size: '2' }) })).status).toBe(200);
      // Bob first: the answer will carry Bob's version 1, while the student (one earlier version) gets version 2.
      expect((await call(instructor.access_token, `${A}/groups`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ groups: [{ group_members: ['bob@example.edu', 'student@example.edu'] }] }) })).status).toBe(200);
      const { service, proxy } = await harness(await mkdtemp(path.join(dir, 'g-')), own, me.access_token);
      const result = await start(service, 'datalab');
      expect(result).toEqual({ outcome: 'submitted', version: 2, filename: '2_bits.c' });
      expect(proxy.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      expect(own.controls.requestLog().filter((e) => e.method === 'POST' && SUBMIT.test(e.path))).toHaveLength(1);

      // The partner submits for the group while our answer is on its way: two new rows of ours, either could be it.
      const bob = await signInForToken(own, 'bob@example.edu', 'demo-bob');
      proxy.addRule({
        method: 'POST', path: SUBMIT,
        mode: {
          kind: 'delay-answer',
          beforeAnswer: async () => {
            const fd = new FormData();
            fd.append('submission[file]', new Blob(['partner']), 'bits.c');
            expect((await call(bob.access_token, `${A}/submit`, { method: 'POST', body: fd })).status).toBe(200);
          },
        },
      });
      const both = await start(service, 'datalab');
      expect(both).toMatchObject({ outcome: 'failed', landed: 'yes', version: null });
      if (both.outcome === 'failed') {
        expect(both.message).toMatch(/^Autolab saved your submission, but versions 3 and 4 appeared at \d\d:\d\d( and \d\d:\d\d)?, so which one is yours is not certain; open their feedback to tell\.$/);
      }
      expect(own.controls.requestLog().filter((e) => e.method === 'POST' && SUBMIT.test(e.path))).toHaveLength(3); // ours twice, Bob's once
    } finally {
      await own.close();
    }
  });
});
