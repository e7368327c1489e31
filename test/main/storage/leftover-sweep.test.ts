/**
 * Issue 10 item 8: what a crashed run left (staged handin copies, temp files
 * of atomic writes, half downloads) is removed when the next instance starts;
 * files newer than the instance, and files that are not ours, stay.
 */
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepLeftovers } from '../../../main/storage/leftover-sweep';
import { startCore } from '../resilience/core-harness';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ad-sweep-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const HOUR_AGO = new Date(Date.now() - 3600_000);
async function old(file: string, bytes = 10): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, Buffer.alloc(bytes, 1));
  await utimes(file, HOUR_AGO, HOUR_AGO);
}

describe('leftovers of a crashed run', () => {
  it('are swept when the core starts: staged copies, *.tmp, .part; the user’s own files stay', async () => {
    const staged = path.join(dir, 'staging', 'a'.repeat(32));
    await old(staged, 40 * 1024);
    await old(path.join(dir, 'accounts.json.0123456789ab.tmp'));
    await old(path.join(dir, 'cache', 'f'.repeat(24), 'courses-0123456789abcdef.json.a1b2c3d4e5f6.tmp'));
    await old(path.join(dir, 'saved', '.bits.c.0123456789ab.part'));
    // Not ours, or not leftovers: kept.
    await old(path.join(dir, 'saved', 'bits.c'));
    await old(path.join(dir, 'saved', 'notes.tmp'));
    await old(path.join(dir, 'cache', 'f'.repeat(24), 'courses-0123456789abcdef.json'));

    const { core } = await startCore(dir);
    try {
      expect(await readdir(path.join(dir, 'staging'))).toEqual([]);
      expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      expect(await readdir(path.join(dir, 'cache', 'f'.repeat(24)))).toEqual(['courses-0123456789abcdef.json']);
      expect((await readdir(path.join(dir, 'saved'))).sort()).toEqual(['bits.c', 'notes.tmp']);
    } finally {
      await core.dispose();
    }
  });

  it('keeps files newer than the running instance and counts what it removed', async () => {
    await old(path.join(dir, 'staging', 'old'), 100);
    await mkdir(path.join(dir, 'staging'), { recursive: true });
    await writeFile(path.join(dir, 'staging', 'new'), 'x');
    const result = await sweepLeftovers({ dataDir: dir, downloadDirs: [], startedAt: Date.now() - 60_000 });
    expect(result).toEqual({ files: 1, bytes: 100 });
    expect(await readdir(path.join(dir, 'staging'))).toEqual(['new']);
  });
});
