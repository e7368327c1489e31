/**
 * One roster action on many enrollments: drop them, or move them to another
 * lecture or section — the `roster:bulk` channel (issue 12).
 *
 * Why: selecting fifty rows and dropping them should not take fifty dialogs.
 * The writes are paced by the server's answers (`paced-writes.ts`, §5.2),
 * every row ends with its own result, and Cancel stops what has not been
 * sent. Dropping is Autolab's DELETE, which only sets `dropped` (§4.14).
 */
import type { BulkResultRow, ChannelInput, ChannelOutput } from '../../preload/contract';
import type { Clock } from '../autolab/autolab-http';
import { systemClock } from '../autolab/autolab-http';
import type { EventBus } from '../events';
import { UserError } from '../user-error';
import { InstructorGuard, type InstructorGuardDeps } from './instructor-guard';
import { runPaced } from './paced-writes';

/** What bulk actions need. */
export interface RosterBulkDeps extends InstructorGuardDeps {
  events: EventBus;
  clock?: Clock;
}

/** Runs bulk roster actions, one at a time per id. */
export class RosterBulk {
  private readonly guard: InstructorGuard;
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly deps: RosterBulkDeps) {
    this.guard = new InstructorGuard(deps);
  }

  /**
   * `roster:bulk`: apply the action to every email; results in the given order.
   *
   * @throws UserError `bulk-running` when the same id is already running.
   */
  async run({ accountId, course, emails, action, bulkId }: ChannelInput<'roster:bulk'>): Promise<ChannelOutput<'roster:bulk'>> {
    if (this.running.has(bulkId)) throw new UserError('bulk-running', 'This change is already being applied.');
    if (action.kind === 'move' && !action.lecture && !action.section) throw new UserError('bad-input', 'Choose a lecture or a section to move the students to.');
    const controller = new AbortController();
    this.running.set(bulkId, controller);
    try {
      const unique = [...new Set(emails)];
      return await this.guard.run(accountId, course, async (client) => {
        const { results } = await runPaced(
          unique.length,
          async (i) => {
            const email = unique[i]!;
            if (action.kind === 'drop') await client.dropEnrollment(course, email);
            else await client.updateEnrollment(course, email, { ...(action.lecture ? { lecture: action.lecture } : {}), ...(action.section ? { section: action.section } : {}) });
          },
          {
            clock: this.deps.clock ?? systemClock,
            signal: controller.signal,
            onProgress: (p) => this.deps.events.emit('roster:bulk-progress', { bulkId, ...p }),
          },
        );
        const rows: BulkResultRow[] = unique.map((email, i) => {
          const r = results[i]!;
          if (r.kind === 'ok') return { email, outcome: 'done', message: null };
          if (r.kind === 'cancelled') return { email, outcome: 'cancelled', message: null };
          return { email, outcome: 'failed', message: r.error.message };
        });
        return { rows };
      });
    } finally {
      this.running.delete(bulkId);
    }
  }

  /** `roster:bulk-cancel`: send nothing more; writes already sent finish. */
  cancel({ bulkId }: ChannelInput<'roster:bulk-cancel'>): ChannelOutput<'roster:bulk-cancel'> {
    const c = this.running.get(bulkId);
    c?.abort();
    return { cancelled: c !== undefined };
  }

  /** Stop everything (app quit). */
  dispose(): void {
    for (const c of this.running.values()) c.abort();
    this.running.clear();
  }
}
