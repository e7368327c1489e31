/**
 * Issue 10 item 6, against the sandbox through the real core: cached data
 * first, a hang said as "Autolab is not answering" with a working Cancel, a
 * 429 said at once with the time of the next try (no silent waits), the
 * offline state cleared when the server answers again, and a stalled
 * download that ends in a sentence or the user's Cancel. Requests are
 * counted in the sandbox's request log.
 */
import { readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { signedInCore, until, type SignedInCore } from './core-harness';

const COURSE = 'demo-15213';
const REF = { course: COURSE, assessment: 'datalab' };
let h: SignedInCore | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('waiting for Autolab', () => {
  it('hang: the cached assessment is there before the hanging request ends; after the stall time the user is told, and Cancel ends it with the cached copy', async () => {
    h = await signedInCore({ core: { stallMs: 300 } });
    const ref = { accountId: h.accountId, ...REF };
    const warm = await h.call('assessment:get', ref);
    expect(warm.ok).toBe(true);
    const detailPath = /\/assessments\/datalab$/;
    const before = h.requests(detailPath).length;

    h.sb.controls.injectFault({ route: 'assessment', kind: 'hang' });
    let freshSettled = false;
    const fresh = h.call('assessment:get', ref).finally(() => (freshSettled = true));
    const cached = await h.call('assessment:get', { ...ref, source: 'cache' });
    // The page's cached copy arrived while the fresh request was still hanging.
    expect(cached.ok && (cached.output as { data: { name: string } }).data.name).toBe('datalab');
    expect(freshSettled).toBe(false);

    await until(() => h!.of('network:waiting').some((w) => w.accountId === h!.accountId && w.waiting), 5000, 'network:waiting');
    expect(freshSettled).toBe(false);
    const cancel = await h.call('network:cancel', { accountId: h.accountId });
    expect(cancel.ok && (cancel.output as { cancelled: number }).cancelled).toBeGreaterThanOrEqual(1);
    const result = await fresh;
    expect(result.ok).toBe(true);
    const out = result.ok ? (result.output as { stale: boolean; error: string | null }) : null;
    expect(out?.stale).toBe(true);
    expect(out?.error).toMatch(/Autolab is not answering/);
    await until(() => h!.of('network:waiting').at(-1)?.waiting === false, 2000, 'waiting: false');
    // One hung GET of the detail, never retried.
    const after = h.requests(detailPath).slice(before);
    expect(after.map((r) => r.status)).toEqual([0]);
  });

  it('429: answered at once from the cache with the time of the next try, one request per list, no silent retries; the offline state clears when Autolab answers again', async () => {
    h = await signedInCore();
    const input = { accountId: h.accountId };
    expect((await h.call('courses:list', input)).ok).toBe(true);
    const coursePath = /\/api\/v1\/courses$/;
    const before = h.requests(coursePath).length;

    h.sb.controls.injectFault({ route: 'courses', kind: 'status429', count: 20 });
    const started = Date.now();
    const limited = await h.call('courses:list', input);
    expect(limited.ok).toBe(true);
    const out = (limited.ok ? limited.output : null) as { stale: boolean; error: string; retryAt: number } | null;
    expect(out?.stale).toBe(true);
    expect(out?.error).toMatch(/slow down; the next try is at \d/);
    expect(out!.retryAt).toBeGreaterThan(started);
    expect(out!.retryAt).toBeLessThanOrEqual(Date.now() + 31_000);
    // The four per-state list requests were each sent once and answered 429; nothing was repeated.
    const during = h.requests(coursePath).slice(before);
    expect(during.map((r) => r.status)).toEqual([429, 429, 429, 429]);
    expect(h.of('network:reachable').some((r) => r.accountId === h!.accountId && !r.reachable)).toBe(false); // a 429 is an answer

    // Offline: the server is gone for a request (reset), then answers again.
    h.sb.controls.clearFaults();
    h.sb.controls.injectFault({ route: 'courses', kind: 'reset', count: 12 });
    const offline = await h.call('courses:list', input);
    expect(offline.ok && (offline.output as { stale: boolean }).stale).toBe(true);
    expect(h.of('network:reachable').at(-1)).toEqual({ accountId: h.accountId, reachable: false });
    h.sb.controls.clearFaults();
    const back = await h.call('courses:list', input);
    expect(back.ok && (back.output as { stale: boolean }).stale).toBe(false);
    expect(h.of('network:reachable').at(-1)).toEqual({ accountId: h.accountId, reachable: true });
  });

  it('a stalled handout download ends with a sentence after the idle time, and Cancel stops one at once', async () => {
    h = await signedInCore({ core: { downloadIdleMs: 400 } });
    const input = { accountId: h.accountId, ...REF, kind: 'handout' as const };
    h.sb.controls.injectFault({ route: 'handout', kind: 'hang' });
    const stalled = await h.call('assessment:download', input);
    expect(stalled).toMatchObject({ ok: false, error: { code: 'download-stalled' } });
    expect(stalled.ok ? '' : stalled.error.message).toBe('The handout download stopped: Autolab sent nothing for 1 second; try again later.');

    h.sb.controls.injectFault({ route: 'handout', kind: 'hang' });
    let settled = false;
    const running = h.call('assessment:download', { ...input, downloadId: 'dl-1' }).finally(() => (settled = true));
    let cancelled = false;
    await until(() => {
      void h!.call('download:cancel', { downloadId: 'dl-1' }).then((r) => (cancelled ||= r.ok && (r.output as { cancelled: boolean }).cancelled));
      return cancelled;
    }, 3000, 'download registered');
    const result = await running;
    expect(settled).toBe(true);
    expect(result).toEqual({ ok: true, output: { kind: 'cancelled' } });
    // Two handout GETs in all (both hung), and no half file left behind.
    expect(h.requests(/\/handout$/).length).toBe(2);
    expect((await readdir(h.downloads).catch(() => [])).filter((f) => f.endsWith('.part'))).toEqual([]);

    const ok = await h.call('assessment:download', input);
    expect(ok).toMatchObject({ ok: true, output: { kind: 'file' } });
  });
});
