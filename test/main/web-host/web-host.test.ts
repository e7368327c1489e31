import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore } from '../../../main/composition-root';
import { createLogger } from '../../../main/logger';
import { startWebHost, type WebHost } from '../../../main/web-host/web-host';

let host: WebHost;
const logLines: string[] = [];

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ad-webhost-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(path.join(dir, 'outside.txt'), 'must not be served');
  const log = createLogger((l) => logLines.push(l));
  const core = await createCore({ platform: { kind: 'web', openExternal: async () => false, chooseFolder: async () => null }, secrets: { loadKeytar: null }, dataDir: dir, version: '9.9.9', log });
  host = await startWebHost({ core, rendererDir, log });
});
afterAll(() => host.close());

function connect(options: { protocols?: string[]; origin?: string; host?: string; path?: string }): Promise<{ ws: WebSocket; status?: number }> {
  const port = new URL(host.origin).port;
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${options.path ?? '/ipc'}`, options.protocols ?? [], {
      origin: options.origin,
      headers: options.host ? { Host: options.host } : {},
    });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode }));
    ws.once('error', () => resolve({ ws, status: -1 }));
  });
}

function call(ws: WebSocket, message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(JSON.stringify(message));
  });
}

const good = () => ({ protocols: ['autolab-ipc', `secret.${host.secret}`], origin: host.origin });

describe('web host WebSocket', () => {
  it('carries a contract call when secret, Origin and Host are right', async () => {
    const { ws, status } = await connect(good());
    expect(status).toBeUndefined();
    expect(await call(ws, { id: 1, channel: 'app:get-info' })).toEqual({
      kind: 'result', id: 1, ok: true, output: { name: 'Autolab Desktop', version: '9.9.9', host: 'web', platform: process.platform },
    });
    expect(await call(ws, { id: 2, channel: 'app:get-info', input: { evil: true } })).toMatchObject({ id: 2, ok: false, error: { code: 'invalid-input' } });
    ws.close();
  });

  it('refuses a connection without the secret', async () => {
    expect((await connect({ ...good(), protocols: ['autolab-ipc'] })).status).toBe(401);
  });

  it('refuses a wrong secret of the same length', async () => {
    const wrong = host.secret.replace(/./, (c) => (c === 'a' ? 'b' : 'a'));
    expect((await connect({ ...good(), protocols: ['autolab-ipc', `secret.${wrong}`] })).status).toBe(401);
  });

  it('refuses a foreign Origin even with the secret', async () => {
    expect((await connect({ ...good(), origin: 'https://evil.example' })).status).toBe(403);
    expect((await connect({ ...good(), origin: undefined })).status).toBe(403);
    expect(logLines.join('\n')).not.toContain(host.secret);
  });

  it('refuses a rebinding Host header', async () => {
    expect((await connect({ ...good(), host: 'evil.example:80' })).status).toBe(421);
  });

  it('closes the socket on a malformed message', async () => {
    const { ws } = await connect(good());
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('{not json');
    expect(await closed).toBe(1007);
  });
});

describe('web host HTTP', () => {
  function get(pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
    const url = new URL(host.origin);
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: url.port, path: pathname, method, headers, agent: false }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('serves the renderer with a strict CSP', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("style-src 'self';");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const p of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2foutside.txt']) {
      const res = await get(p);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('must not be served');
    }
  });

  function post(pathname: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; body: string }> {
    const url = new URL(host.origin);
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: url.port, path: pathname, method: 'POST', headers, agent: false }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('stages a dropped file only for its own page with the launch secret', async () => {
    const bytes = Buffer.from('int main(void) { return 0; }\n');
    const ok = await post('/staging', { Origin: host.origin, 'X-Autolab-Secret': host.secret, 'X-File-Name': encodeURIComponent('../../evil name?.c') }, bytes);
    expect(ok.status).toBe(200);
    const staged = JSON.parse(ok.body) as { id: string; name: string; size: number };
    expect(staged.id).toMatch(/^[0-9a-f]{32}$/);
    expect(staged.size).toBe(bytes.length);
    expect(staged.name).not.toContain('/');
    expect(staged.name).not.toContain('?');
    const noSecret = await post('/staging', { Origin: host.origin }, bytes);
    expect(noSecret.status).toBe(403);
    expect(JSON.parse(noSecret.body).message).toMatch(/not allowed/);
    expect((await post('/staging', { Origin: 'https://evil.example', 'X-Autolab-Secret': host.secret }, bytes)).status).toBe(403);
    expect((await post('/staging', { Origin: host.origin, 'X-Autolab-Secret': host.secret, 'Content-Length': String(2 * 1024 ** 3) }, Buffer.alloc(0))).status).toBe(413);
  });

  it('refuses other methods and foreign Host headers', async () => {
    expect((await get('/', {}, 'POST')).status).toBe(405);
    expect((await get('/', { Host: 'attacker.example' })).status).toBe(421);
  });
});
