/**
 * `npm run bench`: the performance figures of issue 5, as ratios against
 * baselines measured in the same run. Exits non-zero when a target is missed.
 *
 *   npm run bench                 both benchmarks
 *   npm run bench -- --upload     only the 256 MiB upload
 *   npm run bench -- --courses    only the cached course list
 *   npm run bench -- --roster     only the roster import against a curl loop
 *   npm run bench -- --runs N     upload runs per side (default 5)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchCourses } from './courses-load';
import { benchRosterImport } from './roster-import';
import { formatTable, type BenchRow } from './stats';
import { benchUpload } from './upload';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const only = args.includes('--upload') ? 'upload' : args.includes('--courses') ? 'courses' : args.includes('--roster') ? 'roster' : 'all';
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
  const log = (line: string) => process.stderr.write(`  ${line}\n`);
  const rows: BenchRow[] = [];
  const failures: string[] = [];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'autolab-bench-'));
  try {
    if (only === 'all' || only === 'upload') {
      process.stderr.write('Upload benchmark\n');
      const r = await benchUpload({ dir, runs, log });
      rows.push(...r.rows);
      failures.push(...r.failures);
    }
    if (only === 'all' || only === 'courses') {
      process.stderr.write('Cached course list benchmark\n');
      const r = await benchCourses({ log });
      rows.push(...r.rows);
      failures.push(...r.failures);
    }
    if (only === 'all' || only === 'roster') {
      process.stderr.write('Roster import benchmark\n');
      const r = await benchRosterImport({ log });
      rows.push(...r.rows);
      failures.push(...r.failures);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  process.stdout.write(`\n${formatTable(rows)}\n\n`);
  if (failures.length) {
    process.stdout.write(`Missed targets:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write('All targets met.\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);
