/**
 * A watcher on a fake clock against the real sandbox: signs demo users in,
 * moves the sandbox's clock in step with the watcher's, and records what the
 * watcher delivers and every request it makes (issue 6 tests).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ActivityItem } from '../../../preload/contract';
import { createAutolabClient, type AutolabClient } from '../../../main/autolab/autolab-client';
import { createLogger } from '../../../main/logger';
import { AnnouncementStore } from '../../../main/watcher/announcement-store';
import { GradeWatcher, type WatcherSession } from '../../../main/watcher/grade-watcher';
import type { GradingUpdate } from '../../../main/watcher/watcher-tasks';
import type { Submission } from '../../../main/autolab/schemas';
import { WatcherSettingsStore } from '../../../main/watcher/watcher-settings';
import type { WatcherTiming } from '../../../main/watcher/watcher-timing';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { sandboxToken } from '../../helpers/sandbox-token';

/** The demo users the tests sign in. */
export const DEMO = { student: ['student@example.edu', 'demo-student'], alice: ['alice@example.edu', 'demo-alice'], bob: ['bob@example.edu', 'demo-bob'] } as const;

/** One delivery of the watcher. */
export interface Delivery { items: ActivityItem[]; mode: 'each' | 'summary' }

/** The sandbox, signed-in clients and a fake clock shared by the watchers of one test. */
export class Harness {
  /** Fake time: starts 1 s into a 30-s window, so requests of one tick stay inside its window. */
  t = Math.floor(Date.now() / 30_000) * 30_000 + 1_000;
  readonly deliveries: Delivery[] = [];
  /** Every request a watcher made: account and fake time. */
  readonly calls: Array<{ accountId: string; at: number }> = [];
  readonly clients = new Map<string, AutolabClient>();
  /** Every `grading:update` the watchers pushed. */
  readonly updates: GradingUpdate[] = [];
  /** Every submissions list the watchers read (what the app writes into the offline cache). */
  readonly listed: Array<{ accountId: string; course: string; assessment: string; list: Submission[] }> = [];
  /** While true, the watchers' requests go to a port where nothing listens (offline). */
  unreachable = false;
  private readonly deadClients = new Map<string, AutolabClient>();
  private constructor(readonly sb: Sandbox, readonly dir: string) {}

  /** Start a sandbox and sign in the given demo users. */
  static async create(users: Array<keyof typeof DEMO>): Promise<Harness> {
    const sb = await startSandbox({ port: 0, autogradeDelayMs: 100, accessTokenLifetimeSec: 10 ** 8 });
    const h = new Harness(sb, await mkdtemp(path.join(os.tmpdir(), 'watcher-test-')));
    const app = sb.applications[0]!;
    for (const name of users) {
      const [email, password] = DEMO[name];
      const tokens = await sandboxToken({ baseUrl: sb.baseUrl, clientId: app.client_id, clientSecret: app.client_secret, redirectUri: 'http://127.0.0.1/callback', scopes: app.scopes, email, password });
      // Like the watcher's clients in the app: no retries, no waiting out a 429 (watcher-service.ts).
      const client = (baseUrl: string) => createAutolabClient({ baseUrl, getAccessToken: async () => tokens.access_token, log: createLogger(() => undefined), userAgent: 'watcher-test', retryLimit: 0, rateLimitWaits: 0 });
      h.clients.set(name, client(sb.baseUrl));
      h.deadClients.set(name, client(`http://127.0.0.1:${await closedPort()}`));
    }
    h.sync();
    return h;
  }

  /** Keep the sandbox's clock equal to the fake one. */
  sync(): void {
    this.sb.controls.setClockOffset(this.t - Date.now());
  }

  /** Move both clocks. */
  advance(ms: number): void {
    this.t += ms;
    this.sync();
  }

  /** A new watcher over the same data folder (a "restart" when called again). */
  async watcher(timing: Partial<WatcherTiming> = {}): Promise<{ watcher: GradeWatcher; store: AnnouncementStore; settings: WatcherSettingsStore }> {
    const store = new AnnouncementStore(this.dir);
    const settings = new WatcherSettingsStore(this.dir);
    await Promise.all([store.load(), settings.load()]);
    const sessions: WatcherSession[] = [...this.clients].map(([accountId, client]) => ({ accountId, client: this.counted(accountId, client) }));
    const watcher = new GradeWatcher({
      sessions: () => sessions,
      store,
      settings,
      deliver: (items, mode) => this.deliveries.push({ items, mode }),
      onGradingUpdate: (u) => this.updates.push(u),
      onSubmissionsListed: (place, list) => this.listed.push({ ...place, list }),
      log: createLogger(() => undefined),
      clock: { now: () => this.t, setTimer: () => ({ cancel: () => undefined }) },
      timing,
    });
    return { watcher, store, settings };
  }

  /** Tick every `stepMs` for `totalMs` of fake time. */
  async run(watcher: GradeWatcher, totalMs: number, stepMs = 30_000): Promise<void> {
    for (let elapsed = 0; elapsed < totalMs; elapsed += stepMs) {
      await watcher.tick();
      this.advance(stepMs);
    }
  }

  /** Every delivered item, flattened. */
  items(): ActivityItem[] {
    return this.deliveries.flatMap((d) => d.items);
  }

  /** Stop the sandbox and delete the data folder. */
  async close(): Promise<void> {
    await this.sb.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }

  private counted(accountId: string, live: AutolabClient): WatcherSession['client'] {
    const dead = this.deadClients.get(accountId)!;
    const client = () => (this.unreachable ? dead : live);
    const note = <T>(p: () => Promise<T>) => (this.calls.push({ accountId, at: this.t }), p());
    return {
      courses: (s) => note(() => client().courses(s)),
      assessments: (c) => note(() => client().assessments(c)),
      assessment: (c, a) => note(() => client().assessment(c, a)),
      submissions: (c, a, sig) => note(() => client().submissions(c, a, sig)),
    };
  }
}

/** A local port where nothing listens (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Submit `content` as bits.c to the demo Data Lab as `user`; returns the new version. */
export async function submit(harness: Harness, user: string, content: string): Promise<number> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'handin-')), 'bits.c');
  await writeFile(file, content);
  const out = await harness.clients.get(user)!.submit('demo-15213', 'datalab', file);
  if (!out.ok) throw new Error(out.message);
  return out.version;
}

/** Let the sandbox autograder (100 ms after a submit) finish. */
export const settle = () => new Promise((r) => setTimeout(r, 300));
