/**
 * Writing responses the way Autolab's Rails stack does.
 *
 * Why: status codes, `Content-Type: application/json; charset=utf-8`, `Cache-Control` on
 * token answers and the exact error bodies are part of the contract (autolab-api.md §2.8,
 * §4.0, §5.2, §8).
 */
import type { ServerResponse } from 'node:http';
import { toRailsJson, type RailsJsonValue } from './rails-json.js';

/** Content type Rails sends with JSON. */
export const JSON_TYPE = 'application/json; charset=utf-8';

/** Send a JSON value serialised Rails-style. */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: RailsJsonValue,
  headers: Record<string, string> = {},
): void {
  sendBody(res, status, toRailsJson(value), { 'Content-Type': JSON_TYPE, ...headers });
}

/** Send an API error `{"error": message}` (§4.0). */
export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}

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

/**
 * The rack-attack throttled answer: status 429, this exact body, no headers at all.
 *
 * Why: §5.2 — Autolab's responder fails to add its rate-limit headers and Content-Type.
 */
export function sendThrottled(res: ServerResponse): void {
  if (res.headersSent || res.destroyed) return;
  const body = Buffer.from('{"error": "Too Many Requests. Retry Later."}');
  res.writeHead(429, { 'Content-Length': String(body.length) });
  res.end(body);
}

/** Escape text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
