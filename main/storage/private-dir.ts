/**
 * The user-data folder is private to its user (issue 11 item 8).
 *
 * Cache file names reveal course and assessment names, and the folder holds
 * the settings and (with safeStorage) ciphertext: 0700 for folders, 0600 for
 * files (every writer in main passes `mode: 0o600`).
 */
import { chmod, mkdir } from 'node:fs/promises';

/**
 * Create `dir` (and parents) with mode 0700 and narrow it to 0700 if it
 * already existed wider.
 *
 * @throws when the folder cannot be created.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') await chmod(dir, 0o700);
}
