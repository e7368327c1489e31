/**
 * The HTTP face of a sandbox's controls: `POST /__sandbox/control` (`{"action", "args"}`),
 * `GET /__sandbox/control/requests` (the request log).
 *
 * Why: end-to-end tests drive a sandbox running in another process; a per-launch token in
 * `X-Sandbox-Control` keeps other local pages from flipping switches (issue 3). The Autolab and
 * Open edX sandboxes share it.
 */
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { RequestContext } from './request-context.js';
import type { ServerResponse } from 'node:http';
import { sendBody } from './response.js';

const bodySchema = z.object({ action: z.string(), args: z.array(z.unknown()).default([]) });

/** Control answers are plain JSON (they are the sandbox's own, not part of any emulated API). */
function sendJson(res: ServerResponse, status: number, value: unknown): void {
  sendBody(res, status, JSON.stringify(value), { 'Content-Type': 'application/json; charset=utf-8' });
}

/** The control methods reachable over HTTP. */
export type ControlTable = Record<string, (...args: never[]) => unknown>;

function tokenOk(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Handle a control request. */
export function handleControl(ctx: Pick<RequestContext, 'req' | 'res' | 'method' | 'path' | 'json'>, token: string, controls: ControlTable): void {
  if (!tokenOk(ctx.req.headers['x-sandbox-control'], token)) return sendJson(ctx.res, 403, { error: 'Forbidden' });
  if (ctx.path === '/__sandbox/control/requests' && ctx.method === 'GET') {
    const fn = controls.requestLog as () => unknown;
    return sendJson(ctx.res, 200, fn());
  }
  if (ctx.path !== '/__sandbox/control' || ctx.method !== 'POST') return sendJson(ctx.res, 404, { error: 'Unknown control route' });
  const parsed = bodySchema.safeParse(ctx.json ?? {});
  if (!parsed.success) return sendJson(ctx.res, 400, { error: 'Body must be {"action": string, "args": []}' });
  const fn = Object.hasOwn(controls, parsed.data.action) ? controls[parsed.data.action] : undefined;
  if (!fn) return sendJson(ctx.res, 400, { error: `Unknown action ${parsed.data.action}` });
  try {
    const result = (fn as (...a: unknown[]) => unknown)(...parsed.data.args);
    sendJson(ctx.res, 200, { ok: true, result: result ?? null });
  } catch (e) {
    sendJson(ctx.res, 400, { error: e instanceof Error ? e.message : String(e) });
  }
}
