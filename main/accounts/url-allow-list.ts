/**
 * Which URLs the app may open in the system browser.
 *
 * design.md "Electron hardening": `openExternal` only for `https:` URLs on an
 * allow-list — the origins of configured Autolab servers, `http://127.0.0.1`
 * for the built-in demo, and URLs the server itself handed us (a handout or
 * writeup link, the device-flow verification page). A compromised renderer
 * therefore cannot use the app to open arbitrary URLs or other schemes.
 */
export class UrlAllowList {
  private readonly origins = new Set<string>();
  private readonly exact = new Set<string>();

  /** Allow every URL under this origin (an Autolab server's base URL). */
  allowOrigin(url: string): void {
    const u = safeUrl(url);
    if (u && isOpenableScheme(u)) this.origins.add(u.origin);
  }

  /** Allow exactly this URL (e.g. a writeup link the server returned). */
  allowExact(url: string): void {
    const u = safeUrl(url);
    if (u && isOpenableScheme(u)) this.exact.add(u.href);
  }

  /** True when `url` may be opened. */
  allows(url: string): boolean {
    const u = safeUrl(url);
    if (!u || !isOpenableScheme(u) || u.username || u.password) return false;
    return this.exact.has(u.href) || this.origins.has(u.origin);
  }
}

function safeUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** https anywhere; plain http only to the loopback demo server. */
function isOpenableScheme(u: URL): boolean {
  return u.protocol === 'https:' || (u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === '[::1]'));
}
