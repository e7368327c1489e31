/**
 * Secrets in the OS keychain through keytar (macOS Keychain, Windows
 * Credential Manager, libsecret/Secret Service on Linux).
 *
 * The first choice (design.md "Secrets"). keytar is a native module; it is
 * loaded lazily by `loadKeytar` so a failed build or a missing Secret Service
 * only makes this store unavailable instead of crashing the app.
 */
import { UserError } from '../user-error';
import type { SecretStore } from './secret-store';

/** The keychain "service" every entry is filed under. */
export const KEYCHAIN_SERVICE = 'Autolab Desktop';

/** The part of keytar's API this store uses. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/**
 * Load the keytar native module.
 *
 * @throws Error when the module cannot be loaded (not built, wrong ABI).
 */
export async function loadKeytar(): Promise<KeytarLike> {
  const mod = (await import('keytar')) as unknown as KeytarLike & { default?: KeytarLike };
  return mod.default ?? mod;
}

function failed(cause: unknown): UserError {
  // The cause carries keytar's message only (it never contains the value).
  const message = cause instanceof Error ? cause.message : 'keychain error';
  return new UserError('secret-store-failed', 'Autolab Desktop could not use the system keychain; unlock it and try again.', {
    cause: new Error(message),
  });
}

/** A SecretStore backed by the OS keychain. */
export class KeytarSecretStore implements SecretStore {
  readonly kind = 'keychain' as const;

  constructor(
    private readonly keytar: KeytarLike,
    private readonly service: string = KEYCHAIN_SERVICE,
  ) {}

  /** @throws UserError `secret-store-failed`. */
  async get(key: string): Promise<string | null> {
    try {
      return await this.keytar.getPassword(this.service, key);
    } catch (cause) {
      throw failed(cause);
    }
  }

  /** @throws UserError `secret-store-failed`. */
  async set(key: string, value: string): Promise<void> {
    try {
      await this.keytar.setPassword(this.service, key, value);
    } catch (cause) {
      throw failed(cause);
    }
  }

  /** @throws UserError `secret-store-failed`. */
  async delete(key: string): Promise<void> {
    try {
      await this.keytar.deletePassword(this.service, key);
    } catch (cause) {
      throw failed(cause);
    }
  }
}
