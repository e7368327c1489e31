/**
 * The web host: the same core as the Electron shell, over HTTP + WebSocket.
 *
 * It serves the built renderer on 127.0.0.1 and carries the IPC contract over
 * a WebSocket at `/ipc`. Every connection must present the session secret
 * (as the WebSocket subprotocol `secret.<hex>`) or a single-use launch ticket
 * (`ticket.<hex>`, traded for the secret in the first message), an `Origin`
 * equal to the host's own origin, and a `Host` equal to `127.0.0.1:<port>` —
 * which shuts out other web sites (cross-site WebSocket hijacking) and
 * DNS-rebinding attacks (design.md "Two hosts, one core"). The session secret
 * itself is never put in a URL or a process argument (issue 11 item 1).
 *
 * Nothing a client sends ends the process: protocol errors, unparsable request
 * targets and resets during a refused upgrade are answered or dropped, and
 * logged at a bounded rate (issue 11 item 3).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_PATH, WsRequestSchema, type WsMessage } from '../../preload/contract';
import type { Core } from '../composition-root';
import type { Logger } from '../logger';
import { createBoundedLog } from '../bounded-log';
import { UserError } from '../user-error';
import { LaunchTickets } from './launch-tickets';
import { contentSecurityPolicy, serveStatic } from './static-files';

/** Where the page stages dropped files (web host only). */
export const STAGING_PATH = '/staging';
/** The subprotocol every client must offer first. */
export const IPC_PROTOCOL = 'autolab-ipc';
/** Prefix of the subprotocol that carries the secret. */
export const SECRET_PROTOCOL_PREFIX = 'secret.';
/** Prefix of the subprotocol that carries a single-use launch ticket. */
export const TICKET_PROTOCOL_PREFIX = 'ticket.';
/** Largest accepted WebSocket message (IPC inputs are small; files never travel over IPC). */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/** How to start a web host. */
export interface WebHostOptions {
  core: Core;
  /** Folder with the built renderer (`index.html`, `assets/`). */
  rendererDir: string;
  log: Logger;
  /** 0 (default) lets the OS choose. */
  port?: number;
  /** Fixed secret for tests; random 32 bytes otherwise. */
  secret?: string;
  /** Clock of the launch tickets (tests). */
  now?: () => number;
}

/** A running web host. */
export interface WebHost {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /**
   * A fresh URL to open: origin plus a single-use ticket in the fragment
   * (valid for one connection within a minute; never the session secret).
   */
  launchUrl(): string;
  /** The session secret (in-process tests only; never printed or passed on). */
  secret: string;
  close(): Promise<void>;
}

