/**
 * Writing responses the way Autolab's Rails stack does.
 *
 * Why: status codes, `Content-Type: application/json; charset=utf-8`, `Cache-Control` on
 * token answers and the exact error bodies are part of the contract (autolab-api.md §2.8,
 * §4.0, §5.2, §8).
 */
import type { ServerResponse } from 'node:http';
import { sendBody } from '../http/response.js';
import { toRailsJson, type RailsJsonValue } from './rails-json.js';

// The writers every sandbox shares, so Autolab's routes import their responses from one place.
export { escapeHtml, redirect, sendBody, sendHtml } from '../http/response.js';

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
