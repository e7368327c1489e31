/**
 * Open a URL in the system browser from plain Node (the web host's `Platform`).
 *
 * Only `http:` and `https:` URLs are opened; the command gets the URL as one
 * argument (no shell), so a crafted URL cannot run anything.
 */
import { spawn } from 'node:child_process';

/** The opener command for this OS. */
function opener(platform: NodeJS.Platform): { cmd: string; args: string[] } {
  if (platform === 'darwin') return { cmd: 'open', args: [] };
  if (platform === 'win32') return { cmd: 'rundll32', args: ['url.dll,FileProtocolHandler'] };
  return { cmd: 'xdg-open', args: [] };
}

/** Open `url`; resolves false when no browser could be started. */
export function openInSystemBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.resolve(false);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return Promise.resolve(false);
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
