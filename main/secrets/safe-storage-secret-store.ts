/**
 * Secrets as Electron safeStorage ciphertext in a file under the data folder.
 *
 * The fallback when keytar cannot work (design.md "Secrets"; VS Code's move to
 * safeStorage). It takes the safeStorage API as an injected interface so this
 * file imports no Electron. On Linux, safeStorage's `basic_text` backend uses a
 * hard-coded key, which is plaintext in all but name: this store refuses it.
 * The file holds only ciphertext (base64), written atomically with mode 0600.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { UserError } from '../user-error';
import type { SecretStore } from './secret-store';
import { diskFullError, isDiskFull } from '../storage/disk-errors';

/** The part of Electron's `safeStorage` this store needs. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; `basic_text` means no real protection. */
  getSelectedStorageBackend?(): string;
}

/** The file name under the data folder. */
export const SAFE_STORAGE_FILE = 'secrets.safe-storage.json';

const FileSchema = z.object({
  version: z.literal(1),
  entries: z.record(z.string(), z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)),
});
type SecretsFile = z.infer<typeof FileSchema>;

function failed(what: string, cause?: unknown): UserError {
  const message = cause instanceof Error ? cause.message : what;
  return new UserError('secret-store-failed', `Autolab Desktop could not ${what} its encrypted secrets file; sign in again.`, {
    cause: new Error(message),
  });
}

/**
 * Why safeStorage cannot be used, or null when it can.
 *
 * @throws never.
 */
export function safeStorageUnusableReason(safeStorage: SafeStorageLike): string | null {
  let available = false;
  try {
    available = safeStorage.isEncryptionAvailable();
  } catch {
    available = false;
  }
  if (!available) return 'encryption is not available';
  const backend = safeStorage.getSelectedStorageBackend?.();
  if (backend === 'basic_text' || backend === 'unknown') return `the ${backend} backend is not secure`;
  return null;
}

/** A SecretStore of safeStorage ciphertext in one JSON file. */
export class SafeStorageSecretStore implements SecretStore {
  readonly kind = 'safe-storage' as const;
  private readonly filePath: string;
  private cache: SecretsFile | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * @param dataDir the app's data folder (the file goes directly inside it).
   * @throws UserError `secret-store-unavailable` when encryption is unavailable
   *   or the backend is `basic_text` (weak, RFC-less obfuscation).
   */
  constructor(
    private readonly safeStorage: SafeStorageLike,
    dataDir: string,
  ) {
    const reason = safeStorageUnusableReason(safeStorage);
    if (reason) {
      throw new UserError('secret-store-unavailable', `Secure storage is not available on this system (${reason}).`);
    }
    this.filePath = path.join(dataDir, SAFE_STORAGE_FILE);
  }

  /** @throws UserError `secret-store-failed` (unreadable file, or ciphertext that does not decrypt). */
  async get(key: string): Promise<string | null> {
    return this.serial(async () => {
      const file = await this.load();
      const entry = file.entries[key];
      if (entry === undefined) return null;
      try {
        return this.safeStorage.decryptString(Buffer.from(entry, 'base64'));
      } catch (cause) {
        throw failed('decrypt', cause);
      }
    });
  }

  /** @throws UserError `secret-store-failed`. */
  async set(key: string, value: string): Promise<void> {
    await this.serial(async () => {
      const file = await this.load();
      let cipher: Buffer;
      try {
        cipher = this.safeStorage.encryptString(value);
      } catch (cause) {
        throw failed('encrypt', cause);
      }
      await this.save({ version: 1, entries: { ...file.entries, [key]: cipher.toString('base64') } });
    });
  }

  /** @throws UserError `secret-store-failed`. */
  async delete(key: string): Promise<void> {
    await this.serial(async () => {
      const file = await this.load();
      if (!(key in file.entries)) return;
      const entries = { ...file.entries };
      delete entries[key];
      await this.save({ version: 1, entries });
    });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }

  private async load(): Promise<SecretsFile> {
    if (this.cache) return this.cache;
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return (this.cache = { version: 1, entries: {} });
      throw failed('read', cause);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = FileSchema.safeParse(json);
    if (!parsed.success) throw failed('read');
    return (this.cache = parsed.data);
  }

  private async save(file: SecretsFile): Promise<void> {
    const tmp = `${this.filePath}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(path.dirname(this.filePath), { recursive: true, mode: 0o700 });
      await writeFile(tmp, JSON.stringify(file), { mode: 0o600 });
      await rename(tmp, this.filePath);
    } catch (cause) {
      await rm(tmp, { force: true }).catch(() => undefined);
      if (isDiskFull(cause)) throw diskFullError('your sign-in', cause);
      throw failed('write', cause);
    }
    this.cache = file;
  }
}
