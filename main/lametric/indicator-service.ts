/**
 * The LaMetric cloud "Indicator app" push: the last grade or deadline on a clock wherever it is.
 *
 * providers.md §2.3 B: the user creates a private Indicator app with communication type
 * "Push" at developer.lametric.com, installs it on the clock, and copies its push URL and
 * `X-Access-Token`. Each event then replaces what that app shows with the same frames the local
 * push would send (`{"frames":[…, "index": n]}`). It works away from home, through LaMetric's
 * cloud; the token is kept in the keychain. Like the local push, a failure is quiet: only the
 * status in Settings says so.
 */
import got from 'got';
import type { LastPush, PushFailure } from '../../preload/contract';
import type { Logger } from '../logger';
import type { SecretStore } from '../secrets/secret-store';
import { UserError } from '../user-error';
import type { ClockNotification } from './clock-notification';
import { LAMETRIC_SECRET_KEYS, type LametricStore } from './lametric-store';

/** What the indicator push needs. */
export interface IndicatorServiceDeps {
  store: LametricStore;
  secrets: SecretStore;
  log: Logger;
  now?: () => number;
  /** Tell the UI (the feature emits `devices:changed`). */
  changed(): void;
}

/** Pushes to the user's Indicator app. */
export class IndicatorService {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly deps: IndicatorServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Save the push URL (and the access token, when given). A new URL without a token is refused.
   *
   * @throws UserError `indicator-token-missing`, `secret-store-failed`.
   */
  async configure(input: { pushUrl: string; accessToken?: string }): Promise<void> {
    const before = this.deps.store.indicator;
    if (input.accessToken === undefined && (!before || before.pushUrl !== input.pushUrl.trim())) {
      throw new UserError('indicator-token-missing', 'Paste the Indicator app’s access token too (developer.lametric.com → your app → Access token).');
    }
    if (input.accessToken !== undefined) await this.deps.secrets.set(LAMETRIC_SECRET_KEYS.indicatorToken, input.accessToken.trim());
    await this.deps.store.setIndicator({ pushUrl: input.pushUrl.trim(), lastPush: before?.pushUrl === input.pushUrl.trim() ? before.lastPush : null });
  }

  /** Stop pushing to the Indicator app and forget its token. @throws UserError `secret-store-failed`. */
  async remove(): Promise<void> {
    await this.deps.secrets.delete(LAMETRIC_SECRET_KEYS.indicatorToken);
    await this.deps.store.setIndicator(null);
  }

  /**
   * Show each notification's frames on the Indicator app, in order (the last one stays). Never throws.
   */
  deliver(notes: ClockNotification[]): Promise<void> {
    if (!this.deps.store.indicator || notes.length === 0) return Promise.resolve();
    const run = async () => {
      for (const note of notes) await this.push(note);
    };
    const next = this.queue.then(run, run).catch((error: unknown) => {
      this.deps.log.warn('lametric indicator push failed', { error: error instanceof Error ? error.message : String(error) });
    });
    this.queue = next;
    return next;
  }

  private async push(note: ClockNotification): Promise<void> {
    const indicator = this.deps.store.indicator;
    const token = indicator ? await this.deps.secrets.get(LAMETRIC_SECRET_KEYS.indicatorToken) : null;
    if (!indicator || !token) return;
    let failure: PushFailure | null = null;
    try {
      const response = await got.post(indicator.pushUrl, {
        json: { frames: note.model.frames.map((frame, index) => ({ ...frame, index })) },
        headers: { accept: 'application/json', 'cache-control': 'no-cache', 'x-access-token': token },
        throwHttpErrors: false,
        followRedirect: false,
        retry: { limit: 0 },
        timeout: { request: 15_000 },
        responseType: 'text',
      });
      if (response.statusCode === 401 || response.statusCode === 403) failure = 'key-refused';
      else if (response.statusCode < 200 || response.statusCode >= 300) failure = 'refused';
    } catch {
      failure = 'unreachable';
    }
    const lastPush: LastPush = { at: this.now(), ok: failure === null, via: failure === null ? 'cloud' : null, failure };
    if (this.deps.store.indicator?.pushUrl === indicator.pushUrl) await this.deps.store.setIndicator({ pushUrl: indicator.pushUrl, lastPush });
    this.deps.log.info('lametric indicator push', { ok: failure === null, failure });
    this.deps.changed();
  }
}
