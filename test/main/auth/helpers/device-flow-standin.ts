/**
 * A stand-in for Autolab's device-flow endpoints (autolab-api.md §3, §5.2),
 * used until the sandbox branch is merged. It follows the documented wire
 * format byte for byte (status codes, error strings, 429 body without headers,
 * fixed throttle windows aligned to the epoch) on a virtual clock shared with
 * the client's injected sleep, so the 5-s polling runs in milliseconds.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

type Request = { deviceCode: string; userCode: string; state: 'pending' | 'granted' | 'denied'; code?: string };

export interface DeviceStandin {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  clock: { now: number };
  /** `METHOD path?query` with the virtual time of each request. */
  /** Every request: when (virtual clock), method + path + query, and the status it was answered with. */
  log: { at: number; line: string; status?: number }[];
  /** The user enters the code and approves (or denies) on the website. */
  resolve(userCode: string, decision: 'grant' | 'deny'): void;
  close(): Promise<void>;
}

export async function startDeviceStandin(): Promise<DeviceStandin> {
  const clientId = randomBytes(32).toString('base64url').slice(0, 43);
  const clientSecret = randomBytes(32).toString('base64url').slice(0, 43);
  const clock = { now: 1_700_000_000_000 };
  const log: { at: number; line: string; status?: number }[] = [];
  const requests = new Map<string, Request>();
  const codes = new Map<string, string>(); // authorization code -> used?
  const windows = new Map<string, number>();
  let baseUrl = '';

  const throttled = (name: string, periodMs: number): boolean => {
    const key = `${name}:${Math.floor(clock.now / periodMs)}`;
    const count = (windows.get(key) ?? 0) + 1;
    windows.set(key, count);
    return count > 1;
  };
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const entry: { at: number; line: string; status?: number } = { at: clock.now, line: `${req.method} ${url.pathname}${url.search}` };
    log.push(entry);
    res.once('finish', () => (entry.status = res.statusCode));
    const q = url.searchParams;
    if (req.method === 'GET' && url.pathname === '/oauth/device_flow_init') {
      if (throttled('init', 30_000)) return void (res.writeHead(429), res.end('{"error": "Too Many Requests. Retry Later."}'));
      if (!q.get('client_id')) return json(res, 400, { error: "Required param 'client_id' not present" });
      if (q.get('client_id') !== clientId) return json(res, 400, { error: 'Unrecognized client_id' });
      const r: Request = { deviceCode: randomBytes(32).toString('hex'), userCode: randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 6), state: 'pending' };
      requests.set(r.deviceCode, r);
      return json(res, 200, { device_code: r.deviceCode, user_code: r.userCode, verification_uri: `${baseUrl}/activate` });
    }
    if (req.method === 'GET' && url.pathname === '/oauth/device_flow_authorize') {
      if (throttled('authorize', 5_000)) return void (res.writeHead(429), res.end('{"error": "Too Many Requests. Retry Later."}'));
      if (!q.get('client_id')) return json(res, 400, { error: "Required param 'client_id' not present" });
      if (q.get('client_id') !== clientId) return json(res, 400, { error: 'Unrecognized client_id' });
      const r = requests.get(q.get('device_code') ?? '');
      if (!r) return json(res, 400, { error: 'Invalid device_code. User may have denied access' });
      if (r.state === 'pending') return json(res, 400, { error: 'authorization_pending' });
      requests.delete(r.deviceCode);
      if (r.state === 'denied') return json(res, 400, { error: 'authorization denied by user' });
      return json(res, 200, { code: r.code });
    }
    if (req.method === 'POST' && url.pathname === '/oauth/token') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
        if (basic !== `${clientId}:${clientSecret}`) return json(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.' });
        if (!form.get('redirect_uri')) return json(res, 400, { error: 'invalid_request', error_description: 'Missing required parameter: redirect_uri.' });
        const code = form.get('code') ?? '';
        if (form.get('grant_type') !== 'authorization_code' || !codes.has(code) || form.get('redirect_uri') !== `${baseUrl}/device_flow_auth_cb`) {
          return json(res, 400, { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.' });
        }
        codes.delete(code);
        return json(res, 200, { access_token: randomBytes(32).toString('base64url').slice(0, 43), token_type: 'Bearer', expires_in: 7200, refresh_token: randomBytes(32).toString('base64url').slice(0, 43), scope: 'user_info user_courses', created_at: Math.floor(clock.now / 1000) });
      });
      return;
    }
    res.writeHead(404);
    res.end('Not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    clientId,
    clientSecret,
    clock,
    log,
    resolve(userCode, decision) {
      const r = [...requests.values()].find((x) => x.userCode === userCode);
      if (!r) throw new Error('Invalid user code.');
      if (decision === 'deny') r.state = 'denied';
      else {
        r.state = 'granted';
        r.code = randomBytes(32).toString('base64url').slice(0, 43);
        codes.set(r.code, r.code);
      }
    },
    close: () => new Promise<void>((r) => (server.close(() => r()), server.closeAllConnections())),
  };
}
