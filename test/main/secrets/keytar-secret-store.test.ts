/**
 * KeytarSecretStore against the real OS keychain: keytar talking to
 * gnome-keyring over D-Bus. Run inside a D-Bus session with an unlocked
 * keyring, e.g.:
 *
 *   scripts/test-keychain.sh
 *
 * (which runs `dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon
 * --unlock --components=secrets; npx vitest run test/main/secrets'` with a
 * throwaway XDG_DATA_HOME, so an existing login keyring with another password
 * cannot leave the collection locked).
 *
 * Without a D-Bus session these tests FAIL (they do not skip): a keychain test
 * that silently skips proves nothing.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE, KeytarSecretStore, loadKeytar, type KeytarLike } from '../../../main/secrets/keytar-secret-store';
import { chooseSecretStore } from '../../../main/secrets/choose-secret-store';

const NO_DBUS =
  'No D-Bus session (DBUS_SESSION_BUS_ADDRESS unset): run keychain tests under dbus-run-session with an unlocked gnome-keyring (see the header of this file).';

const run = randomBytes(4).toString('hex');
const key = (name: string) => `test/${run}/${name}`;
let keytar: KeytarLike;
let store: KeytarSecretStore;
const used: string[] = [];

beforeAll(async () => {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) throw new Error(NO_DBUS);
  keytar = await loadKeytar();
  store = new KeytarSecretStore(keytar);
  try {
    await store.set(key('ready'), 'ready');
    await store.delete(key('ready'));
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new Error(`The keyring refused a write (${cause}): run these tests with scripts/test-keychain.sh.`);
  }
});
afterAll(async () => {
  if (store) for (const k of used) await store.delete(k);
});

describe('KeytarSecretStore on the real gnome-keyring', () => {
  it('stores, reads and deletes a secret under the "Autolab Desktop" service', async () => {
    const k = key('basic');
    used.push(k);
    await store.set(k, 'refresh-token-value');
    expect(await store.get(k)).toBe('refresh-token-value');
    // It really is in the keychain, under our service name.
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, k)).toBe('refresh-token-value');
    await store.delete(k);
    expect(await store.get(k)).toBeNull();
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, k)).toBeNull();
  });

  it('overwrites an existing secret', async () => {
    const k = key('overwrite');
    used.push(k);
    await store.set(k, 'first');
    await store.set(k, 'second');
    expect(await store.get(k)).toBe('second');
  });

  it('keeps unicode and long values intact', async () => {
    const k = key('unicode');
    used.push(k);
    const value = `Grüße 🔑 ${'x'.repeat(2000)} 日本語`;
    await store.set(k, value);
    expect(await store.get(k)).toBe(value);
  });

  it('answers null for a missing key, and deleting a missing key is not an error', async () => {
    expect(await store.get(key('missing'))).toBeNull();
    await expect(store.delete(key('missing'))).resolves.toBeUndefined();
  });

  it('keeps separate keys apart', async () => {
    used.push(key('a'), key('b'));
    await store.set(key('a'), 'A');
    await store.set(key('b'), 'B');
    expect(await store.get(key('a'))).toBe('A');
    expect(await store.get(key('b'))).toBe('B');
  });

  it('is what chooseSecretStore picks when the keychain works (probe round trip)', async () => {
    const chosen = await chooseSecretStore({ dataDir: '/nonexistent' });
    expect(chosen.store.kind).toBe('keychain');
    expect(chosen.warning).toBeUndefined();
  });
});
