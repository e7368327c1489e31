/**
 * Check an Open edX site and its credentials before saving, with one sentence
 * per failure: not reachable, not an Open edX, unknown client, wrong secret,
 * `grades:read` not allowed, wrong kind of application.
 *
 * DOT answers `invalid_client` both for an unknown client id and for a wrong
 * secret. To tell them apart, the authorization endpoint is asked about the
 * client id alone: DOT (oauthlib) names an unknown one ("Invalid client_id
 * parameter value.") before it looks at anything else.
 */
import got from 'got';
import { OAuthClient, OAuthError } from '../auth/oauth-client';
import { openedxProfile } from '../auth/provider-profile';
import { TokenService } from '../auth/token-service';
import type { Logger } from '../logger';
import { MemorySecretStore } from '../secrets/memory-secret-store';
import { UserError } from '../user-error';
import { createOpenedxClient } from './openedx-client';
import { createOpenedxHttp } from './openedx-http';

/** The scopes the app asks for: `grades:read` must be requested explicitly (providers.md §1.3). */
export const OPENEDX_SCOPES = ['read', 'email', 'profile', 'grades:read'];

/** Who the credentials act as. */
export interface ValidatedSite {
  username: string;
  fullName: string | null;
}

const host = (url: string) => new URL(url).host;

const notOpenedx = (baseUrl: string) =>
  new UserError('not-openedx', `${host(baseUrl)} does not look like an Open edX site (it has no OAuth2 token endpoint at /oauth2/access_token); check the LMS address.`);

/**
 * Is `clientId` unknown to the site? True only when the authorization endpoint says so.
 *
 * @throws never.
 */
export async function clientIdUnknown(baseUrl: string, clientId: string): Promise<boolean> {
  try {
    const res = await got(`${baseUrl}/oauth2/authorize?${new URLSearchParams({ client_id: clientId, response_type: 'code' })}`, {
      throwHttpErrors: false,
      followRedirect: false,
      retry: { limit: 0 },
      timeout: { request: 15_000 },
      responseType: 'text',
    });
    return res.body.includes('Invalid client_id parameter value');
  } catch {
    return false;
  }
}

/**
 * Does the address answer like an Open edX token endpoint? An empty token
 * request gets DOT's JSON OAuth error (`{"error": …}`); anything else is not Open edX.
 *
 * @throws UserError `offline` when the site cannot be reached; `not-openedx`.
 */
export async function probeOpenedx(baseUrl: string): Promise<void> {
  let body: unknown;
  try {
    const res = await got.post(`${baseUrl}/oauth2/access_token`, { form: {}, throwHttpErrors: false, followRedirect: false, retry: { limit: 0 }, timeout: { request: 15_000 }, responseType: 'text' });
    body = JSON.parse(res.body);
  } catch (error) {
    if (error instanceof SyntaxError) throw notOpenedx(baseUrl);
    throw new UserError('offline', `Autolab Desktop could not reach ${host(baseUrl)}; check the address and your connection.`);
  }
  if (typeof body !== 'object' || body === null || typeof (body as { error?: unknown }).error !== 'string') throw notOpenedx(baseUrl);
}

/**
 * Validate client credentials: issue a JWT with the needed scopes, then ask who it acts as.
 *
 * @throws UserError `bad-url`, `offline`, `not-openedx`, `unknown-client`, `wrong-secret`,
 *   `grades-not-allowed`, `wrong-grant`, or the API's errors.
 */
export async function validateClientCredentials(baseUrl: string, clientId: string, clientSecret: string, log: Logger, redirectPort = 0): Promise<ValidatedSite> {
  const profile = openedxProfile(redirectPort);
  const oauth = new OAuthClient({ baseUrl, clientId, clientSecret, profile, timeoutMs: 15_000 });
  try {
    await oauth.clientCredentials(OPENEDX_SCOPES);
  } catch (error) {
    throw await explain(baseUrl, clientId, error);
  }
  const tokens = await TokenService.restore({ accountId: `validate:${clientId}`, oauth, secrets: new MemorySecretStore(), profile, scope: OPENEDX_SCOPES });
  return whoAmI(baseUrl, tokens, (t) => oauth.authorizationHeader(t), log);
}

/**
 * Ask the site who the token acts as (`/api/user/v1/me` + the account).
 *
 * @throws UserError `not-openedx` when the user API is missing; the API's errors otherwise.
 */
export async function whoAmI(baseUrl: string, tokens: TokenService, header: (t: string) => string, log: Logger): Promise<ValidatedSite> {
  const { get } = createOpenedxHttp({ baseUrl, tokens, authorizationHeader: header, log });
  try {
    const me = await createOpenedxClient(get).me();
    return { username: me.username, fullName: me.name };
  } catch (error) {
    if (error instanceof UserError && (error.code === 'not-found' || error.code === 'bad-response')) throw notOpenedx(baseUrl);
    throw error;
  }
}

async function explain(baseUrl: string, clientId: string, error: unknown): Promise<UserError> {
  const h = host(baseUrl);
  if (!(error instanceof UserError)) return new UserError('internal', 'Autolab Desktop could not check this site; try again.');
  if (error.code === 'bad-response') return notOpenedx(baseUrl);
  if (!(error instanceof OAuthError)) return error;
  switch (error.oauthError) {
    case 'invalid_client':
      return (await clientIdUnknown(baseUrl, clientId))
        ? new UserError('unknown-client', `${h} does not know this client id; copy it again from the application your Open edX administrator created.`)
        : new UserError('wrong-secret', `${h} did not accept the client secret for this client id; copy the secret again (it is shown only once when the application is created).`);
    case 'invalid_scope':
      return new UserError('grades-not-allowed', `${h} does not allow this application the scope grades:read; ask your Open edX administrator to add it to the application's allowed scopes.`);
    case 'unauthorized_client':
    case 'unsupported_grant_type':
      return new UserError('wrong-grant', `This application on ${h} is not set up for the client credentials grant; ask your Open edX administrator for a confidential "Client credentials" application.`);
    default:
      return error;
  }
}
