/**
 * A demo user's access token for a sandbox started in its own process
 * (`startSandboxProcess` from test/e2e/sandbox-process.ts), so that its CPU
 * and memory are not counted against ours.
 */
import type { SandboxProcess } from '../test/e2e/sandbox-process';
import { sandboxToken } from '../test/helpers/sandbox-token';

/**
 * Sign the demo user with `role` in through the sandbox's pages; returns the
 * access token and the granted scopes. The token is a secret: callers must never print it.
 */
export async function demoUserToken(sb: Pick<SandboxProcess, 'baseUrl' | 'applications' | 'users'>, role: string): Promise<{ token: string; scopes: string[] }> {
  const app = sb.applications[0]!;
  const user = sb.users.find((u) => u.role === role) ?? sb.users[0]!;
  const tokens = await sandboxToken({
    baseUrl: sb.baseUrl,
    clientId: app.client_id,
    clientSecret: app.client_secret,
    redirectUri: app.redirect_uris.find((u) => u.startsWith('http://127.0.0.1')) ?? app.redirect_uris[0]!,
    scopes: app.scopes,
    email: user.email,
    password: user.password,
  });
  return { token: tokens.access_token, scopes: (tokens.scope ?? app.scopes.join(' ')).split(' ') };
}

/** The demo student's access token (see {@link demoUserToken}). */
export async function studentToken(sb: Pick<SandboxProcess, 'baseUrl' | 'applications' | 'users'>): Promise<string> {
  return (await demoUserToken(sb, 'student')).token;
}
