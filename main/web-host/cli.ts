/**
 * Entry point of the web host (`node out/main/web-host.cjs`).
 *
 * Used by `npm start` when the Electron runtime is missing, and by the
 * end-to-end tests. Flags: `--port N`, `--data DIR`, `--renderer DIR`,
 * `--json` (print one JSON line `{url, origin}` for tests, and one `{url}`
 * line per line read from stdin), `--no-open`.
 *
 * No secret ever reaches a process argument (issue 11 item 1): the browser is
 * given the path of a private one-time launcher file (see launcher-file.ts),
 * and every URL printed carries only a single-use ticket that expires in a
 * minute. Pressing Enter makes a new one.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { defaultUserDataDir } from '../app-paths';
import { createCore } from '../composition-root';
import { createLogger } from '../logger';
import { webHostDownloadsFolder } from './downloads-folder';
import { writeLauncherFile, type LauncherFile } from './launcher-file';
import { openInSystemBrowser } from './system-browser';
import { startWebHost } from './web-host';

declare const __APP_VERSION__: string;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      data: { type: 'string' },
      renderer: { type: 'string' },
      json: { type: 'boolean', default: false },
      'no-open': { type: 'boolean', default: false },
    },
  });
  const log = createLogger();
  const dataDir = path.resolve(values.data ?? process.env.AUTOLAB_DESKTOP_DATA ?? defaultUserDataDir());
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new Error(`its data folder ${dataDir} cannot be created (${(err as NodeJS.ErrnoException).code === 'EEXIST' || (err as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'a file is in the way' : 'check that it is writable and has free space'}).`);
  }
  const core = await createCore({
    platform: {
      kind: 'web',
      openExternal: (url) => openInSystemBrowser(url),
      chooseFolder: () => webHostDownloadsFolder(dataDir),
      chooseSaveFile: async (name) => path.join(await webHostDownloadsFolder(dataDir), name),
    },
    dataDir,
    version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev',
    log,
  });
  const host = await startWebHost({
    core,
    rendererDir: path.resolve(values.renderer ?? path.join(__dirname, '..', 'renderer')),
    log,
    port: Number(values.port),
  });
  const launchers: LauncherFile[] = [];
  /** Write a launcher, open it (unless told not to) and say where it is. */
  const launch = async (open: boolean) => {
    const launcher = await writeLauncherFile(host.launchUrl());
    launchers.push(launcher);
    const opened = open && (await openInSystemBrowser(launcher.fileUrl, process.platform, { allowFile: true }));
    process.stdout.write(
      opened
        ? 'Opened Autolab Desktop in your browser.\n'
        : `Open this in your browser within a minute (it works once): ${launcher.fileUrl}\n`,
    );
  };
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('error', () => undefined);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ url: host.launchUrl(), origin: host.origin })}\n`);
    lines.on('line', () => process.stdout.write(`${JSON.stringify({ url: host.launchUrl() })}\n`));
  } else {
    process.stdout.write(`Autolab Desktop is running at ${host.origin}\n`);
    await launch(!values['no-open'] && !process.env.CI);
    process.stdout.write('Press Enter for a new one-time link, Ctrl+C to quit.\n');
    lines.on('line', () => void launch(!values['no-open'] && !process.env.CI).catch(() => undefined));
  }
  const stop = async () => {
    lines.close();
    await Promise.all(launchers.map((l) => l.remove()));
    await host.close();
    await core.dispose();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`Autolab Desktop could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
