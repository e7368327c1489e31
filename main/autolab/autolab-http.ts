/**
 * The HTTP layer under the Autolab client: one got instance per account.
 *
 * It owns the policies every call shares, so the client's methods stay simple:
 * the access token goes only in `Authorization: Bearer` (never a URL, RFC 6750
 * §2.1; it also keeps calls out of Autolab's rate limiter, autolab-api.md
 * §5.2), and is removed on any redirect to another origin; a 401 `OAuth2
 * authorization failed` triggers one reactive refresh and one retry
 * (autolab-api.md §2.11); idempotent GETs are retried with backoff on network
 * failures and 5xx, never POST/PUT/DELETE; a 429 waits for the next fixed
 * 30-second window, since Autolab sends no Retry-After (autolab-api.md §5.2).
 */
import type { Readable } from 'node:stream';
import got, { type Got, type Headers, type Response } from 'got';
import type { Logger } from '../logger';
import { isAllowedAutolabUrl, PLAIN_HTTP_REFUSED } from '../../preload/contract/accounts';
import { UserError } from '../user-error';
import { errorFromHttp, errorFromNetwork, isOAuthFailure } from './autolab-errors';
import { readCapped } from './response-cap';

/** Time, injectable so tests need not wait for real 30-second windows. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
      const onAbort = () => { clearTimeout(t); reject(signal?.reason); };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** Options of {@link createAutolabHttp}. */
export interface AutolabHttpOptions {
  /** The Autolab server, e.g. `https://autolab.andrew.cmu.edu`. */
  baseUrl: string;
  /** The current access token (may refresh proactively). */
  getAccessToken: () => Promise<string>;
  /** Called once on a 401; refreshes and returns the new access token. */
  onUnauthorized?: () => Promise<string>;
  log: Logger;
  userAgent: string;
  clock?: Clock;
  /** Retries of an idempotent GET after a network failure or 5xx (default 2). */
  retryLimit?: number;
  /** Waits for a new rate-limit window before giving up on a GET (default 2). */
  rateLimitWaits?: number;
  /** Milliseconds before giving up on headers of an ordinary call (default 30 s). */
  responseTimeoutMs?: number;
  /** The rate-limit window of the server in ms (default 30 000, autolab-api.md §5.2). */
  rateWindowMs?: number;
  /**
   * Told `true` when a request has made no progress for `stallMs` ("Autolab
   * is not answering", issue 10 item 6), and `false` once no such request remains.
   */
  onWaiting?: (waiting: boolean) => void;
  /** Milliseconds without a byte before a request counts as not answering (default 10 000). */
  stallMs?: number;
  /** Told whether the server answered (any HTTP status: true) or could not be reached (false). */
  onReachable?: (reachable: boolean) => void;
  /** Milliseconds a writeup/handout download may receive nothing before it stops (default 30 000). */
  downloadIdleMs?: number;
}

/** A 429 with the time Autolab Desktop will ask again (autolab-api.md §5.2: fixed 30-second windows). */
export class RateLimitedError extends UserError {
  /** Unix ms of the next rate window. */
  readonly retryAt: number;
  constructor(retryAt: number) {
    const at = new Date(retryAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    super('rate-limited', `Autolab asked Autolab Desktop to slow down; the next try is at ${at}.`);
    this.retryAt = retryAt;
  }
}

/** The sentence after the user stopped waiting for a request that made no progress. */
export function notAnsweringError(): UserError {
  return new UserError('not-answering', 'Autolab is not answering, so you stopped waiting; try again later.');
}

/** A request being watched for progress; see `AutolabHttp.watch`. */
export interface WatchedRequest {
  /** Aborts when the caller's signal does, or when the user stops waiting (`cancelWaiting`). */
  readonly signal: AbortSignal;
  /** True when the user stopped waiting (not the caller's own cancel). */
  stoppedByUser(): boolean;
  /** Bytes moved: restart the no-progress timer. */
  progress(): void;
  /** The request ended. */
  done(): void;
}

/** One API call; `path` is relative to `/api/v1/` and already URL-encoded. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  searchParams?: Record<string, string>;
  form?: Record<string, string>;
  json?: unknown;
  /**
   * A body built afresh for every attempt (a stream cannot be sent twice).
   * `acknowledge`, when present, is told how many body bytes the socket has
   * taken (so the stream may reuse their buffers). A request with a body
   * never follows redirects (a stream cannot be replayed; a submit must not
   * land twice).
   */
  body?: () => { stream: Readable; headers: Record<string, string>; acknowledge?: (sent: number) => void };
  signal?: AbortSignal;
  onUploadProgress?: (transferred: number, total: number | undefined) => void;
  /** Overrides the response timeout (ms), e.g. for a long upload's answer. */
  responseTimeoutMs?: number;
}

