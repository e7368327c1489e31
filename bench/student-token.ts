/**
 * A student's access token for a sandbox started in its own process
 * (`startSandboxProcess` from test/e2e/sandbox-process.ts), so that its CPU
 * and memory are not counted against ours.
 */
import type { SandboxProcess } from '../test/e2e/sandbox-process';
import { demoStudentTokens } from '../test/helpers/sandbox-token';

/**
 * Sign the demo student in through the sandbox's pages and return an access token.
 * The token is a secret: callers must never print it.
 */
export async function studentToken(sb: Pick<SandboxProcess, 'baseUrl' | 'applications' | 'users'>): Promise<string> {
  return (await demoStudentTokens(sb)).access_token;
}
