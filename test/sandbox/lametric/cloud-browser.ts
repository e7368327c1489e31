/**
 * A tiny scripted "browser" for the LaMetric cloud sandbox's login and consent pages: follows
 * the authorize URL, logs in, presses Allow or Deny, and returns where the cloud redirected.
 * Used by vitest tests that need a user in the loop; Playwright tests use the real pages.
 */

const decode = (s: string) => s.replace(/&#(\d+);/g, (_x, n: string) => String.fromCharCode(Number(n)));

/** Walk authorize → login → consent; returns the final redirect `Location`. */
export async function approveInBrowser(
  authorizeUrl: string,
  user: { email: string; password: string },
  decision: 'allow' | 'deny' = 'allow',
): Promise<string> {
  const origin = new URL(authorizeUrl).origin;
  let cookie = '';
  const keep = (r: Response) => {
    const set = r.headers.get('set-cookie');
    if (set) cookie = set.split(';', 1)[0]!;
  };
  const first = await fetch(authorizeUrl, { redirect: 'manual' });
  keep(first);
  if (first.status === 302) return first.headers.get('location') ?? '';
  const login = await first.text();
  const returnTo = /name="return_to" value="([^"]*)"/.exec(login)?.[1] ?? '';
  const loggedIn = await fetch(`${origin}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: user.email, password: user.password, return_to: decode(returnTo) }),
  });
  if (loggedIn.status !== 302) throw new Error(`login failed: ${loggedIn.status}`);
  const consent = await fetch(origin + (loggedIn.headers.get('location') ?? ''), { headers: { cookie } });
  const html = await consent.text();
  const form = html.split('<form').find((f) => f.includes(`value="${decision}"`)) ?? '';
  const fields = new URLSearchParams();
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.set(decode(m[1]!), decode(m[2]!));
  }
  const decided = await fetch(`${origin}/api/v2/oauth2/authorize/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: fields,
  });
  return decided.headers.get('location') ?? '';
}
