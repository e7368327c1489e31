/**
 * Apply a planned roster import at a pace the server accepts.
 *
 * Why: Autolab counts 10 API requests per 30 s per user where its limiter
 * applies and answers 429 with no Retry-After (autolab-api.md §5.2). Writes
 * are never retried blindly, but a 429 is refused before the app runs, so
 * the same row is safely sent again once the next fixed window opens
 * (`msUntilNextWindow`). Rows go one at a time with a small gap; every row
 * ends with an outcome, so nothing is silently skipped.
 */
import type { ImportOutcome, ImportResultRow } from '../../preload/contract';
import type { AutolabClient } from '../autolab/autolab-client';
import { msUntilNextWindow, type Clock } from '../autolab/autolab-http';
import { UserError } from '../user-error';
import { toCsv } from './csv';
import { toPatch, type PlannedRow } from './roster-plan';

/** How to pace and report an import. */
export interface ApplyOptions {
  /** Milliseconds between two writes (default 150). */
  paceMs?: number;
  /** How many times one row may meet a 429 before it fails (default 4). */
  rateLimitWaits?: number;
  /** Called after each row, and while waiting for a rate window. */
  onProgress?: (p: { done: number; total: number; waitingMs: number }) => void;
  signal?: AbortSignal;
  clock: Clock;
  /** The user sentence for an error from a write (role-aware mapping). */
  explain?: (err: UserError, row: PlannedRow) => string;
}

/** Send one planned write; resolves to the outcome for a successful call. */
async function write(client: AutolabClient, course: string, row: PlannedRow): Promise<ImportOutcome> {
  const w = row.write;
  if (w.kind === 'add') {
    await client.createEnrollment(course, w.entry);
    return 'added';
  }
  if (w.kind === 'update') {
    await client.updateEnrollment(course, w.email, toPatch(w.changes));
    return 'updated';
  }
  return row.action === 'error' ? 'not-applied' : 'unchanged';
}

/**
 * Apply every row in file order and return each row's result.
 *
 * Never throws for a row's failure (it becomes `failed` with its sentence);
 * a cancel marks the remaining rows `cancelled`.
 */
export async function applyImport(client: AutolabClient, course: string, plan: readonly PlannedRow[], opts: ApplyOptions): Promise<ImportResultRow[]> {
  const pace = opts.paceMs ?? 150;
  const maxWaits = opts.rateLimitWaits ?? 4;
  const results: ImportResultRow[] = [];
  const total = plan.length;
  let wroteBefore = false;
  for (const row of plan) {
    const base = { row: row.row, email: row.email, action: row.action, changes: row.changes, message: row.message };
    if (opts.signal?.aborted) {
      results.push({ ...base, outcome: row.write.kind === 'none' ? (row.action === 'error' ? 'not-applied' : 'unchanged') : 'cancelled' });
      continue;
    }
    if (row.write.kind !== 'none' && wroteBefore && pace > 0) await opts.clock.sleep(pace, opts.signal).catch(() => undefined);
    let outcome: ImportOutcome | undefined;
    let message = row.message;
    for (let waits = 0; outcome === undefined; ) {
      if (opts.signal?.aborted && row.write.kind !== 'none') {
        outcome = 'cancelled';
        break;
      }
      try {
        outcome = await write(client, course, row);
      } catch (err) {
        const e = err instanceof UserError ? err : new UserError('internal', 'Something went wrong inside Autolab Desktop; please try again.');
        if (e.code === 'rate-limited' && waits < maxWaits) {
          waits++;
          const wait = msUntilNextWindow(opts.clock.now()) + 250;
          opts.onProgress?.({ done: results.length, total, waitingMs: wait });
          await opts.clock.sleep(wait, opts.signal).catch(() => undefined);
          continue;
        }
        if (e.code === 'cancelled') {
          outcome = 'cancelled';
          break;
        }
        outcome = 'failed';
        message = opts.explain ? opts.explain(e, row) : e.message;
      }
    }
    if (row.write.kind !== 'none') wroteBefore = true;
    results.push({ ...base, outcome, message });
    opts.onProgress?.({ done: results.length, total, waitingMs: 0 });
  }
  return results;
}

/** Count results per outcome (every outcome present, zero when none). */
export function countOutcomes(rows: readonly ImportResultRow[]): Record<ImportOutcome, number> {
  const counts: Record<ImportOutcome, number> = { added: 0, updated: 0, unchanged: 0, failed: 0, 'not-applied': 0, cancelled: 0 };
  for (const r of rows) counts[r.outcome]++;
  return counts;
}

/** The downloadable report: one line per file row, in file order. */
export function importReportCsv(rows: readonly ImportResultRow[]): string {
  return toCsv([
    ['row', 'email', 'planned', 'result', 'changes', 'message'],
    ...rows.map((r) => [r.row, r.email, r.action, r.outcome, r.changes.join('; '), r.message ?? '']),
  ]);
}
