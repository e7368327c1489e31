/**
 * Where the web host saves downloads: it has no native folder picker, so it
 * uses the user's Downloads folder (or the app's data folder when there is none).
 */
import { mkdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The folder downloads go to in the web host. */
export async function webHostDownloadsFolder(dataDir: string): Promise<string> {
  const downloads = path.join(os.homedir(), 'Downloads');
  try {
    if ((await stat(downloads)).isDirectory()) return downloads;
  } catch {
    // fall through
  }
  const fallback = path.join(dataDir, 'downloads');
  await mkdir(fallback, { recursive: true });
  return fallback;
}
