/**
 * Get a real access token from the sandbox by walking its browser flow over HTTP.
 *
 * GET /oauth/authorize → sign-in form at /auth/users/sign_in → consent form
 * → redirect with `code` → POST /oauth/token (autolab-api.md §2.7, §2.8).
 * Tests use it to drive the client end to end against the sandbox.
 */

/** What the sandbox describes for an application and a user. */
export interface SandboxLogin {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string[];
  email: string;
  password: string;
}

/** The token response of /oauth/token. */
export interface SandboxTokens {
  access_token: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
}

function hiddenInputs(formHtml: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of formHtml.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1];
    const value = /value="([^"]*)"/.exec(m[0])?.[1] ?? '';
    if (name) out[decodeEntities(name)] = decodeEntities(value);
  }
  return out;
}
const decodeEntities = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * Sign in, consent, and exchange the code for tokens.
 *
 * @throws Error when any step of the flow does not answer as expected.
 */
export async function sandboxToken(login: SandboxLogin): Promise<SandboxTokens> {
  const cookies = new Map<string, string>();
  const base = new URL(login.baseUrl);
  async function go(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const res = await fetch(new URL(url, base), {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      cookies.set(pair!.slice(0, i).trim(), pair!.slice(i + 1).trim());
    }
    return res;
  }
  const state = Math.random().toString(36).slice(2);
  const authorize = `/oauth/authorize?${new URLSearchParams({ client_id: login.clientId, redirect_uri: login.redirectUri, response_type: 'code', scope: login.scopes.join(' '), state })}`;

  let res = await go(authorize);
  let code: string | null = null;
  for (let step = 0; step < 8 && !code; step++) {
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, base);
      if (next.toString().startsWith(login.redirectUri)) {
        code = next.searchParams.get('code');
        if (!code) throw new Error(`authorization failed: ${next.search}`);
        break;
      }
      res = await go(next.toString());
      continue;
    }
    const html = await res.text();
    if (/name="user\[password\]"/.test(html)) {
      const form = /<form[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
      res = await go('/auth/users/sign_in', { method: 'POST', form: { ...hiddenInputs(form), 'user[email]': login.email, 'user[password]': login.password } });
      continue;
    }
    const approve = [...html.matchAll(/<form[^>]*action="\/oauth\/authorize"[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => !/name="_method" value="delete"/.test(f));
    if (!approve) throw new Error(`unexpected page in the sign-in flow (HTTP ${res.status})`);
    res = await go('/oauth/authorize', { method: 'POST', form: hiddenInputs(approve) });
  }
  if (!code) throw new Error('the sign-in flow did not end with a code');

  const tokenRes = await go('/oauth/token', {
    method: 'POST',
    form: { grant_type: 'authorization_code', code, redirect_uri: login.redirectUri, client_id: login.clientId, client_secret: login.clientSecret },
  });
  if (tokenRes.status !== 200) throw new Error(`token exchange failed (HTTP ${tokenRes.status}): ${await tokenRes.text()}`);
  return (await tokenRes.json()) as SandboxTokens;
}

/** What {@link demoStudentTokens} needs of a sandbox (in-process or a child process). */
export interface SandboxDescription {
  baseUrl: string;
  applications: Array<{ client_id: string; client_secret: string; redirect_uris: string[]; scopes: string[] }>;
  users: Array<{ email: string; password: string; role: string }>;
}

/**
 * Sign the sandbox's demo student in with its first app (loopback redirect) and return the tokens.
 *
 * @throws Error when any step of the flow does not answer as expected.
 */
export function demoStudentTokens(sb: SandboxDescription): Promise<SandboxTokens> {
  return demoUserTokens(sb, 'student');
}

/**
 * Sign the sandbox's demo user with `role` (e.g. `instructor`) in with its first app and return the tokens.
 *
 * @throws Error when any step of the flow does not answer as expected.
 */
export function demoUserTokens(sb: SandboxDescription, role: string): Promise<SandboxTokens> {
  const app = sb.applications[0]!;
  const student = sb.users.find((u) => u.role === role) ?? sb.users[0]!;
  return sandboxToken({
    baseUrl: sb.baseUrl,
    clientId: app.client_id,
    clientSecret: app.client_secret,
    redirectUri: app.redirect_uris.find((u) => u.startsWith('http://127.0.0.1')) ?? app.redirect_uris[0]!,
    scopes: app.scopes,
    email: student.email,
    password: student.password,
  });
}
