/**
 * Start the built web host (out/main/web-host.cjs) in a child process with its
 * own data folder, and stop it. Plain Node (no test runner): the end-to-end
 * fixture and the benchmark both use it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

/** A running web host as the tests see it. */
export interface RunningHost {
  /** The first launch URL (origin + `#ticket=…`): works once, within a minute; the tab then keeps the session. */
  url: string;
  /** A fresh single-use launch URL (for another tab, context or browser). */
  launchUrl(): Promise<string>;
  origin: string;
  dataDir: string;
  /** Everything the host wrote to stdout and stderr so far. */
  output(): string;
}

/**
 * Spawn the web host and wait for its JSON line.
 *
 * @param options.dataDir reuse this data folder (a restart); it is then left in place by `stop()`
 * @param options.prepare writes into the data folder before the host starts (e.g. a damaged file).
 */
export async function spawnWebHost(
  env: Record<string, string> = {},
  options: { dataDir?: string; prepare?: (dataDir: string) => Promise<void> } = {},
): Promise<{ host: RunningHost; stop: () => Promise<void>; kill: () => Promise<void> }> {
  if (!existsSync('out/main/web-host.cjs')) throw new Error('out/main/web-host.cjs is missing: run `node scripts/build.mjs` first');
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'ad-e2e-')));
  await options.prepare?.(dataDir);
  const child: ChildProcess = spawn(process.execPath, ['out/main/web-host.cjs', '--json', '--no-open', '--data', dataDir], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const lines = readline.createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${output}`)), 15_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${output}`)));
  });
  const waiting: Array<(url: string) => void> = [];
  lines.on('line', (l) => {
    if (l.startsWith('{"url":') && waiting.length) return waiting.shift()!((JSON.parse(l) as { url: string }).url);
    output += `${l}\n`;
  });
  const { url, origin } = JSON.parse(first) as { url: string; origin: string };
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    }
  };

  /** Ask the host for a new ticket: one line on its stdin answers one `{url}` line. */
  const launchUrl = () =>
    new Promise<string>((resolve) => {
      waiting.push(resolve);
      child.stdin!.write('\n');
    });
  return {
    host: { url, origin, dataDir, launchUrl, output: () => output },
    stop: async () => {
      await end('SIGTERM');
      if (options.dataDir) return;
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir} (demo server)`, { recursive: true, force: true });
    },
    /** A crash: SIGKILL, nothing flushed, the data folder left as it was. */
    kill: () => end('SIGKILL'),
  };
}
