/**
 * Where the app keeps its non-secret data when no Electron `app` is at hand.
 *
 * Matches Electron's `app.getPath('userData')` (appData + productName) so the
 * web host and the Electron shell share settings and cache on one machine.
 */
import os from 'node:os';
import path from 'node:path';

/** The product name, also the user-data folder name. */
export const PRODUCT_NAME = 'Autolab Desktop';

/** The per-user data folder for this OS. */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}
