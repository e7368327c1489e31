/**
 * Issue 11 item 2: `submit:start` reads only files the user handed over.
 * The web host accepts staged files only; in Electron a path must have been
 * registered from a real dropped or picked File, and must still be the same
 * regular file (no FIFO, device, directory or swapped-in symlink).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAutolabClient } from '../../../main/autolab/autolab-client';
import { createCore, type Core } from '../../../main/composition-root';
import { GrantedFiles } from '../../../main/files/granted-files';
import { createLogger } from '../../../main/logger';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ad-grant-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code ?? String(e));

describe('granted files', () => {
  it('resolves a granted regular file and refuses any path never granted', async () => {
    const g = new GrantedFiles();
    const file = path.join(dir, 'handin.tar');
    await writeFile(file, 'tar');
    expect(await codeOf(g.resolve(file))).toBe('file-not-granted');
    await g.grant(file);
    expect(await g.resolve(file)).toBe(file);
    expect(await codeOf(g.resolve('/etc/passwd'))).toBe('file-not-granted');
    expect(await codeOf(g.resolve('handin.tar'))).toBe('file-not-granted');
  });

  it('refuses to grant directories, devices, FIFOs and relative paths', async () => {
    const g = new GrantedFiles();
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    await mkdir(path.join(dir, 'folder'));
    for (const p of [path.join(dir, 'folder'), '/dev/zero', '/dev/null', fifo, 'relative.tar', path.join(dir, 'missing')]) {
      expect(await codeOf(g.grant(p)), p).toBe('not-a-file');
    }
  });

  it('refuses a granted path that became a symlink to another file or a FIFO', async () => {
    const g = new GrantedFiles();
    const file = path.join(dir, 'swap.tar');
    const secret = path.join(dir, 'secret.txt');
    await writeFile(file, 'tar');
    await writeFile(secret, 'private');
    await g.grant(file);
    await unlink(file);
    await symlink(secret, file);
    expect(await codeOf(g.resolve(file))).toBe('not-a-file');
    await unlink(file);
    execFileSync('mkfifo', [file]);
    expect(await codeOf(g.resolve(file))).toBe('not-a-file');
  });

  it('a symlink the user dropped resolves to the file it pointed to at drop time', async () => {
    const g = new GrantedFiles();
    const target = path.join(dir, 'real.c');
    const link = path.join(dir, 'link.c');
    await writeFile(target, 'int main;');
    await symlink(target, link);
    await g.grant(link);
    expect(await g.resolve(link)).toBe(target);
  });
});

describe('submit:start in the web host', () => {
  let core: Core;
  beforeAll(async () => {
    core = await createCore({
      platform: { kind: 'web', openExternal: async () => false, chooseFolder: async () => null },
      secrets: { loadKeytar: null },
      dataDir: path.join(dir, 'data'),
      version: '1.0.0',
      log: createLogger(() => undefined),
    });
  });
  afterAll(() => core.dispose());

  it('refuses any path (only staged uploads work there)', async () => {
    const file = path.join(dir, 'any.txt');
    await writeFile(file, 'x');
    for (const p of ['/etc/passwd', file]) {
      const answer = await core.router.dispatch('submit:start', { accountId: 'acct-1', course: 'c', assessment: 'a', uploadId: 'upload-0001', file: { kind: 'path', path: p } }, { trusted: true });
      expect(answer).toMatchObject({ ok: false, error: { code: 'file-not-granted', message: expect.stringMatching(/dropped on or picked in its window/) } });
    }
  });

  it('refuses "." and ".." as course or assessment names before they become URL path steps', async () => {
    for (const [course, assessment] of [['..', 'a'], ['c', '.'], ['.', '..']]) {
      const answer = await core.router.dispatch('assessment:get', { accountId: 'acct-1', course, assessment }, { trusted: true });
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });
});

describe('names from a server', () => {
  it('a course or assessment named "." or ".." never becomes a URL path step', async () => {
    const client = createAutolabClient({ baseUrl: 'https://autolab.example.edu', getAccessToken: async () => 't', log: createLogger(() => undefined), userAgent: 't' });
    // A rejection, not a synchronous throw: callers chain .catch on these promises.
    for (const call of [() => client.assessments('..'), () => client.assessment('c', '.'), () => client.submissions('..', 'a'), () => client.problems('.', 'a').catch((e: unknown) => e)]) {
      const p = call();
      expect(p).toBeInstanceOf(Promise);
      await expect(p.then((v) => Promise.reject(v))).rejects.toMatchObject({ code: 'bad-name' });
    }
  });
});
