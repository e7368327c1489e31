/**
 * Writing an HTTP response, for every sandbox: a body with its length, an HTML page, a redirect,
 * and HTML escaping.
 *
 * Why: the Autolab, Open edX and LaMetric sandboxes answer the same way at this level (a response
 * is never written twice, nor after the socket closed); each adds its own JSON on top (Autolab:
 * `autolab/http-response.ts`, Rails-style).
 */
import type { ServerResponse } from 'node:http';

/** Send a raw body with the given headers. */
export function sendBody(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { ...headers, 'Content-Length': String(buf.length) });
  res.end(buf);
}

/** Send an HTML page. */
export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  sendBody(res, status, html, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
}

/** Redirect (302) like Rails `redirect_to`. */
export function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  sendBody(res, 302, `<html><body>You are being <a href="${escapeHtml(location)}">redirected</a>.</body></html>`, {
    Location: location,
    'Content-Type': 'text/html; charset=utf-8',
    ...headers,
  });
}

/** Escape text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
