/**
 * Sign-in with a code: Autolab's own device flow (autolab-api.md §3, not RFC 8628).
 *
 * 1. `GET /oauth/device_flow_init?client_id` gives a `device_code`, a 6-character
 *    `user_code` and a full `verification_uri` (§3.1). The UI shows the code and
 *    the link.
 * 2. The user enters the code on the website; Autolab runs the ordinary
 *    authorization with itself as redirect target (§3.2).
 * 3. The app polls `GET /oauth/device_flow_authorize` every 5 s (§3.3):
 *    400 `authorization_pending` = wait; 429 = back off to the next 5-s window
 *    (fixed windows aligned to the epoch, §5.2); `authorization denied by user`
 *    = denied; `Invalid device_code…` = denied or already used.
 * 4. The authorization code is exchanged at `/oauth/token` with
 *    `redirect_uri=<base>/device_flow_auth_cb` (§3.4), which must match exactly.
 *
 * It works on every stock deployment (autolab-api.md §2.6, §9), so it is the
 * fallback when the loopback redirect cannot be registered. Device requests
 * never expire in Autolab, but the code they yield lasts 10 minutes (§3.3), so
 * the app stops waiting after `maxWaitMs`. Sleep and clock are injectable so
 * tests run fast.
 */
import { SingleAttempt } from './single-attempt';
import got from 'got';
import { z } from 'zod';
import { readCapped } from '../autolab/response-cap';
import { UserError } from '../user-error';
import { signInCancelled, signInTimedOut } from './loopback-server';
import type { OAuthClient, TokenSet } from './oauth-client';

/** What the user needs to see (autolab-api.md §3.1). */
export interface DeviceCodeInfo {
  /** 6 characters from `[A-Za-z0-9]`, case-sensitive; show it large and copyable. */
  userCode: string;
  /** Full URL of the `/activate` page. */
  verificationUri: string;
}

/** Live status for the device-code panel. */
export type DeviceFlowStatus = 'waiting' | 'slowed-down' | 'connection-problem' | 'exchanging';

/** Sleeps `ms`; rejects when the signal aborts. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** One device-flow sign-in. */
export interface DeviceSignInOptions {
  onCode(info: DeviceCodeInfo): void;
  onStatus?(status: DeviceFlowStatus): void;
  /** The user's Cancel. */
  signal?: AbortSignal;
  /** Poll period (default 5 s, Autolab's throttle, §5.2). */
  intervalMs?: number;
  /** Stop waiting after this long (default 15 minutes). */
  maxWaitMs?: number;
  /** Injected for tests. */
  sleep?: Sleep;
  /** Injected for tests (epoch ms). */
  now?: () => number;
}

