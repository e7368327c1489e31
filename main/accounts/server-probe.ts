/**
 * Check an Autolab address and client credentials before saving them.
 *
 * The probe is a token request with a made-up code: Doorkeeper checks the
 * client before the grant (autolab-api.md §2.8 "Validation order"), so a right
 * client id and secret answer `400 invalid_grant` and a wrong one `401
 * invalid_client` — with no side effect on the server (unlike
 * `device_flow_init`, which creates a request and is limited to 1 per 30 s).
 */
import { randomBytes } from 'node:crypto';
import { OAuthClient, OAuthError, SignedOutError } from '../auth/oauth-client';
import { UserError } from '../user-error';

/**
 * Resolve when `baseUrl` is an Autolab that knows this client.
 *
 * @throws UserError `invalid-client` (wrong id or secret), `not-autolab`
 *   (something answered, but not like Autolab), `offline` (unreachable).
 */
export async function probeAutolabServer(baseUrl: string, clientId: string, clientSecret: string): Promise<void> {
  const oauth = new OAuthClient({ baseUrl, clientId, clientSecret, timeoutMs: 15_000 });
  try {
    await oauth.exchangeCode({ code: randomBytes(32).toString('base64url'), redirectUri: `${oauth.baseUrl}/device_flow_auth_cb` });
  } catch (err) {
    if (err instanceof SignedOutError) return;
    if (err instanceof OAuthError && err.code === 'invalid-client') {
      throw new UserError('invalid-client', `${oauth.host} is an Autolab, but it does not know that client id and secret; check them with your Autolab administrator.`);
    }
    if (err instanceof UserError && err.code === 'offline') {
      throw new UserError('offline', `Autolab Desktop could not reach ${oauth.host}; check the address and your connection.`);
    }
    throw new UserError('not-autolab', `${oauth.host} did not answer like an Autolab server; check the address (it is the page you sign in to Autolab on).`);
  }
  throw new UserError('not-autolab', `${oauth.host} did not answer like an Autolab server; check the address.`);
}
