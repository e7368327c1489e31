/**
 * OAuthClient: the §2.8 error table, no blind retries of token requests, and
 * no token in any error. Faults come from the real sandbox's fault injector;
 * the error-table bodies are the literal Doorkeeper bodies of autolab-api.md §2.8,
 * served by a tiny canned server (this tests the client's parsing only).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { LoopbackFlow } from '../../../main/auth/loopback-flow';
import { OAuthClient, OAuthError, SignedOutError } from '../../../main/auth/oauth-client';
import { TokenService } from '../../../main/auth/token-service';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import { refreshTokenKey } from '../../../main/secrets/secret-store';
import { browseSandbox } from './helpers/sandbox-browser';

describe('OAuthClient error table (autolab-api.md §2.8)', () => {
  let server: http.Server;
  let base = '';
  let next: { status: number; body: string } = { status: 200, body: '{}' };
  const seen: { auth?: string; body: string; url?: string }[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ auth: req.headers.authorization, body, url: req.url });
        res.writeHead(next.status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(next.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const client = () => new OAuthClient({ baseUrl: base, clientId: 'cid', clientSecret: 's3cret', now: () => 1_000_000 });
  const DESCRIPTION = 'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';

  it('sends HTTP Basic client auth, the grant in a form body, nothing in the URL, and parses the success body', async () => {
    next = { status: 200, body: '{"access_token":"AT","token_type":"Bearer","expires_in":7200,"refresh_token":"RT","scope":"user_info","created_at":1729000000}' };
    const t = await client().exchangeCode({ code: 'C0DE', redirectUri: 'http://127.0.0.1:5/callback', codeVerifier: 'v'.repeat(43) });
    expect(t).toEqual({ accessToken: 'AT', refreshToken: 'RT', expiresAt: 1_000_000 + 7_200_000, scope: 'user_info' });
    const req = seen.at(-1)!;
    expect(req.auth).toBe(`Basic ${Buffer.from('cid:s3cret').toString('base64')}`);
    expect(req.url).toBe('/oauth/token');
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({ grant_type: 'authorization_code', code: 'C0DE', redirect_uri: 'http://127.0.0.1:5/callback', code_verifier: 'v'.repeat(43) });
  });

  it('maps invalid_grant to SignedOutError', async () => {
    next = { status: 400, body: JSON.stringify({ error: 'invalid_grant', error_description: DESCRIPTION }) };
    const e = await client().refresh('RT-value').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SignedOutError);
    expect(e).toMatchObject({ code: 'signed-out', oauthError: 'invalid_grant', status: 400 });
  });

  it.each([
    [401, 'invalid_client', 'invalid-client'],
    [400, 'invalid_scope', 'invalid-scope'],
    [400, 'unsupported_grant_type', 'unsupported-grant'],
    [400, 'invalid_request', 'token-request-failed'],
  ])('maps %i %s to %s with a fixed sentence that echoes nothing', async (status, error, code) => {
    next = { status, body: JSON.stringify({ error, error_description: 'server text <b>RT-value</b>' }) };
    const e = (await client().refresh('RT-value').catch((x: unknown) => x)) as OAuthError;
    expect(e).toBeInstanceOf(OAuthError);
    expect(e.code).toBe(code);
    expect(e.message).not.toContain('RT-value');
    expect(e.message).not.toContain('server text');
    expect(e.message.split('. ').length).toBe(1); // one sentence
  });

  it('treats an HTML or malformed answer as bad-response, and a success body without a token as bad-response', async () => {
    next = { status: 500, body: '<html>500</html>' };
    await expect(client().refresh('x')).rejects.toMatchObject({ code: 'bad-response' });
    next = { status: 200, body: '{"token_type":"Bearer"}' };
    await expect(client().refresh('x')).rejects.toMatchObject({ code: 'bad-response' });
    next = { status: 200, body: '{"access_token":"a","token_type":"mac"}' };
    await expect(client().refresh('x')).rejects.toMatchObject({ code: 'bad-response' });
  });

  it('revoke posts token + hint with client auth to /oauth/revoke; 403 unauthorized_client is invalid-client', async () => {
    next = { status: 200, body: '{}' };
    await client().revoke('RT-value', 'refresh_token');
    expect(seen.at(-1)!.url).toBe('/oauth/revoke');
    expect(Object.fromEntries(new URLSearchParams(seen.at(-1)!.body))).toEqual({ token: 'RT-value', token_type_hint: 'refresh_token' });
    next = { status: 403, body: '{"error":"unauthorized_client","error_description":"You are not authorized to revoke this token"}' };
    await expect(client().revoke('RT-value', 'refresh_token')).rejects.toMatchObject({ code: 'invalid-client' });
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => new OAuthClient({ baseUrl: 'file:///etc', clientId: 'x' })).toThrow(/https/);
    expect(() => new OAuthClient({ baseUrl: 'not a url', clientId: 'x' })).toThrow(/not a valid URL/);
  });
});

describe('token requests are never retried blindly (sandbox fault injection)', () => {
  let sandbox: Sandbox;
  let oauth: OAuthClient;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    const app = sandbox.applications.find((a) => a.name === 'Autolab Desktop')!;
    oauth = new OAuthClient({ baseUrl: sandbox.baseUrl, clientId: app.client_id, clientSecret: app.client_secret });
  });
  afterAll(() => sandbox.close());

  it('a refresh whose connection is reset is sent once, reported as offline without tokens, and the account stays signed in', async () => {
    const student = sandbox.users.find((u) => u.role === 'student')!;
    const tokens = await new LoopbackFlow(oauth).signIn({ scope: 'user_info', openExternal: async (url) => (void browseSandbox(url, student), true) });
    const secrets = new MemorySecretStore();
    let now = Date.now();
    const service = await TokenService.fromSignIn({ accountId: 'a', oauth, secrets, now: () => now }, tokens);
    now += 7200_000;
    sandbox.controls.resetRequestLog();
    sandbox.controls.injectFault({ route: 'token', kind: 'reset', count: 1 });
    const error = (await service.getAccessToken().catch((e: unknown) => e)) as Error;
    // count: 1 means a retry would have succeeded: getting 'offline' proves got did not retry the POST.
    expect(error).toMatchObject({ code: 'offline' });
    expect(`${error.message} ${String(error.cause)}`).not.toContain(tokens.refreshToken!);
    expect(service.state).toBe('signed-in');
    expect(await secrets.get(refreshTokenKey('a'))).toBe(tokens.refreshToken);
    // Next call: the stored refresh token still works (deferred revocation, §2.5).
    const fresh = await service.getAccessToken();
    expect(fresh).not.toBe(tokens.accessToken);
    const tokenPosts = sandbox.controls.requestLog().filter((e) => e.path === '/oauth/token');
    expect(tokenPosts.length).toBeLessThanOrEqual(2); // one reset (may not be logged) + one success; never a retry burst
    expect(tokenPosts.filter((e) => e.status === 200)).toHaveLength(1);
  });
});
