/**
 * The `Platform` of the Electron shell.
 *
 * One of the few files that import `electron` (design.md "A thin Electron
 * shell").
 */
import { BrowserWindow, dialog, shell } from 'electron';
import type { Platform } from '../platform';

/** Build the Electron platform. */
export function createElectronPlatform(): Platform {
  return {
    kind: 'electron',
    async openExternal(url) {
      try {
        const parsed = new URL(url);
        if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
        await shell.openExternal(parsed.href);
        return true;
      } catch {
        return false;
      }
    },
    async chooseFolder() {
      const options: Electron.OpenDialogOptions = { title: 'Save to folder', buttonLabel: 'Save here', properties: ['openDirectory', 'createDirectory'] };
      const parent = BrowserWindow.getFocusedWindow();
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
