import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileNameFromDisposition, sanitizeFileName } from '../../../main/autolab/assessment-download';
import { createAutolabClient } from '../../../main/autolab/autolab-client';
import { createLogger } from '../../../main/logger';
import { sendJson, startFaultServer, type FaultServer } from '../../helpers/fault-server';

let dir: string;
let server: FaultServer | undefined;
beforeEach(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'autolab-dl-')); });
afterEach(async () => { await server?.close(); server = undefined; await rm(dir, { recursive: true, force: true }); });
const clientFor = (baseUrl: string) => createAutolabClient({ baseUrl, getAccessToken: async () => 'T'.repeat(43), log: createLogger(() => undefined), userAgent: 't' });

describe('writeup and handout', () => {
  it('JSON answers: url and none', async () => {
    server = await startFaultServer((req, res) => (req.url?.endsWith('/writeup') ? sendJson(res, 200, { url: 'https://example.edu/w.pdf' }) : sendJson(res, 200, { handout: 'none' })));
    const c = clientFor(server.baseUrl);
    expect(await c.writeup('c', 'a', dir)).toEqual({ kind: 'url', url: 'https://example.edu/w.pdf' });
    expect(await c.handout('c', 'a', dir)).toEqual({ kind: 'none' });
  });

  it('a file is streamed into the folder under a sanitised, non-clashing name', async () => {
    server = await startFaultServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-tar', 'content-disposition': 'inline; filename="../../evil.tar"; filename*=UTF-8\'\'..%2F..%2Fevil.tar' });
      res.end('TARDATA');
    });
    await writeFile(path.join(dir, 'evil.tar'), 'mine');
    const r = await clientFor(server.baseUrl).handout('c', 'a', dir);
    expect(r).toMatchObject({ kind: 'file', fileName: 'evil (1).tar', bytes: 7 });
    expect(await readFile(path.join(dir, 'evil.tar'), 'utf8')).toBe('mine');
    expect((await readdir(dir)).sort()).toEqual(['evil (1).tar', 'evil.tar']);
  });

  it('errors map to sentences', async () => {
    server = await startFaultServer((_req, res) => sendJson(res, 403, { error: 'Assessment not released yet' }));
    await expect(clientFor(server.baseUrl).writeup('c', 'a', dir)).rejects.toMatchObject({ code: 'not-released' });
  });

  it('a download that stalls part-way stops with a sentence after the idle time and leaves no half file', async () => {
    server = await startFaultServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="big.tar"', 'content-length': '100000' });
      res.write(Buffer.alloc(1000, 7)); // then nothing, connection left open
    });
    const c = createAutolabClient({ baseUrl: server.baseUrl, getAccessToken: async () => 'T'.repeat(43), log: createLogger(() => undefined), userAgent: 't', downloadIdleMs: 300 });
    await expect(c.handout('c', 'a', dir)).rejects.toMatchObject({ code: 'download-stalled', message: 'The handout download stopped: Autolab sent nothing for 1 second; try again later.' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('sanitises names', () => {
    expect(sanitizeFileName('a/b\\c:d*?.pdf', 'x')).toBe('c_d_.pdf');
    expect(sanitizeFileName('CON.txt', 'x')).toBe('_CON.txt');
    expect(sanitizeFileName('...', 'fallback')).toBe('fallback');
    expect(fileNameFromDisposition('attachment; filename="r\\"x.pdf"')).toBe('r"x.pdf');
  });
});
