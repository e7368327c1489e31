/**
 * The built web host (out/main/web-host.cjs) in a child process for the
 * benchmark, with its own data folder (build first: `node scripts/build.mjs`).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { REPO_ROOT } from './upload';

/** A running web host. `url` carries the host's session secret: never print it. */
export interface BenchWebHost {
  url: string;
  origin: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Spawn the web host and wait for its JSON line.
 *
 * @throws Error when the host is not built or does not start.
 */
export async function startBenchWebHost(): Promise<BenchWebHost> {
  const entry = path.join(REPO_ROOT, 'out', 'main', 'web-host.cjs');
  if (!existsSync(entry)) throw new Error('out/main/web-host.cjs is missing: run `node scripts/build.mjs` first');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'autolab-bench-host-'));
  const child = spawn(process.execPath, [entry, '--json', '--no-open', '--data', dataDir], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
  const lines = readline.createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${output}`)), 20_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${output}`)));
  });
  lines.on('line', () => undefined);
  const { url, origin } = JSON.parse(first) as { url: string; origin: string };
  return {
    url,
    origin,
    dataDir,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir} (demo server)`, { recursive: true, force: true });
    },
  };
}
