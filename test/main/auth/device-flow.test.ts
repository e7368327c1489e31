/**
 * The device-flow client against a stand-in of Autolab's device-flow endpoints
 * (helpers/device-flow-standin.ts, autolab-api.md §3) on a virtual clock.
 * The same scenarios run against the real sandbox in device-flow.sandbox.test.ts
 * once the sandbox branch is merged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceFlow, realSleep, untilNextWindow, type DeviceCodeInfo, type DeviceFlowStatus, type Sleep } from '../../../main/auth/device-flow';
import { OAuthClient } from '../../../main/auth/oauth-client';
import { signInCancelled } from '../../../main/auth/loopback-server';
import { startDeviceStandin, type DeviceStandin } from './helpers/device-flow-standin';

let server: DeviceStandin;
let oauth: OAuthClient;
beforeEach(async () => {
  server = await startDeviceStandin();
  oauth = new OAuthClient({ baseUrl: server.baseUrl, clientId: server.clientId, clientSecret: server.clientSecret, now: () => server.clock.now });
});
afterEach(() => server.close());

/** A sleep that advances the virtual clock and lets `onTick` play the user. */
function virtualSleep(onTick?: (slept: number) => unknown): Sleep {
  return async (ms, signal) => {
    if (signal.aborted) throw signInCancelled();
    server.clock.now += ms;
    await onTick?.(ms);
    if (signal.aborted) throw signInCancelled();
  };
}

const polls = () => server.log.filter((l) => l.line.startsWith('GET /oauth/device_flow_authorize'));

describe('DeviceFlow (Autolab §3)', () => {
  it('shows the code, polls every 5 s while pending, and exchanges with redirect_uri=<base>/device_flow_auth_cb', async () => {
    let info: DeviceCodeInfo | undefined;
    const statuses: DeviceFlowStatus[] = [];
    let ticks = 0;
    const tokens = await new DeviceFlow(oauth).signIn({
      onCode: (i) => (info = i),
      onStatus: (s) => statuses.push(s),
      now: () => server.clock.now,
      sleep: virtualSleep(() => {
        if (++ticks === 4) server.resolve(info!.userCode, 'grant');
      }),
    });
    expect(info!.userCode).toMatch(/^[A-Za-z0-9]{6}$/);
    expect(info!.verificationUri).toBe(`${server.baseUrl}/activate`);
    expect(tokens.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.expiresAt).toBe(server.clock.now + 7200_000);
    expect(polls()).toHaveLength(4); // three pending answers, then the code
    const times = polls().map((p) => p.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(5_000);
    // By the status answered: a random 64-hex device_code in a logged query can contain "429" by chance.
    expect(server.log.filter((l) => l.status === 429)).toEqual([]);
    expect(server.log.every((l) => l.status !== undefined)).toBe(true);
    expect(statuses).toEqual(['waiting', 'waiting', 'waiting', 'waiting', 'exchanging']);
  });

  it('backs off to the next window on 429 and then succeeds', async () => {
    let info: DeviceCodeInfo | undefined;
    const statuses: DeviceFlowStatus[] = [];
    let first = true;
    const tokens = await new DeviceFlow(oauth).signIn({
      onCode: (i) => (info = i),
      onStatus: (s) => statuses.push(s),
      now: () => server.clock.now,
      sleep: virtualSleep(async () => {
        if (first) {
          first = false;
          // Another client on this IP polled in this window: our poll will be throttled.
          const other = await fetch(`${server.baseUrl}/oauth/device_flow_authorize?client_id=${server.clientId}&device_code=x`);
          await other.text();
          server.resolve(info!.userCode, 'grant');
        }
      }),
    });
    expect(tokens.accessToken).toBeTruthy();
    expect(statuses).toContain('slowed-down');
  });

  it('stops with one sentence when the user denies', async () => {
    let info: DeviceCodeInfo | undefined;
    const error = await new DeviceFlow(oauth)
      .signIn({ onCode: (i) => (info = i), now: () => server.clock.now, sleep: virtualSleep(() => server.resolve(info!.userCode, 'deny')) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sign-in-denied', message: 'Sign-in was denied in the browser; try again when you are ready.' });
  });

  it('stops on Cancel, and a new attempt cancels the previous one', async () => {
    const flow = new DeviceFlow(oauth);
    const controller = new AbortController();
    const first = flow.signIn({
      onCode: () => {},
      signal: controller.signal,
      sleep: (_ms, signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signInCancelled()))),
    });
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await expect(first).rejects.toMatchObject({ code: 'sign-in-cancelled' });

    const a = flow.signIn({ onCode: () => {}, sleep: (_ms, signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signInCancelled()))) });
    await new Promise((r) => setTimeout(r, 50));
    server.clock.now += 30_000; // next init window
    const b = flow.signIn({ onCode: () => {}, maxWaitMs: 1, now: () => server.clock.now, sleep: virtualSleep() });
    await expect(a).rejects.toMatchObject({ code: 'sign-in-cancelled' });
    await expect(b).rejects.toMatchObject({ code: 'sign-in-timeout' });
  });

  it('gives up after maxWaitMs when nobody enters the code', async () => {
    const error = await new DeviceFlow(oauth).signIn({ onCode: () => {}, maxWaitMs: 60_000, now: () => server.clock.now, sleep: virtualSleep() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sign-in-timeout' });
    expect(polls().length).toBeGreaterThanOrEqual(10);
    expect(polls().length).toBeLessThanOrEqual(12);
  });

  it('explains an unknown client id in one sentence', async () => {
    const bad = new OAuthClient({ baseUrl: server.baseUrl, clientId: 'nope', clientSecret: 'x' });
    await expect(new DeviceFlow(bad).signIn({ onCode: () => {}, sleep: virtualSleep() })).rejects.toMatchObject({ code: 'invalid-client' });
  });

  it('reports a server without the device flow clearly', async () => {
    const other = new OAuthClient({ baseUrl: `${server.baseUrl}/not-autolab`, clientId: server.clientId, clientSecret: server.clientSecret });
    await expect(new DeviceFlow(other).signIn({ onCode: () => {}, sleep: virtualSleep() })).rejects.toMatchObject({ code: 'device-flow-unavailable' });
  });

  it('realSleep waits, and rejects at once with sign-in-cancelled when aborted', async () => {
    const started = Date.now();
    await realSleep(30, new AbortController().signal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const controller = new AbortController();
    const pending = realSleep(60_000, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'sign-in-cancelled' });
    await expect(realSleep(1, AbortSignal.abort())).rejects.toMatchObject({ code: 'sign-in-cancelled' });
  });

  it('computes the next fixed window aligned to the epoch', () => {
    expect(untilNextWindow(10_000, 5_000)).toBe(5_250);
    expect(untilNextWindow(12_000, 5_000)).toBe(3_250);
  });
});
