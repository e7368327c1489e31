/**
 * Apply a planned roster import at the pace the server's answers allow.
 *
 * Why: stock Autolab does not throttle Bearer requests (autolab-api.md §5.2),
 * so rows go a few at a time and the pace follows the answers (see
 * `paced-writes.ts`): 429s wait for the next fixed window and resend only the
 * refused row, slow answers narrow the window. Every row ends with an
 * outcome in file order, so nothing is silently skipped or sent twice.
 */
import type { ImportOutcome, ImportResultRow } from '../../preload/contract';
import type { AutolabClient } from '../autolab/autolab-client';
import type { Clock } from '../autolab/autolab-http';
import type { UserError } from '../user-error';
import { toCsv } from './csv';
import { runPaced, type PaceOptions, type PaceStats } from './paced-writes';
import { toPatch, type PlannedRow } from './roster-plan';

/** How to pace and report an import. */
export interface ApplyOptions extends Pick<PaceOptions, 'initialInFlight' | 'maxInFlight' | 'slowMs' | 'rateLimitWaits' | 'onProgress'> {
  signal?: AbortSignal;
  clock: Clock;
  /** The user sentence for an error from a write (role-aware mapping). */
  explain?: (err: UserError, row: PlannedRow) => string;
  /** Told what the pacing did (logs, the benchmark). */
  onStats?: (stats: PaceStats) => void;
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
    return row.action === 'drop' ? 'dropped' : 'updated';
  }
  return row.action === 'error' ? 'not-applied' : 'unchanged';
}

/**
 * Apply every row and return each row's result in file order.
 *
 * Never throws for a row's failure (it becomes `failed` with its sentence);
 * a cancel marks the rows not yet sent `cancelled`. Rows of the same email
 * are written one after another, in file order.
 */
export async function applyImport(client: AutolabClient, course: string, plan: readonly PlannedRow[], opts: ApplyOptions): Promise<ImportResultRow[]> {
  const writes = plan.map((row, i) => ({ row, i })).filter(({ row }) => row.write.kind !== 'none');
  const idle = (row: PlannedRow): ImportOutcome => (row.action === 'error' ? 'not-applied' : 'unchanged');
  const { results, stats } = await runPaced(writes.length, (k) => write(client, course, writes[k]!.row), {
    ...opts,
    keyOf: (k) => writes[k]!.row.email.toLowerCase(),
    onProgress: opts.onProgress && ((p) => opts.onProgress?.({ ...p, done: p.done + plan.length - writes.length, total: plan.length })),
  });
  opts.onStats?.(stats);
  const out: ImportResultRow[] = plan.map((row) => ({
    row: row.row, email: row.email, action: row.action, changes: row.changes, message: row.message, outcome: idle(row),
  }));
  writes.forEach(({ row, i }, k) => {
    const r = results[k]!;
    if (r.kind === 'ok') out[i] = { ...out[i]!, outcome: r.value };
    else if (r.kind === 'cancelled') out[i] = { ...out[i]!, outcome: 'cancelled' };
    else out[i] = { ...out[i]!, outcome: 'failed', message: opts.explain ? opts.explain(r.error, row) : r.error.message };
  });
  return out;
}

/** Count results per outcome (every outcome present, zero when none). */
export function countOutcomes(rows: readonly ImportResultRow[]): Record<ImportOutcome, number> {
  const counts: Record<ImportOutcome, number> = { added: 0, updated: 0, dropped: 0, unchanged: 0, failed: 0, 'not-applied': 0, cancelled: 0 };
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
