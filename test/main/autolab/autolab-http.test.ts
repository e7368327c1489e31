import { afterEach, describe, expect, it } from 'vitest';
import { createAutolabClient } from '../../../main/autolab/autolab-client';
import { Readable } from 'node:stream';
import { createAutolabHttp, msUntilNextWindow, type Clock } from '../../../main/autolab/autolab-http';
import { createLogger } from '../../../main/logger';
import { UserError } from '../../../main/user-error';
import { drain, sendJson, startFaultServer, type FaultServer } from '../../helpers/fault-server';
import { rejection } from '../../helpers/rejection';

const TOKEN = 'A'.repeat(43);
const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const start = async (h: Parameters<typeof startFaultServer>[0]) => {
  const s = await startFaultServer(h);
  servers.push(s);
  return s;
};
const logLines: string[] = [];
const fakeClock = (startMs = 1_700_000_012_000) => {
  const sleeps: number[] = [];
  let t = startMs;
  const clock: Clock = { now: () => t, sleep: async (ms) => { sleeps.push(ms); t += ms; } };
  return { clock, sleeps };
};
const client = (baseUrl: string, extra: Partial<Parameters<typeof createAutolabClient>[0]> = {}) =>
  createAutolabClient({
    baseUrl, getAccessToken: async () => TOKEN, log: createLogger((l) => logLines.push(l)), userAgent: 'AutolabDesktop-test',
    clock: fakeClock().clock, ...extra,
  });
const USER = { email: 'a@x', first_name: 'A', last_name: 'B', school: null, major: null, year: null };

