/**
 * "Try the demo": the built-in Autolab (the sandbox) as an account.
 *
 * The sandbox runs inside the app on 127.0.0.1 with its state next to the
 * user-data folder, so the demo account, its submissions and its sign-in
 * survive restarts. Its port changes per launch, so the demo account's
 * address is updated every time the demo starts. Sign-in then goes through
 * the same real browser flow as any Autolab.
 */
import type { DemoInfo } from '../../preload/contract';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { EmbeddedServer, demoServerDataDir, singleFlight } from '../demo/embedded-server';
import type { Logger } from '../logger';
import { UserError } from '../user-error';
import type { AccountsService } from './accounts-service';

/**
 * Extra generated students for the demo course, from `AUTOLAB_DEMO_SEED_STUDENTS`
 * (e.g. 2000 for the roster end-to-end test); 0 when unset or not a number.
 */
export function demoSeedStudents(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.AUTOLAB_DEMO_SEED_STUDENTS ?? 0);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 9999) : 0;
}

/** Starts the embedded demo Autolab once and keeps the demo account pointing at it. */
export class DemoService {
  private readonly server: EmbeddedServer<Sandbox>;

  constructor(
    private readonly accounts: AccountsService,
    dataDir: string,
    log: Logger,
    startServer: typeof startSandbox = startSandbox,
  ) {
    this.server = new EmbeddedServer({
      name: 'Autolab',
      log,
      start: () => startServer({ port: 0, dataDir: demoServerDataDir(dataDir), seedStudents: demoSeedStudents() }),
    });
  }

  /**
   * `demo:start`: start (or reuse) the demo server and return its account and demo users.
   *
   * @throws UserError `demo-failed` when the demo server cannot start.
   */
  readonly start: () => Promise<DemoInfo> = singleFlight(() => this.startOnce());

  private async startOnce(): Promise<DemoInfo> {
    const sandbox = await this.server.ensure();
    const app = sandbox.applications.find((a) => a.scopes.includes('user_submit')) ?? sandbox.applications[0];
    if (!app) throw new UserError('demo-failed', 'The demo Autolab has no app registered; restart Autolab Desktop.');
    const existing = this.accounts.store.list().find((r) => r.isDemo);
    let accountId: string;
    if (existing) {
      await this.accounts.updateServer(existing.id, { baseUrl: sandbox.baseUrl, clientId: app.client_id, clientSecret: app.client_secret });
      accountId = existing.id;
      this.accounts.changed();
    } else {
      const view = await this.accounts.addServer({
        name: 'Demo Autolab',
        baseUrl: sandbox.baseUrl,
        clientId: app.client_id,
        clientSecret: app.client_secret,
        isDemo: true,
        // Students are asked only for student scopes; the demo instructor asks for more from the Roster tab (issue 12).
      });
      accountId = view.id; // addServer already announced the change
    }
    return {
      account: this.accounts.viewOf(accountId),
      users: sandbox.users.map((u) => ({ email: u.email, password: u.password, role: u.role })),
    };
  }

  /** Stop the demo server (app quit). */
  dispose(): Promise<void> {
    return this.server.stop();
  }
}