/** The path of a request target, or null when `new URL` rejects it (`GET http://%zz/`). */
function pathOf(target: string | undefined): string | null {
  try {
    return new URL(target ?? '/', 'http://x').pathname;
  } catch {
    return null;
  }
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * Start the web host on 127.0.0.1.
 *
 * @throws when the port cannot be bound.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const secret = options.secret ?? randomBytes(32).toString('hex');
  const { core, log } = options;
  const tickets = new LaunchTickets(options.now);
  const warn = createBoundedLog(log);
  let origin = '';
  let hostHeader = '';

  const server = http.createServer((req, res) => {
    if (req.headers.host !== hostHeader) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request\n');
      return;
    }
    const pathname = pathOf(req.url);
    if (pathname === null) {
      warn.warn('bad-target', 'web host refused a request target it cannot parse');
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end('Bad request\n');
      return;
    }
    if (pathname === STAGING_PATH) {
      void handleStaging(req, res);
      return;
    }
    void serveStatic(options.rendererDir, req, res, contentSecurityPolicy(`ws://${hostHeader}`)).catch((err: unknown) => {
      log.error('static file error', { error: String(err) });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  /** `POST /staging`: the page streams a dropped file here before submitting it (see StagedFiles). */
  async function handleStaging(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
    };
    if (req.method !== 'POST') return reply(405, { message: 'Method not allowed.' });
    if (req.headers.origin !== origin || !safeEqual(String(req.headers['x-autolab-secret'] ?? ''), secret)) {
      warn.warn('staging-refused', 'web host refused a staging upload without the launch secret or from a foreign origin');
      res.setHeader('Connection', 'close');
      return reply(403, { message: 'This page is not allowed to hand files to Autolab Desktop.' });
    }
    let name = 'handin';
    try {
      name = decodeURIComponent(String(req.headers['x-file-name'] ?? 'handin'));
    } catch {
      // keep the default name
    }
    const length = req.headers['content-length'] ? Number(req.headers['content-length']) : undefined;
    try {
      const staged = await core.stagedFiles.stage(req, name, length);
      reply(200, { id: staged.id, name: staged.name, size: staged.size });
    } catch (err) {
      // Do not read the rest of a refused body: answer and close the connection.
      res.setHeader('Connection', 'close');
      reply(err instanceof UserError && err.code === 'too-large' ? 413 : 400, { message: err instanceof UserError ? err.message : 'The file could not be received.' });
    }
  }

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(IPC_PROTOCOL) ? IPC_PROTOCOL : false),
  });

  const refuse = (socket: Socket, status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  server.on('upgrade', (req, socket: Socket, head) => {
    // A client that resets while being refused must not crash the host (the
    // http server drops its own error listener once 'upgrade' is emitted).
    socket.on('error', () => socket.destroy());
    const path = pathOf(req.url);
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    const presented = (prefix: string) => offered.find((p) => p.startsWith(prefix))?.slice(prefix.length) ?? '';
    if (path !== WS_PATH) return refuse(socket, 404, 'Not Found');
    if (req.headers.host !== hostHeader) return refuse(socket, 421, 'Misdirected Request');
    if (req.headers.origin !== origin) {
      warn.warn('ws-origin', 'web host refused a WebSocket from a foreign origin', { origin: String(req.headers.origin ?? '').slice(0, 200) });
      return refuse(socket, 403, 'Forbidden');
    }
    if (!offered.includes(IPC_PROTOCOL)) return refuse(socket, 401, 'Unauthorized');
    const ticket = presented(TICKET_PROTOCOL_PREFIX);
    const byTicket = ticket !== '' && tickets.redeem(ticket);
    const bySecret = safeEqual(presented(SECRET_PROTOCOL_PREFIX), secret);
    if (!bySecret && !byTicket) {
      warn.warn('ws-secret', 'web host refused a WebSocket without the session secret or a live launch ticket');
      return refuse(socket, 401, 'Unauthorized');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      attach(ws);
      // The page trades its ticket for the session secret (for reloads and
      // /staging); a page that offered a ticket always gets this first message.
      if (ticket !== '') ws.send(JSON.stringify({ kind: 'session', secret } satisfies WsMessage));
    });
  });

  const sockets = new Set<WebSocket>();
  const detachEvents = core.events.attach((event, payload) => {
    const message: WsMessage = { kind: 'event', event, payload };
    const text = JSON.stringify(message);
    for (const ws of sockets) ws.send(text);
  });

  function attach(ws: WebSocket) {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    // ws reports protocol errors (invalid UTF-8, RSV bits, a frame over
    // maxPayload) as 'error' and then closes the socket; unhandled, they
    // would end the process.
    ws.on('error', (err: Error & { code?: string }) => {
      warn.warn('ws-error', 'web host closed a WebSocket after a protocol error', { code: err.code ?? 'unknown' });
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text only');
      let request;
      try {
        request = WsRequestSchema.parse(JSON.parse(data.toString()));
      } catch {
        warn.warn('ws-malformed', 'web host closed a WebSocket that sent a malformed message');
        return ws.close(1007, 'malformed message');
      }
      core.router
        .dispatch(request.channel, request.input, { trusted: true })
        .then((result) => {
          const message: WsMessage = result.ok
            ? { kind: 'result', id: request.id, ok: true, output: result.output }
            : { kind: 'result', id: request.id, ok: false, error: result.error };
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
        })
        .catch((err: unknown) => log.error('web host could not answer a call', { channel: request.channel, error: String(err) }));
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  hostHeader = `127.0.0.1:${port}`;
  origin = `http://${hostHeader}`;

  return {
    origin,
    launchUrl: () => `${origin}/#ticket=${tickets.issue()}`,
    secret,
    async close() {
      detachEvents();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
