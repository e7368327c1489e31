/**
 * The one-shot loopback HTTP server that receives the authorization response.
 *
 * Follows RFC 8252 §7.3 (loopback interface redirection) and §8.3 (loopback
 * redirect considerations), and VS Code's `LoopbackAuthServer`
 * (extensions/github-authentication/src/node/authServer.ts):
 *
 * - listens on `127.0.0.1` with an OS-assigned port (or the one fixed port a
 *   provider registered exactly), never `localhost`;
 * - accepts exactly one `GET /callback` whose `state` matches the one-time value
 *   (RFC 6749 §10.12); everything else is refused without echoing anything:
 *   other paths 404, other methods 405, wrong `Host` or missing/forged `state`
 *   400. A forged or missing `state` does NOT end the flow: the server keeps
 *   waiting for the real callback, so a stray local request cannot cancel the
 *   user's sign-in (but it can never be accepted either);
 * - answers the browser with a small fixed page (see `result-page.ts`), then
 *   `close()` and `closeAllConnections()`, so a second callback finds no
 *   listener (connection refused);
 * - slow clients are cut off by small `headersTimeout`/`requestTimeout` and a
 *   socket idle timeout, so nobody can hold the port open;
 * - the wait races a timeout and an AbortSignal (the user's Cancel).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { UserError } from '../user-error';
import { RESULT_PAGE_CSP, renderResultPage, type ResultPageKind } from './result-page';

/** What came back from the browser with the matching `state` (RFC 6749 §4.1.2, §4.1.2.1). */
export type LoopbackCallback =
  | { kind: 'code'; code: string }
  | { kind: 'denied' }
  | { kind: 'error'; error: string };

/** How to run one loopback server. */
export interface LoopbackServerOptions {
  /** The one-time `state` sent in the authorization request. */
  state: string;
  /**
   * A fixed port registered with the provider (DOT and LaMetric match redirect
   * URIs exactly); default 0, an OS-assigned port (RFC 8252 §7.3).
   */
  port?: number;
  /** Give up waiting after this long (default 5 minutes). */
  timeoutMs?: number;
  /** Aborting it (the user's Cancel, or a newer sign-in) ends the wait. */
  signal?: AbortSignal;
  /** Max time for a client to send its request headers (default 5 s). */
  headersTimeoutMs?: number;
  /** Max time for a whole request, and socket idle time (default 10 s). */
  requestTimeoutMs?: number;
  /** How often Node checks those timeouts (default 500 ms). */
  connectionsCheckingIntervalMs?: number;
}

