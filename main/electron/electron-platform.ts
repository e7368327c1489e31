/**
 * The `Platform` of the Electron shell.
 *
 * One of the few files that import `electron` (design.md "A thin Electron
 * shell"): the system browser, folder and save dialogs, native notifications
 * (issue 6), the unseen count on the tray, power events and login items.
 */
import { app, BrowserWindow, dialog, Notification, powerMonitor, shell } from 'electron';
import type { NotificationTarget, OpenedxTarget } from '../../preload/contract';
import type { Platform } from '../platform';

/** What the shell does when a native notification is clicked, and where the unseen count goes. */
export interface ElectronPlatformHooks {
  /** Focus the window and open `target` (null: just show the app), or an Open edX course. */
  open(target: NotificationTarget | null, openedx?: OpenedxTarget): void;
  setUnseenCount(count: number): void;
}

/** Build the Electron platform. */
export function createElectronPlatform(hooks: ElectronPlatformHooks): Platform {
  const shown = new Set<Notification>(); // keep references so clicks still arrive
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
    async chooseSaveFile(defaultName) {
      const options: Electron.SaveDialogOptions = { title: 'Save deadlines calendar', defaultPath: defaultName, filters: [{ name: 'Calendar', extensions: ['ics'] }] };
      const parent = BrowserWindow.getFocusedWindow();
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
    showNotification(n) {
      if (!Notification.isSupported()) return;
      const note = new Notification({ title: n.title, body: n.body, silent: false });
      shown.add(note);
      note.on('click', () => (n.openedx ? hooks.open(n.target, n.openedx) : hooks.open(n.target)));
      note.on('close', () => shown.delete(note));
      note.show();
    },
    setUnseenCount: (count) => hooks.setUnseenCount(count),
    onPowerChange(listener) {
      const suspend = () => listener('suspend');
      const resume = () => listener('resume');
      powerMonitor.on('suspend', suspend);
      powerMonitor.on('resume', resume);
      return () => {
        powerMonitor.off('suspend', suspend);
        powerMonitor.off('resume', resume);
      };
    },
    showInFolder(file) {
      shell.showItemInFolder(file);
    },
    setStartAtLogin(on) {
      app.setLoginItemSettings({ openAtLogin: on });
    },
  };
}
