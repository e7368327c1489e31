/**
 * Issue 11 item 9: signing in again revokes the pair it replaces; a sign-in
 * for a different user than the account had is refused (and its tokens
 * revoked); concurrent "Try the demo" makes one demo account.
 * Against the real sandbox.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../../main/composition-root';
import { createLogger } from '../../../main/logger';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { sandboxToken } from '../../helpers/sandbox-token';
import { api, STUDENT, TA, tokenRequest } from '../../sandbox/sandbox-client.js';

let sb: Sandbox;
let core: Core;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ad-hygiene-'));
  sb = await startSandbox({ rateLimits: false });
  core = await createCore({
    platform: { kind: 'web', openExternal: async () => false, chooseFolder: async () => null },
    secrets: { loadKeytar: null },
    dataDir: dir,
    version: '1.0.0',
    log: createLogger(() => undefined),
  });
});
afterAll(async () => {
  await core.dispose();
  await sb.close();
  await rm(dir, { recursive: true, force: true });
});

const app = () => sb.applications.find((a) => a.scopes.includes('user_submit')) ?? sb.applications[0]!;
async function tokensFor([email, password]: readonly [string, string]) {
  const a = app();
  const t = await sandboxToken({ baseUrl: sb.baseUrl, clientId: a.client_id, clientSecret: a.client_secret, redirectUri: a.redirect_uris.find((u) => u.startsWith('http://127.0.0.1')) ?? a.redirect_uris[0]!, scopes: a.scopes, email, password });
  return { accessToken: t.access_token, refreshToken: t.refresh_token!, scope: t.scope };
}
const refreshWorks = async (refreshToken: string) =>
  (await tokenRequest(sb.baseUrl, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: app().client_id, client_secret: app().client_secret })).status === 200;

describe('sign-in hygiene', () => {
  let accountId: string;

  it('signing in again revokes the pair it replaces', async () => {
    const added = await core.router.dispatch('accounts:add-server', { baseUrl: sb.baseUrl, clientId: app().client_id, clientSecret: app().client_secret }, { trusted: true });
    expect(added.ok).toBe(true);
    accountId = (added as { output: { id: string } }).output.id;
    const first = await tokensFor(STUDENT);
    await core.accounts.completeSignIn(accountId, first);
    const second = await tokensFor(STUDENT);
    const view = await core.accounts.completeSignIn(accountId, second);
    expect(view.identity?.email).toBe(STUDENT[0]);
    expect((await api(sb, first.accessToken, '/user')).status).toBe(401);
    expect(await refreshWorks(first.refreshToken)).toBe(false);
    expect((await api(sb, second.accessToken, '/user')).status).toBe(200);
  });

  it('a sign-in for another user is refused with a sentence, revoked, and leaves the account as it was', async () => {
    const other = await tokensFor(TA);
    await expect(core.accounts.completeSignIn(accountId, other)).rejects.toMatchObject({
      code: 'identity-changed',
      message: expect.stringMatching(/^That sign-in was for ta@example\.edu, but this account is student@example\.edu/),
    });
    expect((await api(sb, other.accessToken, '/user')).status).toBe(401);
    expect(await refreshWorks(other.refreshToken)).toBe(false);
    const session = await core.accounts.session(accountId);
    expect((await session.client.user()).email).toBe(STUDENT[0]);
    expect(core.accounts.viewOf(accountId).identity?.email).toBe(STUDENT[0]);
  });

  it('after signing out, another user may sign in', async () => {
    await core.accounts.signOut(accountId);
    const view = await core.accounts.completeSignIn(accountId, await tokensFor(TA));
    expect(view.identity?.email).toBe(TA[0]);
  });

  it('concurrent "Try the demo" makes one demo account', async () => {
    const adds = vi.spyOn(core.accounts, 'addServer');
    const answers = await Promise.all([1, 2, 3].map(() => core.router.dispatch('demo:start', undefined, { trusted: true })));
    // One start did the work; the others waited for it (no racing addServer calls).
    expect(adds).toHaveBeenCalledTimes(1);
    adds.mockRestore();
    for (const a of answers) expect(a.ok).toBe(true);
    const ids = new Set(answers.map((a) => (a as { output: { account: { id: string } } }).output.account.id));
    expect(ids.size).toBe(1);
    expect(core.accounts.list().accounts.filter((a) => a.isDemo)).toHaveLength(1);
  });
});
