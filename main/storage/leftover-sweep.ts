/**
 * Remove what a crashed or killed instance left behind.
 *
 * Staged handin copies (40 MB seen), the temp files of atomic writes
 * (`*.tmp`) and half downloads (`.<name>.<hex>.part`) survive a crash (issue
 * 10 item 8). At start, while this instance holds the data folder's lock (so
 * no other instance is using them), every such file older than this instance
 * is deleted. Only our own names are touched: `*.tmp` and staged files inside
 * the data folder, and `.part` files of exactly our pattern in the download
 * folders.
 */
import type { Dirent } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** What was removed. */
export interface SweepResult {
  files: number;
  bytes: number;
}

/** Options of {@link sweepLeftovers}. */
export interface SweepOptions {
  dataDir: string;
  /** Folders downloads are saved into (half downloads are swept there). */
  downloadDirs: string[];
  /** Unix ms this instance started; only older files are removed. */
  startedAt: number;
}

/** The name of a half download (assessment-download.ts): `.<file name>.<12 hex>.part`. */
export const PART_FILE = /^\..+\.[0-9a-f]{12}\.part$/;
/** The name of an atomic write's temp file (json-file.ts, offline-cache.ts): `<file>.<12 hex>.tmp`. */
export const TMP_FILE = /\.[0-9a-f]{12}\.tmp$/;

async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/**
 * Delete leftovers older than `startedAt`; never throws (a file that cannot be removed is skipped).
 */
export async function sweepLeftovers(options: SweepOptions): Promise<SweepResult> {
  const result: SweepResult = { files: 0, bytes: 0 };
  const remove = async (file: string) => {
    try {
      const info = await stat(file);
      if (!info.isFile() || info.mtimeMs >= options.startedAt) return;
      await rm(file, { force: true });
      result.files++;
      result.bytes += info.size;
    } catch {
      // gone meanwhile or not ours to remove
    }
  };
  // Staged copies: every file of the staging folder belongs to an instance that has ended.
  const staging = path.join(options.dataDir, 'staging');
  for (const e of await entries(staging)) if (e.isFile()) await remove(path.join(staging, e.name));
  // Temp files of atomic writes: the data folder and the offline cache (two levels).
  const walk = async (dir: string, depth: number): Promise<void> => {
    for (const e of await entries(dir)) {
      const full = path.join(dir, e.name);
      if (e.isFile() && TMP_FILE.test(e.name)) await remove(full);
      else if (e.isDirectory() && depth > 0 && (dir !== options.dataDir || e.name === 'cache')) await walk(full, depth - 1);
    }
  };
  await walk(options.dataDir, 2);
  for (const dir of new Set([...options.downloadDirs, path.join(options.dataDir, 'downloads')])) {
    for (const e of await entries(dir)) if (e.isFile() && PART_FILE.test(e.name)) await remove(path.join(dir, e.name));
  }
  return result;
}
