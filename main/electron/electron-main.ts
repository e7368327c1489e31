/**
 * The Electron shell: app lifecycle, the hardened window, IPC registration.
 *
 * Everything else lives in the plain-Node core (`createCore`). Hardening
 * follows Electron's security checklist (design.md "Electron hardening"):
 * context isolation, sandbox, no node integration, CSP (in index.html), no
 * window.open, no navigation, no webviews, every permission denied, and
 * IPC only from our own top frame.
 */
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, type IpcMainInvokeEvent, type WebContents } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { channels, EVENT_CHANNEL } from '../../preload/contract';
import { FILE_GRANT_CHANNEL } from '../../preload/bridge-names';
import { createCore, type Core } from '../composition-root';
import { isTrustedSenderUrl } from '../ipc/trusted-sender';
import { createLogger } from '../logger';
import { UserError } from '../user-error';
import { BackgroundShell } from './background-shell';
import { createElectronPlatform } from './electron-platform';

const log = createLogger();
const rendererEntry = path.join(__dirname, '..', 'renderer', 'index.html');
const entryUrl = pathToFileURL(rendererEntry).href;
const ourWindows = new Set<WebContents>();
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
const background = new BackgroundShell({ get: () => mainWindow, create: () => (mainWindow = createWindow()) });

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1180,
    height: 780,
    minWidth: 720,
    minHeight: 520,
    title: 'Autolab Desktop',
    show: false,
    backgroundColor: '#101418',
    webPreferences: {
      preload: path.join(__dirname, '..', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // A middle click must not open a link in a new window (Electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const contents = win.webContents;
  ourWindows.add(contents);
  contents.once('destroyed', () => ourWindows.delete(contents));
  win.once('ready-to-show', () => win.show());
  win.once('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  background.keepInTray(win, () => core);
  void win.loadFile(rendererEntry);
  return win;
}

function registerIpc(c: Core): void {
  const trusted = (event: IpcMainInvokeEvent) =>
    ourWindows.has(event.sender) && event.senderFrame !== null && event.senderFrame.parent === null && isTrustedSenderUrl(event.senderFrame.url, entryUrl);
  for (const channel of Object.keys(channels)) {
    ipcMain.handle(channel, (event, input: unknown) => c.router.dispatch(channel, input, { trusted: trusted(event) }));
  }
  // The preload registers the path of a File the user dropped or picked (issue 11 item 2).
  ipcMain.handle(FILE_GRANT_CHANNEL, async (event, filePath: unknown) => {
    if (!trusted(event) || typeof filePath !== 'string' || filePath.length > 4096) return false;
    return c.grantedFiles.grant(filePath).then(
      () => true,
      () => false,
    );
  });
  c.events.attach((event, payload) => {
    // A crashed or closing renderer may not have said 'destroyed' yet; sending to it throws.
    for (const contents of ourWindows) if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event, payload);
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  // A second launch or a dock click brings back the window, also when it is hidden in the tray.
  app.on('second-instance', () => core && background.open(core, null));
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-frame-navigate', (event) => event.preventDefault()); // subframes too
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => core && background.open(core, null));
  let stopped = false;
  app.on('will-quit', (event) => {
    background.dispose();
    if (!core || stopped) return;
    // Let the core stop its watcher and save before the process ends, then quit for real.
    event.preventDefault();
    stopped = true;
    const timeout = new Promise((resolve) => setTimeout(resolve, 5000).unref());
    void Promise.race([core.dispose(), timeout])
      .catch((err: unknown) => log.error('core did not stop cleanly', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => app.quit());
  });

  void app.whenReady().then(start).catch((err: unknown) => {
    log.error('the core could not start', { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    // A UserError (another instance holds the data folder, a full disk…) already is the sentence to show.
    const sentence = err instanceof UserError ? err.message : 'Its data could not be loaded. Check that your user folder is writable and has free space, then start Autolab Desktop again.';
    dialog.showErrorBox('Autolab Desktop could not start', sentence);
    app.exit(1);
  });
}

/** Once Electron is ready: deny permissions, start the core, register IPC, open the window and the tray. */
async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  core = await createCore({
    platform: createElectronPlatform({ open: (target) => background.open(core, target), setUnseenCount: (n) => background.setUnseen(n) }),
    dataDir: app.getPath('userData'),
    version: app.getVersion(),
    log,
    // Keychain first (keytar); Electron's safeStorage ciphertext when it is unavailable (design.md "Secrets").
    secrets: { safeStorage },
  });
  registerIpc(core);
  mainWindow = createWindow();
  background.attach(core);
}
