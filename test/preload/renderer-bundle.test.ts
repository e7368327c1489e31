/**
 * The renderer bundle carries no zod (issue 15, "Speed, measured"): the
 * renderer imports the contract's types and only its plain values
 * (preload/contract-plain.ts), so the ~100 KB of schemas stay in main.
 * Builds the renderer with the project's Vite config into a temporary folder.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('renderer bundle', () => {
  it('contains no zod code', async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'ad-renderer-bundle-'));
    dirs.push(outDir);
    await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    const files = (await readdir(path.join(outDir, 'assets'))).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(0);
    const code = (await Promise.all(files.map((f) => readFile(path.join(outDir, 'assets', f), 'utf8')))).join('\n');
    // zod 4's core marks every schema with `_zod` and names its error class ZodError.
    expect(code).not.toContain('ZodError');
    expect(code).not.toMatch(/\b_zod\b/);
    expect(code).not.toContain('$ZodType');
    // The channel list still reaches the client.
    expect(code).toContain('courses:list');
  }, 120_000);
});
