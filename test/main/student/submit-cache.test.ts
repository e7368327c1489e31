/**
 * Issue 10 item 7 against the real sandbox: the offline copy follows every submit and grading result, and a
 * version whose autograding failed to start says so instead of "Grading…" forever.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSession } from '../../../main/accounts/account-session';
import { UrlAllowList } from '../../../main/accounts/url-allow-list';
import { createAutolabClient } from '../../../main/autolab/autolab-client';
import { createOfflineCache } from '../../../main/autolab/offline-cache';
import { EventBus } from '../../../main/events';
import { GrantedFiles } from '../../../main/files/granted-files';
import { StagedFiles } from '../../../main/files/staged-files';
import { createLogger } from '../../../main/logger';
import { AutograderFailures, bundleKey, DetailBundleSchema } from '../../../main/student/assessment-facts';
import { StudentService } from '../../../main/student/student-service';
import { SubmitJournal } from '../../../main/submit/submit-journal';
import { SubmitService } from '../../../main/submit/submit-service';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { signInForToken, STUDENT } from '../../sandbox/sandbox-client.js';

const log = createLogger(() => undefined);
const ACCOUNT = 'sandbox|student';
const ref = { accountId: ACCOUNT, course: 'demo-15213', assessment: 'datalab' };
let sb: Sandbox;
let dir: string;
let session: AccountSession;
let student: StudentService;
let submits: SubmitService;
let handin: string;

beforeAll(async () => {
  sb = await startSandbox({ rateLimits: false, autogradeDelayMs: 60_000 });
  const token = (await signInForToken(sb, ...STUDENT)).access_token;
  dir = await mkdtemp(path.join(os.tmpdir(), 'submit-cache-'));
  handin = path.join(dir, 'bits.c');
  await writeFile(handin, 'int bitAnd(int x, int y) { return ~(~x | ~y); }\n');
  const client = createAutolabClient({ baseUrl: sb.baseUrl, getAccessToken: async () => token, log, userAgent: 'test' });
  session = { accountId: ACCOUNT, baseUrl: sb.baseUrl, client, cache: createOfflineCache({ dataDir: dir, accountId: ACCOUNT, log }) } as unknown as AccountSession;
  const autograderFailures = new AutograderFailures();
  const grading = { follow: () => undefined };
  const events = new EventBus();
  student = new StudentService({ session: async () => session, events, allowList: new UrlAllowList(), grading, autograderFailures, chooseFolder: async () => null, log });
  const journal = new SubmitJournal(dir, log);
  await journal.load();
  const granted = new GrantedFiles();
  await granted.grant(handin);
  submits = new SubmitService({ session: async () => session, events, staged: new StagedFiles(path.join(dir, 'staging')), granted, journal, grading, autograderFailures, log });
});
afterAll(async () => {
  await sb.close();
  await rm(dir, { recursive: true, force: true });
});

const posts = () => sb.controls.requestLog().filter((e) => e.method === 'POST' && e.path.endsWith('/submit')).length;
let n = 0;
const submit = () => submits.start({ ...ref, uploadId: `cache-test-${++n}`, file: { kind: 'path', path: handin } });
const cachedVersions = async () => (await session.cache.read(bundleKey(ref), DetailBundleSchema))?.data.submissions.map((s) => s.version);

describe('offline cache and autograder failures (issue 10 item 7)', () => {
  it('"Submission accepted, but autograding failed": saved, says the autograder did not run, never "Grading…", cached', async () => {
    const page = await student.assessment(ref);
    const before = page.data.submissions.map((s) => s.version);
    sb.controls.setAutograderFailure(true);
    const p0 = posts();
    const result = await submit();
    const v = Math.max(...before) + 1;
    expect(result).toEqual({ outcome: 'failed', landed: 'yes', version: v, message: `Autolab saved your submission as version ${v}, but the autograder did not run for this version; tell your instructor.` });
    expect(posts() - p0).toBe(1);

    const list = await student.submissions(ref);
    expect(list.find((s) => s.version === v)).toMatchObject({ grading: false, autograderDidNotRun: true });
    expect(await cachedVersions()).toEqual([v, ...before]); // the offline copy has the new version
    // The assessment page (fresh or from the cache) says the same.
    expect((await student.assessment(ref)).data.submissions.find((s) => s.version === v)).toMatchObject({ grading: false, autograderDidNotRun: true });
  });

  it('a normal submit is graded as usual and reaches the offline copy', async () => {
    const p0 = posts();
    const result = await submit();
    expect(result).toMatchObject({ outcome: 'submitted' });
    const v = (result as { version: number }).version;
    const list = await student.submissions(ref);
    expect(list.find((s) => s.version === v)).toMatchObject({ grading: true });
    expect(list.find((s) => s.version === v)?.autograderDidNotRun).toBeUndefined();
    expect((await cachedVersions())?.[0]).toBe(v);
    expect(posts() - p0).toBe(1);
  });
});
