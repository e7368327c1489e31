/**
 * A minimal HTTP "browser" for the sandbox's real HTML pages (Devise login,
 * Doorkeeper consent, /activate): follows redirects with a per-origin cookie
 * jar and submits the forms a user would. Stops at the first page it does not
 * know how to act on (e.g. the loopback result page or an error page).
 */
export interface BrowserOptions {
  email: string;
  password: string;
  /** Click Deny instead of Authorize on the consent page. */
  deny?: boolean;
  /** Enter this code on /activate. */
  userCode?: string;
}

export interface PageResult {
  status: number;
  url: string;
  body: string;
}

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

interface Form {
  method: string;
  action: string;
  html: string;
}

function forms(body: string): Form[] {
  return [...body.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)].map((m) => ({
    method: /method="([^"]+)"/.exec(m[1]!)?.[1]?.toUpperCase() ?? 'GET',
    action: decode(/action="([^"]+)"/.exec(m[1]!)?.[1] ?? ''),
    html: m[2]!,
  }));
}

function hiddenFields(html: string): URLSearchParams {
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.append(decode(m[1]!), decode(m[2]!));
  return fields;
}

export async function browseSandbox(startUrl: string, options: BrowserOptions): Promise<PageResult> {
  const jar = new Map<string, Map<string, string>>();
  const cookieHeader = (url: URL) => [...(jar.get(url.origin) ?? new Map<string, string>()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = new URL(startUrl);
  let init: { method?: string; body?: string; headers?: Record<string, string> } = {};
  for (let step = 0; step < 25; step++) {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie: cookieHeader(url) } });
    const cookies = jar.get(url.origin) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const i = pair.indexOf('=');
      cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
    }
    jar.set(url.origin, cookies);
    const body = await res.text();
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url);
      init = {};
      continue;
    }
    const page = forms(body);
    const login = page.find((f) => f.action.endsWith('/auth/users/sign_in'));
    const consent = page.filter((f) => f.action.endsWith('/oauth/authorize') && f.method === 'POST');
    const activate = page.find((f) => f.action.endsWith('/device_flow_resolve'));
    const post = (form: Form, fields: URLSearchParams) => {
      url = new URL(form.action, url);
      init = { method: 'POST', body: fields.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    };
    if (login) {
      const fields = hiddenFields(login.html);
      fields.set('user[email]', options.email);
      fields.set('user[password]', options.password);
      post(login, fields);
      continue;
    }
    if (consent.length > 0) {
      const form = consent.find((f) => (options.deny ? f.html.includes('value="delete"') : !f.html.includes('value="delete"')))!;
      post(form, hiddenFields(form.html));
      continue;
    }
    if (activate && options.userCode) {
      url = new URL(`${activate.action}?${new URLSearchParams({ user_code: options.userCode })}`, url);
      init = {};
      options = { ...options, userCode: undefined };
      continue;
    }
    return { status: res.status, url: url.toString(), body };
  }
  throw new Error('too many browser steps');
}
