/**
 * The web host's static serving (issue 15, "Speed, measured"): content-hashed
 * renderer assets are immutable for a year and compressed by Accept-Encoding;
 * index.html is revalidated on every load.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControlFor, chooseEncoding, serveStatic } from '../../../main/web-host/static-files';

let dir: string;
let server: http.Server;
let base: string;
const script = `export const answer = ${JSON.stringify('x'.repeat(20_000))};\n`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ad-static-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>t</title><script type="module" src="./assets/index-B3xq_9Zk.js"></script>');
  await writeFile(path.join(dir, 'assets', 'index-B3xq_9Zk.js'), script);
  await writeFile(path.join(dir, 'assets', 'logo.png'), Buffer.alloc(64, 7));
  server = http.createServer((req, res) => void serveStatic(dir, req, res, "default-src 'self'"));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

/** A raw GET (no automatic decompression), with its headers and body bytes. */
function get(pathname: string, acceptEncoding?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(`${base}${pathname}`, { headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('static files', () => {
  it('serves hashed assets immutable for a year, brotli-compressed when the browser accepts it', async () => {
    const res = await get('/assets/index-B3xq_9Zk.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
    expect(res.headers['content-security-policy']).toBe("default-src 'self'");
  });

  it('falls back to gzip, then to the plain file', async () => {
    const gz = await get('/assets/index-B3xq_9Zk.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const plain = await get('/assets/index-B3xq_9Zk.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('revalidates index.html on every load and does not compress images', async () => {
    const index = await get('/', 'br');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(index.body).toString()).toContain('index-B3xq_9Zk.js');
    const png = await get('/assets/logo.png', 'br');
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers['cache-control']).toBe('no-cache');
    expect(png.body.length).toBe(64);
  });

  it('chooses the encoding from Accept-Encoding, honouring q=0', () => {
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding('*')).toBe('gzip');
    expect(cacheControlFor('/assets/../index.html')).toBe('no-cache');
  });
});
