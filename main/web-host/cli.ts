/**
 * Entry point of the web host (`node out/main/web-host.cjs`).
 *
 * Used by `npm start` when the Electron runtime is missing, and by the
 * end-to-end tests. Flags: `--port N`, `--data DIR`, `--renderer DIR`,
 * `--json` (print one JSON line `{url, origin}` for tests), `--no-open`.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultUserDataDir } from '../app-paths';
import { createCore } from '../composition-root';
import { createLogger } from '../logger';
import { webHostDownloadsFolder } from './downloads-folder';
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
    await mkdir(dataDir, { recursive: true });
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
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ url: host.url, origin: host.origin })}\n`);
  } else {
    process.stdout.write(`Autolab Desktop is running at ${host.url}\n`);
    if (!values['no-open'] && !process.env.CI) {
      const opened = await openInSystemBrowser(host.url);
      if (!opened) process.stdout.write('Open that address in your browser (no browser could be started from here).\n');
    }
    process.stdout.write('Press Ctrl+C to quit.\n');
  }
  const stop = async () => {
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
