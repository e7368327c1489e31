/**
 * The Open edX sandbox: a local LMS with django-oauth-toolkit's token endpoint
 * behind `oauth_dispatch` (client_credentials, authorization_code with a real
 * login and consent page, refresh_token, the JWT swap), and the student-facing
 * user, enrollment, courses, blocks and grades APIs (providers.md §1).
 *
 * Why: it is the "Try the demo" Open edX, and the real server of every Open
 * edX test. Its own folder beside the Autolab sandbox, sharing the HTTP
 * plumbing in `../http/` (listen, response, body parser, clock, control API).
 */
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { closeServer, runningSandbox, serveLoopback, type SandboxHandler } from '../http/listen.js';
import { handleControl, type ControlTable } from '../http/control-api.js';
import { SandboxClock } from '../http/clock.js';
import { readBody } from '../http/body-parser.js';
import { parseCookies } from '../http/request-context.js';
import { DEFAULT_SCOPES, type EdxRequest, type EdxServer } from './context.js';
import { DEMO_EDX_USERS, letterFor, seedEdxState } from './state.js';
import { EdxStateFile } from './state-file.js';
import { accessToken, authorize, login, revokeToken } from './oauth-routes.js';
import { authenticate, throttle, type ApiCaller } from './api-auth.js';
import { account, blocks, courseGrade, courseList, enrollments, me } from './api-routes.js';
import { sendJson } from './respond.js';

/** Options of {@link startOpenedxSandbox}. */
export interface OpenedxSandboxOptions {
  /** Default 0 (OS-assigned); always binds 127.0.0.1. */
  port?: number;
  /** Persist state here across restarts; memory-only when absent. */
  dataDir?: string;
  /** Also expose the controls over HTTP (`POST /__sandbox/control`); default false. */
  controlApi?: boolean;
  /** DRF user throttle per minute; default 120 (0 = off). */
  throttlePerMinute?: number;
}

/** The first stdout line of the CLI. */
export interface OpenedxSandboxInfo {
  baseUrl: string;
  applications: Array<{ name: string; client_id: string; client_secret: string; grant_type: 'client-credentials' | 'authorization-code'; redirect_uris: string[]; scopes: string[] }>;
  users: Array<{ username: string; email: string; password: string }>;
  control?: { url: string; token: string };
}

/** Switches for tests and the demo. */
export interface OpenedxSandboxControls {
  /** Set a learner's course grade (0..1); letter and passed follow the demo policy. Returns the grade row. */
  setGrade(username: string, courseKey: string, percent: number): { percent: number; letter_grade: string | null; passed: boolean };
  /** Move the sandbox clock forward (tokens expire, deadlines approach). Returns the new offset. */
  advanceClock(ms: number): number;
  setClockOffset(ms: number): void;
  /** Requests per period per user (0 = off). */
  setThrottle(limit: number, periodSec?: number): void;
  /** JWT lifetime for tokens issued from now on. */
  setJwtLifetime(seconds: number): void;
  /** Method, path (no query) and status of every request answered; never tokens. */
  /** Every request answered; a `POST /oauth2/access_token` carries the `grant_type` it asked for. */
  requestLog(): Array<{ method: string; path: string; grantType?: string; status: number; at: number }>;
  resetRequestLog(): void;
}

/** A running Open edX sandbox. */
export interface OpenedxSandbox extends OpenedxSandboxInfo {
  info: OpenedxSandboxInfo;
  controls: OpenedxSandboxControls;
  close(): Promise<void>;
}

type Api = (s: EdxServer, r: EdxRequest, caller: ApiCaller, arg: string) => void;

function route(path: string, method: string): { kind: 'oauth'; fn: (s: EdxServer, r: EdxRequest) => void } | { kind: 'api'; fn: Api; arg: string } | null {
  if (path === '/oauth2/access_token' || path === '/oauth2/access_token/') return method === 'POST' ? { kind: 'oauth', fn: accessToken } : null;
  if (path === '/oauth2/revoke_token' || path === '/oauth2/revoke_token/') return method === 'POST' ? { kind: 'oauth', fn: revokeToken } : null;
  if (path === '/oauth2/authorize' || path === '/oauth2/authorize/') return { kind: 'oauth', fn: authorize };
  if (path === '/login') return { kind: 'oauth', fn: login };
  if (method !== 'GET') return null;
  if (path === '/api/user/v1/me') return { kind: 'api', fn: me, arg: '' };
  const acct = /^\/api\/user\/v1\/accounts\/([^/]+)\/?$/.exec(path);
  if (acct) return { kind: 'api', fn: account, arg: decodeURIComponent(acct[1] ?? '') };
  if (path === '/api/enrollment/v1/enrollment' || path === '/api/enrollment/v1/enrollment/') return { kind: 'api', fn: enrollments, arg: '' };
  if (path === '/api/courses/v1/courses/' || path === '/api/courses/v1/courses') return { kind: 'api', fn: courseList, arg: '' };
  if (/^\/api\/courses\/v[12]\/blocks\/?$/.test(path)) return { kind: 'api', fn: blocks, arg: '' };
  const grade = /^\/api\/grades\/v1\/courses\/([^/]+)\/?$/.exec(path);
  if (grade) return { kind: 'api', fn: courseGrade, arg: decodeURIComponent(grade[1] ?? '') };
  return null;
}

