/**
 * Tiny purpose-built HTTP servers on 127.0.0.1:0 for fault tests.
 *
 * They stand in for failure modes that are awkward to trigger on a real
 * server (hangs, resets mid-upload, malformed bodies, cross-origin
 * redirects). Normal flows are tested against the sandbox.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running fault server. */
export interface FaultServer {
  baseUrl: string;
  origin: string;
  requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }>;
  close(): Promise<void>;
}

/** Start a server whose every request goes to `handler`. */
export async function startFaultServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<FaultServer> {
  const requests: FaultServer['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}/`,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answer JSON with Autolab's content type. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Read a request body to its end and return its byte count. */
export function drain(req: http.IncomingMessage): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0;
    req.on('data', (c: Buffer) => (n += c.length));
    req.on('end', () => resolve(n));
    req.on('error', reject);
  });
}
