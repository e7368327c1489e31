/**
 * The Autolab sandbox: a faithful local Autolab (OAuth2 + device flow + API v1) with demo data.
 *
 * Why: it is the app's "Try the demo" server, every test's server, and a tool for any Autolab
 * client developer (issue 3, design.md "The sandbox is a faithful Autolab"). It follows
 * `autolab-api.md` to the byte where clients depend on it. Bundled by esbuild as CommonJS, so
 * it uses only Node built-ins and npm deps, and no `import.meta`.
 */
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeServer, runningSandbox, serveLoopback, type SandboxHandler } from '../http/listen.js';
import { SandboxClock } from '../http/clock.js';
import { FixedWindowLimiter } from './rate-limiter.js';
import { SessionStore } from './session-store.js';
import { StateStore } from './state-store.js';
import { Autograder } from './autograder.js';
import { DEMO_APP_NAME, DEMO_USERS, SCOPE_TEST_APP_NAME, demoRedirectUris, ensureSeedAssessments, ensureSeedStudents, seedDemoState } from './demo-data.js';
import { FaultInjector, type FaultSpec, type RequestLogEntry } from './fault-injector.js';
import { handleRequest } from './request-pipeline.js';
import { urlsafeToken } from '../http/random-token.js';
import type { SandboxApp } from './sandbox-app.js';
import type { ControlTable } from '../http/control-api.js';

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** Default 0 (OS-assigned); always binds 127.0.0.1. */
  port?: number;
  /** Persist state (JSON + uploaded files) here across restarts; memory-only when absent. */
  dataDir?: string;
  /** Register the demo app as a stock production Autolab must: no `http://127.0.0.1/callback` (§2.6). */
  production?: boolean;
  /** Non-Autolab: enforce S256 PKCE. */
  strictPkce?: boolean;
  /** Default 3000. */
  autogradeDelayMs?: number;
  /** Default 7200. */
  accessTokenLifetimeSec?: number;
  /** Default 600. */
  codeLifetimeSec?: number;
  /** Override every assessment's max_size (MB; Autolab default 2). */
  maxSizeMb?: number;
  /** Default true. */
  rateLimits?: boolean;
  /** Default 0. */
  clockOffsetMs?: number;
  /** Extra generated students enrolled in the current course; default 0. */
  seedStudents?: number;
  /** Extra generated open assessments in the current course, each with a graded submission of the demo student; default 0. */
  seedAssessments?: number;
  /** Also expose the controls over HTTP; default false. */
  controlApi?: boolean;
}

/** What a started sandbox tells its user (also the CLI's first stdout line). */
export interface SandboxInfo {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  applications: Array<{ name: string; client_id: string; client_secret: string; redirect_uris: string[]; scopes: string[] }>;
  users: Array<{ email: string; password: string; role: 'student' | 'instructor' | 'course_assistant' | 'admin' }>;
  /** Only when `controlApi`. */
  control?: { url: string; token: string };
}

/** Switches for tests and demos. */
export interface SandboxControls {
  setClockOffset(ms: number): void;
  /** Added to every response. */
  setLatency(ms: number): void;
  /** `route` is a documented route name (README) or a path regex string; count default 1. */
  injectFault(f: { route: string; kind: 'status500' | 'status429' | 'reset' | 'hang' | 'reset-mid-upload'; count?: number }): void;
  clearFaults(): void;
  /** The next autograded submit saves the submission then answers 500 "Submission accepted, but autograding failed: …". */
  setAutograderFailure(on: boolean): void;
  setAutogradeDelay(ms: number): void;
  /** For tokens issued from now on. */
  setAccessTokenLifetime(seconds: number): void;
  /** Path, and an API request's query without token parameters and whether it is background work, and a token request's grant type; never tokens. */
  requestLog(): Array<{ method: string; path: string; query?: string; background?: true; grantType?: string; status: number; at: number }>;
  resetRequestLog(): void;
  /**
   * Release every score of an assessment, as an instructor does on Autolab's web UI (no API route
   * exists for it); returns how many score rows changed. Lets tests see `"unreleased"` become a number.
   */
  releaseScores(assessment: string): number;
}

/** A running sandbox. */
export interface Sandbox extends SandboxInfo {
  info: SandboxInfo;
  controls: SandboxControls;
  /** Close all connections, stop the autograder, flush state. */
  close(): Promise<void>;
}

