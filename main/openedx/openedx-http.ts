/**
 * GET requests to one Open edX site's REST APIs with the account's token.
 *
 * - `Authorization: JWT <jwt>` (the profile's scheme); a 401 means "renew and
 *   retry once" (`TokenService.withToken`, providers.md §1.5);
 * - DRF throttling (429) is honoured: wait `Retry-After` seconds (capped) and
 *   try once more; a longer wait becomes `rate-limited`, which the offline
 *   cache answers with the last data;
 * - every failure is one user sentence; no token appears in a URL, a log line
 *   or an error.
 */
import got from 'got';
import type { z } from 'zod';
import { TokenRejectedError, type TokenService } from '../auth/token-service';
import type { Logger } from '../logger';
import { UserError } from '../user-error';
import { readCapped } from '../autolab/response-cap';

/** What the HTTP layer needs. */
export interface OpenedxHttpOptions {
  baseUrl: string;
  tokens: Pick<TokenService, 'withToken' | 'isRejection'>;
  /** `JWT <token>` or `Bearer <token>`. */
  authorizationHeader(token: string): string;
  log: Logger;
  userAgent?: string;
  /** Longest `Retry-After` waited for in place (default 30 s). */
  maxRetryAfterMs?: number;
  /** Injected for tests (default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
}

/** A GET-JSON function bound to a site. */
export type OpenedxGet = <S extends z.ZodType>(pathOrUrl: string, schema: S) => Promise<z.infer<S>>;

/** Counts of what the layer did (for tests and the bench). */
export interface OpenedxHttpStats {
  requests: number;
  throttled: number;
}

/**
 * Build the GET function for one site.
 *
 * @throws never (the returned function throws UserError: `offline`, `rate-limited`,
 *   `server-down`, `forbidden`, `not-found`, `bad-response`, and token errors).
 */
export function createOpenedxHttp(o: OpenedxHttpOptions): { get: OpenedxGet; stats: OpenedxHttpStats } {
  const origin = new URL(o.baseUrl).origin;
  const host = new URL(o.baseUrl).host;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const stats: OpenedxHttpStats = { requests: 0, throttled: 0 };

  async function once(url: string, token: string) {
    stats.requests++;
    try {
      // Capped like every Autolab answer (issue 11): a hostile site cannot stream an endless body into memory.
      return await readCapped(
        (signal) =>
          got(url, {
            headers: { authorization: o.authorizationHeader(token), accept: 'application/json', ...(o.userAgent ? { 'user-agent': o.userAgent } : {}) },
            throwHttpErrors: false,
            followRedirect: false,
            retry: { limit: 0 },
            timeout: { request: o.timeoutMs ?? 20_000 },
            responseType: 'text',
            signal,
          }),
        host,
      );
    } catch (cause) {
      if (cause instanceof UserError) throw cause;
      const code = typeof cause === 'object' && cause && 'code' in cause ? String(cause.code) : 'ERR_NETWORK';
      throw new UserError('offline', `Autolab Desktop could not reach ${host}; check your connection and try again.`, { cause: new Error(code) });
    }
  }

  const get: OpenedxGet = async (pathOrUrl, schema) => {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${o.baseUrl.replace(/\/+$/, '')}${pathOrUrl}`;
    // Pagination links come from the server: follow them only on the same site, so the token never leaves it.
    if (new URL(url).origin !== origin) throw new UserError('bad-response', `${host} pointed to another site; Autolab Desktop did not follow it.`);
    return o.tokens.withToken(async (token) => {
      let res = await once(url, token);
      if (res.statusCode === 429) {
        stats.throttled++;
        const wait = retryAfterMs(res.headers['retry-after']);
        if (wait > (o.maxRetryAfterMs ?? 30_000)) throw rateLimited(host, wait);
        o.log.info('open edx throttled; waiting', { host, waitMs: wait });
        await sleep(wait);
        res = await once(url, token);
        if (res.statusCode === 429) throw rateLimited(host, retryAfterMs(res.headers['retry-after']));
      }
      const body = parse(res.body);
      if (o.tokens.isRejection(res.statusCode, body)) throw new TokenRejectedError();
      if (res.statusCode === 403) throw new UserError('forbidden', `${host} did not allow this request; the app may lack the permission (for grades: grades:read).`);
      if (res.statusCode === 404) throw new UserError('not-found', `${host} has no such page; the course may have been removed.`);
      if (res.statusCode >= 500) throw new UserError('server-down', `${host} is having trouble (error ${res.statusCode}); try again later.`);
      if (res.statusCode !== 200) throw new UserError('bad-response', `${host} answered with an unexpected status (${res.statusCode}).`);
      const parsed = schema.safeParse(body);
      if (!parsed.success) throw new UserError('bad-response', `${host} sent an answer Autolab Desktop does not understand; is it an Open edX site?`);
      return parsed.data;
    });
  };
  return { get, stats };
}

/** `Retry-After` as seconds or an HTTP date, in ms (default 1 s). */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return 1000;
  const seconds = Number(v);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(v);
  return Number.isFinite(date) ? Math.max(0, date - now) : 1000;
}

function rateLimited(host: string, waitMs: number): UserError {
  return new UserError('rate-limited', `${host} asked Autolab Desktop to slow down; it will try again in about ${Math.ceil(waitMs / 1000)} seconds.`);
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
