/**
 * The loopback flow end to end against oidc-provider, a certified OAuth 2.0
 * server from npm, with PKCE enforced by the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoopbackFlow, type LoopbackFlowStatus } from '../../../main/auth/loopback-flow';
import { OAuthClient, SignedOutError } from '../../../main/auth/oauth-client';
import { browse, startOidcServer, TEST_SCOPE, type OidcTestServer } from './helpers/oidc-server';

let oidc: OidcTestServer;
let oauth: OAuthClient;
beforeAll(async () => {
  oidc = await startOidcServer();
  oauth = new OAuthClient({ baseUrl: oidc.baseUrl, clientId: oidc.clientId, clientSecret: oidc.clientSecret });
});
afterAll(() => oidc.close());

describe('loopback flow against oidc-provider (PKCE required)', () => {
  it('signs in through the browser, with the server listening before the browser opens, and gets rotating tokens', async () => {
    const flow = new LoopbackFlow(oauth);
    const statuses: LoopbackFlowStatus[] = [];
    let shownUrl = '';
    let page: Promise<{ status: number; body: string }> | undefined;
    const tokens = await flow.signIn({
      scope: TEST_SCOPE,
      onAuthorizeUrl: (url) => (shownUrl = url),
      onStatus: (s) => statuses.push(s),
      openExternal: async (url) => {
        // The loopback server must already be listening: the redirect URI's port answers.
        const redirect = new URL(new URL(url).searchParams.get('redirect_uri')!);
        const probe = await fetch(new URL('/nothing', redirect));
        expect(probe.status).toBe(404);
        page = browse(url);
        return true;
      },
    });
    const q = new URL(shownUrl).searchParams;
    expect(Object.fromEntries(q)).toMatchObject({ response_type: 'code', client_id: oidc.clientId, scope: TEST_SCOPE, code_challenge_method: 'S256' });
    expect(q.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statuses).toEqual(['listening', 'browser-opened', 'exchanging']);
    const final = await page!;
    expect(final.status).toBe(200);
    expect(final.body).toContain('You can close this tab and return to Autolab Desktop');
    expect(tokens.accessToken).toBeTruthy();
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.expiresAt).toBeGreaterThan(Date.now());
    expect(tokens.scope).toBe(TEST_SCOPE);

    // Refresh-token rotation: a new refresh token, and the old one is dead.
    const refreshed = await oauth.refresh(tokens.refreshToken!);
    expect(refreshed.refreshToken).toBeTruthy();
    expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
    await expect(oauth.refresh(tokens.refreshToken!)).rejects.toBeInstanceOf(SignedOutError);
  });

  it('reports a denial in the browser as one sentence', async () => {
    const flow = new LoopbackFlow(oauth);
    let page: Promise<{ body: string }> | undefined;
    const error = await flow
      .signIn({ scope: TEST_SCOPE, openExternal: async (url) => ((page = browse(url, { deny: true })), true) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sign-in-denied' });
    expect((await page!).body).toContain('Access was denied');
  });

  it('a new attempt cancels the previous one', async () => {
    const flow = new LoopbackFlow(oauth);
    let firstRedirect = '';
    const first = flow.signIn({
      scope: TEST_SCOPE,
      openExternal: async (url) => ((firstRedirect = new URL(url).searchParams.get('redirect_uri')!), true),
    });
    const firstError = first.catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 20));
    let page: Promise<unknown> | undefined;
    const second = await flow.signIn({ scope: TEST_SCOPE, openExternal: async (url) => ((page = browse(url)), true) });
    await page;
    expect(second.accessToken).toBeTruthy();
    expect(await firstError).toMatchObject({ code: 'sign-in-cancelled' });
    await expect(fetch(firstRedirect)).rejects.toThrow(); // the old port is closed
  });

  it('Cancel ends the attempt and frees the port; a browser that cannot open still gets the URL shown', async () => {
    const flow = new LoopbackFlow(oauth);
    const controller = new AbortController();
    let shown = '';
    const statuses: string[] = [];
    const attempt = flow.signIn({
      scope: TEST_SCOPE,
      signal: controller.signal,
      onAuthorizeUrl: (u) => (shown = u),
      onStatus: (s) => statuses.push(s),
      openExternal: async () => false,
    });
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    await expect(attempt).rejects.toMatchObject({ code: 'sign-in-cancelled' });
    expect(shown).toContain('/oauth/authorize?');
    expect(statuses).toEqual(['listening', 'browser-not-opened']);
  });

  it('the server rejects a code exchanged with the wrong PKCE verifier (invalid_grant)', async () => {
    // Drive the authorization step by hand so we own the code, then exchange it with a wrong verifier.
    const { LoopbackAuthServer } = await import('../../../main/auth/loopback-server');
    const { buildAuthorizeUrl } = await import('../../../main/auth/loopback-flow');
    const { createPkcePair, createState } = await import('../../../main/auth/pkce');
    const pkce = createPkcePair();
    const state = createState();
    const server = await LoopbackAuthServer.start({ state, timeoutMs: 10_000 });
    const url = buildAuthorizeUrl(oauth.authorizeEndpoint, { clientId: oidc.clientId, redirectUri: server.redirectUri, scope: TEST_SCOPE, state, codeChallenge: pkce.challenge });
    void browse(url);
    const callback = await server.result;
    expect(callback.kind).toBe('code');
    const code = (callback as { code: string }).code;
    const wrong = createPkcePair().verifier;
    await expect(oauth.exchangeCode({ code, redirectUri: server.redirectUri, codeVerifier: wrong })).rejects.toBeInstanceOf(SignedOutError);
    // And without any verifier at all.
    await expect(oauth.exchangeCode({ code, redirectUri: server.redirectUri })).rejects.toBeInstanceOf(SignedOutError);
  });

  it('an authorization request without PKCE is refused by the server (so PKCE is really enforced in these tests)', async () => {
    const url = new URL(oauth.authorizeEndpoint);
    url.search = new URLSearchParams({ response_type: 'code', client_id: oidc.clientId, redirect_uri: 'http://127.0.0.1:1/callback', scope: TEST_SCOPE, state: 'x' }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    const location = res.headers.get('location') ?? '';
    expect(location).toContain('error=invalid_request');
    expect(new URL(location).searchParams.get('error_description')).toMatch(/requires PKCE/);
  });

  it('a wrong client secret is one clear sentence (invalid-client), and no token or secret appears in it', async () => {
    const bad = new OAuthClient({ baseUrl: oidc.baseUrl, clientId: oidc.clientId, clientSecret: 'wrong' });
    const error = (await bad.refresh('some-refresh-token-value').catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'invalid-client' });
    expect(error.message).not.toContain('some-refresh-token-value');
    expect(error.message).not.toContain('wrong');
  });
});