/**
 * Start a sandbox.
 *
 * Why: see the file comment.
 * @throws Error when the port is taken or `dataDir` holds an unreadable state file
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = new SandboxClock(options.clockOffsetMs ?? 0);
  const store = new StateStore(options.dataDir);
  const loaded = await store.load();
  const tempUploads = options.dataDir ? null : await mkdtemp(join(tmpdir(), 'autolab-sandbox-'));
  const uploadsDir = options.dataDir ? join(options.dataDir, 'uploads') : (tempUploads as string);
  await mkdir(uploadsDir, { recursive: true, mode: 0o700 });

  // The handler is set once the app exists: the demo data needs the address the server got.
  let handler: SandboxHandler = (_req, res) => void res.writeHead(503).end();
  const { server, url: baseUrl } = await serveLoopback(options.port ?? 0, (req, res) => handler(req, res));
  const production = options.production ?? false;
  const state = loaded ?? seedDemoState(clock.now(), baseUrl, production);
  for (const a of state.applications) {
    if (a.name === DEMO_APP_NAME || a.name === SCOPE_TEST_APP_NAME) a.redirect_uris = demoRedirectUris(baseUrl, production);
  }
  ensureSeedStudents(state, options.seedStudents ?? 0, clock.now());
  ensureSeedAssessments(state, options.seedAssessments ?? 0, clock.now());

  const autograder = new Autograder();
  const app: SandboxApp = {
    state,
    store,
    clock,
    options: {
      production,
      strictPkce: options.strictPkce ?? false,
      codeLifetimeSec: options.codeLifetimeSec ?? 600,
      maxSizeMb: options.maxSizeMb,
      rateLimits: options.rateLimits ?? true,
    },
    runtime: {
      latencyMs: 0,
      autogradeDelayMs: options.autogradeDelayMs ?? 3000,
      accessTokenLifetimeSec: options.accessTokenLifetimeSec ?? 7200,
      autograderFailure: false,
    },
    sessions: new SessionStore(),
    limiter: new FixedWindowLimiter(),
    grading: autograder,
    baseUrl,
    uploadsDir,
    save: () => store.save(state),
  };
  autograder.attach(app);
  const pending = state.submissions.filter((s) => s.grading === 'pending').map((s) => s.id);
  if (pending.length) autograder.enqueue(pending);
  app.save();

  const faults = new FaultInjector();
  const log: RequestLogEntry[] = [];
  const controls: SandboxControls = {
    setClockOffset: (ms) => void (clock.offsetMs = Number(ms) || 0),
    setLatency: (ms) => void (app.runtime.latencyMs = Math.max(0, Number(ms) || 0)),
    injectFault: (f: FaultSpec) => faults.add(f),
    clearFaults: () => faults.clear(),
    setAutograderFailure: (on) => void (app.runtime.autograderFailure = Boolean(on)),
    setAutogradeDelay: (ms) => void (app.runtime.autogradeDelayMs = Math.max(0, Number(ms) || 0)),
    setAccessTokenLifetime: (s) => void (app.runtime.accessTokenLifetimeSec = Math.max(0, Number(s) || 0)),
    requestLog: () => log.map((e) => ({ ...e })),
    resetRequestLog: () => void log.splice(0, log.length),
    releaseScores: (name) => {
      const ids = new Set(state.assessments.filter((a) => a.name === String(name)).map((a) => a.id));
      const subs = new Set(state.submissions.filter((s) => ids.has(s.assessment_id)).map((s) => s.id));
      let changed = 0;
      for (const row of state.scores) if (subs.has(row.submission_id) && !row.released) (row.released = true), changed++;
      for (const a of state.assessments) if (ids.has(a.id)) a.release_scores = true;
      app.save();
      return changed;
    },
  };
  const controlToken = options.controlApi ? urlsafeToken() : null;
  const fileCapBytes = (): number => {
    const mbs = options.maxSizeMb !== undefined ? [options.maxSizeMb] : state.assessments.map((a) => a.max_size);
    return Math.ceil(Math.max(2, ...mbs) * 2 ** 20) + 1;
  };
  const control = controlToken ? { token: controlToken, table: controls as unknown as ControlTable } : null;
  handler = (req, res) => handleRequest({ app, faults, log, control, fileCapBytes }, req, res);

  const info: SandboxInfo = {
    baseUrl,
    applications: state.applications.map((a) => ({ name: a.name, client_id: a.uid, client_secret: a.secret, redirect_uris: [...a.redirect_uris], scopes: [...a.scopes] })),
    users: DEMO_USERS.map((u) => ({ email: u.email, password: u.password, role: u.role })),
    ...(controlToken ? { control: { url: `${baseUrl}/__sandbox/control`, token: controlToken } } : {}),
  };
  return runningSandbox(info, controls, async () => {
    autograder.stop();
    await closeServer(server);
    await store.flush();
    if (tempUploads) await rm(tempUploads, { recursive: true, force: true });
  });
}
