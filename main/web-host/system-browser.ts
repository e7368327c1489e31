/**
 * Open a URL in the system browser from plain Node (the web host's `Platform`).
 *
 * Only `http:` and `https:` URLs are opened (and `file:` for the web host's
 * own launcher page, when asked); the command gets the URL as one argument
 * (no shell), so a crafted URL cannot run anything. Never pass a URL holding
 * a reusable secret: process arguments are readable by every local user
 * (`/proc/<pid>/cmdline`).
 */
import { spawn } from 'node:child_process';

/** The opener command for this OS. */
function opener(platform: NodeJS.Platform): { cmd: string; args: string[] } {
  if (platform === 'darwin') return { cmd: 'open', args: [] };
  if (platform === 'win32') return { cmd: 'rundll32', args: ['url.dll,FileProtocolHandler'] };
  return { cmd: 'xdg-open', args: [] };
}

/** Open `url`; resolves false when no browser could be started. `allowFile` admits a `file:` URL. */
export function openInSystemBrowser(url: string, platform: NodeJS.Platform = process.platform, opts: { allowFile?: boolean } = {}): Promise<boolean> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.resolve(false);
  }
  const fileOk = opts.allowFile === true && parsed.protocol === 'file:';
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:' && !fileOk) return Promise.resolve(false);
  const { cmd, args } = opener(platform);
  return new Promise((resolve) => {
    try {
      const child = spawn(cmd, [...args, parsed.href], { stdio: 'ignore', detached: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
