import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's stock fuse wire (v1): RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on,
// asar integrity off, only-load-from-asar off, V8 snapshot off, file-protocol privileges on.
const STOCK_WIRE = '10110001';

let work = '';
let appOut = '';
let run: ReturnType<typeof spawnSync>;

beforeAll(async () => {
  if (!existsSync('out/main/electron-main.cjs') || !existsSync('out/renderer/index.html')) {
    throw new Error('Build the app first (npm run build); this test packages out/.');
  }
  work = await mkdtemp(path.join(os.tmpdir(), 'ad-pack-'));
  // A stand-in for Electron's unpacked distribution: an executable carrying a real fuse wire.
  const dist = path.join(work, 'electron-dist');
  await mkdir(dist);
  await writeFile(
    path.join(dist, 'electron'),
    Buffer.concat([Buffer.from('#!/bin/sh\necho stand-in\n'), Buffer.from(SENTINEL), Buffer.from([1, STOCK_WIRE.length]), Buffer.from(STOCK_WIRE), Buffer.from('\n')]),
    { mode: 0o755 },
  );
  await writeFile(path.join(dist, 'version'), '45.4.1');
  await writeFile(path.join(dist, 'LICENSE'), 'stand-in');
  appOut = path.join(work, 'dist');
  run = spawnSync(
    process.execPath,
    ['node_modules/electron-builder/cli.js', '--linux', '--dir', '--publish', 'never', `-c.electronDist=${dist}`, '-c.npmRebuild=false', `-c.directories.output=${appOut}`],
    { encoding: 'utf8', timeout: 120_000, env: { ...process.env, CI: 'true' } },
  );
}, 150_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('electron-builder --dir with a stand-in Electron', () => {
  it('runs the packaging pipeline to the end', () => {
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  });

  it('puts main, preload and renderer in app.asar and nothing from test/ or sandbox/ sources', () => {
    const files = listPackage(path.join(appOut, 'linux-unpacked', 'resources', 'app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'));
    expect(files).toEqual(expect.arrayContaining(['/out/main/electron-main.cjs', '/out/preload/preload.cjs', '/out/renderer/index.html', '/package.json']));
    const own = files.filter((f) => !f.startsWith('/node_modules/'));
    expect(own.filter((f) => /^\/(test|sandbox|main|preload|renderer|scripts|bench)\//.test(f))).toEqual([]);
    expect(own.filter((f) => /\.(ts|tsx|map)$/.test(f))).toEqual([]);
    expect(own).not.toContain('/out/main/web-host.cjs');
    // Only runtime dependencies ship (everything else is bundled into out/).
    for (const bundled of ['react', 'got', 'zod', 'vitest', 'electron', '@playwright']) {
      expect(files.some((f) => f.startsWith(`/node_modules/${bundled}/`))).toBe(false);
    }
  });

  it('ships the demo Autolab inside the main bundle ("Try the demo"), not as sources', () => {
    const bundle = extractFile(path.join(appOut, 'linux-unpacked', 'resources', 'app.asar'), 'out/main/electron-main.cjs').toString('utf8');
    expect(bundle).toContain('function startSandbox');
    expect(bundle).toContain('/device_flow_auth_cb');
  });

  it("unpacks keytar's native module next to the asar", () => {
    expect(existsSync(path.join(appOut, 'linux-unpacked', 'resources', 'app.asar.unpacked', 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'))).toBe(true);
  });

  it('flips the fuses in the packaged executable', async () => {
    const exe = await readFile(path.join(appOut, 'linux-unpacked', 'autolab-desktop'));
    const at = exe.indexOf(SENTINEL) + SENTINEL.length;
    expect(exe[at]).toBe(1);
    const wire = exe.subarray(at + 2, at + 2 + exe[at + 1]).toString('latin1');
    // RunAsNode 0, cookie encryption 1, NODE_OPTIONS 0, --inspect 0, asar integrity 1, only asar 1, file privileges 0.
    expect(wire[0]).toBe('0');
    expect(wire[1]).toBe('1');
    expect(wire[2]).toBe('0');
    expect(wire[3]).toBe('0');
    expect(wire[4]).toBe('1');
    expect(wire[5]).toBe('1');
    expect(wire[7]).toBe('0');
  });
});
