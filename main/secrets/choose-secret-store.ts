/**
 * Pick the strongest SecretStore this machine offers.
 *
 * design.md "Secrets": the OS keychain through keytar first (proved by a
 * set/get/delete round trip, because keytar loads fine on Linux without a
 * Secret Service and only fails on use); Electron safeStorage ciphertext
 * second, unless its backend is `basic_text`; memory only last, with a
 * sentence the UI must show.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger';
import { KeytarSecretStore, loadKeytar, type KeytarLike } from './keytar-secret-store';
import { MemorySecretStore } from './memory-secret-store';
import { SafeStorageSecretStore, safeStorageUnusableReason, type SafeStorageLike } from './safe-storage-secret-store';
import type { SecretStore } from './secret-store';

/** What the chooser may use. */
export interface ChooseSecretStoreOptions {
  /** Loads keytar; default `loadKeytar`. Pass `null` to skip the keychain. */
  loadKeytar?: (() => Promise<KeytarLike>) | null;
  /** Electron's safeStorage, when running in Electron. */
  safeStorage?: SafeStorageLike;
  /** The app's data folder (for the safeStorage file). */
  dataDir: string;
  /** Give up on a keychain that does not answer (default 10 s). */
  probeTimeoutMs?: number;
  log?: Logger;
}

/** The chosen store, and a sentence for the UI when secrets will not survive a restart. */
export interface ChosenSecretStore {
  store: SecretStore;
  /** Present only for the memory store. */
  warning?: string;
}

/** The sentence shown when only the memory store is left. */
export const MEMORY_STORE_WARNING =
  'No secure storage is available on this computer, so you will need to sign in again each time you start Autolab Desktop.';

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Prove a keychain works with a set/get/delete round trip of a random value.
 *
 * @throws Error when any step fails or the value does not come back intact.
 */
export async function probeSecretStore(store: SecretStore): Promise<void> {
  const key = `probe/${randomBytes(8).toString('hex')}`;
  const value = randomBytes(16).toString('base64url');
  await store.set(key, value);
  try {
    const back = await store.get(key);
    if (back !== value) throw new Error('the stored value did not come back');
  } finally {
    await store.delete(key);
  }
}

/**
 * Choose keychain → safeStorage → memory.
 *
 * @throws never: the memory store is always possible.
 */
export async function chooseSecretStore(options: ChooseSecretStoreOptions): Promise<ChosenSecretStore> {
  const load = options.loadKeytar === undefined ? loadKeytar : options.loadKeytar;
  const timeoutMs = options.probeTimeoutMs ?? 10_000;
  if (load) {
    try {
      const store = new KeytarSecretStore(await withTimeout(load(), timeoutMs));
      await withTimeout(probeSecretStore(store), timeoutMs);
      return { store };
    } catch (error) {
      options.log?.warn('keychain unavailable', { reason: error instanceof Error ? error.message : String(error) });
    }
  }
  if (options.safeStorage) {
    const reason = safeStorageUnusableReason(options.safeStorage);
    if (!reason) {
      try {
        const store = new SafeStorageSecretStore(options.safeStorage, options.dataDir);
        await probeSecretStore(store);
        return { store };
      } catch (error) {
        options.log?.warn('safeStorage unavailable', { reason: error instanceof Error ? error.message : String(error) });
      }
    } else {
      options.log?.warn('safeStorage refused', { reason });
    }
  }
  return { store: new MemorySecretStore(), warning: MEMORY_STORE_WARNING };
}
