/**
 * Issue 11 item 7: download file names from the server are made safe:
 * invisible bidi/control characters removed, Windows device names defused
 * (also `con .txt`, `COM¹.txt`, `CONIN$`), the length capped in UTF-8 bytes,
 * and a failed save reports the real reason.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FILE_NAME_BYTES, sanitizeFileName } from '../../../main/autolab/assessment-download';
import { createAutolabClient } from '../../../main/autolab/autolab-client';
import { createLogger } from '../../../main/logger';
import { startFaultServer, type FaultServer } from '../../helpers/fault-server';

let dir: string;
let server: FaultServer | undefined;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ad-names-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

const serveFile = (name: string) =>
  startFaultServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}` });
    res.end('PDF');
  });
const clientFor = (baseUrl: string) => createAutolabClient({ baseUrl, getAccessToken: async () => 'T'.repeat(43), log: createLogger(() => undefined), userAgent: 't' });

describe('download file names', () => {
  it('removes bidi overrides and other invisible characters', () => {
    expect(sanitizeFileName('invoice\u202Efdp.exe', 'x')).toBe('invoicefdp.exe');
    for (const c of ['\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u061C', '\u0085', '\u2028', '\u0007']) {
      expect(sanitizeFileName(`a${c}b.pdf`, 'x'), JSON.stringify(c)).toBe('ab.pdf');
    }
  });

  it('defuses Windows device names in every spelling', () => {
    for (const n of ['con .txt', 'COM¹.txt', 'lpt³.c', 'CONIN$', 'conout$.log', 'nul', 'AUX.tar.gz', 'com0', 'PRN  .pdf']) {
      const safe = sanitizeFileName(n, 'x');
      expect(safe, n).not.toMatch(/^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)[ .]*(\..*)?$/i);
      expect(safe.length).toBeGreaterThan(0);
    }
    expect(sanitizeFileName('..', 'fallback')).toBe('fallback');
    expect(sanitizeFileName('\u202E', 'fallback')).toBe('fallback');
  });

  it('caps names by UTF-8 bytes, keeping the extension and whole characters', () => {
    const cjk = `${'講義資料'.repeat(60)}.pdf`; // 240 characters, 724 bytes
    const safe = sanitizeFileName(cjk, 'x');
    expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(safe.endsWith('.pdf')).toBe(true);
    expect(safe).not.toContain('\uFFFD');
    const emoji = `${'😀'.repeat(100)}.txt`;
    expect(Buffer.byteLength(sanitizeFileName(emoji, 'x'))).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(sanitizeFileName(emoji, 'x')).toMatch(/^(😀)+\.txt$/);
  });

  it('a long CJK name downloads (the temporary name fits too) and even clashes get a suffix within 255 bytes', async () => {
    const name = `${'講義資料'.repeat(60)}.pdf`;
    server = await serveFile(name);
    const c = clientFor(server.baseUrl);
    const first = await c.handout('c', 'a', dir);
    const second = await c.handout('c', 'a', dir);
    expect(first).toMatchObject({ kind: 'file', bytes: 3 });
    expect(second).toMatchObject({ kind: 'file', bytes: 3 });
    const files = await readdir(dir);
    expect(files).toHaveLength(2);
    for (const f of files) expect(Buffer.byteLength(f)).toBeLessThanOrEqual(255);
  });

  it('a folder that cannot be written says so, not "could not be reached"', async () => {
    server = await serveFile('notes.pdf');
    // A file where the folder should be: fails for root too (ENOTDIR).
    const notAFolder = path.join(dir, 'not-a-folder');
    await writeFile(notAFolder, 'x');
    const err = await clientFor(server.baseUrl).handout('c', 'a', notAFolder).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(err?.code).toBe('save-failed');
    expect(err?.message).toMatch(/could not be saved in that folder/);
  });

  it('when the cleanup fails too, the real error is reported, not the cleanup error', async () => {
    server = await serveFile('notes.pdf');
    // A folder path past PATH_MAX: creating the temporary file fails, and so does removing it.
    const tooLong = path.join(dir, 'a/'.repeat(2100));
    const err = await clientFor(server.baseUrl).handout('c', 'a', tooLong).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(err?.code).toBe('save-failed');
  });
});
