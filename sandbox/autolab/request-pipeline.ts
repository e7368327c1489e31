/**
 * The request pipeline: latency, faults, body parsing, rate limits, routing, logging.
 *
 * Why: every request passes the same steps in Autolab's order (rack-attack before the app,
 * body parsed as Rack would), and bad input of any kind gets an answer, never a crash
 * (issue 3; autolab-api.md §5.2).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from '../http/request-context.js';
import { parseCookies } from '../http/request-context.js';
import { sendHtml, sendJson, sendThrottled } from './http-response.js';
import { discardFiles, readBody } from '../http/body-parser.js';
import { simplePage } from './html-pages.js';
import type { SandboxApp } from './sandbox-app.js';
import type { FaultInjector, RequestLogEntry } from './fault-injector.js';
import { apiRouteName, handleApi } from './api/api-router.js';
import { matchWebRoute } from './web-routes.js';
import { handleControl, type ControlTable } from '../http/control-api.js';

/** What the pipeline needs beyond the app. */
export interface PipelineDeps {
  app: SandboxApp;
  faults: FaultInjector;
  log: RequestLogEntry[];
  control: { token: string; table: ControlTable } | null;
  /** Largest upload kept on disk per file (bytes). */
  fileCapBytes: () => number;
}

const RAILS_404_HTML = simplePage("The page you were looking for doesn't exist.", 'You may have mistyped the address or the page may have moved.');

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function routeNameFor(method: string, path: string): string {
  if (path.startsWith('/api/v1/') || path === '/api/v1') return apiRouteName(method, path);
  return matchWebRoute(method, path)?.name ?? 'not_found';
}

/** rack-attack throttles (§5.2); true when the request was answered with 429. */
function throttled(deps: PipelineDeps, ctx: RequestContext): boolean {
  const { app } = deps;
  if (!app.options.rateLimits) return false;
  const now = app.clock.now();
  const p = ctx.path;
  if (p.startsWith('/oauth/device_flow_init')) return app.limiter.hit('oauth/device_flow_init', ctx.ip, 1, 30, now);
  if (p.startsWith('/oauth/device_flow_authorize')) return app.limiter.hit('oauth/device_flow_authorize', ctx.ip, 1, 5, now);
  const token = ctx.params.get('access_token');
  if (!p.startsWith('/api/') || !token) return false;
  const owner = app.state.tokens.find((t) => t.token === token);
  const key = owner ? String(owner.user_id) : token;
  if (app.limiter.hit('api/general', key, 10, 30, now)) return true;
  if (p.endsWith('submit') && app.limiter.hit('api/submit', key, 4, 60, now)) return true;
  return false;
}

function resetMidUpload(req: IncomingMessage): void {
  let seen = 0;
  req.on('data', (c: Buffer) => {
    seen += c.length;
    if (seen >= 64 * 1024) req.socket.destroy();
  });
  req.on('end', () => req.socket.destroy());
}

/** An API request's query for the log, without the parameters that can carry a token (§2.11). */
function apiQuery(query: URLSearchParams): string {
  const kept = new URLSearchParams([...query].filter(([k]) => k !== 'access_token' && k !== 'bearer_token'));
  return kept.toString();
}

/** Handle one request. Never throws. */
export async function handleRequest(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  let path: string;
  let query: URLSearchParams;
  try {
    const u = new URL(req.url ?? '/', 'http://sandbox.invalid');
    path = u.pathname;
    query = u.searchParams;
  } catch {
    res.writeHead(400).end();
    return;
  }
  // Every answer's Date header follows the sandbox clock, so a clock offset is visible to clients as on a real
  // server whose clock is off (clients calibrate against it, issue 10).
  res.setHeader('Date', new Date(deps.app.clock.now()).toUTCString());
  const isControl = path.startsWith('/__sandbox/');
  const routeName = isControl ? 'control' : routeNameFor(method, path);
  // Set once the body is read: the grant type of a token request, for the log.
  let grantType: string | undefined;
  if (!isControl) {
    // 'close' rather than 'finish': a reset or hung request is logged too (status 0), so tests can count every attempt.
    const logged = path.startsWith('/api/') ? apiQuery(query) : '';
    const background = path.startsWith('/api/') && /\(background\)/.test(req.headers['user-agent'] ?? '');
    res.once('close', () => deps.log.push({ method, path, ...(logged ? { query: logged } : {}), ...(background ? { background: true as const } : {}), ...(grantType !== undefined ? { grantType } : {}), status: res.writableFinished ? res.statusCode : 0, at: deps.app.clock.now() }));
    if (deps.app.runtime.latencyMs > 0) await sleep(deps.app.runtime.latencyMs);
    const fault = deps.faults.take(routeName, path);
    if (fault === 'reset') return void req.socket.destroy();
    if (fault === 'hang') return;
    if (fault === 'reset-mid-upload') return resetMidUpload(req);
    if (fault === 'status429') {
      req.resume();
      return sendThrottled(res);
    }
    if (fault === 'status500') {
      req.resume();
      return sendJson(res, 500, { status: 500, error: 'Internal Server Error' });
    }
  }
  const body = await readBody(req, { tempDir: deps.app.uploadsDir, fileCapBytes: deps.fileCapBytes() });
  if (!body.ok) {
    if (body.reason === 'aborted') return;
    if (body.reason === 'too_large') return sendJson(res, 413, { status: 413, error: 'Payload Too Large' });
    return sendJson(res, 400, { status: 400, error: 'Bad Request' });
  }
  const params = new Map(query);
  for (const [k, v] of body.fields) params.set(k, v);
  if (path === '/oauth/token') grantType = params.get('grant_type') ?? '';
  const ctx: RequestContext = {
    req,
    res,
    method,
    path,
    params,
    json: body.json,
    files: body.files,
    cookies: parseCookies(req.headers.cookie),
    ip: req.socket.remoteAddress ?? 'unknown',
    routeName,
  };
  try {
    if (isControl) {
      if (!deps.control) return sendHtml(res, 404, RAILS_404_HTML);
      return handleControl(ctx, deps.control.token, deps.control.table);
    }
    if (throttled(deps, ctx)) return sendThrottled(res);
    if (path.startsWith('/api/v1/') || path === '/api/v1') return await handleApi(deps.app, ctx);
    const route = matchWebRoute(method, path);
    if (!route) return sendHtml(res, 404, RAILS_404_HTML);
    await route.handle(deps.app, ctx);
  } catch {
    sendJson(res, 500, { status: 500, error: 'Internal Server Error' });
  } finally {
    if (ctx.files.size > 0) await discardFiles(ctx.files);
  }
}
