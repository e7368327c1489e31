/**
 * One sign-in attempt at a time: starting a new one cancels the running one.
 *
 * Shared by the loopback and device flows (design.md "Sign-in": a new
 * sign-in cancels the previous one). The attempt's signal aborts on the
 * user's Cancel, on `cancel()`, or when a newer attempt starts.
 */
export class SingleAttempt {
  private current: AbortController | undefined;

  /**
   * Run `attempt` as the current one, linked to the caller's `signal`.
   *
   * @throws whatever `attempt` throws.
   */
  async run<T>(signal: AbortSignal | undefined, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.current?.abort();
    const controller = new AbortController();
    this.current = controller;
    const onUserAbort = () => controller.abort();
    if (signal?.aborted) controller.abort();
    signal?.addEventListener('abort', onUserAbort, { once: true });
    try {
      return await attempt(controller.signal);
    } finally {
      signal?.removeEventListener('abort', onUserAbort);
      if (this.current === controller) this.current = undefined;
    }
  }

  /**
   * Cancel the running attempt, if any.
   *
   * @throws never.
   */
  cancel(): void {
    this.current?.abort();
  }
}
