/**
 * The watcher's request budget: fixed 30-second windows, per account and overall.
 *
 * Autolab allows 10 API requests per 30 s per user, in windows aligned to
 * multiples of 30 s since the epoch (autolab-api.md §5.2). Background polling
 * must stay well inside that, whatever the user does in the app at the same
 * time, so the watcher takes at most `perAccount` requests per window for each
 * account and `global` for all accounts together, and skips an account's
 * current window entirely after a 429 (issue 6).
 */

/** Limits of a {@link RequestBudget}. */
export interface RequestBudgetLimits {
  /** Requests per window per account (default 5: half of Autolab's 10). */
  perAccount: number;
  /** Requests per window for every account together (default 12). */
  global: number;
  /** The window length in ms (default 30 000, §5.2). */
  windowMs: number;
  /**
   * Requests per window per account for a screen the user is looking at (default 3): with the watcher's 3 for
   * its scan (whose first look must not be crowded out, or a grade seen first by the page is never announced)
   * and 2 for urgent polls, 8 of Autolab's 10.
   */
  foreground: number;
  /** Budgeted requests per window per account, background and screen together (default 8 of Autolab's 10). */
  accountCap: number;
}

const DEFAULTS: RequestBudgetLimits = { perAccount: 5, global: 12, windowMs: 30_000, foreground: 3, accountCap: 8 };

/** Counts the watcher's requests in fixed windows. */
export class RequestBudget {
  readonly limits: RequestBudgetLimits;
  private window = -1;
  private total = 0;
  private readonly perAccount = new Map<string, number>();
  private readonly foregroundUsed = new Map<string, number>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(limits: Partial<RequestBudgetLimits> = {}) {
    this.limits = { ...DEFAULTS, ...limits };
  }

  /**
   * Could a request be taken now? Background work leaves two requests per
   * account and three overall in every window for urgent polls (a submit just
   * landed, a reminder is due), so those never wait behind a long scan.
   */
  canTake(accountId: string, now: number, urgent = false): boolean {
    this.roll(now);
    if ((this.blockedUntil.get(accountId) ?? 0) > now) return false;
    const used = this.perAccount.get(accountId) ?? 0;
    // The overview's screen refresh shares the account's window (issue 15): together they stay under the cap,
    // and the last two requests of it are kept for urgent polls (a submit being graded).
    const together = used + (this.foregroundUsed.get(accountId) ?? 0);
    if (together >= this.limits.accountCap - (urgent ? 0 : 2)) return false;
    return urgent ? used < this.limits.perAccount && this.total < this.limits.global : used < this.limits.perAccount - 2 && this.total < this.limits.global - 3;
  }

  /** Take one request for `accountId` at `now`; false when the window is spent (nothing is taken). */
  take(accountId: string, now: number, urgent = false): boolean {
    if (!this.canTake(accountId, now, urgent)) return false;
    this.perAccount.set(accountId, (this.perAccount.get(accountId) ?? 0) + 1);
    this.total += 1;
    return true;
  }

  /**
   * Take one request for a screen the user is looking at (the overview's paced
   * refresh, issue 15): at most `foreground` per window, and only while the
   * window's total (watcher included) stays two requests below `accountCap`,
   * which only the watcher's urgent polls may use; the watcher never takes
   * the total past `accountCap`. Budgeted requests thus never pass 8 per 30 s per
   * account, leaving Autolab's other 2 for the user's own clicks.
   */
  takeForeground(accountId: string, now: number): boolean {
    this.roll(now);
    if ((this.blockedUntil.get(accountId) ?? 0) > now) return false;
    const background = this.perAccount.get(accountId) ?? 0;
    const foreground = this.foregroundUsed.get(accountId) ?? 0;
    // Leave the watcher's urgent polls (a submit being graded) two requests of the same window.
    if (foreground >= this.limits.foreground || background + foreground >= this.limits.accountCap - 2) return false;
    this.foregroundUsed.set(accountId, foreground + 1);
    return true;
  }

  /** After a 429: no more requests for this account until the next window. */
  blockUntilNextWindow(accountId: string, now: number): void {
    this.blockedUntil.set(accountId, this.nextWindowAt(now));
  }

  /** When the next window starts. */
  nextWindowAt(now: number): number {
    return (Math.floor(now / this.limits.windowMs) + 1) * this.limits.windowMs;
  }

  private roll(now: number): void {
    const w = Math.floor(now / this.limits.windowMs);
    if (w === this.window) return;
    this.window = w;
    this.total = 0;
    this.perAccount.clear();
    this.foregroundUsed.clear();
  }
}
