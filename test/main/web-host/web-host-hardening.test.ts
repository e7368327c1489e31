/**
 * Issue 11 items 1 and 3: the web host hands out single-use launch tickets
 * instead of its secret, and nothing a client sends ends the process.
 */
import { mkdtemp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../../main/composition-root';
import { createLogger } from '../../../main/logger';
import { TICKET_TTL_MS } from '../../../main/web-host/launch-tickets';
import { writeLauncherFile } from '../../../main/web-host/launcher-file';
import { startWebHost, type WebHost } from '../../../main/web-host/web-host';

let host: WebHost;
let core: Core;
let dir: string;
let clock = 1_000_000;
const logLines: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ad-webhost-hard-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const log = createLogger((l) => logLines.push(l));
  core = await createCore({ platform: { kind: 'web', openExternal: async () => false, chooseFolder: async () => null }, secrets: { loadKeytar: null }, dataDir: dir, version: '9.9.9', log });
  host = await startWebHost({ core, rendererDir, log, now: () => clock });
});
afterAll(async () => {
  await host.close();
  await core.dispose();
  await rm(dir, { recursive: true, force: true });
});

const port = () => Number(new URL(host.origin).port);

/** Open a WebSocket; resolves with the socket and its first message, or the refusal status. */
function connect(protocols: string[]): Promise<{ ws: WebSocket; status?: number; first?: unknown }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port()}/ipc`, protocols, { origin: host.origin });
    ws.once('open', () => {
      const timer = setTimeout(() => resolve({ ws }), 300);
      ws.once('message', (d) => {
        clearTimeout(timer);
        resolve({ ws, first: JSON.parse(d.toString()) });
      });
    });
    ws.once('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode }));
    ws.once('error', () => resolve({ ws, status: -1 }));
  });
}
const ticketOf = (url: string) => new URL(url).hash.replace('#ticket=', '');

/** Whether the host still answers HTTP (i.e. the process and server survived). */
async function alive(): Promise<boolean> {
  const res = await fetch(`${host.origin}/`);
  return res.status === 200;
}

/** Send raw bytes on a fresh TCP connection and collect what comes back until close. */
function raw(bytes: Buffer | string, opts: { reset?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port(), '127.0.0.1');
    let got = '';
    socket.on('data', (c) => (got += c.toString('latin1')));
    socket.on('error', () => resolve(got));
    socket.on('close', () => resolve(got));
    socket.on('connect', () => {
      socket.write(bytes);
      if (opts.reset) socket.resetAndDestroy();
    });
    setTimeout(() => socket.destroy(), 3000);
  });
}

/** A masked client WebSocket frame. */
function frame(opcode: number, payload: Buffer, flags = 0x80): Buffer {
  const mask = Buffer.from([1, 2, 3, 4]);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  const len = payload.length;
  const head = len < 126 ? Buffer.from([flags | opcode, 0x80 | len]) : len < 65536 ? Buffer.from([flags | opcode, 0x80 | 126, len >> 8, len & 255]) : (() => {
    const h = Buffer.alloc(10);
    h[0] = flags | opcode;
    h[1] = 0x80 | 127;
    h.writeBigUInt64BE(BigInt(len), 2);
    return h;
  })();
  return Buffer.concat([head, mask, masked]);
}

/** The upgrade request of an authenticated client, as raw text. */
function upgrade(protocols: string): string {
  return (
    `GET /ipc HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nOrigin: ${host.origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ${protocols}\r\n\r\n`
  );
}

describe('launch tickets (item 1)', () => {
  it('a launch URL carries a ticket, never the session secret', () => {
    const url = host.launchUrl();
    expect(url).not.toContain(host.secret);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#ticket=[0-9a-f]{64}$/);
  });

  it('a ticket opens one connection, whose first message is the session secret; a second use is refused', async () => {
    const ticket = ticketOf(host.launchUrl());
    const first = await connect(['autolab-ipc', `ticket.${ticket}`]);
    expect(first.status).toBeUndefined();
    expect(first.first).toEqual({ kind: 'session', secret: host.secret });
    first.ws.close();
    expect((await connect(['autolab-ipc', `ticket.${ticket}`])).status).toBe(401);
    // The secret it traded for works for reloads.
    const again = await connect(['autolab-ipc', `secret.${host.secret}`, `ticket.${ticket}`]);
    expect(again.status).toBeUndefined();
    again.ws.close();
  });

  it('a ticket older than a minute opens nothing', async () => {
    const ticket = ticketOf(host.launchUrl());
    clock += TICKET_TTL_MS + 1;
    expect((await connect(['autolab-ipc', `ticket.${ticket}`])).status).toBe(401);
  });

  it('the launcher file is private (0600 in a 0700 folder), holds only a ticket, and is removed', async () => {
    const launcher = await writeLauncherFile(host.launchUrl());
    expect(launcher.fileUrl).toMatch(/^file:\/\//);
    expect(launcher.fileUrl).not.toMatch(/ticket|secret/);
    expect((await stat(launcher.path)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(launcher.path))).mode & 0o777).toBe(0o700);
    const html = await readFile(launcher.path, 'utf8');
    expect(html).toContain('#ticket=');
    expect(html).not.toContain(host.secret);
    await launcher.remove();
    await expect(stat(launcher.path)).rejects.toThrow();
  });
});

describe('nothing from the network ends the web host (item 3)', () => {
  it('survives a request target new URL() rejects', async () => {
    const answer = await raw(`GET http://%zz/ HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    const up = await raw(upgrade(`autolab-ipc, secret.${host.secret}`).replace('GET /ipc', 'GET http://%zz/'));
    expect(up).toMatch(/^HTTP\/1\.1 404/);
    expect(await alive()).toBe(true);
  });

  it('survives refused upgrades whose client resets at once', async () => {
    for (let i = 0; i < 20; i++) await raw(upgrade('autolab-ipc, secret.wrong'), { reset: true });
    for (let i = 0; i < 5; i++) await raw(upgrade('autolab-ipc').replace(`Origin: ${host.origin}`, 'Origin: https://evil.example'), { reset: true });
    expect(await alive()).toBe(true);
  });

  it('survives WebSocket protocol errors: invalid UTF-8, an RSV bit, a frame over the limit', async () => {
    const attacks = [
      frame(0x1, Buffer.from([0xff, 0xfe, 0xfd])), // invalid UTF-8 in a text frame
      frame(0x1, Buffer.from('{}'), 0x80 | 0x40), // RSV1 without an extension
      frame(0x1, Buffer.alloc(1024 * 1024 + 1, 0x61)), // over maxPayload
    ];
    for (const attack of attacks) {
      const answer = await raw(Buffer.concat([Buffer.from(upgrade(`autolab-ipc, secret.${host.secret}`)), attack]));
      expect(answer).toMatch(/^HTTP\/1\.1 101/);
    }
    expect(await alive()).toBe(true);
    const ok = await connect(['autolab-ipc', `secret.${host.secret}`]);
    expect(ok.status).toBeUndefined();
    ok.ws.close();
  });

  it('logs refusals at a bounded rate', () => {
    const refusals = logLines.filter((l) => l.includes('without the session secret'));
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.length).toBeLessThanOrEqual(5);
  });
});
