/**
 * Devise sign-in for the HTML pages.
 *
 * Why: `/oauth/authorize` and `/activate` need a web session; unauthenticated visitors go to
 * `/auth/users/sign_in` and come back afterwards (autolab-api.md §2.1, §3.2).
 */
import type { RequestContext } from '../http/request-context.js';
import { param } from '../http/request-context.js';
import { redirect, sendHtml } from './http-response.js';
import { loginPage, simplePage } from './html-pages.js';
import { SESSION_COOKIE, type WebSession } from './session-store.js';
import { userById, type SandboxApp } from './sandbox-app.js';
import type { User } from './state.js';

/** Path of the Devise sign-in page. */
export const SIGN_IN_PATH = '/auth/users/sign_in';

/**
 * The signed-in user of a browser request, or a redirect to sign-in.
 *
 * Why: Devise's `authenticate_user!` remembers the requested URL and sends the user back to it.
 * @returns the session and user, or null after answering with a redirect
 */
export function requireWebUser(app: SandboxApp, ctx: RequestContext): { session: WebSession; user: User } | null {
  const session = app.sessions.ensure(ctx.cookies[SESSION_COOKIE], ctx.res);
  const user = session.userId === null ? undefined : userById(app, session.userId);
  if (user) return { session, user };
  if (ctx.method === 'GET') session.returnTo = ctx.req.url ?? '/';
  session.flash = { kind: 'alert', text: 'You need to sign in or sign up before continuing.' };
  redirect(ctx.res, SIGN_IN_PATH);
  return null;
}

/** `GET /auth/users/sign_in`. */
export function getSignIn(app: SandboxApp, ctx: RequestContext): void {
  const session = app.sessions.ensure(ctx.cookies[SESSION_COOKIE], ctx.res);
  sendHtml(ctx.res, 200, loginPage(app.sessions.takeFlash(session)));
}

/**
 * `POST /auth/users/sign_in`: check email and password, start the session, go back.
 *
 * Why: accepts Devise's `user[email]`/`user[password]` and plain `email`/`password`.
 */
export function postSignIn(app: SandboxApp, ctx: RequestContext): void {
  const session = app.sessions.ensure(ctx.cookies[SESSION_COOKIE], ctx.res);
  const email = (param(ctx, 'user[email]') ?? param(ctx, 'email') ?? '').trim();
  const password = param(ctx, 'user[password]') ?? param(ctx, 'password') ?? '';
  const user = app.state.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
  if (!user || user.password !== password) {
    sendHtml(ctx.res, 401, loginPage({ kind: 'alert', text: 'Invalid Email or password.' }, email));
    return;
  }
  session.userId = user.id;
  const to = session.returnTo ?? '/';
  session.returnTo = null;
  session.flash = { kind: 'notice', text: 'Signed in successfully.' };
  redirect(ctx.res, to);
}

/** `GET|DELETE /auth/users/sign_out`. */
export function signOut(app: SandboxApp, ctx: RequestContext): void {
  const session = app.sessions.get(ctx.cookies[SESSION_COOKIE]);
  if (session) session.userId = null;
  redirect(ctx.res, SIGN_IN_PATH);
}

/** `GET /`: a small home page. */
export function home(app: SandboxApp, ctx: RequestContext): void {
  const session = app.sessions.get(ctx.cookies[SESSION_COOKIE]);
  const user = session?.userId != null ? userById(app, session.userId) : undefined;
  sendHtml(
    ctx.res,
    200,
    simplePage('Autolab sandbox', user ? `Signed in as ${user.email}. Go to /activate to approve a device.` : 'Not signed in.'),
  );
}
