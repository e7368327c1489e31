/**
 * "Try the demo" for Open edX: the built-in Open edX sandbox as a site, beside
 * the demo Autolab. Its database lives beside the app's data folder (it is a
 * server, with a server's tokens), never in it. Its port changes per launch,
 * so the demo site is re-validated and moved to the new address (same id,
 * cache and watcher history) at every start.
 */
import path from 'node:path';
import type { OpenedxDemoInfo } from '../../preload/contract';
import { startOpenedxSandbox, type OpenedxSandbox } from '../../sandbox/openedx/index';
import { EmbeddedServer, demoServerDataDir, singleFlight } from '../demo/embedded-server';
import type { Logger } from '../logger';
import { UserError } from '../user-error';
import type { OpenedxService } from './openedx-service';

/** Starts the embedded demo Open edX once and keeps the demo site pointing at it. */
export class OpenedxDemo {
  private readonly embedded: EmbeddedServer<OpenedxSandbox>;

  constructor(
    private readonly sites: OpenedxService,
    dataDir: string,
    log: Logger,
    startServer: typeof startOpenedxSandbox = startOpenedxSandbox,
  ) {
    this.embedded = new EmbeddedServer({
      name: 'Open edX',
      log,
      start: () => startServer({ port: 0, dataDir: path.join(demoServerDataDir(dataDir), 'openedx') }),
    });
  }

  /**
   * When the Open edX sites are first used (nothing is read at start-up), bring the demo server
   * back if a demo site is configured: its address changes per launch.
   */
  resumeWhenUsed(): void {
    this.sites.whenStarted(async () => {
      if (this.sites.store.list().some((s) => s.isDemo)) await this.start();
    });
  }

  /** The running demo server, if started (tests drive its controls). */
  get server(): Promise<OpenedxSandbox> | null {
    return this.embedded.current;
  }

  /**
   * `openedx:demo-start`: start (or reuse) the demo server, add or update the demo site.
   *
   * @throws UserError `demo-failed` when the server cannot start; the add-site errors otherwise.
   */
  readonly start: () => Promise<OpenedxDemoInfo> = singleFlight(() => this.startOnce());

  private async startOnce(): Promise<OpenedxDemoInfo> {
    const sb = await this.embedded.ensure();
    const app = sb.applications.find((a) => a.grant_type === 'client-credentials' && a.scopes.includes('grades:read'));
    if (!app) throw new UserError('demo-failed', 'The demo Open edX has no application registered; restart Autolab Desktop.');
    const old = this.sites.store.list().find((s) => s.isDemo);
    const site = await this.sites.addSite({
      mode: 'client-credentials',
      name: 'Demo Open edX',
      baseUrl: sb.baseUrl,
      clientId: app.client_id,
      clientSecret: app.client_secret,
      isDemo: true,
      ...(old ? { replaceId: old.id } : {}),
    });
    return { site, users: sb.users.map((u) => ({ ...u })) };
  }

  /** Stop the demo server (app quit). */
  dispose(): Promise<void> {
    return this.embedded.stop();
  }
}
