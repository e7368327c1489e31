/**
 * Autolab's own device flow: init, polling, `/activate`, `/device_flow_resolve`,
 * `/device_flow_auth_cb`.
 *
 * Why: autolab-api.md §3 — a side channel that ends in an ordinary authorization code; exact
 * 400/200 bodies, one-shot codes, user codes unusable once entered, no expiry of requests.
 */
import type { RequestContext } from '../../http/request-context.js';
import { param, presentParam } from '../../http/request-context.js';
import { redirect, sendHtml, sendJson } from '../http-response.js';
import { activatePage } from '../html-pages.js';
import { requireWebUser } from '../web-login.js';
import { appByUid, type SandboxApp } from '../sandbox-app.js';
import { hex64, userCode } from '../../http/random-token.js';
import { nextId } from '../state.js';

/** Base URL as the browser or client addressed this server (§3.1: from the request's host). */
export function requestBase(app: SandboxApp, ctx: RequestContext): string {
  const host = ctx.req.headers.host;
  return host && /^[A-Za-z0-9.\-[\]:]+$/.test(host) ? `http://${host}` : app.baseUrl;
}

/** `GET /oauth/device_flow_init?client_id=…` (§3.1). */
export function getDeviceFlowInit(app: SandboxApp, ctx: RequestContext): void {
  const clientId = presentParam(ctx, 'client_id');
  if (!clientId) return sendJson(ctx.res, 400, { error: "Required param 'client_id' not present" });
  const client = appByUid(app, clientId);
  if (!client) return sendJson(ctx.res, 400, { error: 'Unrecognized client_id' });
  let code = '';
  for (let i = 0; i < 3 && !code; i++) {
    const c = userCode();
    if (!app.state.deviceRequests.some((r) => r.user_code === c)) code = c;
  }
  if (!code) return sendJson(ctx.res, 500, { error: 'Failed to create request, try again later' });
  const req = {
    id: nextId(app.state),
    app_id: client.id,
    device_code: hex64(),
    user_code: code,
    scopes: client.scopes.length ? client.scopes : ['user_info'],
    status: 'pending' as const,
    resolution_state: null,
    code: null,
    user_id: null,
  };
  app.state.deviceRequests.push(req);
  app.save();
  sendJson(ctx.res, 200, { device_code: req.device_code, user_code: req.user_code, verification_uri: `${requestBase(app, ctx)}/activate` });
}

/** `GET /oauth/device_flow_authorize?client_id=…&device_code=…` (§3.3). */
export function getDeviceFlowAuthorize(app: SandboxApp, ctx: RequestContext): void {
  const clientId = presentParam(ctx, 'client_id');
  if (!clientId) return sendJson(ctx.res, 400, { error: "Required param 'client_id' not present" });
  if (!appByUid(app, clientId)) return sendJson(ctx.res, 400, { error: 'Unrecognized client_id' });
  const deviceCode = presentParam(ctx, 'device_code');
  if (!deviceCode) return sendJson(ctx.res, 400, { error: "Required param 'device_code' not present" });
  const idx = app.state.deviceRequests.findIndex((r) => r.device_code === deviceCode);
  const req = app.state.deviceRequests[idx];
  if (!req) return sendJson(ctx.res, 400, { error: 'Invalid device_code. User may have denied access' });
  if (req.status === 'pending') return sendJson(ctx.res, 400, { error: 'authorization_pending' });
  app.state.deviceRequests.splice(idx, 1);
  app.save();
  if (req.status === 'denied') return sendJson(ctx.res, 400, { error: 'authorization denied by user' });
  sendJson(ctx.res, 200, { code: req.code ?? '' });
}

/** `GET /activate` (§3.2). */
export function getActivate(app: SandboxApp, ctx: RequestContext): void {
  const who = requireWebUser(app, ctx);
  if (!who) return;
  sendHtml(ctx.res, 200, activatePage(app.sessions.takeFlash(who.session)));
}

/** `GET /device_flow_resolve?user_code=…` (§3.2 step 2). */
export function getDeviceFlowResolve(app: SandboxApp, ctx: RequestContext): void {
  const who = requireWebUser(app, ctx);
  if (!who) return;
  const code = presentParam(ctx, 'user_code')?.trim();
  if (!code) {
    who.session.flash = { kind: 'alert', text: 'User code missing. Please enter user code.' };
    return redirect(ctx.res, '/activate');
  }
  const req = app.state.deviceRequests.find((r) => r.user_code === code);
  const client = req ? app.state.applications.find((a) => a.id === req.app_id) : undefined;
  if (!req || !client) {
    who.session.flash = { kind: 'alert', text: 'Invalid user code.' };
    return redirect(ctx.res, '/activate');
  }
  req.user_code = hex64();
  req.resolution_state = hex64();
  app.save();
  const q = new URLSearchParams({
    client_id: client.uid,
    response_type: 'code',
    scope: req.scopes.join(' '),
    redirect_uri: `${requestBase(app, ctx)}/device_flow_auth_cb`,
    state: req.resolution_state,
  });
  redirect(ctx.res, `/oauth/authorize?${q.toString()}`);
}

/** `GET /device_flow_auth_cb?code=…&state=…` or `?error=…` (§3.2 step 4). */
export function getDeviceFlowAuthCb(app: SandboxApp, ctx: RequestContext): void {
  const who = requireWebUser(app, ctx);
  if (!who) return;
  const state = param(ctx, 'state');
  const req = state ? app.state.deviceRequests.find((r) => r.resolution_state === state && r.status === 'pending') : undefined;
  if (!req) {
    who.session.flash = { kind: 'alert', text: 'Invalid request' };
    return redirect(ctx.res, '/activate');
  }
  if (param(ctx, 'error') !== undefined || !presentParam(ctx, 'code')) {
    req.status = 'denied';
    who.session.flash = { kind: 'alert', text: 'Access denied by user' };
  } else {
    req.status = 'granted';
    req.code = presentParam(ctx, 'code') ?? null;
    req.user_id = who.user.id;
    who.session.flash = { kind: 'notice', text: 'Access granted' };
  }
  app.save();
  redirect(ctx.res, '/activate');
}
