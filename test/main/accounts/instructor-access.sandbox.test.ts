/**
 * Scopes asked for honestly (issue 12), against the sandbox: an added server
 * asks students only for student scopes, "I teach a course" and
 * `requestInstructorAccess` add `instructor_all` without replacing the
 * account, and the scopes the token response granted are what is stored.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountsService } from '../../../main/accounts/accounts-service';
import { UrlAllowList } from '../../../main/accounts/url-allow-list';
import { EventBus } from '../../../main/events';
import { createLogger } from '../../../main/logger';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { sandboxToken } from '../../helpers/sandbox-token';

describe('instructor access on an account', () => {
  let sb: Sandbox;
  let dir: string;
  let accounts: AccountsService;
  beforeAll(async () => {
    sb = await startSandbox({ port: 0 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'acct-scopes-'));
    accounts = new AccountsService({
      dataDir: dir,
      secrets: new MemorySecretStore(),
      secretWarning: null,
      secretKind: 'memory',
      events: new EventBus(),
      allowList: new UrlAllowList(),
      log: createLogger(() => undefined),
      version: 'test',
    });
    await accounts.start();
  });
  afterAll(async () => {
    await sb.close();
    await rm(dir, { recursive: true, force: true });
  });

  const app = () => sb.applications.find((a) => a.scopes.includes('instructor_all'))!;

  it('asks a new account for student scopes only, and widens the same account on request', async () => {
    const view = await accounts.addServer({ baseUrl: sb.baseUrl, clientId: app().client_id, clientSecret: app().client_secret });
    expect(view.scopes).toEqual([]);
    expect(view.instructorAccess).toBe(false);
    expect(view.instructorAskedAtSignIn).toBe(false);
    expect(accounts.requestedScopes(view.id)).toEqual(['user_info', 'user_courses', 'user_scores', 'user_submit']);
    await accounts.requestInstructorAccess(view.id);
    expect(accounts.requestedScopes(view.id)).toContain('instructor_all');
    expect(accounts.list().accounts.map((a) => a.id)).toEqual([view.id]);
  });

  it('stores the scopes the token response granted, not the ones asked for', async () => {
    const [account] = accounts.list().accounts;
    const user = sb.users.find((u) => u.email === 'instructor@example.edu')!;
    // Grant fewer than asked: the user's browser approved only student scopes.
    const t = await sandboxToken({
      baseUrl: sb.baseUrl, clientId: app().client_id, clientSecret: app().client_secret,
      redirectUri: app().redirect_uris.find((u) => u.startsWith('http://127.0.0.1'))!,
      scopes: ['user_info', 'user_courses'], email: user.email, password: user.password,
    });
    const view = await accounts.completeSignIn(account!.id, { accessToken: t.access_token, refreshToken: t.refresh_token, scope: t.scope });
    expect(view.scopes).toEqual(['user_info', 'user_courses']);
    expect(view.instructorAccess).toBe(true);
    // This sign-in asked for instructor_all and did not get it: the tab says "not granted", not "not asked".
    expect(view.instructorAskedAtSignIn).toBe(true);
  });

  it('"I teach a course on this Autolab" asks for instructor_all from the first sign-in', async () => {
    const other = await startSandbox({ port: 0 });
    try {
      const a = other.applications.find((x) => x.scopes.includes('instructor_all'))!;
      const view = await accounts.addServer({ baseUrl: other.baseUrl, clientId: a.client_id, clientSecret: a.client_secret, instructorAccess: true });
      expect(accounts.requestedScopes(view.id)).toEqual(['user_info', 'user_courses', 'user_scores', 'user_submit', 'instructor_all']);
    } finally {
      await other.close();
    }
  });
});