/** The only path the server answers (design.md "Sign-in"). */
export const CALLBACK_PATH = '/callback';

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** The flow was cancelled (user's Cancel, or a newer sign-in replaced it). */
export const signInCancelled = () => new UserError('sign-in-cancelled', 'Sign-in was cancelled.');

/** The browser never came back. */
export const signInTimedOut = () =>
  new UserError(
    'sign-in-timeout',
    'Sign-in timed out because the browser did not return to Autolab Desktop; try again, or sign in with a code instead.',
  );

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A started loopback server waiting for one authorization response.
 *
 * Create it with `LoopbackAuthServer.start`, open the browser only after that
 * resolves, then await `result`.
 */
export class LoopbackAuthServer {
  /** The OS-assigned port on 127.0.0.1. */
  readonly port: number;
  /** `http://127.0.0.1:{port}/callback`, for the authorization and token requests. */
  readonly redirectUri: string;
  /**
   * Settles once: the callback (code, denial or error), or a UserError
   * (`sign-in-timeout`, `sign-in-cancelled`). The server is closed by then.
   */
  readonly result: Promise<LoopbackCallback>;

  private settled = false;
  private resolveResult!: (value: LoopbackCallback) => void;
  private rejectResult!: (error: Error) => void;
  private timer: NodeJS.Timeout | undefined;
  private readonly closed: Promise<void>;

  private constructor(
    private readonly server: http.Server,
    private readonly options: LoopbackServerOptions,
  ) {
    this.port = (server.address() as AddressInfo).port;
    this.redirectUri = `http://127.0.0.1:${this.port}${CALLBACK_PATH}`;
    this.result = new Promise<LoopbackCallback>((resolve, reject) => {
      this.resolveResult = resolve;
      this.rejectResult = reject;
    });
    this.result.catch(() => {}); // the owner may never await it (e.g. on cancel)
    this.closed = new Promise((resolve) => server.once('close', () => resolve()));
    server.on('request', (req, res) => this.handle(req, res));

    this.timer = setTimeout(() => this.fail(signInTimedOut()), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.timer.unref?.();
    options.signal?.addEventListener('abort', () => this.fail(signInCancelled()), { once: true });
  }

  /**
   * Start listening on `127.0.0.1:0`.
   *
   * @throws UserError `sign-in-cancelled` when the signal is already aborted;
   *   `loopback-unavailable` when the OS refuses the listening socket.
   */
  static async start(options: LoopbackServerOptions): Promise<LoopbackAuthServer> {
    if (options.signal?.aborted) throw signInCancelled();
    const requestTimeout = options.requestTimeoutMs ?? 10_000;
    const server = http.createServer({
      headersTimeout: Math.min(options.headersTimeoutMs ?? 5_000, requestTimeout),
      requestTimeout,
      connectionsCheckingInterval: options.connectionsCheckingIntervalMs ?? 500,
      keepAliveTimeout: 1_000,
      maxHeaderSize: 16 * 1024,
    });
    server.timeout = requestTimeout; // idle sockets are destroyed
    server.maxRequestsPerSocket = 1;
    await new Promise<void>((resolve, reject) => {
      const fixed = options.port ?? 0;
      const onError = (cause: Error) =>
        reject(
          fixed
            ? new UserError('loopback-unavailable', `Autolab Desktop could not open local port ${fixed} to receive the sign-in (another program may be using it); close it and try again.`, { cause })
            : new UserError('loopback-unavailable', 'Autolab Desktop could not open a local port to receive the sign-in; sign in with a code instead.', { cause }),
        );
      server.once('error', onError);
      server.listen(fixed, '127.0.0.1', () => {
        server.off('error', onError);
        resolve();
      });
    });
    const instance = new LoopbackAuthServer(server, options);
    if (options.signal?.aborted) instance.fail(signInCancelled());
    return instance;
  }

  /**
   * Stop listening and drop every connection; the wait ends as cancelled if it
   * had not settled.
   *
   * @throws never.
   */
  async close(): Promise<void> {
    this.fail(signInCancelled());
    await this.closed;
  }

  private shutdown(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.server.listening) this.server.close();
    this.server.closeAllConnections();
  }

  private fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.shutdown();
    this.rejectResult(error);
  }

  private succeed(value: LoopbackCallback, res: http.ServerResponse): void {
    this.settled = true;
    if (this.timer) clearTimeout(this.timer);
    this.server.close(); // no new connections from now on
    res.once('close', () => this.shutdown());
    this.resolveResult(value);
  }

  private send(res: http.ServerResponse, status: number, page: ResultPageKind, extra: Record<string, string> = {}): void {
    const body = renderResultPage(page);
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Content-Security-Policy': RESULT_PAGE_CSP,
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-store',
      Connection: 'close',
      ...extra,
    });
    res.end(body);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (this.settled) return this.send(res, 400, 'bad-request');
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 must not reach us.
    if (req.headers.host !== `127.0.0.1:${this.port}`) return this.send(res, 400, 'bad-request');
    // Compare the raw path: `/../callback` or `/callback/` is not the callback.
    if ((req.url ?? '').split('?', 1)[0] !== CALLBACK_PATH) return this.send(res, 404, 'not-found');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    } catch {
      return this.send(res, 400, 'bad-request');
    }
    if (req.method !== 'GET') return this.send(res, 405, 'method-not-allowed', { Allow: 'GET' });

    const states = url.searchParams.getAll('state');
    if (states.length !== 1 || !sameSecret(states[0] ?? '', this.options.state)) {
      return this.send(res, 400, 'bad-request'); // keep waiting for the genuine callback
    }
    const errors = url.searchParams.getAll('error');
    const codes = url.searchParams.getAll('code');
    if (errors.length > 0) {
      const error = errors[0] ?? '';
      if (error === 'access_denied') {
        this.succeed({ kind: 'denied' }, res);
        return this.send(res, 200, 'denied');
      }
      this.succeed({ kind: 'error', error: /^[\x20-\x7e]{1,64}$/.test(error) ? error : 'invalid_response' }, res);
      return this.send(res, 200, 'error');
    }
    if (codes.length !== 1 || !codes[0]) {
      this.succeed({ kind: 'error', error: 'invalid_response' }, res);
      return this.send(res, 200, 'error');
    }
    this.succeed({ kind: 'code', code: codes[0] }, res);
    return this.send(res, 200, 'success');
  }
}
