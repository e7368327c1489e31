/**
 * rack-attack's fixed-window throttles.
 *
 * Why: Autolab counts requests in windows aligned to multiples of the period since the epoch
 * (the cache key includes `floor(now/period)`), and every request counts, even ones that later
 * fail (autolab-api.md §5.2).
 */

/** Counts requests per key in fixed windows. */
export class FixedWindowLimiter {
  private counts = new Map<string, number>();
  private lastSweep = 0;

  /**
   * Count a request and say whether it is over the limit.
   *
   * @param name throttle name (e.g. `api/general`)
   * @param key discriminator (user id, token or IP)
   * @param limit requests allowed per window
   * @param periodSec window length in seconds
   * @param nowMs the sandbox clock
   * @returns true when this request exceeds the limit
   */
  hit(name: string, key: string, limit: number, periodSec: number, nowMs: number): boolean {
    const window = Math.floor(nowMs / 1000 / periodSec);
    const k = `${name}:${window}:${key}`;
    const n = (this.counts.get(k) ?? 0) + 1;
    this.counts.set(k, n);
    this.sweep(nowMs);
    return n > limit;
  }

  /** Forget every counter (used when rate limits are switched off and on). */
  reset(): void {
    this.counts.clear();
  }

  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweep < 60_000 && this.counts.size < 10_000) return;
    this.lastSweep = nowMs;
    const nowSec = nowMs / 1000;
    for (const k of this.counts.keys()) {
      const [name, window] = k.split(':');
      const period = name === 'api/submit' ? 60 : name === 'oauth/device_flow_authorize' ? 5 : 30;
      if ((Number(window) + 2) * period < nowSec) this.counts.delete(k);
    }
  }
}
