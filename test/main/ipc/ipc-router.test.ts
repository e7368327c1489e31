import { describe, expect, it } from 'vitest';
import { createIpcRouter, type Handlers } from '../../../main/ipc/ipc-router';
import { createLogger } from '../../../main/logger';
import { UserError } from '../../../main/user-error';

const lines: string[] = [];
const log = createLogger((l) => lines.push(l));
const info = { name: 'Autolab Desktop', version: '1.2.3', host: 'web' as const, platform: 'linux' };

function router(handler: Handlers['app:get-info'] = () => info) {
  return createIpcRouter({ 'app:get-info': handler } as Handlers, log);
}

describe('IPC router', () => {
  it('routes a valid call to its handler and returns its output', async () => {
    expect(await router().dispatch('app:get-info', undefined, { trusted: true })).toEqual({ ok: true, output: info });
  });

  it('refuses an untrusted sender before any handler runs', async () => {
    let ran = false;
    const r = await router(() => ((ran = true), info)).dispatch('app:get-info', undefined, { trusted: false });
    expect(r).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(ran).toBe(false);
  });

  it('refuses unknown channels, including prototype keys', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 42, null, { a: 1 }]) {
      expect(await router().dispatch(name, undefined, { trusted: true })).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
  });

  it('refuses wrong input types with one sentence', async () => {
    for (const bad of [1, 'x', { a: 1 }, [], null]) {
      const r = await router().dispatch('app:get-info', bad, { trusted: true });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      if (!r.ok) expect(r.error.message).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('passes a UserError sentence through and hides internal errors', async () => {
    const user = await router(() => {
      throw new UserError('offline', 'You are offline.');
    }).dispatch('app:get-info', undefined, { trusted: true });
    expect(user).toEqual({ ok: false, error: { code: 'offline', message: 'You are offline.' } });
    const internal = await router(() => {
      throw new TypeError('secret detail at /home/x');
    }).dispatch('app:get-info', undefined, { trusted: true });
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!internal.ok) expect(internal.error.message).not.toContain('secret detail');
  });
});
