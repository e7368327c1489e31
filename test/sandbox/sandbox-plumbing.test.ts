/**
 * The shared plumbing of the three sandboxes (sandbox/http/): loopback binding, 500 for a failed
 * handler, 400 for a malformed request, an idempotent close that drops keep-alive sockets, and
 * each CLI's first stdout line.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import readline from 'node:readline';
import { closeOnce, closeServer, serveLoopback } from '../../sandbox/http/listen.js';
import { startSandbox } from '../../sandbox/index.js';
import { startOpenedxSandbox } from '../../sandbox/openedx/index.js';
import { startLametricSandbox } from '../../sandbox/lametric/index.js';

/** GET `url` over a keep-alive agent; resolves the status and the socket left open. */
function keepAliveGet(url: string): Promise<{ status: number; socket: Socket; agent: Agent }> {
  const agent = new Agent({ keepAlive: true });
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, socket: req.socket as Socket, agent }));
    });
    req.on('error', reject);
    req.end();
  });
}

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));
}

describe('sandbox/http plumbing', () => {
  it('closeOnce runs the close once, however often and concurrently it is called', async () => {
    let runs = 0;
    const close = closeOnce(async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 10));
    });
    await Promise.all([close(), close()]);
    await close();
    expect(runs).toBe(1);
  });

  it('serves on 127.0.0.1; a failing handler answers 500, a malformed request 400; close drops keep-alive sockets', async () => {
    const served = await serveLoopback(0, async (req, res) => {
      if (req.url === '/boom') throw new Error('handler failed');
      res.writeHead(200, { 'Content-Length': '2' }).end('ok');
    });
    expect(served.url).toBe(`http://127.0.0.1:${served.port}`);
    expect((served.server.address() as { address: string }).address).toBe('127.0.0.1');
    const ok = await keepAliveGet(`${served.url}/`);
    expect(ok.status).toBe(200);
    const boom = await keepAliveGet(`${served.url}/boom`);
    expect(boom.status).toBe(500);
    const raw = connect(served.port, '127.0.0.1');
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      raw.on('data', (d) => (text += String(d)));
      raw.on('close', () => resolve(text));
      raw.write('NOT A REQUEST\r\n\r\n');
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(ok.socket.destroyed).toBe(false);
    await closeServer(served.server);
    await closed(ok.socket);
    ok.agent.destroy();
    boom.agent.destroy();
  });

  it('each sandbox closes idempotently, dropping a keep-alive client', async () => {
    const autolab = await startSandbox({ autogradeDelayMs: 0 });
    const edx = await startOpenedxSandbox();
    const lametric = await startLametricSandbox();
    const clients = await Promise.all([
      keepAliveGet(`${autolab.baseUrl}/api/v1/user`),
      keepAliveGet(`${edx.baseUrl}/api/user/v1/me`),
      keepAliveGet(`${lametric.cloudUrl}/api/v2/users/me`),
    ]);
    expect(clients.map((c) => c.status)).toEqual([401, 401, 401]);
    for (const sb of [autolab, edx, lametric]) await Promise.all([sb.close(), sb.close()]);
    await Promise.all(clients.map((c) => closed(c.socket)));
    for (const sb of [autolab, edx, lametric]) await sb.close();
    for (const c of clients) c.agent.destroy();
  });

  it('each CLI prints its info JSON as the first stdout line and exits 0 on SIGTERM', async () => {
    const run = async (script: string, keys: string[]): Promise<void> => {
      const child = spawn('node_modules/.bin/tsx', [script, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const line = await new Promise<string>((resolve) => readline.createInterface({ input: child.stdout }).once('line', resolve));
      expect(Object.keys(JSON.parse(line) as object)).toEqual(keys);
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    };
    await Promise.all([
      run('sandbox/autolab/cli.ts', ['baseUrl', 'applications', 'users']),
      run('sandbox/openedx/cli.ts', ['baseUrl', 'applications', 'users']),
      run('sandbox/lametric/cli.ts', ['cloudUrl', 'applications', 'users', 'device', 'indicator']),
    ]);
  }, 60_000);

  it('a bad option is one sentence on stderr and exit 2', async () => {
    const child = spawn('node_modules/.bin/tsx', ['sandbox/openedx/cli.ts', '--bogus'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err.split('\n')[0]).toBe('Unknown option --bogus');
  }, 30_000);
});
