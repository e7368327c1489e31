/**
 * Single-use launch tickets of the web host (issue 11 item 1).
 *
 * Jupyter-style: what the browser is handed at launch is not the session
 * secret but a ticket that works once and for one minute; the page trades it
 * for the session secret over the WebSocket. A ticket seen later (in browser
 * history, a process list, a launcher file left behind) opens nothing.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a ticket is valid. */
export const TICKET_TTL_MS = 60_000;
/** At most this many unredeemed tickets are kept (the oldest is dropped). */
const MAX_OPEN_TICKETS = 16;

/** Issues and redeems single-use tickets. */
export class LaunchTickets {
  private readonly open = new Map<string, number>();

  /** @param now clock (injectable for tests) */
  constructor(private readonly now: () => number = Date.now) {}

  /** A new ticket (32 random bytes, hex), valid once for {@link TICKET_TTL_MS}. */
  issue(): string {
    const ticket = randomBytes(32).toString('hex');
    this.open.set(ticket, this.now() + TICKET_TTL_MS);
    while (this.open.size > MAX_OPEN_TICKETS) this.open.delete(this.open.keys().next().value as string);
    return ticket;
  }

  /** Whether `presented` is a live ticket; it is spent either way if it matched. */
  redeem(presented: string): boolean {
    const t = this.now();
    const given = Buffer.from(presented);
    for (const [ticket, expires] of this.open) {
      if (expires <= t) {
        this.open.delete(ticket);
        continue;
      }
      const want = Buffer.from(ticket);
      if (want.length === given.length && timingSafeEqual(want, given)) {
        this.open.delete(ticket);
        return true;
      }
    }
    return false;
  }
}