/** `device_flow_init` success body (§3.1). */
export const DeviceInitSchema = z.object({
  device_code: z.string().min(1).max(256),
  user_code: z.string().min(1).max(64),
  verification_uri: z.string().url().refine((u) => /^https?:\/\//i.test(u), 'verification_uri must be http(s)'),
});

const ErrorBodySchema = z.object({ error: z.string() });
const GrantedSchema = z.object({ code: z.string().min(1) });

/** The path the device flow's authorization code is bound to (§3.4). */
export const DEVICE_FLOW_CALLBACK_PATH = '/device_flow_auth_cb';

/** Init is throttled to 1 request per 30 s per IP (§5.2). */
const INIT_WINDOW_MS = 30_000;
const MAX_CONSECUTIVE_NETWORK_FAILURES = 3;

/**
 * The default Sleep: a timer that the signal cancels.
 *
 * @throws UserError `sign-in-cancelled` when the signal aborts.
 */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signInCancelled());
    const onAbort = () => {
      clearTimeout(timer);
      reject(signInCancelled());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** Milliseconds until the next fixed window of `period` (aligned to the epoch), plus a small margin. */
export function untilNextWindow(nowMs: number, periodMs: number): number {
  return periodMs - (nowMs % periodMs) + 250;
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * Runs device-flow sign-ins for one Autolab server, one at a time.
 */
export class DeviceFlow {
  private readonly attempt = new SingleAttempt();

  constructor(private readonly oauth: OAuthClient) {}

  /**
   * Sign in with a code. Starting a new sign-in cancels the running one.
   *
   * @throws UserError `sign-in-cancelled`, `sign-in-timeout`, `sign-in-denied`,
   *   `device-code-invalid` (denied earlier, or already used), `invalid-client`
   *   (unknown client id), `device-flow-unavailable` (no such endpoint),
   *   `offline`, `bad-response`; and what `OAuthClient.exchangeCode` throws
   *   (`SignedOutError` when the code expired before the exchange; the
   *   `device_flow_auth_cb` redirect URI not registered also ends there).
   */
  async signIn(options: DeviceSignInOptions): Promise<TokenSet> {
    return this.attempt.run(options.signal, (signal) => this.run(options, signal));
  }

  /**
   * Cancel the running attempt, if any.
   *
   * @throws never.
   */
  cancel(): void {
    this.attempt.cancel();
  }

  private async get(path: string, query: Record<string, string>, signal: AbortSignal): Promise<{ status: number; body: unknown }> {
    try {
      const res = await readCapped(
        (capped) =>
          got.get(this.oauth.baseUrl + path, {
            searchParams: query,
            throwHttpErrors: false,
            followRedirect: false,
            retry: { limit: 0 },
            timeout: { request: 20_000 },
            responseType: 'text',
            signal: capped,
          }),
        this.oauth.host,
        { signal },
      );
      return { status: res.statusCode, body: parse(res.body) };
    } catch (cause) {
      if (signal.aborted) throw signInCancelled();
      if (cause instanceof UserError) throw cause;
      const code = typeof cause === 'object' && cause && 'code' in cause ? String(cause.code) : 'ERR_NETWORK';
      throw new UserError('offline', `Autolab Desktop could not reach ${this.oauth.host}; check your connection and try again.`, { cause: new Error(code) });
    }
  }

  private clientError(error: string): UserError | undefined {
    if (error === 'Unrecognized client_id' || error.startsWith('Required param')) {
      return new UserError('invalid-client', `${this.oauth.host} does not know this app's client id; check it with your Autolab administrator.`);
    }
    return undefined;
  }

  private async init(signal: AbortSignal, sleep: Sleep, now: () => number, onStatus?: (s: DeviceFlowStatus) => void): Promise<z.infer<typeof DeviceInitSchema>> {
    for (let attempt = 0; ; attempt++) {
      const { status, body } = await this.get('/oauth/device_flow_init', { client_id: this.oauth.clientId }, signal);
      if (status === 200) {
        const parsed = DeviceInitSchema.safeParse(body);
        if (parsed.success) return parsed.data;
        break;
      }
      if (status === 429 && attempt < 2) {
        onStatus?.('slowed-down');
        await sleep(untilNextWindow(now(), INIT_WINDOW_MS), signal);
        continue;
      }
      if (status === 404) {
        throw new UserError('device-flow-unavailable', `${this.oauth.host} does not offer sign-in with a code; check the server address.`);
      }
      const error = ErrorBodySchema.safeParse(body);
      const known = error.success ? this.clientError(error.data.error) : undefined;
      if (known) throw known;
      if (status === 429) {
        throw new UserError('rate-limited', `${this.oauth.host} is receiving too many sign-in requests; wait a minute and try again.`);
      }
      break;
    }
    throw new UserError('bad-response', `${this.oauth.host} sent an answer Autolab Desktop does not understand; check the server address.`);
  }

  private async run(options: DeviceSignInOptions, signal: AbortSignal): Promise<TokenSet> {
    const sleep = options.sleep ?? realSleep;
    const now = options.now ?? Date.now;
    const interval = options.intervalMs ?? 5_000;
    const deadline = now() + (options.maxWaitMs ?? 15 * 60_000);
    if (signal.aborted) throw signInCancelled();

    const init = await this.init(signal, sleep, now, options.onStatus);
    options.onCode({ userCode: init.user_code, verificationUri: init.verification_uri });
    options.onStatus?.('waiting');

    let failures = 0;
    let wait = interval;
    for (;;) {
      if (now() + wait > deadline) throw signInTimedOut();
      await sleep(wait, signal);
      wait = interval;
      let answer: { status: number; body: unknown };
      try {
        answer = await this.get('/oauth/device_flow_authorize', { client_id: this.oauth.clientId, device_code: init.device_code }, signal);
      } catch (error) {
        if (error instanceof UserError && error.code === 'offline' && ++failures < MAX_CONSECUTIVE_NETWORK_FAILURES) {
          options.onStatus?.('connection-problem');
          continue;
        }
        throw error;
      }
      failures = 0;
      const { status, body } = answer;
      if (status === 200) {
        const granted = GrantedSchema.safeParse(body);
        if (!granted.success) break;
        options.onStatus?.('exchanging');
        const tokens = await this.oauth.exchangeCode({
          code: granted.data.code,
          redirectUri: this.oauth.baseUrl + DEVICE_FLOW_CALLBACK_PATH,
        });
        if (signal.aborted) {
          void this.oauth.revoke(tokens.refreshToken ?? tokens.accessToken, tokens.refreshToken ? 'refresh_token' : 'access_token').catch(() => {});
          throw signInCancelled();
        }
        return tokens;
      }
      if (status === 429) {
        options.onStatus?.('slowed-down');
        wait = untilNextWindow(now(), interval);
        continue;
      }
      if (status >= 500) {
        options.onStatus?.('connection-problem');
        continue;
      }
      const parsed = ErrorBodySchema.safeParse(body);
      if (!parsed.success) break;
      const error = parsed.data.error;
      if (error === 'authorization_pending') {
        options.onStatus?.('waiting');
        continue;
      }
      if (error === 'authorization denied by user') {
        throw new UserError('sign-in-denied', 'Sign-in was denied in the browser; try again when you are ready.');
      }
      if (error.startsWith('Invalid device_code')) {
        throw new UserError('device-code-invalid', 'This sign-in code is no longer valid (it was denied or already used); start again.');
      }
      throw this.clientError(error) ?? new UserError('bad-response', `${this.oauth.host} sent an answer Autolab Desktop does not understand; check the server address.`);
    }
    throw new UserError('bad-response', `${this.oauth.host} sent an answer Autolab Desktop does not understand; check the server address.`);
  }
}
