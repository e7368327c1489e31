/**
 * Serve the built renderer from a folder, safely and quickly.
 *
 * Only GET and HEAD, only files inside the root (no traversal, no symlink
 * escape), with the app's CSP and no-sniff headers on every answer.
 *
 * Vite names the renderer's assets by their content hash
 * (`assets/index-<hash>.js`), so they are served `immutable` for a year: a
 * reload uses the browser's copy (and its compiled code cache) instead of
 * re-fetching ~400 KB. `index.html`, which names the current hashes, and any
 * unhashed file are `no-cache` (revalidated on every load). Text files are
 * compressed (brotli, else gzip, by the request's Accept-Encoding) once per
 * file version and kept in memory.
 */
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

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

/** Types worth compressing. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);
/** A Vite asset named by its content hash, e.g. `/assets/index-B3xq_9Zk.js`. */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/** Cache-Control for a path: immutable for content-hashed assets, revalidate for everything else. */
export function cacheControlFor(pathname: string): string {
  return HASHED_ASSET.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** The encoding to answer with: `br` when accepted, else `gzip`, else none (q=0 refuses). */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return null;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
/** Compressed bodies by file, encoding, size and mtime (a rebuilt file gets a new entry). */
const compressed = new Map<string, Promise<Buffer>>();

/** The file's body compressed with `encoding`, computed once per file version. */
function compressedBody(file: string, info: { size: number; mtimeMs: number }, encoding: 'br' | 'gzip'): Promise<Buffer> {
  const key = `${encoding}|${info.size}|${info.mtimeMs}|${file}`;
  let body = compressed.get(key);
  if (!body) {
    body = readFile(file).then((raw) =>
      encoding === 'br'
        ? brotli(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
        : gzipAsync(raw, { level: 9 }),
    );
    body.catch(() => compressed.delete(key));
    compressed.set(key, body);
  }
  return body;
}

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
    const ext = path.extname(real);
    const encoding = COMPRESSIBLE.has(ext) ? chooseEncoding(req.headers['accept-encoding']) : null;
    const body = encoding ? await compressedBody(real, info, encoding) : null;
    res.writeHead(200, {
      ...headers,
      'Cache-Control': cacheControlFor(path.posix.normalize(pathname)),
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': body ? body.length : info.size,
      ...(COMPRESSIBLE.has(ext) ? { Vary: 'Accept-Encoding' } : {}),
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    if (body) res.end(body);
    else createReadStream(real).pipe(res);
  } catch {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
  }
}
