import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LoopbackAuthServer, type LoopbackServerOptions } from '../../../main/auth/loopback-server';
import { createState } from '../../../main/auth/pkce';
import { UserError } from '../../../main/user-error';
import { rawRequest } from './helpers/raw-http';

const servers: LoopbackAuthServer[] = [];
async function start(extra: Partial<LoopbackServerOptions> = {}) {
  const state = createState();
  const server = await LoopbackAuthServer.start({ state, timeoutMs: 10_000, ...extra });
  servers.push(server);
  return { server, state, port: server.port };
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const CODE = 'Zq3VtY0y2xkNn8c1RkH0vHkq3mQx0wXl3nB9r5Tg7aE';

function expectNoLeak(body: string, ...secrets: string[]) {
  for (const s of secrets) expect(body).not.toContain(s);
}

describe('LoopbackAuthServer', () => {
  it('listens on 127.0.0.1 with an OS-assigned port and a /callback redirect URI (never localhost)', async () => {
    const { server } = await start();
    expect(server.port).toBeGreaterThan(0);
    expect(server.redirectUri).toBe(`http://127.0.0.1:${server.port}/callback`);
  });

  it('accepts the callback with the matching state, shows the success page with a strict CSP and no-referrer, then closes', async () => {
    const { server, state, port } = await start();
    const res = await rawRequest(port, 'GET', `/callback?code=${CODE}&state=${state}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('You can close this tab and return to Autolab Desktop');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe-inline|script-src/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expectNoLeak(res.body, CODE, state);
    await expect(server.result).resolves.toEqual({ kind: 'code', code: CODE });
    // A second callback after success: nobody is listening any more.
    await expect(rawRequest(port, 'GET', `/callback?code=${CODE}&state=${state}`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('reports a denial (error=access_denied) with the denial page', async () => {
    const { server, state, port } = await start();
    const res = await rawRequest(port, 'GET', `/callback?error=access_denied&error_description=nope&state=${state}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('Access was denied');
    expectNoLeak(res.body, 'nope', state);
    await expect(server.result).resolves.toEqual({ kind: 'denied' });
  });

  it('reports another OAuth error with the error page, without echoing the server text', async () => {
    const { server, state, port } = await start();
    const res = await rawRequest(port, 'GET', `/callback?error=invalid_scope&error_description=%3Cscript%3Ex%3C/script%3E&state=${state}`);
    expect(res.body).toContain('Sign-in did not complete');
    expectNoLeak(res.body, '<script>x', 'invalid_scope', state);
    await expect(server.result).resolves.toEqual({ kind: 'error', error: 'invalid_scope' });
  });

  it('refuses a forged or missing state with 400, leaks nothing, and keeps waiting for the genuine callback', async () => {
    const { server, state, port } = await start();
    const forged = await rawRequest(port, 'GET', `/callback?code=${CODE}&state=${createState()}`);
    expect(forged.status).toBe(400);
    expectNoLeak(forged.body, CODE, state);
    const missing = await rawRequest(port, 'GET', `/callback?code=${CODE}`);
    expect(missing.status).toBe(400);
    const doubled = await rawRequest(port, 'GET', `/callback?code=${CODE}&state=${state}&state=${state}`);
    expect(doubled.status).toBe(400);
    const prefix = await rawRequest(port, 'GET', `/callback?code=${CODE}&state=${state.slice(0, 20)}`);
    expect(prefix.status).toBe(400);
    // Still waiting: the genuine callback is accepted.
    const ok = await rawRequest(port, 'GET', `/callback?code=real&state=${state}`);
    expect(ok.status).toBe(200);
    await expect(server.result).resolves.toEqual({ kind: 'code', code: 'real' });
  });

  it('answers other paths with 404 and other methods with 405, without leaking anything', async () => {
    const { server, state, port } = await start();
    for (const path of ['/', '/favicon.ico', `/callback/?code=${CODE}&state=${state}`, `/CALLBACK?code=${CODE}&state=${state}`, '/../callback']) {
      const res = await rawRequest(port, 'GET', path);
      expect(res.status, path).toBe(404);
      expectNoLeak(res.body, CODE, state);
    }
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      const res = await rawRequest(port, method, `/callback?code=${CODE}&state=${state}`);
      expect(res.status, method).toBe(405);
      expect(res.headers.allow).toBe('GET');
      expectNoLeak(res.body, CODE, state);
    }
    const head = await rawRequest(port, 'HEAD', `/callback?code=${CODE}&state=${state}`);
    expect(head.status).toBe(405);
    // None of that ended the flow.
    await rawRequest(port, 'GET', `/callback?code=${CODE}&state=${state}`);
    await expect(server.result).resolves.toEqual({ kind: 'code', code: CODE });
  });

  it('refuses a request whose Host is not 127.0.0.1:port (DNS rebinding)', async () => {
    const { server, state, port } = await start();
    const res = await rawRequest(port, 'GET', `/callback?code=${CODE}&state=${state}`, { host: `evil.example:${port}` });
    expect(res.status).toBe(400);
    const local = await rawRequest(port, 'GET', `/callback?code=${CODE}&state=${state}`, { host: `localhost:${port}` });
    expect(local.status).toBe(400);
    await rawRequest(port, 'GET', `/callback?code=${CODE}&state=${state}`);
    await expect(server.result).resolves.toMatchObject({ kind: 'code' });
  });

  it('cuts off a slow client that never finishes its headers, and still completes the flow', async () => {
    const { server, state, port } = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600, connectionsCheckingIntervalMs: 100 });
    const slow = net.connect(port, '127.0.0.1');
    await new Promise((r) => slow.once('connect', r));
    slow.write('GET /callback?code=x&state=');
    const started = Date.now();
    const cutOff = new Promise<number>((resolve) => slow.once('close', () => resolve(Date.now() - started)));
    slow.on('error', () => {});
    slow.resume();
    const elapsed = await cutOff;
    expect(elapsed).toBeLessThan(3_000);
    const ok = await rawRequest(port, 'GET', `/callback?code=${CODE}&state=${state}`);
    expect(ok.status).toBe(200);
    await expect(server.result).resolves.toMatchObject({ kind: 'code' });
  });

  it('drops an idle connection held open while the flow completes', async () => {
    const { server, state, port } = await start();
    const idle = net.connect(port, '127.0.0.1');
    await new Promise((r) => idle.once('connect', r));
    idle.on('error', () => {});
    idle.resume();
    const closed = new Promise((r) => idle.once('close', r));
    await rawRequest(port, 'GET', `/callback?code=${CODE}&state=${state}`);
    await server.result;
    await closed; // closeAllConnections() ended it
  });

  it('times out cleanly with a user sentence and stops listening', async () => {
    const { server, port } = await start({ timeoutMs: 150 });
    const error = await server.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('sign-in-timeout');
    await expect(rawRequest(port, 'GET', '/callback')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('stops on Cancel (AbortSignal), also with a slow client attached', async () => {
    const controller = new AbortController();
    const { server, port } = await start({ signal: controller.signal });
    const slow = net.connect(port, '127.0.0.1');
    await new Promise((r) => slow.once('connect', r));
    slow.on('error', () => {});
    slow.resume();
    slow.write('GET /callback HTTP/1.1\r\n');
    const closed = new Promise((r) => slow.once('close', r));
    controller.abort();
    await expect(server.result).rejects.toMatchObject({ code: 'sign-in-cancelled' });
    await closed;
    await expect(rawRequest(port, 'GET', '/callback')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('refuses to start with an already-aborted signal', async () => {
    await expect(LoopbackAuthServer.start({ state: 's', signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'sign-in-cancelled' });
  });
});
