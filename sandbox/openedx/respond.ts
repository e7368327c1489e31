/**
 * Django/DRF-style JSON answers.
 */
import type { ServerResponse } from 'node:http';
import { sendBody } from '../http/response.js';

/** Send `value` as `application/json` (Django's JSON renderer). */
export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  sendBody(res, status, JSON.stringify(value), { 'Content-Type': 'application/json', Vary: 'Accept, Cookie', ...headers });
}

/** DOT's token-endpoint answers carry no-store (RFC 6749 §5.1). */
export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
