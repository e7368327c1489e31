/**
 * A real core (both hosts' composition root) signed in to a real sandbox, for
 * the resilience tests of issue 10: the sandbox is the server, its fault
 * switches are the faults, its request log is what was sent. Secrets stay in
 * memory; the sign-in walks the sandbox's own pages (test/helpers/sandbox-token.ts).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EventName, EventPayload } from '../../../preload/contract';
import { createCore, type Core, type CoreOptions } from '../../../main/composition-root';
import { createLogger } from '../../../main/logger';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox/index';
import { demoStudentTokens } from '../../helpers/sandbox-token';

/** A signed-in core and its sandbox. */
export interface SignedInCore {
  sb: Sandbox;
  core: Core;
  dataDir: string;
  accountId: string;
  /** Files saved by downloads land here. */
  downloads: string;
  /** Every event main emitted, in order. */
  events: Array<{ event: EventName; payload: unknown }>;
  /** URLs the core asked the system browser to open. */
  opened: string[];
  /** Call a channel as the renderer would; resolves to the router's result. */
  call(channel: string, input?: unknown): ReturnType<Core['router']['dispatch']>;
  /** Events of one name. */
  of<E extends EventName>(event: E): Array<EventPayload<E>>;
  /** Requests the sandbox saw whose path matches. */
  requests(pattern: RegExp): Array<{ method: string; path: string; status: number }>;
  close(): Promise<void>;
}

/** Start a core on a fresh data folder. */
export async function startCore(dataDir: string, extra: Partial<CoreOptions> = {}): Promise<{ core: Core; opened: string[]; downloads: string }> {
  const opened: string[] = [];
  const downloads = path.join(dataDir, 'saved');
  await mkdir(downloads, { recursive: true });
  const core = await createCore({
    platform: {
      kind: 'web',
      openExternal: async (url) => {
        opened.push(url);
        return true;
      },
      chooseFolder: async () => downloads,
      chooseSaveFile: async (name) => path.join(downloads, name),
    },
    dataDir,
    version: '0.0.0-test',
    log: createLogger(() => undefined),
    secrets: { loadKeytar: null },
    downloadDirs: [downloads],
    ...extra,
  });
  return { core, opened, downloads };
}

/** A sandbox, a core on a temp folder (or `dataDir`, removed at close), the demo student signed in. */
export async function signedInCore(options: { sandbox?: SandboxOptions; core?: Partial<CoreOptions>; dataDir?: string } = {}): Promise<SignedInCore> {
  const sb = await startSandbox({ port: 0, autogradeDelayMs: 200, ...options.sandbox });
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'ad-resilience-')));
  const { core, opened, downloads } = await startCore(dataDir, options.core);
  const events: SignedInCore['events'] = [];
  core.events.attach((event, payload) => events.push({ event, payload }));
  const call: SignedInCore['call'] = (channel, input) => core.router.dispatch(channel, input, { trusted: true });
  const app = sb.applications[0]!;
  const added = await call('accounts:add-server', { baseUrl: sb.baseUrl, clientId: app.client_id, clientSecret: app.client_secret });
  if (!added.ok) throw new Error(`add-server failed: ${added.error.message}`);
  const accountId = (added.output as { id: string }).id;
  const tokens = await demoStudentTokens(sb);
  await core.accounts.completeSignIn(accountId, {
    accessToken: tokens.access_token,
    ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
    ...(tokens.expires_in ? { expiresAt: Date.now() + tokens.expires_in * 1000 } : {}),
    ...(tokens.scope ? { scope: tokens.scope } : {}),
  });
  return {
    sb,
    core,
    dataDir,
    accountId,
    downloads,
    events,
    opened,
    call,
    of: <E extends EventName>(event: E) => events.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>),
    requests: (pattern) => sb.controls.requestLog().filter((r) => pattern.test(r.path)),
    async close() {
      await core.dispose().catch(() => undefined);
      await sb.close().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolve once `check` is true (polling every 20 ms), or throw after `ms`. */
export async function until(check: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
