/**
 * The paired LaMetric Time: pairing by hand, pushing the watcher's events, the test button,
 * and the certificate the user accepts (issue 14).
 *
 * Pushes go to the clock's local API (`POST /api/v2/device/notifications`, Basic
 * `dev:<api_key>`) through `clock-transport.ts`: HTTPS on 4343 with the certificate pinned on
 * first use, plain HTTP on 8080 only where the user allowed it. A push that cannot reach the
 * clock (the laptop is away from home) is dropped quietly: no error, no toast, only the status
 * "last push failed at … (clock not reachable)" in Settings. A changed certificate stops every
 * push until the user accepts the new fingerprint.
 */
import type { DevicesView, LastPush, PushFailure } from '../../preload/contract';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import type { SecretStore } from '../secrets/secret-store';
import { UserError } from '../user-error';
import { testNotification, type ClockNotification } from './clock-notification';
import { callClock, normaliseFingerprint, probeCertificate, type ClockEndpoint, type ClockResult, type ClockTimeouts } from './clock-transport';
import { LAMETRIC_SECRET_KEYS, type ClockRecord, type LametricStore } from './lametric-store';

/** The clock's documented ports (providers.md §2.3 A). */
export const CLOCK_HTTPS_PORT = 4343;
export const CLOCK_HTTP_PORT = 8080;

/** What the clock service needs. */
export interface ClockServiceDeps {
  store: LametricStore;
  secrets: SecretStore;
  events: EventBus;
  log: Logger;
  /** The whole Devices view (the cloud part comes from the cloud service). */
  view(): DevicesView;
  now?: () => number;
  timeouts?: ClockTimeouts;
}

/** Split `host[:port]` (IPv6 in brackets) into host and HTTPS port. */
export function parseClockAddress(address: string): { host: string; httpsPort: number } {
  const m = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(address.trim());
  const port = m?.[2] === undefined ? CLOCK_HTTPS_PORT : Number(m[2]);
  if (!m || port < 1 || port > 65535) throw new UserError('bad-clock-address', 'Enter the clock’s address, e.g. 192.168.0.128.');
  return { host: m[1]!.replace(/^\[|\]$/g, ''), httpsPort: port };
}

const unreachable = (address: string) =>
  new UserError('clock-unreachable', `Autolab Desktop could not reach a clock at ${address}; check the address and that this computer is on the clock’s network.`);
const keyRefused = () => new UserError('clock-key-refused', 'The clock refused this API key; copy it again from the LaMetric app (Device → Settings → Device API Key).');

/** The paired clock and everything sent to it. */
export class ClockService {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly deps: ClockServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Pair a clock by hand: read its certificate (pinned from now on), check the API key with
   * `GET /api/v2`, then keep the key in the keychain and the rest on disk.
   *
   * @throws UserError `bad-clock-address`, `clock-unreachable`, `clock-key-refused`,
   *   `clock-refused`, `secret-store-failed`.
   */
  async pair(input: { address: string; apiKey: string; allowHttp: boolean; httpPort?: number; name?: string }): Promise<DevicesView> {
    const { host, httpsPort } = parseClockAddress(input.address);
    const certificate = await probeCertificate(host, httpsPort, this.deps.timeouts?.connectMs);
    if (!certificate) throw unreachable(input.address);
    const endpoint: ClockEndpoint = { host, httpsPort, httpPort: input.httpPort ?? CLOCK_HTTP_PORT, allowHttp: false, apiKey: input.apiKey.trim(), pinnedPem: certificate.pem, pinnedSha256: certificate.sha256 };
    const check = await callClock(endpoint, 'GET', '/api/v2', undefined, this.deps.timeouts);
    if (!check.ok) {
      if (check.reason === 'key-refused') throw keyRefused();
      if (check.reason === 'refused') throw new UserError('clock-refused', `The device at ${input.address} answered, but not like a LaMetric clock (HTTP ${check.status}).`);
      throw unreachable(input.address);
    }
    await this.deps.secrets.set(LAMETRIC_SECRET_KEYS.apiKey, endpoint.apiKey);
    await this.deps.store.setClock({
      name: input.name ?? 'LaMetric Time',
      address: input.address.trim(),
      host,
      httpsPort,
      httpPort: endpoint.httpPort,
      allowHttp: input.allowHttp,
      pinnedPem: certificate.pem,
      pinnedSha256: certificate.sha256,
      pendingPem: null,
      pendingSha256: null,
      lastPush: null,
    });
    this.deps.log.info('lametric clock paired', { fingerprint: certificate.sha256 });
    return this.changed();
  }

  /** Forget the clock and its API key. @throws UserError `secret-store-failed`. */
  async unpair(): Promise<DevicesView> {
    await this.deps.secrets.delete(LAMETRIC_SECRET_KEYS.apiKey);
    await this.deps.store.setClock(null);
    return this.changed();
  }