describe('autolab http policies', () => {
  it('sends the token only as a Bearer header, never in the URL', async () => {
    const s = await start((_req, res) => sendJson(res, 200, USER));
    await client(s.baseUrl).user();
    expect(s.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(s.requests[0]?.url).toBe('/api/v1/user');
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });

  it('retries a GET after 500s but never a POST/PUT/DELETE', async () => {
    let n = 0;
    const s = await start((req, res) => {
      if (req.method === 'GET' && ++n < 3) return sendJson(res, 500, '<html>oops</html>');
      if (req.method !== 'GET') return sendJson(res, 502, 'bad gateway');
      sendJson(res, 200, USER);
    });
    const c = client(s.baseUrl);
    expect((await c.user()).email).toBe('a@x');
    expect(s.requests.filter((r) => r.method === 'GET')).toHaveLength(3);
    expect((await rejection(c.dropEnrollment('c', 'a@x'))).code).toBe('server-down');
    expect((await rejection(c.updateLatest('c', 'a', 'a@x', { P: 1 }))).code).toBe('server-down');
    expect(s.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(s.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('retries a GET after a connection reset', async () => {
    let n = 0;
    const s = await start((req, res) => (++n === 1 ? req.socket.destroy() : sendJson(res, 200, USER)));
    expect((await client(s.baseUrl).user()).email).toBe('a@x');
    expect(n).toBe(2);
  });

  it('on 429 waits until the next 30-second window boundary, then retries', async () => {
    let n = 0;
    const s = await start((_req, res) => {
      if (++n === 1) {
        res.writeHead(429); // no headers, no content type, like rack-attack 6.7 (§5.2)
        res.end('{"error": "Too Many Requests. Retry Later."}');
        return;
      }
      sendJson(res, 200, USER);
    });
    const { clock, sleeps } = fakeClock(1_700_000_022_000); // 12 s into a 30-s window (boundaries at …010_000, …040_000)
    await client(s.baseUrl, { clock }).user();
    expect(sleeps).toEqual([18_000 + 250]);
    expect(msUntilNextWindow(1_700_000_020_000)).toBe(20_000);
    expect(msUntilNextWindow(1_700_000_010_000)).toBe(30_000);
  });

  it('gives up after repeated 429s with the rate-limited sentence', async () => {
    const s = await start((_req, res) => { res.writeHead(429); res.end('{"error": "Too Many Requests. Retry Later."}'); });
    const err = await rejection(client(s.baseUrl).courses());
    expect(err.code).toBe('rate-limited');
    expect(s.requests).toHaveLength(3);
  });

  it('does not send Authorization on a redirect to another origin', async () => {
    const other = await start((_req, res) => sendJson(res, 200, USER));
    const s = await start((_req, res) => { res.writeHead(302, { location: `${other.origin}/api/v1/user` }); res.end(); });
    await client(s.baseUrl).user();
    expect(s.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('never follows a redirect when sending a body (an upload)', async () => {
    const other = await start((_req, res) => sendJson(res, 200, {}));
    const s = await start(async (req, res) => { await drain(req); res.writeHead(307, { location: `${other.origin}/api/v1/x` }); res.end(); });
    const http = createAutolabHttp({ baseUrl: s.baseUrl, getAccessToken: async () => TOKEN, log: createLogger(() => undefined), userAgent: 't' });
    const answer = await http.sendOnce({
      method: 'POST', path: 'x', body: () => ({ stream: Readable.from([Buffer.from('abc')]), headers: { 'content-length': '3' } }),
    });
    expect(answer.status).toBe(307);
    expect(other.requests).toHaveLength(0);
  });

  it('keeps Authorization on a same-origin redirect', async () => {
    const s = await start((req, res) => {
      if (req.url === '/api/v1/user') { res.writeHead(301, { location: '/api/v1/user2' }); res.end(); return; }
      sendJson(res, 200, USER);
    });
    await client(s.baseUrl).user();
    expect(s.requests[1]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('on 401 refreshes once and retries once with the new token', async () => {
    const fresh = 'B'.repeat(43);
    let refreshes = 0;
    const s = await start((req, res) =>
      req.headers.authorization === `Bearer ${fresh}` ? sendJson(res, 200, USER) : sendJson(res, 401, { error: 'OAuth2 authorization failed' }));
    let current = TOKEN;
    const c = client(s.baseUrl, { getAccessToken: async () => current, onUnauthorized: async () => { refreshes++; current = fresh; return fresh; } });
    expect((await c.user()).email).toBe('a@x');
    expect(refreshes).toBe(1);
    expect(s.requests).toHaveLength(2);
  });

  it('a 401 that survives the refresh means signed out (no loop)', async () => {
    const s = await start((_req, res) => sendJson(res, 401, { error: 'OAuth2 authorization failed' }));
    let refreshes = 0;
    const err = await rejection(client(s.baseUrl, { onUnauthorized: async () => { refreshes++; return 'C'.repeat(43); } }).courses());
    expect(err.code).toBe('signed-out');
    expect(refreshes).toBe(1);
    expect(s.requests).toHaveLength(2);
  });

  it('malformed JSON and schema mismatches become the clear sentence', async () => {
    const s = await start((req, res) => (req.url === '/api/v1/user' ? sendJson(res, 200, '{"email": "a@x",') : sendJson(res, 200, [{ name: 1 }])));
    const a = await rejection(client(s.baseUrl).user());
    const b = await rejection(client(s.baseUrl).courses());
    for (const e of [a, b]) {
      expect(e).toBeInstanceOf(UserError);
      expect(e.code).toBe('malformed-answer');
      expect(e.message).toMatch(/^The server sent an answer Autolab Desktop does not understand/);
    }
  });

  it('a server that hangs ends in a timeout sentence, not forever', async () => {
    const s = await start(() => { /* never answers */ });
    const err = await rejection(client(s.baseUrl, { responseTimeoutMs: 300, retryLimit: 1 }).user());
    expect(err.code).toBe('server-down');
    expect(err.message).toMatch(/did not answer in time/);
    expect(s.requests).toHaveLength(2);
  });

  it('a refused connection means offline', async () => {
    const s = await start(() => undefined);
    const url = s.baseUrl;
    await s.close();
    servers.pop();
    const err = await rejection(client(url, { retryLimit: 0 }).user());
    expect(err.code).toBe('offline');
  });

  it('sends update_latest in Autolab’s string-encoded form', async () => {
    let form = '';
    const s = await start(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      form = Buffer.concat(chunks).toString();
      sendJson(res, 200, { 'a@x': { 'Problem 1': 10 } });
    });
    await client(s.baseUrl).updateLatest('c1', 'lab', 'a@x', { 'Problem 1': 10 }, true);
    const p = new URLSearchParams(form);
    expect(JSON.parse(p.get('problems')!)).toEqual({ 'Problem 1': 10 });
    expect(p.get('update_group_scores')).toBe('true');
    expect(s.requests[0]?.url).toBe('/api/v1/courses/c1/assessments/lab/scores/a%40x/update_latest');
    void drain;
  });
});
