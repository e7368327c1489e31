/**
 * Browser sessions for the HTML pages (Devise's cookie session).
 *
 * Why: `/oauth/authorize` and `/activate` need a signed-in web session; Devise brings the user
 * back to where they were going after sign-in, and flashes messages on `/activate`
 * (autolab-api.md §2.1, §3.2). Sessions live in memory only, like a browser session.
 */
import type { ServerResponse } from 'node:http';
import { urlsafeToken } from '../http/random-token.js';

/** Name of the session cookie. */
export const SESSION_COOKIE = '_autolab_session';

/** One browser session. */
export interface WebSession {
  id: string;
  userId: number | null;
  csrf: string;
  returnTo: string | null;
  flash: { kind: 'notice' | 'alert'; text: string } | null;
}

/** In-memory session store. */
export class SessionStore {
  private sessions = new Map<string, WebSession>();

  /** The session named by the cookie, if any. */
  get(cookieValue: string | undefined): WebSession | null {
    return cookieValue ? (this.sessions.get(cookieValue) ?? null) : null;
  }

  /**
   * The session for a request, creating one (and setting its cookie) when needed.
   *
   * Why: anonymous visitors need a session to remember where to return after sign-in.
   */
  ensure(cookieValue: string | undefined, res: ServerResponse): WebSession {
    const existing = this.get(cookieValue);
    if (existing) return existing;
    const s: WebSession = { id: urlsafeToken(), userId: null, csrf: urlsafeToken(), returnTo: null, flash: null };
    this.sessions.set(s.id, s);
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${s.id}; path=/; HttpOnly; SameSite=Lax`);
    return s;
  }

  /** Take (read and clear) the flash message. */
  takeFlash(s: WebSession): WebSession['flash'] {
    const f = s.flash;
    s.flash = null;
    return f;
  }
}
