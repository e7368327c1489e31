/**
 * Issue 11 item 8: the user-data folder is 0700 (cache file names reveal
 * course names) and what main writes into it is 0600.
 */
import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../main/composition-root';
import { createLogger } from '../../../main/logger';
import { writeJsonFile } from '../../../main/storage/json-file';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const mode = async (p: string) => (await stat(p)).mode & 0o777;

describe('data folder permissions', () => {
  it('createCore makes a new data folder 0700 and narrows an existing 0755 one', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'ad-perm-'));
    dirs.push(root);
    const fresh = path.join(root, 'fresh', 'Autolab Desktop');
    const wide = path.join(root, 'wide');
    await mkdir(wide, { mode: 0o755 });
    await chmod(wide, 0o755);
    for (const dataDir of [fresh, wide]) {
      const core = await createCore({
        platform: { kind: 'web', openExternal: async () => false, chooseFolder: async () => null },
        secrets: { loadKeytar: null },
        dataDir,
        version: '1.0.0',
        log: createLogger(() => undefined),
      });
      expect(await mode(dataDir)).toBe(0o700);
      await core.dispose();
    }
  });

  it('JSON files are written 0600 inside folders created 0700', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'ad-perm-'));
    dirs.push(root);
    const file = path.join(root, 'cache', 'course names', 'x.json');
    await writeJsonFile(file, { a: 1 });
    expect(await mode(path.dirname(file))).toBe(0o700);
    expect(await mode(path.join(root, 'cache'))).toBe(0o700);
    expect(await mode(file)).toBe(0o600);
  });
});
