/**
 * Settings → Devices assembled: the store, the paired clock, "Find my clocks", and the
 * handlers of the `devices:*` channels (issue 14).
 *
 * The composition root creates one, feeds it the watcher's new events and spreads its handlers
 * into the IPC router, so the root itself gains a few lines only. Nothing is read at start-up:
 * `lametric.json` and the keychain are read at the first use (a `devices:*` call, or the first
 * event to deliver).
 */
import type { ActivityItem, ChannelInput, ChannelOutput, DevicesView } from '../../preload/contract';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import type { SecretStore } from '../secrets/secret-store';
import type { WatcherSettingsStore } from '../watcher/watcher-settings';
import { clockNotificationsFor } from './clock-notification';
import { ClockService } from './clock-service';
import type { ClockTimeouts } from './clock-transport';
import { CloudService } from './cloud-service';
import { IndicatorService } from './indicator-service';
import { LametricStore } from './lametric-store';
import { loadOnce } from '../storage/load-once';

/** What the feature needs. */
export interface LametricFeatureDeps {
  dataDir: string;
  secrets: SecretStore;
  events: EventBus;
  settings: Pick<WatcherSettingsStore, 'get' | 'paused' | 'muted'>;
  log: Logger;
  openExternal(url: string): Promise<boolean>;
  /** Told one sentence when `lametric.json` was unreadable and kept aside. */
  onDataProblem?: (sentence: string) => void;
  now?: () => number;
  timeouts?: ClockTimeouts;
}

/** The LaMetric desk clock feature. */
export class LametricFeature {
  readonly store: LametricStore;
  readonly clock: ClockService;
  readonly cloud: CloudService;
  readonly indicator: IndicatorService;
  private readonly events: EventBus;
  private readonly now: () => number;
  private readonly log: Logger;
  private cloudView: DevicesView['cloud'];
  private readonly settings: LametricFeatureDeps['settings'];

  constructor(deps: LametricFeatureDeps) {
    this.store = new LametricStore(deps.dataDir, deps.onDataProblem);
    this.cloud = new CloudService({ store: this.store, secrets: deps.secrets, events: deps.events, log: deps.log, openExternal: deps.openExternal, ...(deps.now ? { now: deps.now } : {}) });
    const { settings, onDataProblem: _onDataProblem, ...clockDeps } = deps;
    this.settings = settings;
    this.now = deps.now ?? Date.now;
    this.clock = new ClockService({ ...clockDeps, store: this.store, view: () => this.view() });
    this.indicator = new IndicatorService({ store: this.store, secrets: deps.secrets, log: deps.log, ...(deps.now ? { now: deps.now } : {}), changed: () => deps.events.emit('devices:changed', this.view()) });
    this.cloudView = { cloudUrl: '', clientId: '', hasClientSecret: false, redirectUri: '', signedIn: false };
    this.events = deps.events;
    this.log = deps.log;
  }

  /**
   * Read the file and resume the cloud sign-in, once, at the first use (every handler and the
   * first delivery wait for it). An unreadable file leaves the defaults (no clock paired) and is
   * logged (a damaged one is kept aside and said once, by the store): a desk clock never gets in
   * the way.
   *
   * @throws never.
   */
  readonly load: () => Promise<void> = loadOnce(async () => {
    await this.store.load().catch((error: unknown) => this.log.warn('lametric settings unreadable', { error: error instanceof Error ? error.message : String(error) }));
    await this.cloud.load().catch(() => undefined);
    await this.refreshCloudView().catch(() => undefined);
  });

  /** The whole view (the cloud part as of the last change). */
  view(): DevicesView {
    return { clock: this.clock.clockView(), cloud: { ...this.cloudView }, indicator: this.store.indicator };
  }

