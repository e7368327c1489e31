/**
 * Issue 10 item 4: one instance per data folder in both hosts. Two web hosts
 * (real processes of the built web host) on one folder: the second is
 * refused with one sentence and the first one's account list is untouched;
 * a lock left by a process that is gone is taken over.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireInstanceLock, LOCK_FILE } from '../../../main/storage/instance-lock';
import { spawnWebHost } from '../../e2e/web-host-process';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ad-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A process that has ended: its pid is free. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/** Run the built web host on `dataDir` until it exits; its exit code and stderr. */
function runWebHost(dataDir: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['out/main/web-host.cjs', '--json', '--no-open', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    }),
  );
}

describe('one instance per data folder', () => {
  it('a second web host on the same folder is refused with one sentence; the first keeps running and its accounts are untouched', async () => {
    if (!existsSync('out/main/web-host.cjs')) throw new Error('out/main/web-host.cjs is missing: run `node scripts/build.mjs` first');
    const { host, stop } = await spawnWebHost();
    try {
      const accounts = JSON.stringify({ version: 1, accounts: [] });
      const file = path.join(host.dataDir, 'accounts.json');
      await writeFile(file, accounts);
      const second = await runWebHost(host.dataDir);
      expect(second.code).toBe(1);
      expect(second.stderr.trim()).toMatch(
        /^Autolab Desktop could not start: Autolab Desktop is already running in a browser tab \(web host\) with this data folder \(process \d+\); use that one, or quit it before starting another\.$/,
      );
      expect(await readFile(file, 'utf8')).toBe(accounts);
      const page = await fetch(host.origin, { headers: { host: new URL(host.origin).host } });
      expect(page.status).toBe(200);
    } finally {
      await stop();
    }
  });

  it('a lock left by a crashed instance is taken over; a live owner is named; the same process cannot take it twice', async () => {
    await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: await deadPid(), host: 'web', startedAt: 1 }));
    const lock = await acquireInstanceLock(dir, 'electron');
    expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, host: 'electron' });
    await expect(acquireInstanceLock(dir, 'web')).rejects.toMatchObject({ code: 'already-running' });
    await lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);

    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: alive.pid, host: 'electron', startedAt: 1 }));
      await expect(acquireInstanceLock(dir, 'web')).rejects.toMatchObject({
        code: 'already-running',
        message: `Autolab Desktop is already running as a desktop app with this data folder (process ${alive.pid}); use that one, or quit it before starting another.`,
      });
    } finally {
      alive.kill();
    }
    // A pid reused by an unrelated program (Linux can tell from /proc) does not keep the lock.
    if (process.platform === 'linux') {
      const unrelated = spawn('sleep', ['60']);
      try {
        await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: unrelated.pid, host: 'web', startedAt: 1 }));
        await (await acquireInstanceLock(dir, 'web')).release();
      } finally {
        unrelated.kill();
      }
    }
    // A damaged lock file (half written) counts as stale.
    await writeFile(path.join(dir, LOCK_FILE), '{"pid":');
    const again = await acquireInstanceLock(dir, 'web');
    await again.release();
  });
});
