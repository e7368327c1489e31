/**
 * The Electron shell: app lifecycle, the hardened window, IPC registration.
 *
 * Everything else lives in the plain-Node core (`createCore`). Hardening
 * follows Electron's security checklist (design.md "Electron hardening"):
 * context isolation, sandbox, no node integration, CSP (in index.html), no
 * window.open, no navigation, no webviews, every permission denied, and
 * IPC only from our own top frame.
 */
import { app, BrowserWindow, ipcMain, safeStorage, session, type WebContents } from 'electron';
import path from 'node:path';
import { channels, EVENT_CHANNEL } from '../../preload/contract';
import { createCore, type Core } from '../composition-root';
import { isTrustedSenderUrl } from '../ipc/trusted-sender';
import { createLogger } from '../logger';
import { BackgroundShell } from './background-shell';
import { createElectronPlatform } from './electron-platform';

const log = createLogger();
const rendererEntry = path.join(__dirname, '..', 'renderer', 'index.html');
const entryUrl = new URL(`file://${rendererEntry.replace(/\\/g, '/')}`).href;
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
  for (const channel of Object.keys(channels)) {
    ipcMain.handle(channel, (event, input: unknown) =>
      c.router.dispatch(channel, input, {
        trusted: ourWindows.has(event.sender) && event.senderFrame !== null && event.senderFrame.parent === null && isTrustedSenderUrl(event.senderFrame.url, entryUrl),
      }),
    );
  }
  c.events.attach((event, payload) => {
    for (const contents of ourWindows) contents.send(EVENT_CHANNEL, event, payload);
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  app.on('will-quit', () => {
    background.dispose();
    void core?.dispose();
  });

  void app.whenReady().then(async () => {
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
  });
}
