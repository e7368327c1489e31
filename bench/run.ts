/**
 * `npm run bench`: the performance figures of issues 5 and 15, as ratios
 * against baselines measured in the same run (per-round ratios, min/median/
 * max), and requests per screen. Exits non-zero when a target is missed.
 *
 *   npm run bench                 every benchmark
 *   npm run bench -- --upload     only the 256 MiB upload
 *   npm run bench -- --courses    only the cached course list
 *   npm run bench -- --screens    only requests per screen and the feedback viewer
 *   npm run bench -- --watcher    only the watcher's rescan with 50 open assessments
 *   npm run bench -- --runs N     upload runs per side (default 5)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchCourses } from './courses-load';
import { benchScreens } from './screens';
import { benchWatcher } from './watcher-rescan';
import { formatTable, type BenchRow } from './stats';
import { benchUpload } from './upload';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const parts = ['upload', 'courses', 'screens', 'watcher'] as const;
  const chosen = parts.filter((p) => args.includes(`--${p}`));
  const run = (part: (typeof parts)[number]) => chosen.length === 0 || chosen.includes(part);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
  const log = (line: string) => process.stderr.write(`  ${line}\n`);
  const rows: BenchRow[] = [];
  const failures: string[] = [];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'autolab-bench-'));
  try {
    if (run('upload')) {
      process.stderr.write('Upload benchmark\n');
      const r = await benchUpload({ dir, runs, log });
      rows.push(...r.rows);
      failures.push(...r.failures);
    }
    if (run('courses')) {
      process.stderr.write('Cached course list benchmark\n');
      const r = await benchCourses({ log });
      rows.push(...r.rows);
      failures.push(...r.failures);
    }
    if (run('screens')) {
      process.stderr.write('Requests per screen and the feedback viewer\n');
      const r = await benchScreens({ log });
      rows.push(...r.rows);
      failures.push(...r.failures);
    }
    if (run('watcher')) {
      process.stderr.write('Watcher rescan with 50 open assessments\n');
      const r = await benchWatcher({ log });
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
