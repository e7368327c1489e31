/**
 * An in-process oidc-provider (a certified, independent OAuth 2.0 server) on
 * 127.0.0.1:0, configured like the Autolab deployment the app expects:
 * confidential client with HTTP Basic auth, authorization_code + refresh_token,
 * PKCE required (S256), refresh-token rotation, RFC 7009 revocation, and
 * Autolab's endpoint paths. Plus a tiny protected resource that answers like
 * Autolab's API (401 `{"error":"OAuth2 authorization failed"}`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface OidcTestServer {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  provider: Provider;
  /** `METHOD /path?query` of every request to the provider. */
  requests: string[];
  /** grant_type of every successful token request. */
  grants: string[];
  /** Authorization header of every API request (to prove the Bearer scheme). */
  apiAuthorizations: string[];
  close(): Promise<void>;
}

export const TEST_SCOPE = 'user_info user_courses';

export async function startOidcServer(options: { accessTokenTtl?: number } = {}): Promise<OidcTestServer> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'autolab-desktop-test';
  const clientSecret = 'test-secret-that-is-long-enough-for-oidc-provider-hs256';
  const provider = new Provider(baseUrl, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        application_type: 'native',
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    scopes: ['openid', 'offline_access', 'user_info', 'user_courses'],
    pkce: { required: () => true },
    rotateRefreshToken: true,
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    features: {
      devInteractions: { enabled: true },
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
    },
    ttl: { AccessToken: options.accessTokenTtl ?? 3600 },
    routes: { authorization: '/oauth/authorize', token: '/oauth/token', revocation: '/oauth/revoke' },
    cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
  });
  const requests: string[] = [];
  const grants: string[] = [];
  const apiAuthorizations: string[] = [];
  provider.use(async (ctx, next) => {
    requests.push(`${ctx.method} ${ctx.url}`);
    await next();
  });
  provider.on('grant.success', (ctx) => grants.push(String(ctx.oidc.params?.grant_type)));
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (req.url === '/api/v1/user') void api(req, res);
    else callback(req, res);
  });

  async function api(req: http.IncomingMessage, res: http.ServerResponse) {
    const auth = req.headers.authorization ?? '';
    apiAuthorizations.push(auth);
    const token = /^Bearer (.+)$/.exec(auth)?.[1];
    const found = token ? await provider.AccessToken.find(token) : undefined;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    if (!found || found.isExpired) {
      res.statusCode = 401;
      res.end('{"error":"OAuth2 authorization failed"}');
      return;
    }
    res.end(JSON.stringify({ email: `${found.accountId}@example.edu`, first_name: 'Ada', last_name: 'Lovelace', school: null, major: null, year: null }));
  }

  return {
    baseUrl,
    clientId,
    clientSecret,
    provider,
    requests,
    grants,
    apiAuthorizations,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A minimal "browser": follows redirects with a per-origin cookie jar, fills
 * oidc-provider's dev login and consent forms, and finally requests the
 * loopback redirect like a browser would. Returns the last response.
 */
export async function browse(startUrl: string, options: { login?: string; deny?: boolean } = {}): Promise<{ status: number; url: string; body: string }> {
  const jar = new Map<string, Map<string, string>>();
  const cookieHeader = (url: URL) => [...(jar.get(url.origin) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (url: URL, res: Response) => {
    const cookies = jar.get(url.origin) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair!.indexOf('=');
      cookies.set(pair!.slice(0, i).trim(), pair!.slice(i + 1).trim());
    }
    jar.set(url.origin, cookies);
  };
  let url = new URL(startUrl);
  let init: RequestInit = {};
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader(url) } });
    remember(url, res);
    const body = await res.text();
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url);
      init = {};
      continue;
    }
    const form = /<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(body);
    if (res.status === 200 && form) {
      const fields = new URLSearchParams();
      for (const m of body.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields.set(m[1]!, m[2]!);
      if (fields.get('prompt') === 'login') {
        fields.set('login', options.login ?? 'ada');
        fields.set('password', 'any');
      } else if (options.deny) {
        const abort = /href="([^"]*\/abort)"/.exec(body);
        url = new URL(abort![1]!, url);
        init = {};
        continue;
      }
      url = new URL(form[1]!.replace(/&amp;/g, '&'), url);
      init = { method: 'POST', body: fields.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
      continue;
    }
    return { status: res.status, url: url.toString(), body };
  }
  throw new Error('too many browser steps');
}
