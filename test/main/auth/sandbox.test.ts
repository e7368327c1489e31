/**
 * Sign-in end to end against the real sandbox (a faithful Autolab, issue 3):
 * loopback flow through its real login and consent pages, Autolab's device
 * flow through /activate (on the sandbox's own clock, advanced by the injected
 * sleep, so rate limits apply exactly and the test stays fast), refresh with
 * deferred revocation, the refresh race counted in the sandbox's request log,
 * invalid_grant and sign-out; and a `production` sandbox where loopback cannot
 * work and the device flow does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { DeviceFlow, type DeviceCodeInfo, type Sleep } from '../../../main/auth/device-flow';
import { LoopbackFlow } from '../../../main/auth/loopback-flow';
import { signInCancelled } from '../../../main/auth/loopback-server';
import { OAuthClient, SignedOutError } from '../../../main/auth/oauth-client';
import { isTokenRejection, TokenRejectedError, TokenService } from '../../../main/auth/token-service';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import { refreshTokenKey } from '../../../main/secrets/secret-store';
import { browseSandbox } from './helpers/sandbox-browser';

const SCOPE = 'user_info user_courses user_scores user_submit';

interface Env {
  sandbox: Sandbox;
  oauth: OAuthClient;
  offset: { ms: number };
  student: { email: string; password: string };
  /** Users who have never authorized the app (consent is skipped for users who have, §2.7). */
  fresh: Array<{ email: string; password: string }>;
}

async function setup(production: boolean): Promise<Env> {
  const sandbox = await startSandbox({ port: 0, production, autogradeDelayMs: 0 });
  const app = sandbox.applications.find((a) => a.name === 'Autolab Desktop')!;
  const offset = { ms: 0 };
  const oauth = new OAuthClient({ baseUrl: sandbox.baseUrl, clientId: app.client_id, clientSecret: app.client_secret, now: () => Date.now() + offset.ms });
  const student = sandbox.users.find((u) => u.role === 'student')!;
  const fresh = sandbox.users.filter((u) => u.role !== 'student');
  return { sandbox, oauth, offset, student, fresh };
}

/** Advance the sandbox's clock (and the app's) instead of waiting. */
function virtualSleep(env: Env, onTick?: () => Promise<void>): Sleep {
  return async (ms, signal) => {
    if (signal.aborted) throw signInCancelled();
    env.offset.ms += ms;
    env.sandbox.controls.setClockOffset(env.offset.ms);
    await onTick?.();
  };
}

async function getUser(env: Env, accessToken: string): Promise<{ email: string }> {
  const res = await fetch(`${env.sandbox.baseUrl}/api/v1/user`, { headers: { authorization: `Bearer ${accessToken}` } });
  const body: unknown = await res.json();
  if (isTokenRejection(res.status, body)) throw new TokenRejectedError();
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  return body as { email: string };
}

async function loopbackSignIn(env: Env) {
  return new LoopbackFlow(env.oauth).signIn({ scope: SCOPE, openExternal: async (url) => (void browseSandbox(url, env.student), true) });
}