/**
 * Start an Open edX sandbox.
 *
 * @throws Error when the port is taken or `dataDir` holds an unreadable state.
 */
export async function startOpenedxSandbox(options: OpenedxSandboxOptions = {}): Promise<OpenedxSandbox> {
  const clock = new SandboxClock(0);
  const file = new EdxStateFile(options.dataDir);
  const state = (await file.load()) ?? seedEdxState(clock.now());
  // The handler is set below: the server state needs the address the server got.
  let handler: SandboxHandler = (_req, res) => void res.writeHead(503).end();
  const { server, url: baseUrl } = await serveLoopback(options.port ?? 0, (req, res) => handler(req, res));
  const s: EdxServer = {
    state,
    clock,
    baseUrl,
    anchor: Math.floor(clock.now() / 3_600_000) * 3_600_000,
    save: () => file.save(state),
    runtime: { jwtLifetimeSec: 3600, opaqueLifetimeSec: 3600, throttleLimit: options.throttlePerMinute ?? 120, throttlePeriodSec: 60 },
    sessions: new Map(),
    codes: new Map(),
    throttleCounts: new Map(),
  };
  s.save();
  const log: Array<{ method: string; path: string; grantType?: string; status: number; at: number }> = [];
  const controls: OpenedxSandboxControls = {
    setGrade(username, courseKey, percent) {
      const p = Math.min(1, Math.max(0, Number(percent)));
      if (!Number.isFinite(p)) throw new Error('percent must be a number from 0 to 1');
      let row = state.grades.find((g) => g.username === username && g.courseKey === courseKey);
      if (!row) {
        if (!state.enrollments.some((e) => e.username === username && e.courseKey === courseKey)) throw new Error(`${username} is not enrolled in ${courseKey}`);
        row = { username, courseKey, percent: 0, letterGrade: null, passed: false };
        state.grades.push(row);
      }
      Object.assign(row, { percent: p, ...letterFor(p) });
      s.save();
      return { percent: row.percent, letter_grade: row.letterGrade, passed: row.passed };
    },
    advanceClock: (ms) => (clock.offsetMs += Math.max(0, Number(ms) || 0)),
    setClockOffset: (ms) => void (clock.offsetMs = Number(ms) || 0),
    setThrottle: (limit, periodSec = 60) => {
      s.runtime.throttleLimit = Math.max(0, Number(limit) || 0);
      s.runtime.throttlePeriodSec = Math.max(1, Number(periodSec) || 60);
      s.throttleCounts.clear();
    },
    setJwtLifetime: (sec) => void (s.runtime.jwtLifetimeSec = Math.max(1, Number(sec) || 3600)),
    requestLog: () => log.map((e) => ({ ...e })),
    resetRequestLog: () => void log.splice(0, log.length),
  };
  const controlToken = options.controlApi ? randomBytes(24).toString('hex') : null;

  handler = async (req, res) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const method = req.method ?? 'GET';
    // Set once the body is read: the grant type of a token request, for the log (tests check it is never `password`).
    let grantType: string | undefined;
    res.on('finish', () => log.push({ method, path: url.pathname, ...(grantType !== undefined ? { grantType } : {}), status: res.statusCode, at: clock.now() }));
    const body = await readBody(req, { tempDir: tmpdir(), fileCapBytes: 0 });
    const form = new Map<string, string>();
    if (body.ok) for (const [k, v] of body.fields) form.set(k, v);
    if (url.pathname === '/oauth2/access_token') grantType = form.get('grant_type') ?? '';
    const r: EdxRequest = { req, res, method, path: url.pathname, query: url.searchParams, form, cookies: parseCookies(req.headers.cookie) };
    if (url.pathname.startsWith('/__sandbox/control') && controlToken) {
      return handleControl({ req, res, method, path: url.pathname, json: body.ok ? body.json : null }, controlToken, controls as unknown as ControlTable);
    }
    const found = route(url.pathname, method);
    if (!found) return sendJson(res, 404, { detail: 'Not found.' });
    if (found.kind === 'oauth') return found.fn(s, r);
    const caller = authenticate(s, r);
    if (!caller || !throttle(s, r, caller)) return;
    found.fn(s, r, caller, found.arg);
  };

  const info: OpenedxSandboxInfo = {
    baseUrl,
    applications: state.applications.map((a) => ({ name: a.name, client_id: a.clientId, client_secret: a.clientSecret, grant_type: a.grantType, redirect_uris: [...a.redirectUris], scopes: [...new Set([...DEFAULT_SCOPES, ...a.scopes])] })),
    users: DEMO_EDX_USERS.map((u) => ({ username: u.username, email: u.email, password: u.password })),
    ...(controlToken ? { control: { url: `${baseUrl}/__sandbox/control`, token: controlToken } } : {}),
  };
  return runningSandbox(info, controls, async () => {
    await closeServer(server);
    await file.flush();
  });
}
