/**
 * Read and write one JSON document on disk, validated and atomic.
 *
 * Every file main reads back is checked with a zod schema (design.md "zod at
 * every boundary … files on disk"). A file that cannot be parsed or validated
 * (or a folder where the file should be) is never overwritten: it is renamed
 * aside as `<name>.corrupt-<timestamp>` and the caller is handed one sentence
 * for the user (issue 10 item 4). Writes go to a temp file that is flushed to
 * the disk (fsync) and renamed over the old one, so a crash or power cut never
 * leaves half a file. Only one process writes a data folder at a time (see
 * instance-lock.ts). Never used for secrets.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { diskWriteError } from './disk-errors';
import { UserError } from '../user-error';

/** How a data file is named to the user and where its problems are reported. */
export interface JsonFileOptions {
  /** What the file holds, for sentences: "your account list", "the notification settings". */
  label: string;
  /** Told one sentence when the file was unreadable and kept aside. */
  onProblem?: (sentence: string) => void;
  /** Clock for the `.corrupt-<timestamp>` suffix (tests). */
  now?: () => number;
}

/** The suffix a kept-aside file gets: `.corrupt-2026-11-26T03-04-05-123Z`. */
export function corruptSuffix(at: number): string {
  return `.corrupt-${new Date(at).toISOString().replace(/[:.]/g, '-')}`;
}

/**
 * Rename an unreadable data file (or a folder in its place) aside, keeping every byte.
 *
 * @returns the new path.
 * @throws UserError `data-unreadable` when it cannot even be renamed.
 */
async function keepAside(file: string, options: JsonFileOptions): Promise<string> {
  const aside = `${file}${corruptSuffix((options.now ?? Date.now)())}`;
  try {
    await rename(file, aside);
    return aside;
  } catch (err) {
    throw new UserError(
      'data-unreadable',
      `Autolab Desktop cannot read ${options.label} (${file}) and cannot move it aside; move that file away yourself and start Autolab Desktop again.`,
      { cause: err },
    );
  }
}

/**
 * Read `file` and parse it with `schema`; null when missing, or when it was
 * unreadable and has just been kept aside (the user is told through `onProblem`).
 *
 * @throws UserError for I/O errors other than "not found" (e.g. permission denied).
 */
export async function readJsonFile<T extends z.ZodType>(file: string, schema: T, options: JsonFileOptions = { label: path.basename(file) }): Promise<z.infer<T> | null> {
  let text: string | null = null;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code !== 'EISDIR') {
      throw new UserError('data-unreadable', `Autolab Desktop cannot read ${options.label} (${file}); check that your user folder is readable.`, { cause: err });
    }
  }
  if (text !== null) {
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: kept aside below
    }
  }
  const aside = await keepAside(file, options);
  const what = text === null ? 'was a folder instead of a file' : 'was damaged and could not be read';
  options.onProblem?.(`The file holding ${options.label} ${what}; it was kept aside as ${path.basename(aside)} and ${options.label} started empty.`);
  return null;
}

/**
 * Write `value` as JSON to `file` atomically (temp file, fsync, rename), mode 0600.
 *
 * @throws UserError `disk-full` when the disk or quota is full, `data-not-writable` for other write failures.
 */
export async function writeJsonFile(file: string, value: unknown, label = path.basename(file)): Promise<void> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(value, null, 2));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw diskWriteError(err, label, file);
  }
  await syncFolder(path.dirname(file));
}

/** Flush a folder's entry list so the rename survives a power cut (POSIX only; best effort). */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems refuse fsync on folders; the rename itself is still atomic.
  }
}
