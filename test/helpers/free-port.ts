/**
 * A local port where nothing listens right now (bound on 127.0.0.1, then closed): for a fixed
 * redirect port a test registers, or an address where a server is known to be absent.
 */
import net from 'node:net';

/** Bind port 0, read the port, close. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
