import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAutolabClient } from '../../../main/autolab/autolab-client';
import { createLogger } from '../../../main/logger';
import { sendJson, startFaultServer, type FaultServer } from '../../helpers/fault-server';

type Mode = 'ok' | 'reset-mid-upload' | 'hang' | 'save-then-reset' | 'autograde-fail' | 'past-deadline';
interface Sub { version: number; filename: string; created_at: string; scores: Record<string, number> }

/** A stand-in Autolab that knows only submissions and submit, with one fault mode. */
async function miniAutolab(mode: Mode) {
  const subs: Sub[] = [{ version: 1, filename: '1_handin.c', created_at: '2024-10-01T22:10:05.123-04:00', scores: {} }];
  let received = 0;
  let firstChunk = '';
  const save = () => {
    const version = subs.length + 1;
    subs.unshift({ version, filename: `${version}_handin.c`, created_at: new Date().toISOString().replace('Z', '+00:00'), scores: {} });
    return version;
  };
  const server = await startFaultServer((req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.method === 'GET' && req.url?.endsWith('/submissions')) return sendJson(res, 200, subs);
    if (req.method !== 'POST' || !req.url?.endsWith('/submit')) return sendJson(res, 404, { error: 'Invalid request path' });
    req.on('data', (c: Buffer) => {
      if (!firstChunk) firstChunk = c.subarray(0, 400).toString('latin1');
      received += c.length;
      if (mode === 'reset-mid-upload' && received > 1 << 20) req.socket.destroy();
    });
    req.on('end', () => {
      if (mode === 'hang') return;
      if (mode === 'save-then-reset') { save(); req.socket.destroy(); return; }
      if (mode === 'autograde-fail') { save(); sendJson(res, 500, { error: 'Submission accepted, but autograding failed: Tango unreachable' }); return; }
      if (mode === 'past-deadline') { sendJson(res, 500, { error: 'Unexpected error during submission handin.\nDetails: Validation failed: You cannot submit because it is past the deadline.' }); return; }
      const v = save();
      sendJson(res, 200, { version: v, filename: `${v}_handin.c` });
    });
  });
  return { server, subs, posts: () => server.requests.filter((r) => r.method === 'POST').length, received: () => received, firstChunk: () => firstChunk };
}

let dir: string;
let bigFile: string;
const servers: FaultServer[] = [];
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'autolab-submit-'));
  bigFile = path.join(dir, 'handin.c');
  await writeFile(bigFile, randomBytes(8 << 20));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const fingerprint = async (p: string) => ({ hash: createHash('sha256').update(await readFile(p)).digest('hex'), mtimeMs: (await stat(p)).mtimeMs, size: (await stat(p)).size });
const clientFor = (baseUrl: string) =>
  createAutolabClient({ baseUrl, getAccessToken: async () => 'T'.repeat(43), log: createLogger(() => undefined), userAgent: 'test' });

async function run(mode: Mode, opts: Parameters<ReturnType<typeof clientFor>['submit']>[3] = {}) {
  const m = await miniAutolab(mode);
  servers.push(m.server);
  const before = await fingerprint(bigFile);
  const progress: Array<{ sent: number; total: number }> = [];
  const outcome = await clientFor(m.server.baseUrl).submit('15213', 'datalab', bigFile, {
    onProgress: (p) => progress.push(p), responseTimeoutMs: 500, relistDelayMs: 10, ...opts,
  });
  expect(await fingerprint(bigFile)).toEqual(before); // the user's file is untouched
  return { m, outcome, progress };
}

describe('submit', () => {
  it('streams the file as submission[file] with progress reaching the known total', async () => {
    const { m, outcome, progress } = await run('ok');
    expect(outcome).toEqual({ ok: true, version: 2, filename: '2_handin.c' });
    expect(m.firstChunk()).toContain('name="submission[file]"; filename="handin.c"');
    const last = progress.at(-1)!;
    expect(last.total).toBe(m.received());
    expect(last.sent).toBe(last.total);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.every((p, i) => i === 0 || p.sent >= progress[i - 1]!.sent)).toBe(true);
    expect(m.server.requests.find((r) => r.method === 'POST')?.headers['content-length']).toBe(String(m.received()));
    expect(m.posts()).toBe(1);
  });

  it('a reset mid-upload did not land: decided by the bytes written, without re-listing, and no second submit', async () => {
    const { m, outcome } = await run('reset-mid-upload');
    expect(outcome).toMatchObject({ ok: false, landed: false, code: 'server-down' });
    if (!outcome.ok) expect(outcome.message).toMatch(/^The connection to Autolab broke before the whole file was sent \(\d+% had gone\), so your submission did not arrive; submit again\.$/);
    expect(m.posts()).toBe(1);
    expect(m.server.requests.filter((r) => r.method === 'GET').length).toBe(1); // only the "before" list
  });

  it('a hang after the upload times out, re-lists, and reports landed false without resubmitting', async () => {
    const { m, outcome } = await run('hang');
    expect(outcome).toMatchObject({ ok: false, landed: false, code: 'server-down' });
    if (!outcome.ok) expect(outcome.message).toMatch(/did not answer in time/);
    expect(m.posts()).toBe(1);
  });

  it('an answer lost after the server saved it is found by re-listing: landed true with the version', async () => {
    const { m, outcome } = await run('save-then-reset');
    expect(outcome).toMatchObject({ ok: false, landed: true, version: 2, code: 'landed' });
    expect(m.posts()).toBe(1);
  });

  it('"Submission accepted, but autograding failed" (500) means it landed', async () => {
    const { m, outcome } = await run('autograde-fail');
    expect(outcome).toMatchObject({ ok: false, landed: true, version: 2, code: 'autograding-failed' });
    expect(m.posts()).toBe(1);
  });

  it('past the deadline (500 Validation failed) is a definite no', async () => {
    const { m, outcome } = await run('past-deadline');
    expect(outcome).toMatchObject({ ok: false, landed: false, code: 'past-deadline' });
    expect(m.posts()).toBe(1);
  });

  it('refuses an over-size file before any upload', async () => {
    const { m, outcome } = await run('ok', { maxBytes: 2 * 2 ** 20 });
    expect(outcome).toMatchObject({ ok: false, landed: false, code: 'too-large' });
    if (!outcome.ok) expect(outcome.message).toContain('(2 MB)');
    expect(m.server.requests).toHaveLength(0);
  });

  it('a cancel before sending reports landed false; a cancel mid-upload re-lists', async () => {
    const early = new AbortController();
    early.abort();
    const a = await run('ok', { signal: early.signal });
    expect(a.outcome).toMatchObject({ ok: false, landed: false, code: 'cancelled' });
    expect(a.m.posts()).toBe(0);

    const mid = new AbortController();
    const b = await run('hang', { signal: mid.signal, onProgress: (p) => p.sent > 2 << 20 && mid.abort() });
    expect(b.outcome).toMatchObject({ ok: false, landed: false, code: 'cancelled' });
    expect(b.m.posts()).toBe(1);
  });

  it('a folder is explained, not uploaded', async () => {
    const m = await miniAutolab('ok');
    servers.push(m.server);
    const outcome = await clientFor(m.server.baseUrl).submit('15213', 'datalab', dir);
    expect(outcome).toMatchObject({ ok: false, landed: false, code: 'not-a-file' });
  });
});