/** A raw HTTP answer, whatever its status. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: string;
}

/** The transport behind the Autolab client. */
export interface AutolabHttp {
  readonly baseUrl: URL;
  /**
   * Send a request with the shared policies and return a successful answer.
   *
   * @throws UserError for every failure: network (offline, server down),
   * non-2xx statuses (mapped by autolab-errors.ts), cancellation.
   */
  send(req: HttpRequest): Promise<HttpAnswer>;
  /** Send once with auth and the 401 refresh, but no retries and no status mapping. */
  sendOnce(req: HttpRequest): Promise<HttpAnswer>;
  /** The absolute URL of an API path. */
  url(path: string): URL;
  /** Headers for a request made outside `send` (e.g. a download stream); `token` overrides the current one. */
  authHeaders(token?: string): Promise<Record<string, string>>;
  /** Refresh once after a 401; the new token, or undefined when no refresh is possible. */
  refresh(): Promise<string | undefined>;
  /**
   * Watch a request for progress (sends and downloads): after `stallMs`
   * without a byte the host is told Autolab is not answering.
   *
   * @param cancellable whether `cancelWaiting` may stop it (uploads have their own Cancel).
   */
  watch(signal?: AbortSignal, cancellable?: boolean): WatchedRequest;
  /** Stop every cancellable request in flight ("Cancel" on "Autolab is not answering"); returns how many. */
  cancelWaiting(): number;
  /** Report whether the server answered (see `onReachable`). */
  reachable(yes: boolean): void;
  readonly got: Got;
  readonly clock: Clock;
}

/** Milliseconds until the next fixed window boundary, aligned to the epoch (autolab-api.md §5.2). */
export function msUntilNextWindow(now: number, windowMs = 30_000): number {
  return (Math.floor(now / windowMs) + 1) * windowMs - now;
}

const RETRYABLE_NETWORK = new Set(['ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN', 'ECONNREFUSED', 'ERR_STREAM_PREMATURE_CLOSE']);

/**
 * Build the HTTP layer for one account.
 *
 * @throws TypeError when `baseUrl` is not an absolute http(s) URL.
 */
