/**
 * The client end to end against the sandbox (a faithful local Autolab).
 *
 * Uses the demo data of sandbox/README.md: course demo-15213, assessment datalab (open, autograded).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAutolabClient, type AutolabClient } from '../../../main/autolab/autolab-client';
import { createOfflineCache } from '../../../main/autolab/offline-cache';
import { CourseListSchema } from '../../../main/autolab/schemas';
import { createLogger } from '../../../main/logger';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { sandboxToken } from '../../helpers/sandbox-token';

describe('client against the sandbox', () => {
  let sb: Sandbox;
  let client: AutolabClient;
  let dir: string;
  beforeAll(async () => {
    sb = await startSandbox({ port: 0, autogradeDelayMs: 200, maxSizeMb: 32 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'autolab-e2e-'));
    const app = sb.applications[0]!;
    const student = sb.users.find((u) => u.role === 'student') ?? sb.users[0]!;
    const tokens = await sandboxToken({
      baseUrl: sb.baseUrl, clientId: app.client_id, clientSecret: app.client_secret,
      redirectUri: app.redirect_uris.find((u) => u.startsWith('http://127.0.0.1')) ?? app.redirect_uris[0]!,
      scopes: app.scopes, email: student.email, password: student.password,
    });
    client = createAutolabClient({ baseUrl: sb.baseUrl, getAccessToken: async () => tokens.access_token, log: createLogger(() => undefined), userAgent: 'AutolabDesktop-e2e' });
  });
  afterAll(async () => {
    await sb?.close().catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads user, courses, assessments, detail, problems, submissions', async () => {
    expect((await client.user()).email).toContain('@');
    const courses = await client.courses('current');
    expect(courses.map((c) => c.name)).toContain('demo-15213');
    const course = 'demo-15213';
    const list = await client.assessments(course);
    expect(list.map((a) => a.name)).toEqual(expect.arrayContaining(['datalab', 'bomblab']));
    expect(list.map((a) => a.name)).not.toContain('malloclab'); // not released yet: hidden from students
    const detail = await client.assessment(course, 'datalab');
    expect(detail.max_total_score).toBeGreaterThan(0);
    expect((await client.problems(course, 'datalab')).length).toBeGreaterThan(0);
    const bomb = await client.submissions(course, 'bomblab');
    expect(bomb.length).toBe(2);
    expect(Object.values(bomb[0]!.scores)).toContain('unreleased');
  });

  it('submits with progress, and a reset mid-upload leaves no duplicate', async () => {
    const course = 'demo-15213';
    const open = { name: 'datalab' };
    const file = path.join(dir, 'handin.c');
    await writeFile(file, 'int main(void) { return 0; }\n'.repeat(2000));
    let last = { sent: 0, total: -1 };
    const ok = await client.submit(course, open.name, file, { onProgress: (p) => (last = p) });
    expect(ok.ok).toBe(true);
    expect(last.sent).toBe(last.total);

    const before = (await client.submissions(course, open.name)).length;
    sb.controls.injectFault({ route: 'submit', kind: 'reset-mid-upload', count: 1 });
    const failed = await client.submit(course, open.name, file, { relistDelayMs: 50 });
    expect(failed).toMatchObject({ ok: false, landed: false });
    expect((await client.submissions(course, open.name)).length).toBe(before);
  });

  it('delivers a multi-chunk file byte for byte through the real client (reused read buffers never corrupt it)', async () => {
    // 9 MiB of non-repeating bytes: many 1 MiB read buffers are reused while uploading.
    const bytes = randomBytes(9 * 1024 * 1024 + 12345);
    const file = path.join(dir, 'big.bin');
    await writeFile(file, bytes);
    const outcome = await client.submit('demo-15213', 'datalab', file);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    // The sandbox's autograder logs the size and sha256 of what it received.
    const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
    await expect
      .poll(async () => client.feedback('demo-15213', 'datalab', outcome.version, 'Correctness').catch(() => ''), { timeout: 10_000 })
      .toContain(`(${bytes.length} bytes, sha256 ${digest})`);
  });

  it('serves the cached course list, stale, once the server is gone', async () => {
    const cache = createOfflineCache({ dataDir: dir, accountId: 'e2e', log: createLogger(() => undefined) });
    await cache.cached('courses', CourseListSchema, () => client.courses());
    await sb.close();
    const r = await cache.cached('courses', CourseListSchema, () => client.courses());
    expect(r.stale).toBe(true);
    expect(r.data.length).toBeGreaterThan(0);
  });
});
