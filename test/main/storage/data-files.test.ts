/**
 * Issue 10 item 4: a data file that cannot be read is kept aside and the
 * user is told once; nothing else is lost; a folder where a data file should
 * be gets a sentence; writes are atomic (no temp file left behind).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountStore, type AccountRecord } from '../../../main/accounts/account-store';
import { readJsonFile, writeJsonFile } from '../../../main/storage/json-file';
import { startCore } from '../resilience/core-harness';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ad-data-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const record = (id: string): AccountRecord => ({
  id,
  name: `Server ${id}`,
  baseUrl: `https://${id}.example.edu`,
  clientId: 'cid',
  isDemo: false,
  identity: null,
  scopes: ['user_info'],
  instructorAccess: false,
  instructorAskedAtSignIn: false,
  notice: null,
  signedIn: false,
});

describe('data files', () => {
  it('a damaged accounts.json is kept aside byte for byte, the user is told once, and the other data files are untouched', async () => {
    const damaged = '{"version":1,"accounts":[{"id":"acct-1","name":"Autolab at CMU"'; // cut off mid-write
    await writeFile(path.join(dir, 'accounts.json'), damaged);
    const settings = { version: 1, privacy: true, reminderOffsetsMin: [60], mutedCourses: [], pausedUntil: null, startAtLogin: false, trayNoticeShown: true };
    await writeFile(path.join(dir, 'watcher-settings.json'), JSON.stringify(settings));

    const { core } = await startCore(dir);
    try {
      const notices = await core.router.dispatch('app:notices', undefined, { trusted: true });
      expect(notices.ok).toBe(true);
      const list = notices.ok ? (notices.output as Array<{ message: string }>) : [];
      expect(list).toHaveLength(1);
      expect(list[0]!.message).toMatch(/^The file holding your list of Autolab servers was damaged and could not be read; it was kept aside as accounts\.json\.corrupt-[\dT-]+Z and your list of Autolab servers started empty\.$/);
      // Shown once: a second ask (a reload) has nothing.
      const again = await core.router.dispatch('app:notices', undefined, { trusted: true });
      expect(again.ok && again.output).toEqual([]);

      const names = await readdir(dir);
      const aside = names.find((n) => n.startsWith('accounts.json.corrupt-'));
      expect(aside).toBeDefined();
      expect(await readFile(path.join(dir, aside!), 'utf8')).toBe(damaged);
      // The settings were read, not reset.
      const got = await core.router.dispatch('settings:get', undefined, { trusted: true });
      expect(got.ok && (got.output as { privacy: boolean }).privacy).toBe(true);
      expect(JSON.parse(await readFile(path.join(dir, 'watcher-settings.json'), 'utf8'))).toEqual(settings);
    } finally {
      await core.dispose();
    }
  });

  it('a folder named accounts.json gets a sentence, is moved aside with its contents, and the next save works', async () => {
    await mkdir(path.join(dir, 'accounts.json'));
    await writeFile(path.join(dir, 'accounts.json', 'keep-me.txt'), 'mine');
    const told: string[] = [];
    const store = new AccountStore(dir, (s) => told.push(s));
    await store.load();
    expect(told).toEqual([expect.stringMatching(/^The file holding your list of Autolab servers was a folder instead of a file; it was kept aside as accounts\.json\.corrupt-/)]);
    const aside = (await readdir(dir)).find((n) => n.startsWith('accounts.json.corrupt-'))!;
    expect(await readFile(path.join(dir, aside, 'keep-me.txt'), 'utf8')).toBe('mine');
    await store.put(record('a'));
    expect(JSON.parse(await readFile(path.join(dir, 'accounts.json'), 'utf8')).accounts).toHaveLength(1);
    // A second launch reads it without a word.
    const next = new AccountStore(dir, (s) => told.push(s));
    await next.load();
    expect(next.list().map((a) => a.id)).toEqual(['a']);
    expect(told).toHaveLength(1);
  });

  it('a file that parses but does not match its schema is kept aside too; a missing file is simply empty', async () => {
    const schema = z.object({ version: z.literal(1) });
    const told: string[] = [];
    expect(await readJsonFile(path.join(dir, 'none.json'), schema, { label: 'x', onProblem: (s) => told.push(s) })).toBeNull();
    await writeFile(path.join(dir, 'v.json'), '{"version":2}');
    expect(await readJsonFile(path.join(dir, 'v.json'), schema, { label: 'the test data', onProblem: (s) => told.push(s) })).toBeNull();
    expect(told).toHaveLength(1);
    expect((await readdir(dir)).some((n) => n.startsWith('v.json.corrupt-'))).toBe(true);
  });

  it('concurrent changes in one instance are all kept, and writes leave no temp file', async () => {
    const store = new AccountStore(dir);
    await store.load();
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => store.put(record(id))));
    await Promise.all([store.update('b', { name: 'Renamed' }), store.remove('d')]);
    const onDisk = JSON.parse(await readFile(path.join(dir, 'accounts.json'), 'utf8')) as { accounts: AccountRecord[] };
    expect(onDisk.accounts.map((a) => `${a.id}:${a.name}`)).toEqual(['a:Server a', 'b:Renamed', 'c:Server c', 'e:Server e']);
    expect(store.list()).toEqual(onDisk.accounts);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await writeJsonFile(path.join(dir, 'x.json'), { ok: true });
    expect((await readdir(dir)).sort()).toEqual(['accounts.json', 'x.json']);
  });
});
