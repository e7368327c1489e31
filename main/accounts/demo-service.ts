/**
 * "Try the demo": the built-in Autolab (the sandbox) as an account.
 *
 * The sandbox runs inside the app on 127.0.0.1 with its state next to the
 * user-data folder, so the demo account, its submissions and its sign-in
 * survive restarts. Its port changes per launch, so the demo account's
 * address is updated every time the demo starts. Sign-in then goes through
 * the same real browser flow as any Autolab.
 */
import path from 'node:path';
import type { DemoInfo } from '../../preload/contract';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import type { Logger } from '../logger';
import { UserError } from '../user-error';
import type { AccountsService } from './accounts-service';

/**
 * Where the demo server keeps its database: beside the app's data folder, not
 * in it. The demo server is a server — its database holds its tokens, like any
 * Autolab's — and the app's own folder must never contain a token.
 */
export function demoServerDataDir(appDataDir: string): string {
  return path.join(path.dirname(appDataDir), `${path.basename(appDataDir)} (demo server)`);
}

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
  private sandbox: Promise<Sandbox> | null = null;
  private starting: Promise<DemoInfo> | null = null;

  constructor(
    private readonly accounts: AccountsService,
    private readonly dataDir: string,
    private readonly log: Logger,
    private readonly startServer: typeof startSandbox = startSandbox,
  ) {}

  /**
   * `demo:start`: start (or reuse) the demo server and return its account and demo users.
   *
   * @throws UserError `demo-failed` when the demo server cannot start.
   */
  start(): Promise<DemoInfo> {
    // Single-flight: two quick clicks (or two windows) must not add two demo accounts.
    this.starting ??= this.startOnce().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async startOnce(): Promise<DemoInfo> {
    this.sandbox ??= this.startServer({ port: 0, dataDir: demoServerDataDir(this.dataDir), seedStudents: demoSeedStudents() }).catch((err: unknown) => {
      this.sandbox = null;
      this.log.error('demo server failed to start', { error: err instanceof Error ? err.message : String(err) });
      throw new UserError('demo-failed', 'The demo Autolab could not start; restart Autolab Desktop and try again.');
    });
    const sandbox = await this.sandbox;
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
  async dispose(): Promise<void> {
    const running = this.sandbox;
    this.sandbox = null;
    if (running) await (await running.catch(() => null))?.close();
  }
}
