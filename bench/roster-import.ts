/**
 * Roster import benchmark (issue 12): applying 50 changed rows of a
 * 2,000-student roster with the app's import (fresh roster read, plan, paced
 * writes) against a plain `curl -X PUT` loop of the same 50 writes, on the
 * same sandbox process. Rounds interleave the two sides (alternating which
 * goes first), and each round's ratio app/curl is reported as min, median
 * and max; the target is a median ≤ 1.2×.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createAutolabClient } from '../main/autolab/autolab-client';
import { EventBus } from '../main/events';
import { createLogger } from '../main/logger';
import { RosterService } from '../main/instructor/roster-service';
import { rosterToCsv } from '../main/instructor/roster-csv';
import { startSandboxProcess } from '../test/e2e/sandbox-process';
import { demoUserTokens } from '../test/helpers/sandbox-token';
import { fmt, median, type BenchRow } from './stats';

/** Target of issue 12: the app's import at most 1.2× the curl loop. */
export const IMPORT_TARGET_RATIO = 1.2;
const COURSE = 'demo-15213';
const CHANGED = 50;

/** Options of {@link benchRosterImport}. */
export interface RosterImportBenchOptions {
  /** Rounds (default 5). */
  rounds?: number;
  log?: (line: string) => void;
}

/** The plain loop: one `curl -X PUT` per row, sequential, as a shell script would do it. */
function curlLoop(baseUrl: string, token: string, emails: string[], section: string): Promise<number> {
  const url = `${baseUrl}/api/v1/courses/${COURSE}/course_user_data`;
  const script = 'for e in $EMAILS; do curl -sS -o /dev/null -f -X PUT -H "Authorization: Bearer $TOKEN" --data "section=$SECTION" "$URL/$e" || exit 1; done';
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // The token goes through the environment, never the command line or the output.
    const child = spawn('bash', ['-c', script], { env: { ...process.env, TOKEN: token, EMAILS: emails.join(' '), SECTION: section, URL: url }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`curl loop failed: ${err.trim()}`))));
  });
}

/** The roster benchmark's figures and table rows. */
export interface RosterImportBenchResult {
  rows: BenchRow[];
  failures: string[];
}

/**
 * Time both sides for each round and compare.
 *
 * @throws Error when the sandbox cannot start or a write fails.
 */
export async function benchRosterImport(opts: RosterImportBenchOptions = {}): Promise<RosterImportBenchResult> {
  const rounds = opts.rounds ?? 5;
  const log = opts.log ?? (() => undefined);
  const sb = await startSandboxProcess(['--seed-students', '2000']);
  try {
    const tokens = await demoUserTokens(sb, 'instructor');
    const token = tokens.access_token;
    const scopes = (tokens.scope ?? '').split(' ');
    const quiet = createLogger(() => undefined);
    const client = createAutolabClient({ baseUrl: sb.baseUrl, getAccessToken: async () => token, log: quiet, userAgent: 'AutolabDesktop-bench' });
    const roster = new RosterService({ session: async () => ({ client }), scopes: () => scopes, events: new EventBus(), log: quiet });
    const ref = { accountId: 'bench', course: COURSE };
    const base = (await roster.list(ref)).entries;
    const emails = Array.from({ length: CHANGED }, (_, i) => `student${String(i * 37 + 1).padStart(4, '0')}@example.edu`);
    const changed = new Set(emails);
    const appSide = async (section: string): Promise<number> => {
      const csv = rosterToCsv(base.map((e) => (changed.has(e.email) ? { ...e, section } : e)));
      const preview = await roster.preview({ ...ref, csv, filename: 'bench.csv' });
      if (preview.counts.update !== CHANGED) throw new Error(`the preview planned ${preview.counts.update} updates, not ${CHANGED}`);
      const started = performance.now();
      const applied = await roster.apply({ ...ref, importId: preview.importId });
      const ms = performance.now() - started;
      if (applied.counts.updated !== CHANGED) throw new Error(`the import updated ${applied.counts.updated} rows, not ${CHANGED}`);
      return ms;
    };
    // Warm-up, not counted (JIT, connections).
    await curlLoop(sb.baseUrl, token, emails.slice(0, 5), 'wc');
    await appSide('wa');
    const ratios: number[] = [];
    const appMs: number[] = [];
    const curlMs: number[] = [];
    for (let r = 0; r < rounds; r++) {
      let a: number;
      let c: number;
      if (r % 2 === 0) {
        c = await curlLoop(sb.baseUrl, token, emails, `c${r}`);
        a = await appSide(`a${r}`);
      } else {
        a = await appSide(`a${r}`);
        c = await curlLoop(sb.baseUrl, token, emails, `c${r}`);
      }
      appMs.push(a);
      curlMs.push(c);
      ratios.push(a / c);
      log(`round ${r + 1}/${rounds}: app ${fmt(a, 0)} ms, curl loop ${fmt(c, 0)} ms, ratio ${fmt(a / c, 2)}`);
    }
    const sorted = [...ratios].sort((x, y) => x - y);
    const med = median(ratios);
    const pass = med <= IMPORT_TARGET_RATIO;
    const failures = pass ? [] : [`applying ${CHANGED} changed rows took ${fmt(med, 2)}× the curl loop (target ≤ ${IMPORT_TARGET_RATIO}×)`];
    return {
      failures,
      rows: [
        { name: `roster import: curl -X PUT loop, ${CHANGED} rows (median of ${rounds})`, value: `${fmt(median(curlMs), 0)} ms`, target: 'baseline', pass: null },
        { name: `roster import: app apply, ${CHANGED} of 2,000 rows (median of ${rounds})`, value: `${fmt(median(appMs), 0)} ms`, target: '', pass: null },
        { name: 'roster import: app / curl per round (min / median / max)', value: `${fmt(sorted[0]!, 2)} / ${fmt(med, 2)} / ${fmt(sorted[sorted.length - 1]!, 2)}`, target: `median ≤ ${IMPORT_TARGET_RATIO}`, pass },
      ],
    };
  } finally {
    await sb.stop();
  }
}