  /** Allow or forbid the plain-HTTP fallback. @throws UserError `no-clock`. */
  async setOptions(input: { allowHttp: boolean }): Promise<DevicesView> {
    this.requireClock();
    await this.deps.store.updateClock({ allowHttp: input.allowHttp });
    return this.changed();
  }

  /**
   * Trust the certificate the clock presents now; `sha256` must be the one the user was shown.
   *
   * @throws UserError `no-clock`, `certificate-not-pending` (nothing to accept, or the clock
   *   changed its certificate again since).
   */
  async acceptCertificate(sha256: string): Promise<DevicesView> {
    const clock = this.requireClock();
    if (!clock.pendingPem || !clock.pendingSha256 || normaliseFingerprint(sha256) !== clock.pendingSha256) {
      throw new UserError('certificate-not-pending', 'That certificate is not the one the clock presents now; check the fingerprint again.');
    }
    await this.deps.store.updateClock({ pinnedPem: clock.pendingPem, pinnedSha256: clock.pendingSha256, pendingPem: null, pendingSha256: null });
    this.deps.log.info('lametric certificate accepted', { fingerprint: clock.pendingSha256 });
    return this.changed();
  }

  /**
   * "Send a test notification": unlike the watcher's pushes, a failure is the user's answer.
   *
   * @throws UserError `no-clock`, `clock-unreachable`, `clock-certificate-changed`,
   *   `clock-key-refused`, `clock-refused`.
   */
  async sendTest(): Promise<DevicesView> {
    const clock = this.requireClock();
    const result = await this.push(testNotification());
    if (result && !result.ok) {
      if (result.reason === 'unreachable') throw unreachable(clock.address);
      if (result.reason === 'key-refused') throw keyRefused();
      if (result.reason === 'certificate-changed') {
        throw new UserError('clock-certificate-changed', 'The clock presented a different certificate, so nothing was sent; compare the new fingerprint with the clock’s and trust it only if it matches.');
      }
      throw new UserError('clock-refused', `The clock refused the notification (HTTP ${result.status}).`);
    }
    return this.deps.view();
  }

  /**
   * Push notifications to the clock, in order. Never throws: an unreachable clock only updates the status.
   */
  deliver(notes: ClockNotification[]): Promise<void> {
    if (!this.deps.store.clock || notes.length === 0) return Promise.resolve();
    return notes.reduce<Promise<void>>((p, n) => p.then(async () => void (await this.push(n))), Promise.resolve()).catch((error: unknown) => {
      this.deps.log.warn('lametric push failed', { error: error instanceof Error ? error.message : String(error) });
    });
  }

  /** The paired clock for the view. */
  clockView(): DevicesView['clock'] {
    const c = this.deps.store.clock;
    if (!c) return null;
    return { name: c.name, address: c.address, httpsPort: c.httpsPort, httpPort: c.httpPort, allowHttp: c.allowHttp, certificateSha256: c.pinnedSha256, pendingCertificateSha256: c.pendingSha256, lastPush: c.lastPush };
  }

  private requireClock(): ClockRecord {
    const clock = this.deps.store.clock;
    if (!clock) throw new UserError('no-clock', 'No clock is paired yet; pair one first.');
    return clock;
  }

  /** One push at a time, in order; records the outcome. Resolves null when no clock is paired. */
  private push(notification: ClockNotification): Promise<ClockResult | null> {
    const run = async (): Promise<ClockResult | null> => {
      const clock = this.deps.store.clock;
      const apiKey = clock ? await this.deps.secrets.get(LAMETRIC_SECRET_KEYS.apiKey) : null;
      if (!clock || !apiKey) return null;
      // Always through the pinned certificate: a new one is never used until the user trusts it. A device
      // elsewhere that happens to have the clock's address (a café network) only sets the pending certificate;
      // once the real clock answers with the pinned one again, the pending one is dropped.
      const endpoint: ClockEndpoint = { host: clock.host, httpsPort: clock.httpsPort, httpPort: clock.httpPort, allowHttp: clock.allowHttp, apiKey, pinnedPem: clock.pinnedPem, pinnedSha256: clock.pinnedSha256 };
      const result = await callClock(endpoint, 'POST', '/api/v2/device/notifications', notification, this.deps.timeouts);
      const failure: PushFailure | null = result.ok ? null : result.reason;
      const lastPush: LastPush = { at: this.now(), ok: result.ok, via: result.ok ? result.via : null, failure };
      if (!result.ok && result.reason === 'certificate-changed' && result.certificate) {
        await this.deps.store.updateClock({ pendingPem: result.certificate.pem, pendingSha256: result.certificate.sha256 });
      } else if (result.ok && result.via === 'https' && clock.pendingSha256) {
        await this.deps.store.updateClock({ pendingPem: null, pendingSha256: null });
      }
      await this.deps.store.recordPush(lastPush);
      this.deps.log.info('lametric push', { ok: result.ok, failure, via: result.ok ? result.via : null });
      this.changed();
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private changed(): DevicesView {
    const view = this.deps.view();
    this.deps.events.emit('devices:changed', view);
    return view;
  }
}
