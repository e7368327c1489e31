/**
 * The upload benchmark's harness works: bench/upload-child.ts uploads a small
 * file through our real client in its own process and reports time and
 * memory. No timing assertions (figures belong to `npm run bench`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRandomFile, runUploadChild } from '../../bench/upload';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { sandboxToken } from '../helpers/sandbox-token';

describe('bench upload child', () => {
  let sb: Sandbox;
  let dir: string;
  let token: string;
  beforeAll(async () => {
    sb = await startSandbox({ port: 0, maxSizeMb: 20, rateLimits: false, autogradeDelayMs: 60_000 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'bench-test-'));
    const app = sb.applications[0]!;
    const student = sb.users.find((u) => u.role === 'student')!;
    token = (await sandboxToken({
      baseUrl: sb.baseUrl, clientId: app.client_id, clientSecret: app.client_secret,
      redirectUri: app.redirect_uris.find((u) => u.startsWith('http://127.0.0.1'))!,
      scopes: app.scopes, email: student.email, password: student.password,
    })).access_token;
  });
  afterAll(async () => {
    await sb?.close().catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('uploads 8 MiB in a child process and reports wall time and memory', async () => {
    const file = path.join(dir, 'handin.bin');
    await makeRandomFile(file, 8 * 2 ** 20);
    const report = await runUploadChild({ baseUrl: sb.baseUrl, token, course: 'demo-15213', assessment: 'datalab', file });
    expect(report).toMatchObject({ ok: true, version: expect.any(Number) });
    expect(report.totalBytes).toBeGreaterThan(8 * 2 ** 20);
    expect(report.sentBytes).toBe(report.totalBytes);
    expect(report.wallMs).toBeGreaterThan(0);
    expect(report.cpuMs).toBeGreaterThanOrEqual(0);
    expect(report.baselineRssBytes).toBeGreaterThan(0);
    expect(report.peakSampledRssBytes).toBeGreaterThanOrEqual(report.baselineRssBytes);
    expect(report.peakGrowthBytes).toBeGreaterThanOrEqual(0);
    expect(report.samples).toBeGreaterThan(0);
    expect(JSON.stringify(report)).not.toContain(token);
  });
});