  /**
   * Push the watcher's new events to the clock on the home network and to the Indicator app,
   * honouring pause, muted courses and privacy. Never throws.
   */
  async deliver(items: ActivityItem[]): Promise<void> {
    const notes = clockNotificationsFor(items, this.settings, this.now());
    if (notes.length === 0) return;
    await this.load();
    await Promise.all([this.clock.deliver(notes), this.indicator.deliver(notes)]);
  }

  private async refreshCloudView(): Promise<DevicesView> {
    this.cloudView = await this.cloud.view();
    const view = this.view();
    this.events.emit('devices:changed', view);
    return view;
  }

  /** The channel handlers of Settings → Devices (each waits for the first load). */
  handlers() {
    return afterLoad(this.load, {
      'devices:get': (): Promise<ChannelOutput<'devices:get'>> => this.refreshCloudView(),
      'devices:pair': (input: ChannelInput<'devices:pair'>): Promise<ChannelOutput<'devices:pair'>> =>
        this.clock.pair({ address: input.address, apiKey: input.apiKey, allowHttp: input.allowHttp, ...(input.httpPort ? { httpPort: input.httpPort } : {}) }),
      'devices:set': (input: ChannelInput<'devices:set'>): Promise<ChannelOutput<'devices:set'>> => this.clock.setOptions(input),
      'devices:unpair': (): Promise<ChannelOutput<'devices:unpair'>> => this.clock.unpair(),
      'devices:test': (): Promise<ChannelOutput<'devices:test'>> => this.clock.sendTest(),
      'devices:accept-certificate': (input: ChannelInput<'devices:accept-certificate'>): Promise<ChannelOutput<'devices:accept-certificate'>> =>
        this.clock.acceptCertificate(input.sha256),
      'devices:cloud-configure': async (input: ChannelInput<'devices:cloud-configure'>): Promise<ChannelOutput<'devices:cloud-configure'>> => {
        await this.cloud.configure(input);
        return this.refreshCloudView();
      },
      'devices:cloud-find': async (): Promise<ChannelOutput<'devices:cloud-find'>> => {
        try {
          return await this.cloud.findClocks((status, authorizeUrl) => this.events.emit('devices:cloud-progress', { status, authorizeUrl }));
        } finally {
          await this.refreshCloudView();
        }
      },
      'devices:cloud-cancel': (): ChannelOutput<'devices:cloud-cancel'> => ({ cancelled: this.cloud.cancel() }),
      'devices:cloud-pair': (input: ChannelInput<'devices:cloud-pair'>): Promise<ChannelOutput<'devices:cloud-pair'>> => {
        const found = this.cloud.foundClock(input.deviceId);
        return this.clock.pair({ address: input.address ?? found.address, apiKey: found.apiKey, allowHttp: input.allowHttp, name: found.name });
      },
      'devices:cloud-sign-out': async (): Promise<ChannelOutput<'devices:cloud-sign-out'>> => {
        await this.cloud.signOut();
        return this.refreshCloudView();
      },
      'devices:indicator-set': async (input: ChannelInput<'devices:indicator-set'>): Promise<ChannelOutput<'devices:indicator-set'>> => {
        await this.indicator.configure(input);
        return this.refreshCloudView();
      },
      'devices:indicator-remove': async (): Promise<ChannelOutput<'devices:indicator-remove'>> => {
        await this.indicator.remove();
        return this.refreshCloudView();
      },
    });
  }
}

type Handler = (...args: never[]) => unknown;

/** The same handlers, each waiting for `load` first. */
function afterLoad<T extends Record<string, Handler>>(load: () => Promise<void>, handlers: T): { [K in keyof T]: (...args: Parameters<T[K]>) => Promise<Awaited<ReturnType<T[K]>>> } {
  const wrapped: Record<string, Handler> = {};
  for (const [name, handler] of Object.entries(handlers)) {
    wrapped[name] = async (...args: never[]) => {
      await load();
      return (await handler(...args)) as unknown;
    };
  }
  return wrapped as { [K in keyof T]: (...args: Parameters<T[K]>) => Promise<Awaited<ReturnType<T[K]>>> };
}
