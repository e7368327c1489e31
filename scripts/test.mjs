#!/usr/bin/env node
/**
 * `npm test`: everything, in order — type-check of every process,
 * Electronegativity (every finding justified in security/), build,
 * vitest (unit + integration, incl. the real OS keychain), Playwright (the
 * renderer in Debian's Chromium through the web host).
 *
 * Missing prerequisites fail at once with one line instead of hanging. Without
 * a D-Bus session, it re-runs itself inside `dbus-run-session` with an
 * unlocked gnome-keyring so keytar is tested for real.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function fail(line) {
  console.error(`npm test: ${line}`);
  process.exit(1);
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

try {
  accessSync(chromium, constants.X_OK);
} catch {
  fail(`Chromium not found at ${chromium}; install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);
}

if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
  if (process.env.AUTOLAB_TEST_IN_DBUS) fail('dbus-run-session started but no D-Bus session address was set.');
  if (!onPath('dbus-run-session') || !onPath('gnome-keyring-daemon')) {
    fail('No D-Bus session for the keychain tests; install dbus and gnome-keyring (apt-get install dbus gnome-keyring) or run inside a desktop session.');
  }
  const inner = `echo -n autolab-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "${process.execPath}" "${path.join(root, 'scripts/test.mjs')}" ${process.argv.slice(2).map((a) => `'${a}'`).join(' ')}`;
  // A throwaway keyring folder: an existing login keyring with another password cannot lock the tests out,
  // and the user's real keyring is never touched.
  const keyringHome = mkdtempSync(path.join(os.tmpdir(), 'autolab-test-keyring-'));
  const r = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
    stdio: 'inherit',
    env: { ...process.env, AUTOLAB_TEST_IN_DBUS: '1', XDG_DATA_HOME: keyringHome },
  });
  rmSync(keyringHome, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}

try {
  require('keytar');
} catch (err) {
  fail(`keytar's native module cannot load (${String(err.message).split('\n')[0]}); install libsecret-1-dev and run npm ci again.`);
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const steps = [
  ['type-check (main, preload, sandbox, tests)', bin('tsc'), ['-p', 'tsconfig.node.json']],
  ['type-check (renderer)', bin('tsc'), ['-p', 'tsconfig.web.json']],
  ['electronegativity (main, preload, renderer; offline)', process.execPath, ['scripts/electronegativity.cjs']],
  ['build', process.execPath, ['scripts/build.mjs', '--quiet']],
  ['vitest', bin('vitest'), ['run']],
  ['playwright', bin('playwright'), ['test']],
];
for (const [name, cmd, args] of steps) {
  console.log(`\n== ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, timeout: 30 * 60_000, env: { ...process.env, FORCE_COLOR: '0' } });
  if (r.status !== 0) {
    console.error(`npm test: step "${name}" failed${r.signal ? ` (${r.signal})` : ''}.`);
    process.exit(r.status || 1);
  }
}
