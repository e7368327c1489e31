/**
 * What a refused submit teaches (issue 15), against the sandbox: Autolab's
 * "embedded quiz" answer and the size limit of its 403 are remembered, the
 * assessment page is told, and the next attempt is refused before any byte
 * is uploaded (no POST reaches the server).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineCache } from '../../../main/autolab/offline-cache';
import { EventBus } from '../../../main/events';
import { GrantedFiles } from '../../../main/files/granted-files';
import { StagedFiles } from '../../../main/files/staged-files';
import { AutograderFailures } from '../../../main/student/assessment-facts';
import { SubmitJournal } from '../../../main/submit/submit-journal';
import { SubmitService } from '../../../main/submit/submit-service';
import { createLogger } from '../../../main/logger';
import { UrlAllowList } from '../../../main/accounts/url-allow-list';
import { StudentService } from '../../../main/student/student-service';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { clientFor } from '../instructor/sandbox-session';

describe('submit limits learned from refusals', () => {
  let sb: Sandbox;
  let dir: string;
  let student: StudentService;
  let submits: SubmitService;
  const ref = (assessment: string) => ({ accountId: 'acct-student', course: 'demo-15213', assessment });
  const posts = () => sb.controls.requestLog().filter((r) => r.method === 'POST' && r.path.endsWith('/submit')).length;

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, maxSizeMb: 1 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'ad-limits-'));
    const { client } = await clientFor(sb, 'student@example.edu');
    const log = createLogger(() => undefined);
    const cache = createOfflineCache({ dataDir: dir, accountId: 'acct-student', log });
    const session = async () => ({ accountId: 'acct-student', baseUrl: sb.baseUrl, client, cache }) as never;
    const autograderFailures = new AutograderFailures();
    const events = new EventBus();
    const grading = { follow: () => undefined };
    student = new StudentService({ session, events, allowList: new UrlAllowList(), grading, autograderFailures, chooseFolder: async () => dir, log });
    const granted = new GrantedFiles();
    const journal = new SubmitJournal(path.join(dir, 'data'), log);
    await journal.load();
    submits = new SubmitService({ session, events, staged: new StagedFiles(path.join(dir, 'staging')), granted, journal, grading, autograderFailures, log });
    await writeFile(path.join(dir, 'quiz.json'), '{"answers":[1,2]}\n');
    await writeFile(path.join(dir, 'big.c'), Buffer.alloc(1536 * 1024, 65));
    await writeFile(path.join(dir, 'small.c'), 'int main(void) { return 0; }\n');
    for (const f of ['quiz.json', 'big.c', 'small.c']) await granted.grant(path.join(dir, f));
  });
  afterAll(async () => {
    await sb?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('an embedded quiz is refused by Autolab once, then before uploading, and the page knows it', async () => {
    expect((await student.assessment(ref('quiz1'))).data.embeddedQuiz).toBe(false);
    sb.controls.resetRequestLog();
    const first = await submits.start({ ...ref('quiz1'), uploadId: 'upload-quiz-1', file: { kind: 'path', path: path.join(dir, 'quiz.json') } });
    expect(first).toMatchObject({ outcome: 'failed', landed: 'no' });
    expect(posts()).toBe(1);
    const second = await submits.start({ ...ref('quiz1'), uploadId: 'upload-quiz-2', file: { kind: 'path', path: path.join(dir, 'quiz.json') } });
    expect(second).toEqual({ outcome: 'failed', landed: 'no', version: null, message: 'This assessment is a quiz answered on the Autolab website; open it there.' });
    expect(posts()).toBe(1);
    expect((await student.assessment(ref('quiz1'))).data.embeddedQuiz).toBe(true);
  });

  it("a file over the size Autolab's 403 named is refused before uploading; a smaller one still goes", async () => {
    sb.controls.resetRequestLog();
    const first = await submits.start({ ...ref('datalab'), uploadId: 'upload-big-1', file: { kind: 'path', path: path.join(dir, 'big.c') } });
    expect(first).toMatchObject({ outcome: 'failed', landed: 'no' });
    expect(posts()).toBe(1);
    expect((await student.assessment(ref('datalab'))).data.maxSizeBytes).toBe(1024 * 1024);
    const second = await submits.start({ ...ref('datalab'), uploadId: 'upload-big-2', file: { kind: 'path', path: path.join(dir, 'big.c') } });
    expect(second).toMatchObject({ outcome: 'failed', landed: 'no', message: expect.stringContaining('(1 MB)') });
    expect(posts()).toBe(1);
    const small = await submits.start({ ...ref('datalab'), uploadId: 'upload-small-1', file: { kind: 'path', path: path.join(dir, 'small.c') } });
    expect(small).toMatchObject({ outcome: 'submitted' });
    expect(posts()).toBe(2);
  });
});
