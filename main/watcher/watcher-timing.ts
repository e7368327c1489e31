/**
 * The watcher's clock and pace, injectable so tests can move time (issue 6).
 *
 * The defaults keep background polling rare (a full look every 10 minutes),
 * quick only while an autograder runs, and detect sleep from clock jumps.
 */

/** Time and timers, injectable. */
export interface WatcherClock {
  now(): number;
  setTimer(fn: () => void, ms: number): { cancel(): void };
}

/** The watcher's pace (all ms). */
export interface WatcherTiming {
  idleScanMs: number;
  coursesEveryMs: number;
  hotFirstMs: number;
  hotMaxMs: number;
  hotForMs: number;
  gradingPollMs: number;
  heartbeatMs: number;
  sleepJumpMs: number;
  awaySummaryMs: number;
  maxBackoffMs: number;
  /** A rescan reads submissions this long before a deadline (scan-policy.ts). */
  nearDeadlineMs: number;
  /** …and those of other open assessments at most this often. */
  openRecheckMs: number;
  /** …at most this many of those per course and scan (the longest unread first). */
  rechecksPerScan: number;
}

/** The production pace. */
export const DEFAULT_TIMING: WatcherTiming = {
  idleScanMs: 10 * 60_000,
  coursesEveryMs: 60 * 60_000,
  hotFirstMs: 4_000,
  hotMaxMs: 30_000,
  hotForMs: 15 * 60_000,
  gradingPollMs: 60_000,
  heartbeatMs: 60_000,
  sleepJumpMs: 5 * 60_000,
  awaySummaryMs: 6 * 60 * 60_000,
  maxBackoffMs: 15 * 60_000,
  nearDeadlineMs: 24 * 60 * 60_000,
  openRecheckMs: 2 * 60 * 60_000,
  rechecksPerScan: 5,
};

/** The real clock with unref'd timers. */
export const realClock: WatcherClock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};

