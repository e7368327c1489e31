/**
 * Watch submissions while the autograder runs and push their scores.
 *
 * Feedback must appear without a manual refresh (issue 5): after a submit, or
 * when an assessment shows a submission still being graded, poll that
 * assessment's submissions gently — every 3 s at first, backing off to 20 s,
 * giving up after 15 minutes — and emit `grading:update` whenever a
 * submission's view changes. One poll loop per assessment, however often it is
 * asked for. Requests go with the Bearer header, which Autolab's limiter does
 * not count (autolab-api.md §5.2), but the pace stays polite anyway.
 */
import type { AccountSession } from '../accounts/account-session';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import { toSubmissionView } from './views';

/** Which assessment to watch. */
export interface GradingTarget {
  accountId: string;
  course: string;
  assessment: string;
}

/** Timing of the poller (injectable for tests). */
export interface GradingPollerTiming {
  firstDelayMs: number;
  maxDelayMs: number;
  giveUpAfterMs: number;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => { cancel(): void };
}

const DEFAULT_TIMING: GradingPollerTiming = {
  firstDelayMs: 3000,
  maxDelayMs: 20_000,
  giveUpAfterMs: 15 * 60_000,
  now: Date.now,
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};

/** Polls assessments whose submissions are being graded. */
export class GradingPoller {
  private readonly loops = new Map<string, { cancel(): void }>();
  private readonly timing: GradingPollerTiming;

  constructor(
    private readonly session: (accountId: string) => Promise<AccountSession>,
    private readonly events: EventBus,
    private readonly log: Logger,
    timing: Partial<GradingPollerTiming> = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...timing };
  }

  /** Start watching (no-op when already watching this assessment). */
  watch(target: GradingTarget): void {
    const key = JSON.stringify([target.accountId, target.course, target.assessment]);
    if (this.loops.has(key)) return;
    const started = this.timing.now();
    const known = new Map<number, string>();
    let delay = this.timing.firstDelayMs;
    const tick = async () => {
      try {
        const { client } = await this.session(target.accountId);
        const detail = await client.assessment(target.course, target.assessment);
        const list = (await client.submissions(target.course, target.assessment)).map((s) => toSubmissionView(s, detail.has_autograder === true));
        for (const submission of list) {
          const fingerprint = JSON.stringify(submission);
          if (known.get(submission.version) !== fingerprint) {
            const first = !known.has(submission.version);
            known.set(submission.version, fingerprint);
            if (!first || !submission.grading) this.events.emit('grading:update', { ...target, submission });
          }
        }
        if (!list.some((s) => s.grading)) return this.stop(key);
      } catch (err) {
        this.log.warn('grading poll failed', { error: err instanceof Error ? err.message : String(err) });
      }
      if (this.timing.now() - started > this.timing.giveUpAfterMs) return this.stop(key);
      delay = Math.min(this.timing.maxDelayMs, Math.round(delay * 1.5));
      this.loops.set(key, this.timing.setTimer(() => void tick(), delay));
    };
    this.loops.set(key, this.timing.setTimer(() => void tick(), delay));
  }

  /** Number of assessments being watched. */
  get size(): number {
    return this.loops.size;
  }

  /** Stop every loop. */
  dispose(): void {
    for (const loop of this.loops.values()) loop.cancel();
    this.loops.clear();
  }

  private stop(key: string): void {
    this.loops.get(key)?.cancel();
    this.loops.delete(key);
  }
}
