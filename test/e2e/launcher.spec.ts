/**
 * Issue 11 item 1: `npm start`'s web host hands the browser a private
 * one-time launcher file; no process argument and no printed line holds a
 * reusable secret, and the launcher's link works once.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

test('the launcher file is private, opens the app once, and no argument or output carries the secret', async ({ page, browser }) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ad-launch-'));
  let launcherFile = '';
  const child = spawn(process.execPath, ['out/main/web-host.cjs', '--no-open', '--data', dataDir], { stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    const lines = readline.createInterface({ input: child.stdout! });
    const printed: string[] = [];
    const launcherUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no launcher line: ${printed.join('\n')}`)), 20_000);
      lines.on('line', (l) => {
        printed.push(l);
        const m = /(file:\/\/\S+)/.exec(l);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    expect(printed.join('\n')).not.toMatch(/ticket=|secret=/);
    const file = fileURLToPath(launcherUrl);
    launcherFile = file;
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    const html = await readFile(file, 'utf8');
    const appUrl = /location\.replace\("([^"]+)"\)/.exec(html)?.[1] ?? '';
    expect(appUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#ticket=[0-9a-f]{64}$/);
    // The process's own command line holds no ticket or secret.
    const cmdline = (await readFile(`/proc/${child.pid}/cmdline`, 'utf8')).replace(/\0/g, ' ');
    expect(cmdline).not.toMatch(/ticket|secret|[0-9a-f]{64}/);

    await page.goto(launcherUrl);
    await expect(page.getByTestId('host-kind')).toHaveText(/Web host/);
    expect(page.url()).not.toContain('ticket=');
    // Opening the same launcher again (or its history entry) in another browser session opens nothing.
    const other = await browser.newContext();
    const again = await other.newPage();
    await again.goto(appUrl);
    await expect(again.getByRole('alert')).toContainText('one-time link was already used');
    await other.close();

    // Enter in the terminal makes a new launcher.
    child.stdin!.write('\n');
    await expect.poll(() => printed.filter((l) => l.includes('file://')).length).toBe(2);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  }
  // Stopping the host deletes its launchers.
  await expect(stat(launcherFile)).rejects.toThrow();
});
