/**
 * A student's access token for a sandbox started in its own process
 * (`startSandboxProcess` from test/e2e/sandbox-process.ts), so that its CPU
 * and memory are not counted against ours.
 */
import type { SandboxProcess } from '../test/e2e/sandbox-process';
import { sandboxToken } from '../test/helpers/sandbox-token';

/**
 * Sign the demo student in through the sandbox's pages and return an access token.
 * The token is a secret: callers must never print it.
 */
export async function studentToken(sb: Pick<SandboxProcess, 'baseUrl' | 'applications' | 'users'>): Promise<string> {
  const app = sb.applications[0]!;
  const student = sb.users.find((u) => u.role === 'student') ?? sb.users[0]!;
  const tokens = await sandboxToken({
    baseUrl: sb.baseUrl,
    clientId: app.client_id,
    clientSecret: app.client_secret,
    redirectUri: app.redirect_uris.find((u) => u.startsWith('http://127.0.0.1')) ?? app.redirect_uris[0]!,
    scopes: app.scopes,
    email: student.email,
    password: student.password,
  });
  return tokens.access_token;
}
