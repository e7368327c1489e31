/**
 * Where secrets live: refresh tokens, access tokens, client secrets.
 *
 * Kept this small on purpose (design.md "Secrets"): keytar's repository is
 * archived and VS Code moved to Electron safeStorage, so the app must be able
 * to switch backends without touching the services that use it.
 */

/** Which backend holds the secrets. */
export type SecretStoreKind = 'keychain' | 'safe-storage' | 'memory';

/**
 * A key-value store for secrets. Values never reach disk in plaintext.
 *
 * Keys are short ASCII names such as `tokens/<account-id>/refresh`.
 */
export interface SecretStore {
  readonly kind: SecretStoreKind;
  /**
   * Read a secret.
   *
   * @returns the value, or null when none is stored.
   * @throws UserError `secret-store-failed` when the backend cannot be read.
   */
  get(key: string): Promise<string | null>;
  /**
   * Store (or overwrite) a secret.
   *
   * @throws UserError `secret-store-failed` when the backend cannot be written.
   */
  set(key: string, value: string): Promise<void>;
  /**
   * Remove a secret; removing a missing key is not an error.
   *
   * @throws UserError `secret-store-failed` when the backend cannot be written.
   */
  delete(key: string): Promise<void>;
}

/** The key under which an account's refresh token is kept. */
export function refreshTokenKey(accountId: string): string {
  return `tokens/${accountId}/refresh`;
}