describe('against the sandbox (development mode)', () => {
  let env: Env;
  beforeAll(async () => {
    env = await setup(false);
  });
  afterAll(() => env.sandbox.close());

  it('loopback flow: signs in through the real login and consent pages, and the token works on /api/v1/user', async () => {
    let page: ReturnType<typeof browseSandbox> | undefined;
    const tokens = await new LoopbackFlow(env.oauth).signIn({ scope: SCOPE, openExternal: async (url) => ((page = browseSandbox(url, env.student)), true) });
    expect((await page!).body).toContain('You can close this tab and return to Autolab Desktop');
    expect(tokens.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.scope).toBe(SCOPE);
    await expect(getUser(env, tokens.accessToken)).resolves.toMatchObject({ email: env.student.email });
  });

  it('loopback flow: Deny on the consent page is one sentence', async () => {
    const user = env.fresh.pop()!;
    const error = await new LoopbackFlow(env.oauth)
      .signIn({ scope: SCOPE, openExternal: async (url) => (void browseSandbox(url, { ...user, deny: true }), true) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sign-in-denied' });
  });

  it('device flow: code entered on /activate, polled on the sandbox clock, exchanged with device_flow_auth_cb', async () => {
    env.sandbox.controls.resetRequestLog();
    let info: DeviceCodeInfo | undefined;
    let polled = 0;
    const tokens = await new DeviceFlow(env.oauth).signIn({
      onCode: (i) => (info = i),
      now: () => Date.now() + env.offset.ms,
      sleep: virtualSleep(env, async () => {
        if (++polled === 2) await browseSandbox(info!.verificationUri, { ...env.student, userCode: info!.userCode });
      }),
    });
    expect(info!.userCode).toMatch(/^[A-Za-z0-9]{6}$/);
    expect(info!.verificationUri).toBe(`${env.sandbox.baseUrl}/activate`);
    await expect(getUser(env, tokens.accessToken)).resolves.toMatchObject({ email: env.student.email });
    const log = env.sandbox.controls.requestLog();
    expect(log.filter((e) => e.path === '/oauth/device_flow_authorize' && e.status === 429)).toEqual([]);
    expect(log.filter((e) => e.path === '/oauth/device_flow_authorize').map((e) => e.status)).toEqual([400, 200]); // one pending answer, then the code
  });

  it('device flow: a dropped poll is reported as a connection problem and polling carries on', async () => {
    env.offset.ms += 30_000; // next device_flow_init window
    env.sandbox.controls.setClockOffset(env.offset.ms);
    env.sandbox.controls.injectFault({ route: 'device_flow_authorize', kind: 'reset', count: 1 });
    let info: DeviceCodeInfo | undefined;
    const statuses: string[] = [];
    let ticks = 0;
    const tokens = await new DeviceFlow(env.oauth).signIn({
      onCode: (i) => (info = i),
      onStatus: (s) => statuses.push(s),
      now: () => Date.now() + env.offset.ms,
      sleep: virtualSleep(env, async () => {
        if (++ticks === 2) await browseSandbox(info!.verificationUri, { ...env.student, userCode: info!.userCode });
      }),
    });
    expect(statuses).toContain('connection-problem');
    await expect(getUser(env, tokens.accessToken)).resolves.toMatchObject({ email: env.student.email });
  });

  it('device flow: Deny on the consent page stops polling with one sentence', async () => {
    env.offset.ms += 30_000; // next device_flow_init window
    env.sandbox.controls.setClockOffset(env.offset.ms);
    const user = env.fresh.pop()!;
    let info: DeviceCodeInfo | undefined;
    let denied = false;
    const error = await new DeviceFlow(env.oauth)
      .signIn({
        onCode: (i) => (info = i),
        now: () => Date.now() + env.offset.ms,
        sleep: virtualSleep(env, async () => {
          if (!denied) {
            denied = true;
            await browseSandbox(info!.verificationUri, { ...user, userCode: info!.userCode, deny: true });
          }
        }),
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sign-in-denied' });
  });

  it('refresh race: 20 concurrent API calls after the token expired at the server make exactly one refresh, and all 20 succeed', async () => {
    const secrets = new MemorySecretStore();
    const tokens = await loopbackSignIn(env);
    const service = await TokenService.fromSignIn({ accountId: 'race', oauth: env.oauth, secrets }, tokens);
    // The server's clock moves past the 2-h lifetime; the app's clock does not know (reactive path).
    env.sandbox.controls.setClockOffset(env.offset.ms + 7300_000);
    env.sandbox.controls.resetRequestLog();
    const users = await Promise.all(Array.from({ length: 20 }, () => service.withToken((t) => getUser(env, t))));
    for (const u of users) expect(u.email).toBe(env.student.email);
    const log = env.sandbox.controls.requestLog();
    expect(log.filter((e) => e.path === '/oauth/token')).toHaveLength(1);
    expect(log.filter((e) => e.path === '/api/v1/user' && e.status === 401)).toHaveLength(20);
    expect(log.filter((e) => e.path === '/api/v1/user' && e.status === 200)).toHaveLength(20);
    const rotated = await secrets.get(refreshTokenKey('race'));
    expect(rotated).not.toBe(tokens.refreshToken);
    // Deferred revocation (§2.5): the new access token has been used, so the old refresh token is dead now.
    await expect(env.oauth.refresh(tokens.refreshToken!)).rejects.toBeInstanceOf(SignedOutError);
    env.sandbox.controls.setClockOffset(env.offset.ms);
  });

  it('proactive refresh with the app clock: one token request for 20 callers', async () => {
    const tokens = await loopbackSignIn(env);
    const service = await TokenService.fromSignIn({ accountId: 'proactive', oauth: env.oauth, secrets: new MemorySecretStore(), now: () => Date.now() + env.offset.ms }, tokens);
    env.offset.ms += 7200_000 - 30_000; // 30 s left by both clocks
    env.sandbox.controls.setClockOffset(env.offset.ms);
    env.sandbox.controls.resetRequestLog();
    await Promise.all(Array.from({ length: 20 }, () => service.withToken((t) => getUser(env, t))));
    const log = env.sandbox.controls.requestLog();
    expect(log.filter((e) => e.path === '/oauth/token')).toHaveLength(1);
    expect(log.filter((e) => e.path === '/api/v1/user' && e.status === 401)).toHaveLength(0);
  });

  it('invalid_grant after the app was revoked: signed-out state, no retry loop', async () => {
    const secrets = new MemorySecretStore();
    const tokens = await loopbackSignIn(env);
    const service = await TokenService.fromSignIn({ accountId: 'revoked', oauth: env.oauth, secrets }, tokens);
    await env.oauth.revoke(tokens.accessToken, 'access_token'); // revokes the pair (§2.9)
    const states: string[] = [];
    service.onStateChange((s, r) => states.push(`${s}:${r}`));
    env.sandbox.controls.resetRequestLog();
    await expect(service.withToken((t) => getUser(env, t))).rejects.toBeInstanceOf(SignedOutError);
    expect(states).toEqual(['signed-out:invalid-grant']);
    await expect(service.withToken((t) => getUser(env, t))).rejects.toBeInstanceOf(SignedOutError);
    expect(env.sandbox.controls.requestLog().filter((e) => e.path === '/oauth/token')).toHaveLength(1);
    expect(await secrets.get(refreshTokenKey('revoked'))).toBeNull();
  });

  it('sign-out revokes at /oauth/revoke and deletes the secrets', async () => {
    const secrets = new MemorySecretStore();
    const tokens = await loopbackSignIn(env);
    const service = await TokenService.fromSignIn({ accountId: 'out', oauth: env.oauth, secrets }, tokens);
    env.sandbox.controls.resetRequestLog();
    await expect(service.signOut()).resolves.toEqual({ revoked: true });
    expect(env.sandbox.controls.requestLog().filter((e) => e.path === '/oauth/revoke').length).toBeGreaterThanOrEqual(1);
    expect(await secrets.get(refreshTokenKey('out'))).toBeNull();
    await expect(getUser(env, tokens.accessToken)).rejects.toBeInstanceOf(TokenRejectedError);
    await expect(env.oauth.refresh(tokens.refreshToken!)).rejects.toBeInstanceOf(SignedOutError);
  });
});

describe('against a production-mode sandbox (no http loopback redirect registered)', () => {
  let env: Env;
  beforeAll(async () => {
    env = await setup(true);
  });
  afterAll(() => env.sandbox.close());

  it('loopback flow cannot work: the browser shows the invalid-redirect-URI page and the app ends with a sentence offering the code', async () => {
    let page: ReturnType<typeof browseSandbox> | undefined;
    const error = await new LoopbackFlow(env.oauth)
      .signIn({ scope: SCOPE, timeoutMs: 1_500, openExternal: async (url) => ((page = browseSandbox(url, env.student)), true) })
      .catch((e: unknown) => e as Error);
    const shown = await page!;
    expect(shown.status).toBeGreaterThanOrEqual(400);
    expect(shown.body.toLowerCase()).toContain('redirect uri');
    expect(error).toMatchObject({ code: 'sign-in-timeout' });
    expect((error as Error).message).toMatch(/sign in with a code instead/);
  });

  it('device flow succeeds', async () => {
    let info: DeviceCodeInfo | undefined;
    let ticks = 0;
    const tokens = await new DeviceFlow(env.oauth).signIn({
      onCode: (i) => (info = i),
      now: () => Date.now() + env.offset.ms,
      sleep: virtualSleep(env, async () => {
        if (++ticks === 1) await browseSandbox(info!.verificationUri, { ...env.student, userCode: info!.userCode });
      }),
    });
    await expect(getUser(env, tokens.accessToken)).resolves.toMatchObject({ email: env.student.email });
  });
});
