/**
 * The OAuth core driven by provider profiles: client authentication modes,
 * extra token parameters, accepted token types, JWT `exp` as an expiry backup,
 * the header scheme, client_credentials re-issue in TokenService, per-profile
 * rejection detectors and the fixed loopback port. A recording server stands
 * in for the token endpoint's wire format (the Open edX sandbox tests cover the
 * real grants).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuthClient } from '../../../main/auth/oauth-client';
import { autolabProfile, lametricProfile, openedxProfile } from '../../../main/auth/provider-profile';
import { TokenRejectedError, TokenService } from '../../../main/auth/token-service';
import { LoopbackFlow } from '../../../main/auth/loopback-flow';
import { jwtExpiryMs } from '../../../main/auth/jwt-expiry';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import { refreshTokenKey } from '../../../main/secrets/secret-store';

const jwt = (claims: object) =>
  ['{"alg":"HS256","typ":"JWT"}', JSON.stringify(claims)].map((p) => Buffer.from(p).toString('base64url')).join('.') + '.sig';

describe('OAuth core from provider profiles', () => {
  let server: http.Server;
  let base = '';
  let next: () => { status: number; body: string } = () => ({ status: 200, body: '{}' });
  const seen: { auth?: string; type?: string; body: string; url?: string }[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ auth: req.headers.authorization, type: req.headers['content-type'], body, url: req.url });
        const n = next();
        res.writeHead(n.status, { 'content-type': 'application/json' });
        res.end(n.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('Open edX: Basic client auth, token_type=jwt in the form, "JWT" accepted case-insensitively, JWT header scheme', async () => {
    next = () => ({ status: 200, body: JSON.stringify({ access_token: jwt({ exp: 5000 }), token_type: 'JWT', expires_in: 3600, scope: 'read grades:read' }) });
    const client = new OAuthClient({ baseUrl: base, clientId: 'id', clientSecret: 'sec ret', profile: openedxProfile(8123), now: () => 1_000 });
    const t = await client.clientCredentials(['read', 'grades:read']);
    expect(t.expiresAt).toBe(1_000 + 3_600_000);
    const req = seen.at(-1)!;
    expect(req.url).toBe('/oauth2/access_token');
    expect(req.auth).toBe(`Basic ${Buffer.from('id:sec+ret').toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({ grant_type: 'client_credentials', scope: 'read grades:read', token_type: 'jwt' });
    expect(client.authorizationHeader('abc')).toBe('JWT abc');
  });

  it('uses the JWT exp claim when expires_in is missing, and rejects a token type the profile does not accept', async () => {
    next = () => ({ status: 200, body: JSON.stringify({ access_token: jwt({ exp: 7200 }), token_type: 'jwt' }) });
    const client = new OAuthClient({ baseUrl: base, clientId: 'id', clientSecret: 's', profile: openedxProfile(8123) });
    expect((await client.clientCredentials()).expiresAt).toBe(7_200_000);
    next = () => ({ status: 200, body: JSON.stringify({ access_token: 'opaque', token_type: 'Bearer', expires_in: 10 }) });
    await expect(client.clientCredentials()).rejects.toMatchObject({ code: 'bad-response' });
    expect(jwtExpiryMs('not.a-jwt')).toBeUndefined();
    expect(jwtExpiryMs('opaque')).toBeUndefined();
  });

  it('client_secret_post and multipart put the credentials in the body, never in a header', async () => {
    next = () => ({ status: 200, body: JSON.stringify({ access_token: 'A', token_type: 'Bearer', expires_in: 3600, refresh_token: 'R' }) });
    const post = new OAuthClient({ baseUrl: base, clientId: 'id', clientSecret: 's', profile: { ...autolabProfile, clientAuthentication: 'client_secret_post' } });
    await post.refresh('R0');
    expect(seen.at(-1)!.auth).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(seen.at(-1)!.body))).toEqual({ grant_type: 'refresh_token', refresh_token: 'R0', client_id: 'id', client_secret: 's' });

    const multi = new OAuthClient({ baseUrl: base, clientId: 'id', clientSecret: 's', profile: lametricProfile(8124) });
    await multi.exchangeCode({ code: 'C', redirectUri: 'http://127.0.0.1:8124/callback' });
    const req = seen.at(-1)!;
    expect(req.url).toBe('/api/v2/oauth2/token');
    expect(req.auth).toBeUndefined();
    expect(req.type).toMatch(/^multipart\/form-data; boundary=/);
    const fields = Object.fromEntries(await new Response(req.body, { headers: { 'content-type': req.type! } }).formData().then((f) => [...f.entries()]));
    expect(fields).toEqual({ grant_type: 'authorization_code', code: 'C', redirect_uri: 'http://127.0.0.1:8124/callback', client_id: 'id', client_secret: 's' });
  });

  it('TokenService re-issues with client_credentials before expiry and after a DRF 401, storing nothing', async () => {
    let issued = 0;
    next = () => ({ status: 200, body: JSON.stringify({ access_token: jwt({ n: ++issued }), token_type: 'JWT', expires_in: 3600 }) });
    let clock = 0;
    const secrets = new MemorySecretStore();
    const oauth = new OAuthClient({ baseUrl: base, clientId: 'id', clientSecret: 's', profile: openedxProfile(8123), now: () => clock });
    const tokens = await TokenService.restore({ accountId: 'edx-1', oauth, secrets, profile: oauth.profile, now: () => clock });
    expect(tokens.state).toBe('signed-in');
    const a = await tokens.getAccessToken();
    expect(await tokens.getAccessToken()).toBe(a);
    clock += 3_590_000; // inside the 60 s margin
    const b = await tokens.getAccessToken();
    expect(b).not.toBe(a);
    expect(tokens.isRejection(401, { detail: 'Signature has expired.' })).toBe(true);
    const seenTokens: string[] = [];
    const out = await tokens.withToken(async (t) => {
      seenTokens.push(t);
      if (seenTokens.length === 1) throw new TokenRejectedError();
      return 'ok';
    });
    expect(out).toBe('ok');
    expect(seenTokens[1]).not.toBe(seenTokens[0]);
    expect(issued).toBe(3);
    expect(await secrets.get(refreshTokenKey('edx-1'))).toBeNull();
  });

  it('an invalid_client re-issue signs the account out with the client sentence', async () => {
    next = () => ({ status: 401, body: '{"error":"invalid_client","error_description":"Client authentication failed."}' });
    const oauth = new OAuthClient({ baseUrl: base, clientId: 'id', clientSecret: 'bad', profile: openedxProfile(8123) });
    const tokens = await TokenService.restore({ accountId: 'edx-2', oauth, secrets: new MemorySecretStore(), profile: oauth.profile });
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'invalid-client' });
    expect(tokens.state).toBe('signed-out');
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'signed-out' });
  });

  it('rejection detectors differ per provider', () => {
    expect(autolabProfile.isTokenRejection(401, '{"detail":"x"}')).toBe(false);
    expect(autolabProfile.isTokenRejection(401, '{"error":"OAuth2 authorization failed"}')).toBe(true);
    expect(openedxProfile(1).isTokenRejection(401, { detail: 'anything' })).toBe(true);
    expect(openedxProfile(1).isTokenRejection(403, { detail: 'anything' })).toBe(false);
    expect(lametricProfile(1).isTokenRejection(401, { errors: [{ message: 'Unauthorized' }] })).toBe(true);
    expect(lametricProfile(1).isTokenRejection(401, { detail: 'x' })).toBe(false);
  });

  it('a fixed-port profile listens on exactly that loopback port and sends no PKCE when the profile says so', async () => {
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const oauth = new OAuthClient({ baseUrl: base, clientId: 'id', clientSecret: 's', profile: lametricProfile(port) });
    const flow = new LoopbackFlow(oauth);
    const ac = new AbortController();
    let authorizeUrl = '';
    const done = flow.signIn({ scope: ['basic', 'devices_read'], signal: ac.signal, openExternal: async (u) => ((authorizeUrl = u), false) });
    await expect.poll(() => authorizeUrl).not.toBe('');
    const u = new URL(authorizeUrl);
    expect(u.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${port}/callback`);
    expect(u.searchParams.get('scope')).toBe('basic devices_read');
    expect(u.searchParams.has('code_challenge')).toBe(false);
    ac.abort();
    await expect(done).rejects.toMatchObject({ code: 'sign-in-cancelled' });
  });
});
