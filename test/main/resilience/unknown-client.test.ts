/**
 * Issue 10 item 8: after the server's database was reset, the app's client
 * id is unknown there; Sign in used to wait forever on the browser's
 * "unknown client" page. Now it says so at once, offers to remove and re-add
 * the server, and never opens the browser. A real sandbox is reset by
 * starting a fresh one on the same address.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/composition-root';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { startCore, until } from './core-harness';

let sb: Sandbox | undefined;
let core: Core | undefined;
let dir = '';
afterEach(async () => {
  await core?.dispose();
  await sb?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  core = undefined;
  sb = undefined;
});

describe('a server that no longer knows the app', () => {
  it.each(['loopback', 'device'] as const)('%s sign-in says so at once and offers remove-and-re-add, without opening the browser', async (method) => {
    sb = await startSandbox({ port: 0 });
    const port = Number(new URL(sb.baseUrl).port);
    dir = await mkdtemp(path.join(os.tmpdir(), 'ad-client-'));
    const started = await startCore(dir);
    core = started.core;
    const events: Array<{ event: string; payload: unknown }> = [];
    core.events.attach((event, payload) => events.push({ event, payload }));
    const call = (channel: string, input?: unknown) => core!.router.dispatch(channel, input, { trusted: true });
    const app = sb.applications[0]!;
    const added = await call('accounts:add-server', { baseUrl: sb.baseUrl, clientId: app.client_id, clientSecret: app.client_secret });
    expect(added.ok).toBe(true);
    const accountId = added.ok ? (added.output as { id: string }).id : '';

    // The database is reset: same address, a fresh Autolab that never registered this app.
    await sb.close();
    sb = await startSandbox({ port });

    expect(await call('auth:sign-in', { accountId, method })).toEqual({ ok: true, output: { started: true } });
    await until(() => events.some((e) => e.event === 'auth:progress' && (e.payload as { phase: string }).phase === 'failed'), 5000, 'failed');
    const failed = events.find((e) => e.event === 'auth:progress')!.payload;
    expect(failed).toEqual({
      accountId,
      phase: 'failed',
      message: `127.0.0.1:${port} no longer knows Autolab Desktop (its database may have been reset); remove this server and add it again.`,
      suggestDevice: false,
      offerReAdd: true,
    });
    expect(started.opened).toEqual([]);
    const log = sb.controls.requestLog();
    expect(log.filter((r) => r.path.startsWith('/oauth/authorize'))).toEqual([]);
    expect(log.filter((r) => r.path === '/oauth/token').map((r) => r.status)).toEqual([401]);

    // The offered way out works: remove, then add with the new credentials.
    expect((await call('accounts:remove', { accountId })).ok).toBe(true);
    const fresh = sb.applications[0]!;
    expect((await call('accounts:add-server', { baseUrl: sb.baseUrl, clientId: fresh.client_id, clientSecret: fresh.client_secret })).ok).toBe(true);
  });
});
