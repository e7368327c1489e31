#!/usr/bin/env node
/**
 * Build every process: main (Electron shell and web host) and preload with
 * esbuild, the renderer with Vite. got and form-data-encoder are ESM-only, so
 * they are bundled into the CommonJS main build; electron and keytar (native)
 * stay external.
 */
import { build as esbuild } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { build as viteBuild } from 'vite';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const quiet = process.argv.includes('--quiet');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  logLevel: quiet ? 'warning' : 'info',
  external: ['electron', 'keytar'],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
};

await Promise.all([
  esbuild({ ...common, entryPoints: { 'electron-main': 'main/electron/electron-main.ts' }, outdir: 'out/main', outExtension: { '.js': '.cjs' } }),
  esbuild({ ...common, entryPoints: { 'web-host': 'main/web-host/cli.ts' }, outdir: 'out/main', outExtension: { '.js': '.cjs' } }),
  esbuild({ ...common, entryPoints: { preload: 'preload/preload.ts' }, outdir: 'out/preload', outExtension: { '.js': '.cjs' } }),
]);
await viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'warn' : 'info' });
