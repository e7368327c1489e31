/**
 * scripts/in-test-keyring.sh: two keychain test runs at once keep each other's secrets.
 *
 * Why: every gnome-keyring-daemon rewrites the whole keyring file from its own memory, so two daemons on one
 * keyring folder (two test runs, each in its own dbus-run-session, on ~/.local/share/keyrings) delete each
 * other's fresh items. That made the sign-in e2e say "The client secret … is missing from the keychain" right
 * after storing it. The wrapper gives each run a private folder; this runs two writers through it at once and
 * checks that every item each one wrote is still there at its end.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');

/** Writes 30 items (re-reading each), then counts how many are gone; prints JSON. */
const WRITER = `
const keytar = require(${JSON.stringify(path.join(root, 'node_modules/keytar'))});
(async () => {
  const keys = [];
  let gone = 0;
  for (let i = 0; i < 30; i++) {
    const k = 'in-test-keyring/' + process.pid + '/' + i;
    await keytar.setPassword('Autolab Desktop test', k, 'v' + i);
    if ((await keytar.getPassword('Autolab Desktop test', k)) !== 'v' + i) gone++;
    keys.push(k);
    await new Promise((r) => setTimeout(r, 10));
  }
  for (const k of keys) if ((await keytar.getPassword('Autolab Desktop test', k)) === null) gone++;
  console.log(JSON.stringify({ folder: process.env.XDG_DATA_HOME, gone }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

describe('scripts/in-test-keyring.sh', () => {
  it('gives two runs at once their own keyring folder, and neither loses an item', async () => {
    const script = path.join(root, 'scripts/in-test-keyring.sh');
    const outs = await Promise.all([0, 1].map(() => run(script, [process.execPath, '-e', WRITER], { cwd: root, timeout: 60_000 })));
    const results = outs.map(({ stdout }) => JSON.parse(stdout.trim().split('\n').pop()!) as { folder: string; gone: number });
    expect(results[0]!.folder).toMatch(/autolab-test-keyring-/);
    expect(results[0]!.folder).not.toBe(results[1]!.folder);
    expect(results.map((r) => r.gone)).toEqual([0, 0]);
  });
});
