/**
 * Serve the built renderer from a folder, safely.
 *
 * Only GET and HEAD, only files inside the root (no traversal, no symlink
 * escape), with the app's CSP and no-sniff headers on every answer.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The Content-Security-Policy of the app's pages (design.md "Electron hardening"). */
export function contentSecurityPolicy(wsOrigin?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'", // React's style={} goes through the CSSOM, which CSP does not block
    "img-src 'self' data:",
    `connect-src 'self'${wsOrigin ? ` ${wsOrigin}` : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Answer a request with a file from `root`, or 404/405. */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, csp: string): Promise<void> {
  const headers = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    res.writeHead(400, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request\n');
    return;
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  const rootReal = await realpath(root);
  const candidate = path.resolve(rootReal, `.${path.posix.normalize(pathname)}`);
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(rootReal + path.sep)) throw new Error('outside root');
    const info = await stat(real);
    if (!info.isFile()) throw new Error('not a file');
    res.writeHead(200, {
      ...headers,
      'Content-Type': TYPES[path.extname(real)] ?? 'application/octet-stream',
      'Content-Length': info.size,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(real).pipe(res);
  } catch {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
  }
}
