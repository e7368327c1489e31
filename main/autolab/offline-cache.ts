/**
 * The last data seen from Autolab, kept on disk for offline use.
 *
 * When the server cannot be reached the UI still shows the last course list,
 * assessments or submissions with "as of <time>" (design.md "Offline"). One
 * JSON file per account and resource under the user-data folder; writes go to
 * a temporary file and are renamed into place, so a crash never leaves a
 * half-written cache; every read is checked by the resource's zod schema, so
 * a stale or tampered file is ignored, not trusted. Only API data is stored,
 * never tokens or secrets.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../logger';
import { UserError } from '../user-error';

/** What `cached` returns: the data, when it was fetched, and whether it is from the cache. */
export interface CachedResult<T> {
  data: T;
  /** ISO-8601 time the data was fetched from the server. */
  fetchedAt: string;
  /** True when the server could not be reached and this is the last data seen. */
  stale: boolean;
  /** The sentence explaining why fresh data could not be had (only when stale). */
  error?: string;
  /** The code of that error (only when stale). */
  errorCode?: string;
  /** When rate limited: Unix ms of the next try. */
  retryAt?: number;
}

/** Options of {@link createOfflineCache}. */
export interface OfflineCacheOptions {
  /** The user-data folder; files go under `<dataDir>/cache/<account>/`. */
  dataDir: string;
  /** A stable account id, e.g. `<origin>|<email>`; hashed for the folder name. */
  accountId: string;
  log: Logger;
  now?: () => number;
  /** Told when fresh data could not be cached (e.g. the disk is full); the data is still returned. */
  onWriteFailed?: (err: unknown) => void;
}

/** Codes for which the cache is shown instead of the error: the server could not be reached. */
const UNREACHABLE = new Set(['offline', 'server-down', 'rate-limited', 'not-answering']);

/** An on-disk cache for one account. */
export interface OfflineCache {
  /**
   * Fetch fresh data and cache it, or fall back to the cache when the server
   * cannot be reached (offline, down, rate limited).
   *
   * @throws UserError the fetcher's error when the server answered with a
   * failure that cached data would hide (signed out, not enrolled, …), or when
   * nothing is cached.
   */
  cached<S extends z.ZodType>(key: string, schema: S, fetcher: () => Promise<z.infer<S>>): Promise<CachedResult<z.infer<S>>>;
  /** Read a cached entry, or undefined when absent or invalid. */
  read<S extends z.ZodType>(key: string, schema: S): Promise<{ data: z.infer<S>; fetchedAt: string } | undefined>;
  /** Store an entry atomically. */
  write(key: string, data: unknown): Promise<void>;
  /** Remove everything cached for this account (sign-out). */
  clear(): Promise<void>;
}

const EnvelopeSchema = z.object({ version: z.literal(1), key: z.string(), fetchedAt: z.string(), data: z.unknown() });

/** A file-system-safe, collision-free name for a cache key. */
function fileNameFor(key: string): string {
  const readable = key.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60);
  return `${readable}-${createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`;
}

/**
 * Create the cache of one account.
 *
 * Keys name a resource, e.g. `courses`, `assessments/15213-f24`,
 * `submissions/15213-f24/datalab`.
 */
export function createOfflineCache(opts: OfflineCacheOptions): OfflineCache {
  const dir = path.join(opts.dataDir, 'cache', createHash('sha256').update(opts.accountId).digest('hex').slice(0, 24));
  const now = opts.now ?? Date.now;

  async function read<S extends z.ZodType>(key: string, schema: S) {
    let text: string;
    try {
      text = await readFile(path.join(dir, fileNameFor(key)), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const envelope = EnvelopeSchema.parse(JSON.parse(text));
      if (envelope.key !== key) return undefined;
      return { data: schema.parse(envelope.data) as z.infer<S>, fetchedAt: envelope.fetchedAt };
    } catch (err) {
      opts.log.warn('offline cache: ignoring an unreadable entry', { key, error: String(err) });
      return undefined;
    }
  }

  async function write(key: string, data: unknown) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const target = path.join(dir, fileNameFor(key));
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const envelope = { version: 1, key, fetchedAt: new Date(now()).toISOString(), data };
    try {
      await writeFile(tmp, JSON.stringify(envelope), { mode: 0o600 });
      await rename(tmp, target);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  return {
    read,
    write,
    clear: () => rm(dir, { recursive: true, force: true }),
    async cached(key, schema, fetcher) {
      try {
        const data = await fetcher();
        const fetchedAt = new Date(now()).toISOString();
        await write(key, data).catch((err: unknown) => {
          opts.log.warn('offline cache: could not write', { key, error: String(err) });
          opts.onWriteFailed?.(err);
        });
        return { data, fetchedAt, stale: false };
      } catch (err) {
        const userError = err instanceof UserError ? err : new UserError('unexpected', 'Something went wrong while talking to Autolab; try again.', { cause: err });
        if (!UNREACHABLE.has(userError.code)) throw userError;
        const hit = await read(key, schema);
        if (!hit) throw userError;
        const retryAt = (userError as { retryAt?: unknown }).retryAt;
        return {
          data: hit.data,
          fetchedAt: hit.fetchedAt,
          stale: true,
          error: userError.message,
          errorCode: userError.code,
          ...(typeof retryAt === 'number' ? { retryAt } : {}),
        };
      }
    },
  };
}
