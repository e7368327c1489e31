/**
 * Issue 11: Electronegativity runs offline over main/, preload/ and renderer/
 * and fails on any finding not justified in security/electronegativity-justified.json.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const script = path.join(root, 'scripts/electronegativity.cjs');
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function scan(source?: string): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, [script, ...(source ? ['--source', source] : [])], { cwd: root, timeout: 120_000 });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** A copy of the three source folders, edited by `change`. */
async function tamperedCopy(change: (dir: string) => Promise<void>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'en-src-'));
  dirs.push(dir);
  for (const d of ['main', 'preload', 'renderer']) await cp(path.join(root, d), path.join(dir, d), { recursive: true });
  await change(dir);
  return dir;
}

describe('electronegativity gate', () => {
  it('passes on the app as it is: every finding has a written reason', async () => {
    const r = await scan();
    expect(r.out).toMatch(/each justified/);
    expect(r.code).toBe(0);
    const list = JSON.parse(await readFile(path.join(root, 'security/electronegativity-justified.json'), 'utf8')) as Array<{ reason: string }>;
    for (const j of list) expect(j.reason.length).toBeGreaterThan(40);
  }, 120_000);

  it('fails on an unjustified finding: inline styles back in the CSP, or middle-click windows back on', async () => {
    const csp = await tamperedCopy(async (dir) => {
      const file = path.join(dir, 'renderer/index.html');
      await writeFile(file, (await readFile(file, 'utf8')).replace("style-src 'self';", "style-src 'self' 'unsafe-inline';"));
    });
    const auxclick = await tamperedCopy(async (dir) => {
      const file = path.join(dir, 'main/electron/electron-main.ts');
      await writeFile(file, (await readFile(file, 'utf8')).replace("disableBlinkFeatures: 'Auxclick',", ''));
    });
    for (const source of [csp, auxclick]) {
      const r = await scan(source);
      expect(r.code, r.out).toBe(1);
      expect(r.out).toMatch(/unjustified Electronegativity finding/);
    }
  }, 120_000);
});
