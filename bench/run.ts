/**
 * `npm run bench`: the performance figures of issues 5 and 15, as ratios
 * against baselines measured in the same run (per-round ratios, min/median/
 * max), and requests per screen. Exits non-zero when a target is missed.
 *
 *   npm run bench                 every benchmark
 *   npm run bench -- --upload     only the 256 MiB upload
 *   npm run bench -- --courses    only the cached course list
 *   npm run bench -- --upcoming   only Upcoming: the cold refresh's requests and the cached paint
 *   npm run bench -- --screens    only requests per screen and the feedback viewer
 *   npm run bench -- --watcher    only the watcher's rescan with 50 open assessments
 *   npm run bench -- --roster     only the roster import against a curl loop
 *   npm run bench -- --runs N     upload runs per side (default 5)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchCourses } from './courses-load';
import { benchScreens } from './screens';
import { benchUpcoming } from './upcoming';
import { benchWatcher } from './watcher-rescan';
import { benchRosterImport } from './roster-import';
import { formatTable, type BenchRow } from './stats';
import { benchUpload } from './upload';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
  const log = (line: string) => process.stderr.write(`  ${line}\n`);
  const rows: BenchRow[] = [];
  const failures: string[] = [];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'autolab-bench-'));
  const benchmarks: Array<{ flag: string; title: string; run(): Promise<{ rows: BenchRow[]; failures: string[] }> }> = [
    { flag: '--upload', title: 'Upload benchmark', run: () => benchUpload({ dir, runs, log }) },
    { flag: '--courses', title: 'Cached course list benchmark', run: () => benchCourses({ log }) },
    { flag: '--upcoming', title: 'Upcoming: cold refresh and cached paint', run: () => benchUpcoming({ log }) },
    { flag: '--screens', title: 'Requests per screen and the feedback viewer', run: () => benchScreens({ log }) },
    { flag: '--watcher', title: 'Watcher rescan with 50 open assessments', run: () => benchWatcher({ log }) },
    { flag: '--roster', title: 'Roster import benchmark', run: () => benchRosterImport({ log }) },
  ];
  const chosen = benchmarks.filter((b) => args.includes(b.flag));
  try {
    for (const b of chosen.length ? chosen : benchmarks) {
      process.stderr.write(`${b.title}\n`);
      const r = await b.run();
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
