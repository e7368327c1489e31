/**
 * SafeStorageSecretStore and the store chooser.
 *
 * Electron's safeStorage is not available in plain Node, so these tests prove
 * the store's contract with the injected `SafeStorageLike` interface using a
 * deterministic test cipher (AES-256-CBC with a fixed key and IV). What is
 * tested is the store: ciphertext only on disk, atomic file, refusal of weak
 * backends; not Electron's encryption.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseSecretStore, MEMORY_STORE_WARNING } from '../../../main/secrets/choose-secret-store';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import { SAFE_STORAGE_FILE, SafeStorageSecretStore, type SafeStorageLike } from '../../../main/secrets/safe-storage-secret-store';

const KEY = Buffer.alloc(32, 7);
const IV = Buffer.alloc(16, 9);
function testCipher(backend?: string, available = true): SafeStorageLike {
  const cipher: SafeStorageLike = {
    isEncryptionAvailable: () => available,
    encryptString: (s) => {
      const c = createCipheriv('aes-256-cbc', KEY, IV);
      return Buffer.concat([c.update(s, 'utf8'), c.final()]);
    },
    decryptString: (b) => {
      const d = createDecipheriv('aes-256-cbc', KEY, IV);
      return Buffer.concat([d.update(b), d.final()]).toString('utf8');
    },
  };
  if (backend) cipher.getSelectedStorageBackend = () => backend;
  return cipher;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'autolab-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SECRET = 'refresh-token-PLAINTEXT-Zq3VtY0y2xkNn8c1RkH0vHkq3mQx0w';

describe('SafeStorageSecretStore (contract of the injected safeStorage interface, with a deterministic test cipher)', () => {
  it('round-trips set/get/overwrite/delete and answers null for missing keys', async () => {
    const store = new SafeStorageSecretStore(testCipher('gnome_libsecret'), dir);
    expect(store.kind).toBe('safe-storage');
    expect(await store.get('a')).toBeNull();
    await store.set('a', SECRET);
    expect(await store.get('a')).toBe(SECRET);
    await store.set('a', 'second Grüße 🔑');
    expect(await store.get('a')).toBe('second Grüße 🔑');
    await store.delete('a');
    expect(await store.get('a')).toBeNull();
    await expect(store.delete('never-there')).resolves.toBeUndefined();
  });

  it('never writes the plaintext to disk; the file holds ciphertext only, mode 0600, and no temp files remain', async () => {
    const store = new SafeStorageSecretStore(testCipher(), dir);
    await store.set('tokens/acct/refresh', SECRET);
    await store.set('other', 'another-secret-value');
    const files = await readdir(dir);
    expect(files).toEqual([SAFE_STORAGE_FILE]);
    const raw = await readFile(path.join(dir, SAFE_STORAGE_FILE));
    expect(raw.includes(Buffer.from(SECRET))).toBe(false);
    expect(raw.includes(Buffer.from('another-secret-value'))).toBe(false);
    expect(raw.toString('latin1')).not.toContain('PLAINTEXT');
    if (process.platform !== 'win32') expect((await stat(path.join(dir, SAFE_STORAGE_FILE))).mode & 0o777).toBe(0o600);
  });

  it('reads back what an earlier instance wrote (persists across restarts)', async () => {
    await new SafeStorageSecretStore(testCipher(), dir).set('k', SECRET);
    expect(await new SafeStorageSecretStore(testCipher(), dir).get('k')).toBe(SECRET);
  });

  it('serialises concurrent writes without losing any', async () => {
    const store = new SafeStorageSecretStore(testCipher(), dir);
    await Promise.all(Array.from({ length: 25 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    const fresh = new SafeStorageSecretStore(testCipher(), dir);
    for (let i = 0; i < 25; i++) expect(await fresh.get(`k${i}`)).toBe(`v${i}`);
  });

  it('refuses the basic_text backend and unavailable encryption with one sentence', () => {
    expect(() => new SafeStorageSecretStore(testCipher('basic_text'), dir)).toThrow(/basic_text backend is not secure/);
    expect(() => new SafeStorageSecretStore(testCipher(undefined, false), dir)).toThrow(/encryption is not available/);
  });

  it('reports a corrupt file as secret-store-failed instead of crashing or returning garbage', async () => {
    await writeFile(path.join(dir, SAFE_STORAGE_FILE), '{"version":1,"entries":{"k":"!!notbase64"}}');
    await expect(new SafeStorageSecretStore(testCipher(), dir).get('k')).rejects.toMatchObject({ code: 'secret-store-failed' });
    await writeFile(path.join(dir, SAFE_STORAGE_FILE), '{"version":1,"entries":{"k":"AAAA"}}');
    await expect(new SafeStorageSecretStore(testCipher(), dir).get('k')).rejects.toMatchObject({ code: 'secret-store-failed' });
  });
});

describe('chooseSecretStore', () => {
  const brokenKeytar = async () => {
    throw new Error('Cannot find module keytar.node');
  };

  it('falls back to safeStorage when keytar cannot load', async () => {
    const chosen = await chooseSecretStore({ loadKeytar: brokenKeytar, safeStorage: testCipher('kwallet5'), dataDir: dir });
    expect(chosen.store.kind).toBe('safe-storage');
    expect(chosen.warning).toBeUndefined();
    // The probe left nothing behind.
    expect(JSON.parse(await readFile(path.join(dir, SAFE_STORAGE_FILE), 'utf8')).entries).toEqual({});
  });

  it('falls back to safeStorage when the keychain loads but fails the set/get/delete probe', async () => {
    const lockedKeytar = async () => ({
      getPassword: async () => null,
      setPassword: async () => {
        throw new Error('Cannot create an item in a locked collection');
      },
      deletePassword: async () => false,
    });
    const chosen = await chooseSecretStore({ loadKeytar: lockedKeytar, safeStorage: testCipher(), dataDir: dir });
    expect(chosen.store.kind).toBe('safe-storage');
  });

  it('falls back to memory with a warning sentence when safeStorage is basic_text', async () => {
    const chosen = await chooseSecretStore({ loadKeytar: brokenKeytar, safeStorage: testCipher('basic_text'), dataDir: dir });
    expect(chosen.store.kind).toBe('memory');
    expect(chosen.warning).toBe(MEMORY_STORE_WARNING);
    expect(await readdir(dir)).toEqual([]); // nothing on disk
  });

  it('falls back to memory with a warning when there is no keychain and no safeStorage (plain Node host)', async () => {
    const chosen = await chooseSecretStore({ loadKeytar: null, dataDir: dir });
    expect(chosen.store).toBeInstanceOf(MemorySecretStore);
    expect(chosen.warning).toMatch(/sign in again each time/);
  });

  it('gives up on a keychain that never answers', async () => {
    const hanging = async () => ({
      getPassword: () => new Promise<string | null>(() => {}),
      setPassword: () => new Promise<void>(() => {}),
      deletePassword: () => new Promise<boolean>(() => {}),
    });
    const chosen = await chooseSecretStore({ loadKeytar: hanging, dataDir: dir, probeTimeoutMs: 100 });
    expect(chosen.store.kind).toBe('memory');
  });
});

describe('MemorySecretStore', () => {
  it('stores, overwrites and deletes in memory', async () => {
    const store = new MemorySecretStore();
    await store.set('k', 'v');
    await store.set('k', 'w');
    expect(await store.get('k')).toBe('w');
    await store.delete('k');
    expect(await store.get('k')).toBeNull();
  });
});
