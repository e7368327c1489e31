/**
 * A logger that writes at most a few lines a minute per kind of event.
 *
 * Refused connections and invalid messages come from the network: a local
 * process could send thousands a second, and each would otherwise cost a log
 * line (disk, CPU, and a flood that hides the real failures). Issue 11 item 9.
 */
import type { Logger } from './logger';

/** How many lines per kind and window are written (the rest are counted). */
export const BOUNDED_LOG_BURST = 5;
/** The window of {@link BOUNDED_LOG_BURST}, in milliseconds. */
export const BOUNDED_LOG_WINDOW_MS = 60_000;

/** Warn through `log`, at most {@link BOUNDED_LOG_BURST} lines per `kind` per window. */
export interface BoundedLog {
  warn(kind: string, message: string, fields?: Record<string, unknown>): void;
}

/**
 * Wrap `log`; the first line of a new window says how many were left out.
 *
 * `now` is injectable for tests.
 */
export function createBoundedLog(log: Logger, now: () => number = Date.now): BoundedLog {
  const windows = new Map<string, { start: number; written: number; suppressed: number }>();
  return {
    warn(kind, message, fields) {
      const t = now();
      let w = windows.get(kind);
      if (!w || t - w.start >= BOUNDED_LOG_WINDOW_MS) {
        const suppressed = w?.suppressed ?? 0;
        w = { start: t, written: 0, suppressed: 0 };
        windows.set(kind, w);
        if (suppressed > 0) log.warn(`${suppressed} more like "${kind}" were not logged in the last minute`);
      }
      if (w.written < BOUNDED_LOG_BURST) {
        w.written++;
        log.warn(message, fields);
      } else {
        w.suppressed++;
      }
      if (windows.size > 100) windows.delete(windows.keys().next().value as string);
    },
  };
}
