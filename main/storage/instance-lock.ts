/**
 * One running Autolab Desktop per data folder, in both hosts.
 *
 * Two instances on one folder overwrote each other's account list (issue 10
 * item 4). Electron's `requestSingleInstanceLock` only sees other Electron
 * processes of the same app, and the web host had no lock at all, so both
 * hosts take this lock file: `<dataDir>/instance.lock` holding the owner's
 * pid, created with O_EXCL. A lock whose process is gone (a crash, a kill) is
 * stale and taken over; a live owner means "already running", said in one
 * sentence. With one writer per folder, every data-file write is serialised
 * across processes.
 */
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../user-error';

/** The lock file's name inside the data folder. */
export const LOCK_FILE = 'instance.lock';

const LockSchema = z.object({ pid: z.number().int().positive(), host: z.string(), startedAt: z.number() });
/** What the lock file says about its owner. */
export type LockOwner = z.infer<typeof LockSchema>;

/** Lock files held by this process (a second core in one process is refused too). */
const heldHere = new Set<string>();

/** A held lock. */
export interface InstanceLock {
  readonly file: string;
  /** Remove the lock file if it is still ours. */
  release(): Promise<void>;
}

/** True when a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process holding a lock can be an Autolab Desktop: alive, and on
 * Linux (where /proc tells) running node, Electron or the packaged app, so a
 * pid reused by an unrelated program after a crash does not keep the lock.
 */
export async function ownerRunning(pid: number): Promise<boolean> {
  if (!processAlive(pid)) return false;
  if (process.platform !== 'linux') return true;
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return /node|electron|autolab/i.test(cmdline);
  } catch {
    return true; // cannot tell: assume it is
  }
}

async function readOwner(file: string): Promise<{ text: string; owner: LockOwner | null } | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    return { text, owner: LockSchema.parse(JSON.parse(text)) };
  } catch {
    return { text, owner: null }; // half-written or foreign: treated as stale
  }
}

/**
 * Take the data folder's lock, or say who holds it.
 *
 * @param host 'electron' or 'web', named in the sentence another instance shows.
 * @throws UserError `already-running` when a live process holds the lock;
 *   `data-not-writable` when the lock cannot be written.
 */
export async function acquireInstanceLock(dataDir: string, host: string, pid = process.pid): Promise<InstanceLock> {
  const file = path.join(dataDir, LOCK_FILE);
  if (heldHere.has(file)) {
    throw new UserError('already-running', `Autolab Desktop is already running with this data folder (process ${pid}); use that one, or quit it before starting another.`);
  }
  const mine = JSON.stringify({ pid, host, startedAt: Date.now() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      try {
        await handle.writeFile(mine);
        await handle.sync();
      } finally {
        await handle.close();
      }
      heldHere.add(file);
      return {
        file,
        async release() {
          heldHere.delete(file);
          const now = await readOwner(file).catch(() => null);
          if (now?.text === mine) await rm(file, { force: true });
        },
      };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new UserError('data-not-writable', `Autolab Desktop cannot write to its data folder ${dataDir}; check that it is writable and has free space.`, { cause: err });
      }
    }
    const found = await readOwner(file);
    if (!found) continue; // released meanwhile
    const { owner } = found;
    // Our own pid in a lock we do not hold is a leftover of an earlier run that had the same pid (containers).
    if (owner && owner.pid !== pid && (await ownerRunning(owner.pid))) {
      const which = owner.host === 'web' ? 'in a browser tab (web host)' : 'as a desktop app';
      throw new UserError(
        'already-running',
        `Autolab Desktop is already running ${which} with this data folder (process ${owner.pid}); use that one, or quit it before starting another.`,
      );
    }
    // Stale (its process is gone): remove it, unless someone else replaced it meanwhile.
    const again = await readOwner(file);
    if (again?.text === found.text) await rm(file, { force: true });
  }
  throw new UserError('already-running', 'Another Autolab Desktop is starting with this data folder; wait a moment and try again.');
}
