/**
 * Read and write one JSON document on disk, validated and atomic.
 *
 * Every file main reads back is checked with a zod schema (design.md "zod at
 * every boundary … files on disk"); writes go to a temp file that is renamed
 * over the old one, so a crash never leaves half a file. Never used for
 * secrets.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';

/**
 * Read `file` and parse it with `schema`; null when missing or invalid.
 *
 * @throws only for I/O errors other than "not found".
 */
export async function readJsonFile<T extends z.ZodType>(file: string, schema: T): Promise<z.infer<T> | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Write `value` as JSON to `file` atomically (temp file + rename), mode 0600.
 *
 * @throws when the folder cannot be created or the disk is full.
 */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, JSON.stringify(value, null, 2), { mode: 0o600 });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
