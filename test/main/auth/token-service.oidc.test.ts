/**
 * TokenService against oidc-provider (a certified OAuth 2.0 server): tokens
 * come from a real loopback sign-in, refreshes and revocations are real, and
 * the token requests are counted at the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoopbackFlow } from '../../../main/auth/loopback-flow';
import { OAuthClient, SignedOutError, type TokenSet } from '../../../main/auth/oauth-client';
import { isTokenRejection, TokenRejectedError, TokenService, type TokenServiceOptions } from '../../../main/auth/token-service';
import { createLogger } from '../../../main/logger';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import { refreshTokenKey, type SecretStore } from '../../../main/secrets/secret-store';
import { browse, startOidcServer, TEST_SCOPE, type OidcTestServer } from './helpers/oidc-server';

let oidc: OidcTestServer;
let offset = 0;
const now = () => Date.now() + offset;
let oauth: OAuthClient;
const logLines: string[] = [];
const log = createLogger((line) => logLines.push(line));
const seenTokens = new Set<string>();

beforeAll(async () => {
  oidc = await startOidcServer({ accessTokenTtl: 3600 });
  oauth = new OAuthClient({ baseUrl: oidc.baseUrl, clientId: oidc.clientId, clientSecret: oidc.clientSecret, now });
});
afterAll(async () => {
  // No token ever reached a log line or a URL.
  for (const token of seenTokens) {
    for (const line of logLines) expect(line).not.toContain(token);
    for (const request of oidc.requests) expect(request).not.toContain(token);
  }
  for (const auth of oidc.apiAuthorizations) expect(auth).toMatch(/^Bearer /);
  await oidc.close();
});

async function signIn(): Promise<TokenSet> {
  offset = 0;
  const tokens = await new LoopbackFlow(oauth).signIn({ scope: TEST_SCOPE, openExternal: async (url) => (void browse(url), true) });
  seenTokens.add(tokens.accessToken);
  if (tokens.refreshToken) seenTokens.add(tokens.refreshToken);
  return tokens;
}

let accountCounter = 0;
async function signedInService(secrets: SecretStore = new MemorySecretStore(), extra: Partial<TokenServiceOptions> = {}) {
  const tokens = await signIn();
  const options: TokenServiceOptions = { accountId: `acct-${++accountCounter}`, oauth, secrets, now, log, ...extra };
  const service = await TokenService.fromSignIn(options, tokens);
  return { service, tokens, secrets, key: refreshTokenKey(options.accountId) };
}

/** An Autolab-style API call: Bearer header only; a 401 "OAuth2 authorization failed" becomes TokenRejectedError. */
async function getUser(accessToken: string): Promise<{ email: string }> {
  seenTokens.add(accessToken);
  const res = await fetch(`${oidc.baseUrl}/api/v1/user`, { headers: { authorization: `Bearer ${accessToken}` } });
  const body: unknown = await res.json();
  if (isTokenRejection(res.status, body)) throw new TokenRejectedError();
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  return body as { email: string };
}

const tokenRequests = () => oidc.requests.filter((r) => r.startsWith('POST /oauth/token')).length;
const refreshGrants = () => oidc.grants.filter((g) => g === 'refresh_token').length;

