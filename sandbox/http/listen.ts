/**
 * Start listening on 127.0.0.1 (the sandboxes never bind other interfaces).
 *
 * Why: every sandbox (Autolab, Open edX, …) starts its server the same way.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Listen on `127.0.0.1:port` (0 = any free port) and resolve the port.
 *
 * @throws Error when the port is taken.
 */
export function listenLoopback(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Stop listening and drop every open connection; resolves once closed.
 *
 * @throws never.
 */
export function closeServer(server: Server): Promise<void> {
  const done = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return done;
}