export function createAutolabHttp(opts: AutolabHttpOptions): AutolabHttp {
  const base = new URL(opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new TypeError('The Autolab address must start with https://.');
  if (!isAllowedAutolabUrl(base)) throw new TypeError(PLAIN_HTTP_REFUSED);
  const clock = opts.clock ?? systemClock;
  const retryLimit = opts.retryLimit ?? 2;
  const rateLimitWaits = opts.rateLimitWaits ?? 2;
  const windowMs = opts.rateWindowMs ?? 30_000;

  const instance = got.extend({
    headers: { 'user-agent': opts.userAgent, accept: 'application/json' },
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: true,
    maxRedirects: 5,
    timeout: { lookup: 10_000, connect: 10_000, secureConnect: 10_000 },
    hooks: {
      beforeRedirect: [
        (options) => {
          const next = new URL(String(options.url));
          if (next.origin !== base.origin) {
            delete options.headers.authorization;
            opts.log.warn('autolab: redirect to another origin; credentials dropped', { to: next.origin });
          }
        },
      ],
    },
  });

  const stallMs = opts.stallMs ?? 10_000;
  const inflight = new Set<AbortController>();
  let stalledCount = 0;
  let lastReachable: boolean | undefined;
  const reachable = (yes: boolean) => {
    if (lastReachable === yes) return;
    lastReachable = yes;
    opts.onReachable?.(yes);
  };
  const watch = (userSignal?: AbortSignal, cancellable = true): WatchedRequest => {
    const stopper = new AbortController();
    if (cancellable) inflight.add(stopper);
    let stalled = false;
    let timer: NodeJS.Timeout | undefined;
    const unstall = () => {
      if (!stalled) return;
      stalled = false;
      if (--stalledCount === 0) opts.onWaiting?.(false);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (stalled) return;
        stalled = true;
        if (++stalledCount === 1) opts.onWaiting?.(true);
      }, stallMs);
      timer.unref?.();
    };
    arm();
    return {
      signal: userSignal ? AbortSignal.any([userSignal, stopper.signal]) : stopper.signal,
      stoppedByUser: () => stopper.signal.aborted && !userSignal?.aborted,
      progress: () => {
        unstall();
        arm();
      },
      done: () => {
        clearTimeout(timer);
        inflight.delete(stopper);
        unstall();
      },
    };
  };
  const cancelWaiting = () => {
    const n = inflight.size;
    for (const c of inflight) c.abort();
    inflight.clear();
    return n;
  };

  const url = (path: string) => new URL(`api/v1/${path.replace(/^\/+/, '')}`, base);
  const authHeaders = async (override?: string) => ({ authorization: `Bearer ${override ?? (await opts.getAccessToken())}` });
  let refreshing: Promise<string | undefined> | undefined;
  const refreshToken = () => {
    if (!opts.onUnauthorized) return Promise.resolve(undefined);
    refreshing ??= opts.onUnauthorized().then(
      (t): string | undefined => t,
      (err) => { opts.log.warn('autolab: token refresh failed', { error: String(err) }); return undefined; },
    ).finally(() => { refreshing = undefined; });
    return refreshing;
  };

  async function attempt(req: HttpRequest & { onProgress?: () => void }, tokenOverride?: string): Promise<HttpAnswer> {
    const body = req.body?.();
    const headers = { ...(await authHeaders(tokenOverride)), ...body?.headers };
    const start = (signal: AbortSignal) => {
      const p = instance(url(req.path), {
        method: req.method,
        headers,
        ...(req.searchParams ? { searchParams: req.searchParams } : {}),
        ...(req.form ? { form: req.form } : {}),
        ...(req.json !== undefined ? { json: req.json } : {}),
        ...(body ? { body: body.stream, followRedirect: false } : {}),
        signal,
        timeout: { lookup: 10_000, connect: 10_000, secureConnect: 10_000, response: req.responseTimeoutMs ?? opts.responseTimeoutMs ?? 30_000 },
        responseType: 'text',
      });
      if (req.onUploadProgress || body?.acknowledge) {
        p.on('uploadProgress', (pr) => {
          // got emits this from the request's write callback: the bytes are in the socket.
          body?.acknowledge?.(pr.transferred);
          req.onUploadProgress?.(pr.transferred, pr.total);
        });
      }
      if (req.onProgress) {
        const moved = req.onProgress;
        p.on('uploadProgress', () => moved());
        p.on('downloadProgress', () => moved());
      }
      return p;
    };
    const res: Response<string> = await readCapped(start, base.host, req.signal ? { signal: req.signal } : {});
    reachable(true);
    return { status: res.statusCode, headers: res.headers, body: res.body };
  }

  async function sendOnce(req: HttpRequest & { onProgress?: () => void }): Promise<HttpAnswer> {
    const answer = await attempt(req);
    if (!isOAuthFailure(answer.status, answer.body)) return answer;
    const fresh = await refreshToken();
    if (fresh !== undefined) {
      opts.log.info('autolab: retrying once with a refreshed token', { path: req.path });
      return attempt(req, fresh);
    }
    return answer;
  }

  async function send(req: HttpRequest): Promise<HttpAnswer> {
    const watched = watch(req.signal, !req.body);
    try {
      return await sendWatched({ ...req, signal: watched.signal, onProgress: watched.progress });
    } catch (err) {
      if (watched.stoppedByUser()) {
        reachable(false);
        throw notAnsweringError();
      }
      if (err instanceof UserError && (err.code === 'offline' || err.code === 'server-down')) reachable(false);
      throw err;
    } finally {
      watched.done();
    }
  }

  async function sendWatched(req: HttpRequest & { signal: AbortSignal; onProgress: () => void }): Promise<HttpAnswer> {
    const idempotent = req.method === 'GET';
    let failures = 0;
    let rateWaits = 0;
    for (;;) {
      let answer: HttpAnswer;
      try {
        answer = await sendOnce(req);
      } catch (err) {
        const mapped = errorFromNetwork(err);
        const code = (err as { code?: string }).code;
        if (idempotent && mapped.code !== 'cancelled' && code && RETRYABLE_NETWORK.has(code) && failures < retryLimit) {
          await backoff(++failures, req.signal);
          continue;
        }
        opts.log.warn('autolab: request failed', { method: req.method, path: req.path, code });
        throw mapped;
      }
      if (answer.status >= 200 && answer.status < 300) return answer;
      if (answer.status === 429 && (!idempotent || rateWaits >= rateLimitWaits)) {
        // Said at once, with the time of the next window (issue 10 item 6).
        opts.log.warn('autolab: rate limited', { method: req.method, path: req.path });
        throw new RateLimitedError(clock.now() + msUntilNextWindow(clock.now(), windowMs) + 250);
      }
      if (answer.status === 429 && idempotent && rateWaits < rateLimitWaits) {
        rateWaits++;
        const wait = msUntilNextWindow(clock.now(), windowMs) + 250;
        opts.log.info('autolab: rate limited; waiting for the next window', { ms: wait });
        await pause(wait, req.signal);
        continue;
      }
      if (answer.status >= 500 && idempotent && failures < retryLimit) {
        await backoff(++failures, req.signal);
        continue;
      }
      opts.log.warn('autolab: request answered with an error', { method: req.method, path: req.path, status: answer.status });
      throw errorFromHttp(answer.status, answer.body);
    }
  }

  async function pause(ms: number, signal?: AbortSignal) {
    try {
      await clock.sleep(ms, signal);
    } catch (err) {
      throw errorFromNetwork(err instanceof UserError ? err : Object.assign(new Error('aborted'), { name: 'AbortError' }));
    }
  }
  const backoff = (n: number, signal?: AbortSignal) => pause(Math.min(8_000, 500 * 2 ** (n - 1)) * (0.75 + Math.random() * 0.5), signal);

  return { baseUrl: base, send, sendOnce, url, authHeaders, refresh: refreshToken, got: instance, clock, watch, cancelWaiting, reachable };
}
