/**
 * How every sandbox server starts and stops: bind 127.0.0.1 only, answer a handler failure with
 * 500 and a malformed request with 400, and close idempotently, dropping keep-alive sockets.
 *
 * Why: the Autolab, Open edX and LaMetric sandboxes start, listen and close the same way; one
 * copy keeps them alike (a newcomer sees three servers over one plumbing, issue 13).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** A request handler; a rejection is answered 500 (when nothing was sent yet). */
export type SandboxHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * Listen on `127.0.0.1:port` (0 = any free port) and resolve the port.
 *
 * @throws Error when the port is taken.
 */
function listenLoopback(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Stop listening and drop every open connection (keep-alive ones too); resolves once closed.
 *
 * @throws never.
 */
export function closeServer(server: Server): Promise<void> {
  const done = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return done;
}

/**
 * Make `close` idempotent: the first call runs it, every later (or concurrent) call gets the
 * same promise.
 */
export function closeOnce(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () => (closing ??= close());
}

/** A started sandbox server. */
export interface LoopbackServer {
  server: Server;
  port: number;
  /** `http://127.0.0.1:<port>` or `https://…` */
  url: string;
}

/**
 * Create a server (HTTPS when `tls` is given) that runs `handler` for each request, and listen
 * on `127.0.0.1:port`.
 *
 * @throws Error when the port is taken.
 */
export async function serveLoopback(port: number, handler: SandboxHandler, tls?: { key: string; cert: string }): Promise<LoopbackServer> {
  const server = (tls ? createTlsServer({ key: tls.key, cert: tls.cert }) : createServer()) as Server;
  server.keepAliveTimeout = 5000;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void (async () => handler(req, res))().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  const bound = await listenLoopback(server, port);
  return { server, port: bound, url: `${tls ? 'https' : 'http'}://127.0.0.1:${bound}` };
}

/** What every running sandbox returns: its info spread and under `info`, its controls, and `close()`. */
export type RunningSandbox<I extends object, C> = I & { info: I; controls: C; close(): Promise<void> };

/**
 * Wrap a started sandbox's parts into its public handle, with an idempotent `close`.
 */
export function runningSandbox<I extends object, C>(info: I, controls: C, close: () => Promise<void>): RunningSandbox<I, C> {
  return { ...info, info, controls, close: closeOnce(close) };
}
