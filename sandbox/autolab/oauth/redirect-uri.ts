/**
 * Doorkeeper's redirect-URI checks (URIChecker).
 *
 * Why: a client's loopback flow works or fails exactly as against Autolab: exact match,
 * the RFC 8252 §7.3 any-port rule only for IP-literal loopback hosts (not `localhost`), query
 * rules, OOB (autolab-api.md §2.6).
 */

/** The out-of-band redirect URIs. */
export const OOB_URIS = ['urn:ietf:wg:oauth:2.0:oob', 'urn:ietf:wg:oauth:2.0:oob:auto'];

function parse(uri: string): URL | null {
  try {
    return new URL(uri);
  } catch {
    return null;
  }
}

function isLoopbackIp(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::1';
}

function queryMatches(requested: URLSearchParams, registered: URLSearchParams): boolean {
  const req = new Set([...requested].map(([k, v]) => `${k}=${v}`));
  const reg = new Set([...registered].map(([k, v]) => `${k}=${v}`));
  if (req.size !== reg.size) return false;
  for (const p of reg) if (!req.has(p)) return false;
  return true;
}

/**
 * Whether a requested redirect URI matches one registered URI.
 *
 * Why: Doorkeeper `URIChecker.matches?` (§2.6).
 */
export function redirectUriMatches(requested: string, registered: string): boolean {
  if (OOB_URIS.includes(registered) || OOB_URIS.includes(requested)) return requested === registered;
  const a = parse(requested);
  const b = parse(registered);
  if (!a || !b) return false;
  if (b.search !== '') {
    if (!queryMatches(a.searchParams, b.searchParams)) return false;
  }
  const strip = (u: URL, dropPort: boolean): string =>
    `${u.protocol}//${u.username}:${u.password}@${u.hostname}:${dropPort ? '' : u.port}${u.pathname}`;
  const loopback = isLoopbackIp(a.hostname) && isLoopbackIp(b.hostname);
  return strip(a, loopback) === strip(b, loopback);
}

/**
 * Whether a requested redirect URI is acceptable for an authorization.
 *
 * Why: `URIChecker.valid_for_authorization?` — well formed, no fragment, and matching one of
 * the application's URIs (§2.6).
 */
export function validForAuthorization(requested: string, registered: string[]): boolean {
  if (!OOB_URIS.includes(requested)) {
    const u = parse(requested);
    if (!u || u.hash !== '' || requested.includes('#')) return false;
  }
  return registered.some((r) => redirectUriMatches(requested, r));
}
