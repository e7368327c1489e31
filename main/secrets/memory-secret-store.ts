/**
 * Secrets kept in memory only, lost when the app quits.
 *
 * The last resort when neither the OS keychain nor a strong safeStorage
 * backend is available (design.md "Secrets"); the UI then says so, because the
 * user will have to sign in again after every restart.
 */
import type { SecretStore } from './secret-store';

/** An in-memory SecretStore. */
export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory' as const;
  private readonly values = new Map<string, string>();

  /** @throws never. */
  async get(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }

  /** @throws never. */
  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }

  /** @throws never. */
  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
}
