/**
 * Send a batch of writes at the pace the server's answers allow.
 *
 * Why: stock Autolab does not throttle requests that carry the token only in
 * the `Authorization: Bearer` header (autolab-api.md §5.2), so a fixed gap
 * between writes only wastes the user's time (issue 12: 50 rows took 10× a
 * plain curl loop). A deployment may still count them (a changed
 * rack-attack rule, a proxy), and a busy server answers slowly, so the pace
 * follows the answers: a few writes in flight, one more after a run of quick
 * answers, one fewer after a slow answer, half as many after a 429 — and then
 * nothing until the next fixed window, since the 429 carries no Retry-After.
 * A 429 is refused before Autolab runs the request, so that write (and only
 * that one) is sent again; any other failure is final for its item.
 */
import { msUntilNextWindow, type Clock } from '../autolab/autolab-http';
import { UserError } from '../user-error';

/** How to pace a batch. */
export interface PaceOptions {
  clock: Clock;
  signal?: AbortSignal;
  /** Writes in flight at the start (default 3). */
  initialInFlight?: number;
  /** Never more than this many in flight (default 6). */
  maxInFlight?: number;
  /** An answer slower than this (ms) means the server is busy (default 2000). */
  slowMs?: number;
  /** How many 429s one item may meet before it fails (default 4). */
  rateLimitWaits?: number;
  /** The server's rate window (default 30 000 ms, §5.2). */
  windowMs?: number;
  /** Items with the same key are sent one after another, in order (e.g. the same email). */
  keyOf?: (index: number) => string;
  /** After every settled item, and when a 429 makes the batch wait. */
  onProgress?: (p: { done: number; total: number; waitingMs: number }) => void;
}

/** What became of one item. */
export type PacedResult<T> = { kind: 'ok'; value: T } | { kind: 'failed'; error: UserError } | { kind: 'cancelled' };

/** What the pacing did, for logs and the benchmark. */
export interface PaceStats {
  rateLimited: number;
  slowAnswers: number;
  peakInFlight: number;
}

const asUserError = (err: unknown): UserError =>
  err instanceof UserError ? err : new UserError('internal', 'Something went wrong inside Autolab Desktop; please try again.');

/**
 * Run `send(i)` for i in 0…count−1, paced by the answers; results in index order.
 *
 * Never throws for an item's failure. Cancel (the signal) starts nothing new:
 * writes already sent finish and keep their result, the rest are `cancelled`.
 */
export async function runPaced<T>(
  count: number,
  send: (index: number) => Promise<T>,
  opts: PaceOptions,
): Promise<{ results: PacedResult<T>[]; stats: PaceStats }> {
  const max = Math.max(1, opts.maxInFlight ?? 6);
  let limit = Math.min(max, Math.max(1, opts.initialInFlight ?? 3));
  const slowMs = opts.slowMs ?? 2000;
  const maxWaits = opts.rateLimitWaits ?? 4;
  const windowMs = opts.windowMs ?? 30_000;
  const results: (PacedResult<T> | undefined)[] = new Array(count);
  const waits = new Array<number>(count).fill(0);
  const pending: number[] = Array.from({ length: count }, (_, i) => i);
  const busyKeys = new Set<string>();
  const stats: PaceStats = { rateLimited: 0, slowAnswers: 0, peakInFlight: 0 };
  let inFlight = 0;
  let done = 0;
  let quickRun = 0;
  let pausedUntil = 0;
  let wake: (() => void) | null = null;
  const nudge = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const settle = (i: number, r: PacedResult<T>) => {
    results[i] = r;
    done++;
    opts.onProgress?.({ done, total: count, waitingMs: 0 });
  };

  /** The first pending item whose key is free and not owed to an earlier pending item. */
  const pick = (): number | undefined => {
    if (!opts.keyOf) return pending.shift();
    const seen = new Set<string>();
    for (let p = 0; p < pending.length; p++) {
      const key = opts.keyOf(pending[p]!);
      if (!busyKeys.has(key) && !seen.has(key)) return pending.splice(p, 1)[0];
      seen.add(key);
    }
    return undefined;
  };

  const launch = (i: number) => {
    const key = opts.keyOf?.(i);
    if (key !== undefined) busyKeys.add(key);
    inFlight++;
    stats.peakInFlight = Math.max(stats.peakInFlight, inFlight);
    const started = opts.clock.now();
    send(i).then(
      (value) => {
        if (opts.clock.now() - started > slowMs) {
          stats.slowAnswers++;
          limit = Math.max(1, limit - 1);
          quickRun = 0;
        } else if (++quickRun >= limit) {
          limit = Math.min(max, limit + 1);
          quickRun = 0;
        }
        settle(i, { kind: 'ok', value });
      },
      (err: unknown) => {
        const e = asUserError(err);
        if (e.code === 'rate-limited' && waits[i]! < maxWaits && !opts.signal?.aborted) {
          waits[i]!++;
          stats.rateLimited++;
          limit = Math.max(1, Math.floor(limit / 2));
          quickRun = 0;
          const now = opts.clock.now();
          pausedUntil = Math.max(pausedUntil, now + msUntilNextWindow(now, windowMs) + 250);
          pending.unshift(i);
        } else if (e.code === 'cancelled') {
          settle(i, { kind: 'cancelled' });
        } else {
          settle(i, { kind: 'failed', error: e });
        }
      },
    ).finally(() => {
      if (key !== undefined) busyKeys.delete(key);
      inFlight--;
      nudge();
    });
  };

  opts.signal?.addEventListener('abort', nudge, { once: true });
  while (done < count) {
    if (opts.signal?.aborted) {
      for (const i of pending.splice(0)) settle(i, { kind: 'cancelled' });
      if (inFlight === 0) break;
    } else {
      const waitMs = pausedUntil - opts.clock.now();
      if (waitMs > 0 && inFlight === 0) {
        opts.onProgress?.({ done, total: count, waitingMs: waitMs });
        await opts.clock.sleep(waitMs, opts.signal).catch(() => undefined);
        pausedUntil = 0; // waited as long as the window asked
        continue;
      }
      if (waitMs <= 0) {
        for (let i = inFlight < limit ? pick() : undefined; i !== undefined; i = inFlight < limit ? pick() : undefined) launch(i);
      }
    }
    if (inFlight === 0 && !pending.length) break;
    await new Promise<void>((resolve) => {
      wake = resolve;
      if (opts.signal?.aborted && pending.length) resolve();
    });
  }
  return { results: results.map((r) => r ?? { kind: 'cancelled' as const }), stats };
}
