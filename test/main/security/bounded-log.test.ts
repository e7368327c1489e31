/**
 * Issue 11 item 9: refused connections and invalid messages are logged at a
 * bounded rate, and a refusal says how many were left out.
 */
import { describe, expect, it } from 'vitest';
import { BOUNDED_LOG_BURST, BOUNDED_LOG_WINDOW_MS, createBoundedLog } from '../../../main/bounded-log';
import { createIpcRouter } from '../../../main/ipc/ipc-router';
import { createLogger } from '../../../main/logger';

describe('bounded log', () => {
  it('writes a burst per kind and window, then counts the rest', () => {
    const lines: string[] = [];
    let now = 0;
    const log = createBoundedLog(createLogger((l) => lines.push(l)), () => now);
    for (let i = 0; i < 1000; i++) log.warn('refused', 'refused a connection');
    log.warn('other', 'another kind');
    expect(lines).toHaveLength(BOUNDED_LOG_BURST + 1);
    now += BOUNDED_LOG_WINDOW_MS;
    log.warn('refused', 'refused a connection');
    expect(lines.at(-2)).toContain(`${1000 - BOUNDED_LOG_BURST} more like "refused"`);
    expect(lines.at(-1)).toContain('refused a connection');
  });

  it('the IPC router logs a flood of invalid or untrusted calls in a few short lines', async () => {
    const lines: string[] = [];
    const router = createIpcRouter({} as never, createLogger((l) => lines.push(l)));
    const huge = { accountId: Array.from({ length: 10_000 }, () => 1) };
    for (let i = 0; i < 200; i++) {
      await router.dispatch('accounts:remove', huge, { trusted: true });
      await router.dispatch('accounts:remove', huge, { trusted: false });
    }
    expect(lines.length).toBeLessThanOrEqual(2 * BOUNDED_LOG_BURST);
    for (const l of lines) expect(l.length).toBeLessThan(1000);
  });
});
