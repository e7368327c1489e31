/**
 * Test helpers: a cookie-keeping browser stand-in and an OAuth sign-in against the sandbox.
 *
 * Why: contract tests walk the real HTTP flow (login → consent → code → token) on a sandbox
 * started on port 0, without a browser where one is not the point.
 */
import type { Sandbox } from '../../sandbox/index.js';

/** A minimal browser: keeps the session cookie, never follows redirects. */
export class Browser {
  cookie = '';
  /** @param base the sandbox base URL */
  constructor(readonly base: string) {}

  /** Fetch without following redirects, keeping cookies. */
  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    const r = await fetch(url.startsWith('http') ? url : this.base + url, { ...init, headers, redirect: 'manual' });
    const sc = r.headers.get('set-cookie');
    if (sc) this.cookie = sc.split(';')[0] ?? '';
    return r;
  }

  /** POST a form. */
  post(url: string, form: Record<string, string>): Promise<Response> {
    return this.go(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  }

  /** Sign in through Devise. */
  async signIn(email: string, password: string): Promise<void> {
    await this.go('/auth/users/sign_in');
    const r = await this.post('/auth/users/sign_in', { 'user[email]': email, 'user[password]': password });
    if (r.status !== 302) throw new Error(`sign-in failed: ${r.status}`);
  }
}

/** Parameters of an authorization request. */
export interface AuthParams {
  client_id: string;
  redirect_uri: string;
  scope?: string;
  state?: string;
  response_type?: string;
  [k: string]: string | undefined;
}

/** Build `/oauth/authorize?…`. */
export function authorizeUrl(p: AuthParams): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ response_type: 'code', ...p })) if (v !== undefined) q.set(k, v);
  return `/oauth/authorize?${q.toString()}`;
}

/**
 * Walk GET authorize → consent (if shown) → Authorize, returning the final redirect location.
 */
export async function approve(b: Browser, p: AuthParams): Promise<{ location: string; consentShown: boolean }> {
  const r = await b.go(authorizeUrl(p));
  if (r.status === 302) return { location: r.headers.get('location') ?? '', consentShown: false };
  const html = await r.text();
  if (r.status !== 200) throw new Error(`authorize ${r.status}: ${html.slice(0, 200)}`);
  const csrf = /name="authenticity_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const form: Record<string, string> = { authenticity_token: csrf };
  for (const m of html.split('<form')[1]?.matchAll(/type="hidden" name="([^"]+)" value="([^"]*)"/g) ?? []) form[m[1] ?? ''] = (m[2] ?? '').replace(/&#(\d+);/g, (_x, n: string) => String.fromCharCode(Number(n)));
  const post = await b.post('/oauth/authorize', form);
  return { location: post.headers.get('location') ?? '', consentShown: true };
}

/** The code from a redirect location. */
export function codeFrom(location: string): string {
  return new URL(location, 'http://x').searchParams.get('code') ?? '';
}

/** POST /oauth/token with a form body. */
export async function tokenRequest(base: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; text: string; headers: Headers }> {
  const r = await fetch(`${base}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() });
  const text = await r.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* not JSON */
  }
  return { status: r.status, body, text, headers: r.headers };
}

/** Tokens from a successful exchange. */
export interface Tokens {
  access_token: string;
  refresh_token: string;
  scope: string;
}

/** Sign in as a user and get a token for the demo app (or another app) with the given scopes. */
export async function signInForToken(sb: Sandbox, email: string, password: string, opts: { scope?: string; appIndex?: number } = {}): Promise<Tokens> {
  const app = sb.applications[opts.appIndex ?? 0];
  if (!app) throw new Error('no app');
  const b = new Browser(sb.baseUrl);
  await b.signIn(email, password);
  const redirect_uri = 'urn:ietf:wg:oauth:2.0:oob';
  const { location } = await approve(b, { client_id: app.client_id, redirect_uri, scope: opts.scope ?? app.scopes.join(' ') });
  const code = codeFrom(location);
  const t = await tokenRequest(sb.baseUrl, { grant_type: 'authorization_code', code, redirect_uri, client_id: app.client_id, client_secret: app.client_secret });
  if (t.status !== 200) throw new Error(`token: ${t.text}`);
  return t.body as unknown as Tokens;
}

/** Call the API with a Bearer token; returns status, raw text and parsed JSON. */
export async function api(sb: Sandbox, token: string, path: string, init: RequestInit = {}): Promise<{ status: number; text: string; json: unknown; headers: Headers }> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  const r = await fetch(`${sb.baseUrl}/api/v1${path}`, { ...init, headers });
  const text = await r.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: r.status, text, json, headers: r.headers };
}

/** The demo accounts. */
export const STUDENT = ['student@example.edu', 'demo-student'] as const;
export const INSTRUCTOR = ['instructor@example.edu', 'demo-instructor'] as const;
export const TA = ['ta@example.edu', 'demo-ta'] as const;
export const ADMIN = ['admin@example.edu', 'demo-admin'] as const;
