/**
 * JSON answers of the LaMetric cloud sandbox.
 *
 * Why: `cloud-authorization.rst` shows the cloud's content type and its exact answer to a
 * missing, invalid or expired token (401, `Www-Authenticate: native`, `{"errors":[{"message":"Unauthorized"}]}`).
 */
import type { ServerResponse } from 'node:http';
import { sendBody } from '../http/response.js';

const JSON_UTF8 = 'application/json; charset=UTF-8';

/** Send JSON as LaMetric's cloud does (`application/json; charset=UTF-8`). */
export function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  sendBody(res, status, JSON.stringify(value), { 'Content-Type': JSON_UTF8, ...headers });
}

/** The documented answer to a missing, invalid or expired access token. */
export function unauthorized(res: ServerResponse): void {
  json(res, 401, { errors: [{ message: 'Unauthorized' }] }, { 'Www-Authenticate': 'native' });
}

