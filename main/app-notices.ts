/**
 * Sentences the user must read once: a data file kept aside, leftovers swept.
 *
 * Problems found while the core starts happen before any window is there to
 * hear an event, so notices wait here until the renderer takes them
 * (`app:notices`, each shown once); a notice raised later also goes out at
 * once as an `app:notice` event. Issue 10 item 4: "the user is told in one
 * sentence".
 */
import { randomUUID } from 'node:crypto';
import type { AppNotice } from '../preload/contract';
import type { EventBus } from './events';

/** Pending notices for the renderer. */
export class AppNotices {
  private pending: AppNotice[] = [];

  constructor(private readonly events: EventBus) {}

  /** Keep a sentence for the renderer and announce it. */
  add(message: string, level: AppNotice['level'] = 'warning'): void {
    const notice = { id: randomUUID(), level, message };
    this.pending.push(notice);
    this.events.emit('app:notice', notice);
  }

  /** `app:notices`: the notices not yet shown; each is handed out once. */
  take(): AppNotice[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }
}
