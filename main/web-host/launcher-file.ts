/**
 * The launcher page `npm start` opens (issue 11 item 1).
 *
 * The browser opener gets the path of a file, never a URL with a secret, so
 * `/proc/<pid>/cmdline` shows nothing reusable. The file sits in a fresh
 * private folder (0700) and is itself 0600; it holds a single-use ticket that
 * expires within a minute, and is deleted when the host stops.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A written launcher file. */
export interface LauncherFile {
  /** `file:///…/open-autolab-desktop.html` */
  fileUrl: string;
  path: string;
  /** Delete the file and its folder. */
  remove(): Promise<void>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Write a page that sends the browser to `launchUrl` (origin + `#ticket=…`).
 *
 * @throws when the temp folder cannot be written.
 */
export async function writeLauncherFile(launchUrl: string): Promise<LauncherFile> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'autolab-desktop-launch-'));
  const file = path.join(dir, 'open-autolab-desktop.html');
  const href = escapeHtml(launchUrl);
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0;url=${href}">
<title>Opening Autolab Desktop…</title></head>
<body><p><a href="${href}">Open Autolab Desktop</a> (this link works once, within a minute).</p>
<script>location.replace(${JSON.stringify(launchUrl).replace(/</g, '\\u003c')});</script>
</body></html>
`;
  await writeFile(file, html, { mode: 0o600, flag: 'wx' });
  return {
    fileUrl: pathToFileURL(file).href,
    path: file,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
