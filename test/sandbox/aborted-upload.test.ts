/**
 * Issue 11 item 10: a multipart upload the client aborts leaves no temp file
 * and no open descriptor behind, and the sandbox's state and uploads are
 * private (0700 folders, 0600 files).
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';

let sb: Sandbox;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ad-sb-abort-'));
  sb = await startSandbox({ dataDir: dir });
});
afterAll(async () => {
  await sb.close();
  await rm(dir, { recursive: true, force: true });
});

const openFds = async () => (await readdir('/proc/self/fd')).length;
const uploads = async () => (await readdir(join(dir, 'uploads'))).filter((f) => f.startsWith('upload-'));

/** Send the start of a multipart upload, wait until the sandbox has opened its temp file, then reset. */
async function abortMidUpload(): Promise<number> {
  const port = new URL(sb.baseUrl).port;
  const boundary = 'b0undary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="submission[file]"; filename="h.tar"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  socket.write(
    `POST /api/v1/courses/demo-15213/assessments/hello/submit HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
      `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 10000000\r\n\r\n${head}${'x'.repeat(64 * 1024)}`,
  );
  const deadline = Date.now() + 10_000;
  let mode = -1;
  while (mode === -1 && Date.now() < deadline) {
    const [file] = await uploads();
    if (file) mode = await stat(join(dir, 'uploads', file)).then((s) => s.mode & 0o777, () => -1);
    else await new Promise((r) => setTimeout(r, 20));
  }
  socket.resetAndDestroy();
  return mode;
}

async function settle<T>(read: () => Promise<T>, want: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  let v = await read();
  while (!want(v) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    v = await read();
  }
  return v;
}

describe('sandbox multipart uploads', () => {
  it('an aborted upload releases its descriptor and deletes its temp file', async () => {
    await abortMidUpload(); // warm-up: lazily opened handles are not leaks
    await settle(uploads, (u) => u.length === 0);
    const before = await openFds();
    for (let i = 0; i < 5; i++) await abortMidUpload();
    expect(await settle(uploads, (u) => u.length === 0)).toEqual([]);
    expect(await settle(openFds, (n) => n <= before)).toBeLessThanOrEqual(before);
  });

  it('keeps state.json and uploads private to the user', async () => {
    const st = async (p: string) => (await stat(join(dir, p))).mode & 0o777;
    expect(await st('.')).toBe(0o700);
    expect(await st('uploads')).toBe(0o700);
    expect(await settle(() => st('state.json').catch(() => -1), (m) => m !== -1)).toBe(0o600);
    expect(await abortMidUpload()).toBe(0o600);
    await settle(uploads, (u) => u.length === 0);
  });
});
