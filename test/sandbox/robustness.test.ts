import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { toRailsJson, Float } from '../../sandbox/autolab/rails-json.js';
import { formatAutolabTime } from '../../sandbox/http/clock.js';
import { STUDENT, api, signInForToken, type Tokens } from './sandbox-client.js';

const A = '/courses/demo-15213/assessments';
const THROTTLED = '{"error": "Too Many Requests. Retry Later."}';

describe('sandbox wire format (§4.0, §8)', () => {
  it('writes floats with .0, escapes <>& and formats Eastern datetimes', () => {
    expect(toRailsJson({ a: new Float(80), b: 4, c: new Float(0.5), s: '<a&b>' })).toBe('{"a":80.0,"b":4,"c":0.5,"s":"\\u003ca\\u0026b\\u003e"}');
    expect(formatAutolabTime(Date.UTC(2024, 8, 16, 3, 59))).toBe('2024-09-15T23:59:00.000-04:00');
    expect(formatAutolabTime(Date.UTC(2024, 11, 2, 4, 59, 0, 7))).toBe('2024-12-01T23:59:00.007-05:00');
  });
});

describe('sandbox rate limits (§5.2)', () => {
  let sb: Sandbox;
  let t: Tokens;
  beforeAll(async () => {
    sb = await startSandbox();
    t = await signInForToken(sb, ...STUDENT);
  });
  afterAll(async () => sb.close());

  it('counts only the access_token parameter, in fixed 30 s windows, and answers 429 with no headers', async () => {
    // Align to the start of a fresh 30 s window via the clock offset.
    const now = Date.now();
    sb.controls.setClockOffset(Math.ceil(now / 30_000) * 30_000 - now + 100);
    for (let i = 0; i < 15; i++) expect((await api(sb, t.access_token, '/user')).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await fetch(`${sb.baseUrl}/api/v1/user?access_token=${t.access_token}`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    const r = await fetch(`${sb.baseUrl}/api/v1/user?access_token=${t.access_token}`);
    expect([r.status, await r.text()]).toEqual([429, THROTTLED]);
    expect(r.headers.get('content-type')).toBeNull();
    expect(r.headers.get('retry-after')).toBeNull();
    expect([...r.headers.keys()].filter((k) => k.startsWith('x-ratelimit'))).toEqual([]);
    sb.controls.setClockOffset(Math.ceil(now / 30_000) * 30_000 - now + 30_100);
    expect((await fetch(`${sb.baseUrl}/api/v1/user?access_token=${t.access_token}`)).status).toBe(200);
    sb.controls.setClockOffset(0);
  });

  it('limits device_flow_init to 1 per 30 s and polling to 1 per 5 s per IP', async () => {
    const id = sb.applications[0]?.client_id ?? '';
    const now = Date.now();
    sb.controls.setClockOffset(Math.ceil(now / 30_000) * 30_000 - now + 100);
    expect((await fetch(`${sb.baseUrl}/oauth/device_flow_init?client_id=${id}`)).status).toBe(200);
    const second = await fetch(`${sb.baseUrl}/oauth/device_flow_init?client_id=${id}`);
    expect([second.status, await second.text()]).toEqual([429, THROTTLED]);
    expect((await fetch(`${sb.baseUrl}/oauth/device_flow_authorize?client_id=${id}&device_code=x`)).status).toBe(400);
    expect((await fetch(`${sb.baseUrl}/oauth/device_flow_authorize?client_id=${id}&device_code=x`)).status).toBe(429);
    sb.controls.setClockOffset(0);
  });
});

describe('sandbox controls, faults and bad input', () => {
  let sb: Sandbox;
  let t: Tokens;
  beforeAll(async () => {
    sb = await startSandbox({ rateLimits: false, controlApi: true, maxSizeMb: 1 });
    t = await signInForToken(sb, ...STUDENT);
  });
  afterAll(async () => sb.close());

  it('injects 500, reset and hang on named routes and regexes, count times', async () => {
    sb.controls.injectFault({ route: 'courses', kind: 'status500', count: 2 });
    expect((await api(sb, t.access_token, '/courses')).status).toBe(500);
    expect((await api(sb, t.access_token, '/courses')).status).toBe(500);
    expect((await api(sb, t.access_token, '/courses')).status).toBe(200);
    sb.controls.injectFault({ route: '^/api/v1/user$', kind: 'reset' });
    await expect(api(sb, t.access_token, '/user')).rejects.toThrow();
    sb.controls.injectFault({ route: 'user', kind: 'hang' });
    await expect(api(sb, t.access_token, '/user', { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    sb.controls.injectFault({ route: 'submit', kind: 'reset-mid-upload' });
    const fd = new FormData();
    fd.append('submission[file]', new Blob([Buffer.alloc(512 * 1024)]), 'a.c');
    await expect(api(sb, t.access_token, `${A}/datalab/submit`, { method: 'POST', body: fd })).rejects.toThrow();
    sb.controls.clearFaults();
  });

  it('adds latency and logs requests without query strings or tokens', async () => {
    sb.controls.resetRequestLog();
    sb.controls.setLatency(150);
    const start = Date.now();
    await fetch(`${sb.baseUrl}/api/v1/user?access_token=${t.access_token}`);
    expect(Date.now() - start).toBeGreaterThanOrEqual(140);
    sb.controls.setLatency(0);
    const log = sb.controls.requestLog();
    expect(log).toEqual([{ method: 'GET', path: '/api/v1/user', status: 200, at: expect.any(Number) }]);
    expect(JSON.stringify(log)).not.toContain(t.access_token);
  });

  it('exposes the controls over HTTP behind a token', async () => {
    const url = sb.control?.url ?? '';
    const post = (token: string, body: unknown): Promise<Response> =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sandbox-control': token }, body: JSON.stringify(body) });
    expect((await post('wrong', { action: 'clearFaults' })).status).toBe(403);
    expect((await post(sb.control?.token ?? '', { action: 'injectFault', args: [{ route: 'user', kind: 'status500' }] })).status).toBe(200);
    expect((await api(sb, t.access_token, '/user')).status).toBe(500);
    const log = await fetch(`${url}/requests`, { headers: { 'x-sandbox-control': sb.control?.token ?? '' } });
    expect(((await log.json()) as unknown[]).length).toBeGreaterThan(0);
  });

  it('answers malformed multipart, bad JSON, huge bodies and junk paths without crashing', async () => {
    const bad = await fetch(`${sb.baseUrl}${'/api/v1'}${A}/datalab/submit?access_token=${t.access_token}`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
      body: '--XYZ\r\nContent-Disposition: form-data; name="submission[file]"; filename="a"\r\n\r\nunterminated',
    });
    expect([bad.status, await bad.text()]).toEqual([400, '{"status":400,"error":"Bad Request"}']);
    const noBoundary = await fetch(`${sb.baseUrl}/api/v1/user`, { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'x' });
    expect(noBoundary.status).toBe(400);
    const json = await fetch(`${sb.baseUrl}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(json.status).toBe(400);
    const huge = await fetch(`${sb.baseUrl}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a='.padEnd(2 * 1024 * 1024, 'x') });
    expect(huge.status).toBe(413);
    expect((await fetch(`${sb.baseUrl}/%E0%A4%A`)).status).toBe(404);
    expect((await fetch(`${sb.baseUrl}/oauth/token`, { method: 'PATCH' })).status).toBe(404);
    expect((await api(sb, t.access_token, '/user')).status).toBe(200);
  });

  it('streams an oversized (64 MiB) upload and answers Autolab\'s 403 with the configured max_size', async () => {
    const size = 64 * 1024 * 1024;
    const boundary = 'sandboxboundary';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="submission[file]"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const u = new URL(`${sb.baseUrl}/api/v1${A}/datalab/submit?access_token=${t.access_token}`);
    const body = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(u, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + size + tail.length) } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(head);
      const chunk = Buffer.alloc(1024 * 1024, 65);
      let sent = 0;
      const pump = (): void => {
        while (sent < size) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end(tail);
      };
      pump();
    });
    expect(body).toEqual({ status: 403, text: '{"error":"Submission is larger than the max allowed size (1 MB) - please remove any unnecessary logfiles and binaries."}' });
  }, 30_000);
});

describe('sandbox persistence (dataDir)', () => {
  it('keeps apps, tokens, submissions and uploads across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-persist-'));
    try {
      const first = await startSandbox({ dataDir: dir, autogradeDelayMs: 10 });
      const t = await signInForToken(first, ...STUDENT);
      const fd = new FormData();
      fd.append('submission[file]', new Blob(['SCORE Correctness 12\n']), 'a.c');
      expect((await api(first, t.access_token, `${A}/datalab/submit`, { method: 'POST', body: fd })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      const id = first.applications[0]?.client_id;
      await first.close();
      const second = await startSandbox({ dataDir: dir });
      try {
        expect(second.applications[0]?.client_id).toBe(id);
        expect(second.applications[0]?.redirect_uris).toContain(`${second.baseUrl}/device_flow_auth_cb`);
        const subs = await api(second, t.access_token, `${A}/datalab/submissions`);
        expect(subs.text).toContain('"version":2,"filename":"2_bits.c"');
        expect(subs.text).toContain('"Correctness":12.0');
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('enrolls generated students for large rosters', async () => {
    const sb = await startSandbox({ seedStudents: 2000, rateLimits: false });
    try {
      const t = await signInForToken(sb, 'instructor@example.edu', 'demo-instructor');
      const r = await api(sb, t.access_token, '/courses/demo-15213/course_user_data');
      expect((r.json as unknown[]).length).toBeGreaterThanOrEqual(2005);
    } finally {
      await sb.close();
    }
  });
});
