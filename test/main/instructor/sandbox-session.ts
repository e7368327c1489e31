/**
 * A real Autolab client for one demo user of an in-process sandbox, for the
 * instructor tests (tokens through the sandbox's own pages, no mocks).
 */
import { createAutolabClient, type AutolabClient } from '../../../main/autolab/autolab-client';
import { createLogger } from '../../../main/logger';
import type { Sandbox } from '../../../sandbox/index';
import { sandboxToken } from '../../helpers/sandbox-token';

/** Sign a demo user in and build their client. */
export async function clientFor(sb: Sandbox, email: string, scopes?: string[], password?: string): Promise<{ client: AutolabClient; scopes: string[] }> {
  const app = sb.applications.find((a) => a.scopes.includes('instructor_all')) ?? sb.applications[0]!;
  const user = password ? { email, password } : sb.users.find((u) => u.email === email);
  if (!user) throw new Error(`no demo user ${email}`);
  const granted = scopes ?? app.scopes;
  const tokens = await sandboxToken({
    baseUrl: sb.baseUrl,
    clientId: app.client_id,
    clientSecret: app.client_secret,
    redirectUri: app.redirect_uris.find((u) => u.startsWith('http://127.0.0.1')) ?? app.redirect_uris[0]!,
    scopes: granted,
    email: user.email,
    password: user.password,
  });
  const client = createAutolabClient({ baseUrl: sb.baseUrl, getAccessToken: async () => tokens.access_token, log: createLogger(() => undefined), userAgent: 'AutolabDesktop-test' });
  return { client, scopes: (tokens.scope ?? granted.join(' ')).split(' ') };
}
