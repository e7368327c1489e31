#!/usr/bin/env node
/**
 * `npm start`: build, then run the app in Electron; where Electron's runtime
 * cannot be had (it is downloaded lazily and the download can fail), say so in
 * one line and serve the same app through the web host on 127.0.0.1 instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const passThrough = process.argv.slice(2);

const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--quiet'], { stdio: 'inherit', cwd: root });
if (built.status !== 0) process.exit(built.status ?? 1);

/** The Electron binary's path, downloading it first if it is missing; null when it cannot be had. */
function electronBinary() {
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  const binary = () => (existsSync(pathFile) ? path.join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null);
  const present = binary();
  if (present && existsSync(present)) return present;
  if (process.env.AUTOLAB_DESKTOP_NO_ELECTRON) return null;
  const install = spawnSync(process.execPath, [path.join(pkgDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
  const after = binary();
  return install.status === 0 && after && existsSync(after) ? after : null;
}

const electron = electronBinary();
if (electron) {
  const child = spawn(electron, [root, ...passThrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log("Electron's runtime is not installed and could not be downloaded here, so Autolab Desktop runs as a local web app instead:");
  const child = spawn(process.execPath, [path.join(root, 'out/main/web-host.cjs'), ...passThrough], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