describe('TokenService against oidc-provider', () => {
  it('refresh race: 20 concurrent API calls with an expired token make exactly one refresh request, and all 20 succeed', async () => {
    const { service, tokens, secrets, key } = await signedInService();
    offset = 3601_000; // the access token has expired by the app's clock
    const before = tokenRequests();
    const grantsBefore = refreshGrants();
    const results = await Promise.all(Array.from({ length: 20 }, () => service.withToken(getUser)));
    expect(results).toHaveLength(20);
    for (const r of results) expect(r.email).toBe('ada@example.edu');
    expect(tokenRequests() - before).toBe(1);
    expect(refreshGrants() - grantsBefore).toBe(1);
    const rotated = await secrets.get(key);
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(tokens.refreshToken);
    seenTokens.add(rotated!);
  });

  it('refreshes proactively inside the margin before expiry, not before', async () => {
    const { service, tokens } = await signedInService(new MemorySecretStore(), { refreshMarginMs: 60_000 });
    const before = tokenRequests();
    offset = 3600_000 - 120_000; // two minutes left: still used as is
    expect(await service.getAccessToken()).toBe(tokens.accessToken);
    expect(tokenRequests()).toBe(before);
    offset = 3600_000 - 30_000; // 30 s left: refreshed first
    const fresh = await service.getAccessToken();
    expect(fresh).not.toBe(tokens.accessToken);
    expect(tokenRequests()).toBe(before + 1);
    await expect(getUser(fresh)).resolves.toMatchObject({ email: 'ada@example.edu' });
  });

  it('reactive refresh: a 401 "OAuth2 authorization failed" refreshes once and retries the call once', async () => {
    const { service, tokens } = await signedInService();
    await (await oidc.provider.AccessToken.find(tokens.accessToken))!.destroy(); // the server forgot the token
    const before = tokenRequests();
    const calls: string[] = [];
    const user = await service.withToken(async (t) => (calls.push(t), getUser(t)));
    expect(user.email).toBe('ada@example.edu');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toBe(tokens.accessToken);
    expect(calls[1]).not.toBe(tokens.accessToken);
    expect(tokenRequests() - before).toBe(1);
  });

  it('persists the rotated refresh token before the new access token is used', async () => {
    const inner = new MemorySecretStore();
    let apiCallsAtPersist = -1;
    const recording: SecretStore = {
      kind: 'memory',
      get: (k) => inner.get(k),
      delete: (k) => inner.delete(k),
      set: async (k, v) => {
        apiCallsAtPersist = oidc.apiAuthorizations.length;
        await inner.set(k, v);
      },
    };
    const { service } = await signedInService(recording);
    offset = 3601_000;
    let newToken = '';
    await service.withToken(async (t) => ((newToken = t), getUser(t)));
    const firstUse = oidc.apiAuthorizations.indexOf(`Bearer ${newToken}`);
    expect(apiCallsAtPersist).toBeGreaterThanOrEqual(0);
    expect(firstUse).toBeGreaterThanOrEqual(apiCallsAtPersist);
  });

  it('when the rotated refresh token cannot be stored, the new access token is not used and the error is one sentence', async () => {
    const inner = new MemorySecretStore();
    let failWrites = false;
    const flaky: SecretStore = {
      kind: 'memory',
      get: (k) => inner.get(k),
      delete: (k) => inner.delete(k),
      set: async (k, v) => {
        if (failWrites) throw Object.assign(new Error('Autolab Desktop could not use the system keychain; unlock it and try again.'), { code: 'secret-store-failed' });
        await inner.set(k, v);
      },
    };
    const { service, key, tokens } = await signedInService(flaky);
    offset = 3601_000;
    failWrites = true;
    const apiBefore = oidc.apiAuthorizations.length;
    await expect(service.withToken(getUser)).rejects.toMatchObject({ code: 'secret-store-failed' });
    expect(oidc.apiAuthorizations.length).toBe(apiBefore); // nothing was called with the unsaved token
    expect(await inner.get(key)).toBe(tokens.refreshToken); // the old one is still stored
  });

  it('invalid_grant means signed out: an event, secrets deleted, and no further token requests', async () => {
    const { service, tokens, secrets, key } = await signedInService();
    await oauth.revoke(tokens.refreshToken!, 'refresh_token'); // e.g. the user removed the app on the website
    const events: unknown[] = [];
    service.onStateChange((state, reason) => events.push([state, reason]));
    offset = 3601_000;
    await expect(service.withToken(getUser)).rejects.toBeInstanceOf(SignedOutError);
    expect(service.state).toBe('signed-out');
    expect(events).toEqual([['signed-out', 'invalid-grant']]);
    expect(await secrets.get(key)).toBeNull();
    const before = oidc.requests.length;
    const error = await service.getAccessToken().catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(SignedOutError);
    expect((error as Error).message).toBe('You have been signed out of this Autolab server; sign in again.');
    expect(oidc.requests.length).toBe(before); // no retry loop
  });

  it('sign-out revokes the tokens at the server and deletes the secrets', async () => {
    const { service, tokens, secrets, key } = await signedInService();
    expect(await secrets.get(key)).toBe(tokens.refreshToken);
    const before = oidc.requests.filter((r) => r.startsWith('POST /oauth/revoke')).length;
    await expect(service.signOut()).resolves.toEqual({ revoked: true });
    expect(oidc.requests.filter((r) => r.startsWith('POST /oauth/revoke')).length - before).toBe(2);
    expect(await secrets.get(key)).toBeNull();
    expect(service.state).toBe('signed-out');
    await expect(oauth.refresh(tokens.refreshToken!)).rejects.toBeInstanceOf(SignedOutError);
    await expect(getUser(tokens.accessToken)).rejects.toBeInstanceOf(TokenRejectedError);
  });

  it('restores a signed-in account from the SecretStore and refreshes on first use', async () => {
    const { secrets, tokens } = await signedInService();
    const accountId = `acct-${accountCounter}`;
    const restored = await TokenService.restore({ accountId, oauth, secrets, now, log });
    expect(restored.state).toBe('signed-in');
    const token = await restored.getAccessToken();
    expect(token).not.toBe(tokens.accessToken);
    await expect(getUser(token)).resolves.toMatchObject({ email: 'ada@example.edu' });
    const empty = await TokenService.restore({ accountId: 'nobody', oauth, secrets, now, log });
    expect(empty.state).toBe('signed-out');
  });
});
